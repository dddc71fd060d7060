package org.linkage.internal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.TestTables;
import org.linkage.record.RecordTable;
import org.linkage.spec.TrainingSpec;

class TrainingOptionsTest {
  private static final RecordTable[] PAIR = population(1_500, 3);

  /** People on the left, most of them again on the right with a few typos and missing values. */
  private static RecordTable[] population(int n, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    String[] forenames = {"james", "john", "olivia", "amelia", "jack", "emily", "harry", "sophie", "noah", "grace"};
    String[] surnames = {"smith", "jones", "patel", "khan", "brown", "taylor", "wilson", "evans", "wright", "hall"};
    RecordTable.Builder l = RecordTable.builder("left.csv", TestTables.PERSON);
    RecordTable.Builder r = RecordTable.builder("right.csv", TestTables.PERSON);
    for (int i = 0; i < n; i++) {
      String[] p = {forenames[rnd.nextInt(10)], null, surnames[rnd.nextInt(10)],
          String.format("%d-%02d-%02d", 1985 + rnd.nextInt(20), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
          rnd.nextBoolean() ? "m" : "f", "LS" + (1 + rnd.nextInt(20)) + " " + rnd.nextInt(10) + "AB",
          rnd.nextInt(3) == 0 ? String.format("AB%06dC", i) : null};
      l.add("L" + i, p, i + 2);
      if (rnd.nextDouble() < 0.9) {
        String[] q = p.clone();
        q[rnd.nextInt(6)] = null;
        r.add("R" + i, q, i + 2);
      }
    }
    return new RecordTable[] {l.build(), r.build()};
  }

  private static Training.Outcome train(TrainingSpec training) {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().training(training).build();
    return Linker.create(spec).withThreads(2).train(PAIR[0], PAIR[1]);
  }

  @Test
  void train_rulesListed_onlyThoseRulesRunEm() {
    Training.Outcome out = train(new TrainingSpec(200_000, 100, 1e-6, false, List.of("nino", "dob_sex_forename_initial")));
    assertThat(out.report().ruleRuns()).extracting(TrainingReport.RuleRun::rule)
        .containsExactly("nino", "dob_sex_forename_initial");
  }

  @Test
  void train_estimateU_changesUFromTheSampledEstimate() {
    Training.Outcome fixed = train(new TrainingSpec(200_000, 100, 1e-6));
    Training.Outcome free = train(new TrainingSpec(200_000, 100, 1e-6, true, List.of()));
    // dob is estimated on several rules' pairs; with u free, its exact-level u is re-estimated there
    int dob = 3;
    assertThat(free.model().comparisons().get(dob).u(1))
        .isNotEqualTo(fixed.model().comparisons().get(dob).u(1));
    assertThat(fixed.model().comparisons().get(dob).u(1)).isLessThan(0.01);
  }

  @Test
  void spec_unknownTrainingRule_rejected() {
    assertThatThrownBy(() -> LinkageSpec.personDefaults().toBuilder()
        .training(new TrainingSpec(1000, 10, 1e-3, false, List.of("no_such_rule"))).build())
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("training rule no_such_rule");
  }

  @Test
  void spec_trainingOptions_roundTripThroughJson() {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder()
        .training(new TrainingSpec(5000, 50, 1e-5, true, List.of("nino"))).build();
    assertThat(LinkageSpec.fromJson(spec.toJson()).training()).isEqualTo(spec.training());
  }

  @Test
  void train_healthyData_noCollapseWarnings() {
    Training.Outcome out = train(new TrainingSpec(200_000, 100, 1e-6));
    assertThat(out.report().warnings()).noneMatch(w -> w.contains("collapsed to ~1"));
  }

  @Test
  void train_constantColumn_warnsThatUCollapsed() {
    // every record has the same sex: agreement on it says nothing, and training should say so
    RecordTable[] constant = population(800, 5);
    RecordTable left = withSex(constant[0]);
    RecordTable right = withSex(constant[1]);
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().training(new TrainingSpec(100_000, 100, 1e-6)).build();
    Training.Outcome out = Linker.create(spec).withThreads(1).train(left, right);
    assertThat(out.report().warnings()).anyMatch(w -> w.contains("comparison sex level exact: u collapsed to ~1"));
  }

  private static RecordTable withSex(RecordTable t) {
    RecordTable.Builder b = RecordTable.builder(t.source(), t.columns());
    int sex = t.columnIndex("sex");
    for (int row = 0; row < t.size(); row++) {
      String[] values = new String[t.columns().size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = c == sex ? "f" : t.value(c, row);
      }
      b.add(t.id(row), values, t.line(row));
    }
    return b.build();
  }
}
