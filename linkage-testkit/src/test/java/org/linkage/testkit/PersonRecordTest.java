package org.linkage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;
import org.linkage.record.RecordTable;

class PersonRecordTest {
  private static final LinkageSpec PERSON = LinkageSpec.personDefaults();

  @Test
  void with_emptyOrNullValue_unsetsColumn() {
    PersonRecord r = PersonRecord.of("E1").forename("Ann").surname("Smith");
    assertThat(r.surname("").values()).containsOnlyKeys("forename");
    assertThat(r.without("forename").values()).containsOnlyKeys("surname");
    assertThat(r.values()).containsOnlyKeys("forename", "surname");
  }

  @Test
  void withId_sameValues_newId() {
    PersonRecord r = PersonRecord.of("E1").forename("Ann").withId("L1");
    assertThat(r.id()).isEqualTo("L1");
    assertThat(r.value("forename")).isEqualTo("Ann");
  }

  @Test
  void table_personRecords_valuesInSpecColumnOrder() {
    RecordTable t = PersonRecord.table(PERSON, "left record", List.of(
      PersonRecord.of("E1").forename("Ann").dob("1990-01-02").nino("AB123456C"),
      PersonRecord.of("E2").surname("Smith")));
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.columns()).isEqualTo(PERSON.columns());
    assertThat(t.id(0)).isEqualTo("E1");
    assertThat(t.value(t.columnIndex("forename"), 0)).isEqualTo("Ann");
    assertThat(t.value(t.columnIndex("dob"), 0)).isEqualTo("1990-01-02");
    assertThat(t.value(t.columnIndex("surname"), 0)).isNull();
    assertThat(t.value(t.columnIndex("surname"), 1)).isEqualTo("Smith");
    assertThat(t.line(1)).isEqualTo(2);
  }

  @Test
  void table_misspeltColumn_failsNamingColumnAndSpecColumns() {
    PersonRecord r = PersonRecord.of("E1").with("forname", "Ann");
    assertThatThrownBy(() -> PersonRecord.table(PERSON, "left record", List.of(r)))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("record E1 sets column(s) [forname]")
      .hasMessageContaining("forename, middle_name, surname");
  }

  @Test
  void of_emptyId_fails() {
    assertThatThrownBy(() -> PersonRecord.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
