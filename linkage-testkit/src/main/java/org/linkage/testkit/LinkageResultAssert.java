package org.linkage.testkit;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.linkage.LinkageResult;
import org.linkage.Link;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

/**
 * Assertions about a {@link LinkageResult}; obtained from {@link LinkageAssertions#assertThat(LinkageResult)}.
 * Immutable and thread-safe.
 */
public final class LinkageResultAssert {
  private final LinkageResult result;

  LinkageResultAssert(LinkageResult result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  /**
   * Evaluates the result's links pairwise against {@code truth} (every true (left, right) pair);
   * the returned assertions check the metrics and, on failure, list example false positives and
   * missed matches.
   */
  public EvaluationAssert against(PairSet truth) {
    Objects.requireNonNull(truth, "truth");
    Set<PairSet.Pair> linked = new HashSet<>();
    for (Link l : result.links()) {
      linked.add(new PairSet.Pair(l.leftId(), l.rightId()));
    }
    return new EvaluationAssert(Evaluation.of(PairSet.of(linked), truth), result, truth);
  }

  /** Shorthand for {@code against(population.truth())}. */
  public EvaluationAssert against(PopulationTables population) {
    return against(population.truth());
  }
}
