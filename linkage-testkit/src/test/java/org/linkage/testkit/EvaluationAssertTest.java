package org.linkage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.testkit.junit.GeneratedPopulation;
import org.opentest4j.AssertionFailedError;

class EvaluationAssertTest {
  private static PopulationTables pop;
  private static LinkageResult result;

  @BeforeAll
  static void link(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables population) {
    pop = population;
    LinkageSpec spec = LinkageSpec.personDefaults();
    result = Linker.create(spec).link(pop.education(), pop.labour(), pop.modelFor(spec));
  }

  @Test
  void against_defaultSpecOnGeneratedPopulation_meetsTargets() {
    EvaluationAssert quality = LinkageAssertions.assertThat(result).against(pop.truth())
      .hasPrecisionAtLeast(0.995).hasRecallAtLeast(0.98).hasF1AtLeast(0.99);
    assertThat(quality.evaluation().truePositives()).isEqualTo(result.links().size());
  }

  @Test
  void hasPrecisionAtLeast_fixedCounts_failsWithMetricBoundAndSummary() {
    assertThatThrownBy(() -> LinkageAssertions.assertThat(new Evaluation(90, 10, 5)).hasRecallAtLeast(0.9)
        .hasPrecisionAtLeast(0.95))
      .isInstanceOf(AssertionFailedError.class)
      .hasMessage("expected precision at least 0.9500, but it is 0.9000%n"
        + "  precision 0.9000  recall 0.9474  F1 0.9231  (TP 90, FP 10, FN 5)", new Object[0]);
  }

  @Test
  void hasF1AtLeast_fixedCounts_failsNamingF1() {
    assertThatThrownBy(() -> LinkageAssertions.assertThat(new Evaluation(90, 10, 5)).hasF1AtLeast(0.93))
      .isInstanceOf(AssertionFailedError.class)
      .hasMessageStartingWith("expected F1 at least 0.9300, but it is 0.9231");
  }

  @Test
  void hasRecallAtLeast_missedPairs_failsListingFirstMissedPairsWithProbabilities() {
    Evaluation e = LinkageAssertions.assertThat(result).against(pop).evaluation();
    assertThat(e.falseNegatives()).isGreaterThan(5);
    assertThatThrownBy(() -> LinkageAssertions.assertThat(result).against(pop).hasRecallAtLeast(0.999))
      .isInstanceOf(AssertionFailedError.class)
      .hasMessageStartingWith(String.format(Locale.ROOT, "expected recall at least 0.9990, but it is %.4f%n  %s",
        e.recall(), e.summary()))
      .hasMessageContaining("missed true pairs (first 5 of " + e.falseNegatives() + "):")
      .hasMessageMatching("(?s).*\\n    E\\d{7} -> L\\d{7}  match probability 0\\.\\d{4}\\n.*")
      .hasMessageNotContaining("false positives");
  }

  @Test
  void hasPrecisionAtLeast_linksOutsideTruth_failsListingFalsePositives() {
    // The truth is exactly the links, minus two: those two become false positives, nothing is missed.
    Set<PairSet.Pair> truth = new HashSet<>();
    result.links().forEach(l -> truth.add(new PairSet.Pair(l.leftId(), l.rightId())));
    Link first = result.links().get(0);
    Link second = result.links().get(1);
    truth.remove(new PairSet.Pair(first.leftId(), first.rightId()));
    truth.remove(new PairSet.Pair(second.leftId(), second.rightId()));
    int tp = truth.size();
    assertThatThrownBy(() -> LinkageAssertions.assertThat(result).against(PairSet.of(truth)).hasPrecisionAtLeast(1.0))
      .isInstanceOf(AssertionFailedError.class)
      .hasMessageStartingWith(String.format(Locale.ROOT, "expected precision at least 1.0000, but it is %.4f",
        tp / (tp + 2.0)))
      .hasMessageContaining("(TP " + tp + ", FP 2, FN 0)")
      .hasMessageContaining(String.format(Locale.ROOT, "false positives (first 2 of 2):%n    %s -> %s  %s, match probability",
        first.leftId(), first.rightId(), first.method()))
      .hasMessageNotContaining("missed true pairs");
  }

  @Test
  void hasRecallAtLeast_boundOutsideUnitInterval_throwsIllegalArgument() {
    assertThatThrownBy(() -> LinkageAssertions.assertThat(new Evaluation(1, 0, 0)).hasRecallAtLeast(-0.1))
      .isInstanceOf(IllegalArgumentException.class).hasMessage("min must be in [0, 1]: -0.1");
  }
}
