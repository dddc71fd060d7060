package org.linkage.testkit;

import org.linkage.LinkageResult;
import org.linkage.Linker;
import org.linkage.eval.Evaluation;
import org.linkage.model.FellegiSunterModel;
import org.linkage.testkit.bench.HarnessResults;

/**
 * Entry points of the fluent assertions for linkage rules. Failures throw
 * {@link org.opentest4j.AssertionFailedError}, which JUnit 5 (and most IDEs) report as a test failure;
 * the message says which pair or metric fell short and why.
 *
 * <pre>{@code
 * import static org.linkage.testkit.LinkageAssertions.assertThat;
 *
 * assertThat(linker).usingModel(model)
 *     .links(ann, annAtWork).withProbabilityAtLeast(0.9)
 *     .and().doesNotLink(twinA, twinB);
 * assertThat(result).against(population.truth()).hasPrecisionAtLeast(0.995).hasRecallAtLeast(0.98);
 * assertThat(benchmark).isNotSignificantlyWorse("candidate", "current");
 * }</pre>
 *
 * <p>Static methods only; the assertion objects are immutable and thread-safe.
 */
public final class LinkageAssertions {
  private LinkageAssertions() {}

  /** Assertions about how {@code linker} decides single pairs of records. */
  public static LinkerAssert assertThat(Linker linker) {
    return new LinkerAssert(linker, null);
  }

  /** Assertions about a run's links, to be compared with a truth ({@link LinkageResultAssert#against}). */
  public static LinkageResultAssert assertThat(LinkageResult result) {
    return new LinkageResultAssert(result);
  }

  /** Assertions about a trained model's parameters, to be measured on data with known truth ({@link ModelAssert#against}). */
  public static ModelAssert assertThat(FellegiSunterModel model) {
    return new ModelAssert(model, null);
  }

  /** Assertions about a strategy benchmark: significance between strategies, interval bounds. */
  public static BenchAssert assertThat(HarnessResults results) {
    return new BenchAssert(results);
  }

  /** Assertions about an evaluation computed elsewhere. */
  public static EvaluationAssert assertThat(Evaluation evaluation) {
    return new EvaluationAssert(evaluation, null, null);
  }
}
