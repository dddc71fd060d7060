package org.linkage.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.linkage.testkit.LinkageAssertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.bench.BenchDataset;
import org.linkage.testkit.bench.HarnessResults;
import org.linkage.testkit.bench.Strategy;
import org.linkage.testkit.bench.StrategyHarness;
import org.linkage.testkit.generate.GeneratorSpec;
import org.opentest4j.AssertionFailedError;

/**
 * The worked example of docs/benchmarks.md: a strategy benchmark kept as a test. The current spec,
 * a candidate that moves the threshold a little, and one that drops the probabilistic pass, on a
 * generated sample (a team would use its own labelled sample through {@link BenchDataset#csv}).
 */
class StrategyBenchmarkTest {
  static final LinkageSpec CURRENT = LinkageSpec.personDefaults();
  static final LinkageSpec CANDIDATE = CURRENT.toBuilder().threshold(0.75).build();
  static final LinkageSpec CASCADE_ONLY = CURRENT.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build();

  static HarnessResults results;

  @BeforeAll
  static void benchmark() {
    PopulationTables sample = PopulationTables.generate(GeneratorSpec.builder().learners(2_000).seed(21).build());
    results = StrategyHarness.builder()
        .datasets(List.of(BenchDataset.of("labelled sample", sample)))
        .strategies(List.of(Strategy.of("current", CURRENT), Strategy.of("candidate", CANDIDATE),
            Strategy.of("cascade only", CASCADE_ONLY)))
        .seed(1).threads(2).replicates(300).build().run();
  }

  @Test
  void candidate_thresholdNudged_isNotSignificantlyWorseThanCurrent() {
    assertThat(results).isNotSignificantlyWorse("candidate", "current").hasF1LowerBoundAtLeast("candidate", 0.97);
  }

  @Test
  void cascadeOnly_dropsHundredsOfLinks_failsTheCheckWithTheEvidence() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> assertThat(results).isNotSignificantlyWorse("cascade only", "current"));
    assertThat(e.getMessage()).startsWith("expected cascade only not to be significantly worse than current")
        .contains("on labelled sample: F1 0.", "McNemar p = ");
  }

  @Test
  void hasF1LowerBoundAtLeast_unreachableBound_failsNamingTheInterval() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> assertThat(results).hasF1LowerBoundAtLeast("cascade only", 0.99));
    assertThat(e.getMessage()).contains("F1 interval of cascade only on labelled sample", "precision ");
    assertThrows(AssertionFailedError.class, () -> assertThat(results).hasF1LowerBoundAtLeast("nonexistent", 0.5));
  }
}
