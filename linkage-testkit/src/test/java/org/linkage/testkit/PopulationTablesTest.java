package org.linkage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.testkit.generate.Population;
import org.linkage.testkit.junit.GeneratedPopulation;

class PopulationTablesTest {
  private static final LinkageSpec PERSON = LinkageSpec.personDefaults();

  @Test
  void education_personDefaults_sameRowsAsPopulation(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    Population raw = pop.population();
    RecordTable left = pop.education();
    assertThat(left.size()).isEqualTo(raw.education().size());
    assertThat(left.columns()).isEqualTo(PERSON.columns());
    assertThat(left.source()).isEqualTo("education.csv");
    for (int r : new int[] {0, raw.education().size() / 2, raw.education().size() - 1}) {
      String[] row = raw.education().get(r);
      assertThat(left.id(r)).isEqualTo(row[0]);
      assertThat(left.line(r)).isEqualTo(r + 2);
      for (int c = 0; c < PERSON.columns().size(); c++) {
        String v = row[raw.educationHeader().indexOf(PERSON.columns().get(c).source())];
        assertThat(left.value(c, r)).as("row %s column %s", r, c).isEqualTo(missingAsNull(v));
      }
    }
    assertThat(pop.labour().size()).isEqualTo(raw.labour().size());
    assertThat(pop.labour().id(0)).isEqualTo(raw.labour().get(0)[0]);
    assertThat(pop.education()).isSameAs(left);
  }

  @Test
  void truth_defaultMode_everyTruthRow(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    assertThat(pop.truth().size()).isEqualTo(pop.population().truth().size());
    String[] first = pop.population().truth().get(0);
    assertThat(pop.truth().contains(first[0], first[1])).isTrue();
  }

  @Test
  void education_specColumnWithUnknownSource_failsNamingColumnAndHeader(
      @GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    List<ColumnSpec> columns = new ArrayList<>(PERSON.columns());
    columns.set(0, new ColumnSpec("forename", "given_name", ColumnType.NAME, null));
    LinkageSpec febrlLike = PERSON.toBuilder().columns(columns).build();
    assertThatThrownBy(() -> pop.education(febrlLike))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("education.csv has no column for forename (source given_name)")
      .hasMessageContaining("id,forename,middle_name,surname,dob");
  }

  @Test
  void modelFor_specsDifferingInThresholdOnly_shareOneModel(
      @GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    assertThat(pop.modelFor(PERSON.toBuilder().threshold(0.99).build())).isSameAs(pop.modelFor(PERSON));
    assertThat(pop.modelFor(PERSON).comparisons()).hasSize(PERSON.comparisons().size());
  }

  @Test
  void educationRecord_generatedId_personColumnsOfThatRow(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    String[] row = pop.population().education().get(5);
    PersonRecord r = pop.educationRecord(row[0]);
    assertThat(r.id()).isEqualTo(row[0]);
    assertThat(r.value("forename")).isEqualTo(missingAsNull(row[1]));
    assertThat(r.value("dob")).isEqualTo(missingAsNull(row[4]));
    assertThat(r.values()).doesNotContainKey("source");
    assertThatThrownBy(() -> pop.labourRecord("L-none")).hasMessage("no labour record with id L-none");
  }

  private static String missingAsNull(String v) {
    return v == null || v.isEmpty() ? null : v;
  }
}
