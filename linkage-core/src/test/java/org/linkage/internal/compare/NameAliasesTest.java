package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class NameAliasesTest {

  private final NameAliases aliases = NameAliases.standard();

  @Test
  void standard_loadedTwice_isSameInstanceWithHundredsOfNames() {
    assertThat(NameAliases.standard()).isSameAs(aliases);
    assertThat(aliases.groupCount()).isGreaterThan(200);
    assertThat(aliases.nameCount()).isGreaterThan(500);
  }

  @Test
  void equivalent_commonDiminutives_areEquivalent() {
    assertThat(aliases.equivalent("william", "bill")).isTrue();
    assertThat(aliases.equivalent("Liam", "WILLIAM")).isTrue();
    assertThat(aliases.equivalent("billy", "will")).isTrue();
    assertThat(aliases.equivalent("robert", "bob")).isTrue();
    assertThat(aliases.equivalent("bobby", "rob")).isTrue();
    assertThat(aliases.equivalent("elizabeth", "betty")).isTrue();
    assertThat(aliases.equivalent("lizzie", "beth")).isTrue();
    assertThat(aliases.equivalent("margaret", "peggy")).isTrue();
    assertThat(aliases.equivalent("katherine", "katie")).isTrue();
    assertThat(aliases.equivalent(" kathy ", "kate")).isTrue();
  }

  @Test
  void equivalent_unrelatedNames_areNotEquivalent() {
    assertThat(aliases.equivalent("william", "robert")).isFalse();
    assertThat(aliases.equivalent("bill", "bob")).isFalse();
    assertThat(aliases.equivalent("zebedee", "william")).isFalse();
  }

  @Test
  void equivalent_sharedDiminutive_isNotTransitive() {
    assertThat(aliases.equivalent("albert", "al")).isTrue();
    assertThat(aliases.equivalent("alfred", "al")).isTrue();
    assertThat(aliases.equivalent("albert", "alfred")).isFalse();
  }

  @Test
  void equivalent_equalNamesOutsideTable_areEquivalentButBlankIsNot() {
    assertThat(aliases.equivalent("zebedee", "Zebedee")).isTrue();
    assertThat(aliases.equivalent("", " ")).isFalse();
  }

  @Test
  void groupsOf_nameInSeveralGroups_returnsSortedDistinctGroups() {
    int[] groups = aliases.groupsOf("al");
    assertThat(groups.length).isGreaterThanOrEqualTo(4);
    assertThat(groups).isSorted().doesNotHaveDuplicates();
    assertThat(NameAliases.shareGroup(groups, aliases.groupsOf("alfred"))).isTrue();
    assertThat(NameAliases.shareGroup(aliases.groupsOf("albert"), aliases.groupsOf("alfred"))).isFalse();
  }

  @Test
  void groupsOf_unknownName_isEmpty() {
    assertThat(aliases.groupsOf("qwxyz")).isEmpty();
  }

  @Test
  void groupsOf_returnedArray_cannotChangeTable() {
    int[] groups = aliases.groupsOf("bill");
    groups[0] = -1;
    assertThat(aliases.groupsOf("bill")[0]).isNotEqualTo(-1);
  }

  @Test
  void fromCsv_customTable_readsGroupsAndSkipsComments() throws IOException {
    NameAliases custom = NameAliases.fromCsv(new StringReader("# comment\n\nAnn, Annie ,nan\nnan,nanette\n"));
    assertThat(custom.groupCount()).isEqualTo(2);
    assertThat(custom.groupsOf("nan")).containsExactly(0, 1);
    assertThat(custom.equivalent("ann", "nan")).isTrue();
    assertThat(custom.equivalent("ann", "nanette")).isFalse();
  }

  @Test
  void fromCsv_singleNameGroup_throwsNamingTheLine() {
    assertThatThrownBy(() -> NameAliases.fromCsv(new StringReader("ann,annie\nbob\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
  }
}
