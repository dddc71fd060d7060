package org.linkage.train;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * How a model is trained. Immutable, thread-safe.
 *
 * @param uSampleSize random pairs drawn to estimate u
 * @param maxIterations EM iteration cap
 * @param tolerance EM stops when no parameter moves more than this
 * @param estimateU {@code false} (default): u stays at its random-sampling estimate while EM
 *     estimates m (Splink's default); {@code true}: EM estimates u as well, on each training rule's
 *     pairs (fastLink's way), and the model's u is their average weighted by expected non-matches
 * @param rules names of the blocking rules whose pairs m is trained on; empty means every rule
 */
public record TrainingSpec(long uSampleSize, int maxIterations, double tolerance, boolean estimateU,
    List<String> rules) {
  /** Checks every setting is in range; copies the rule list. */
  public TrainingSpec {
    checkArgument(uSampleSize > 0, "u sample size must be positive: %s", uSampleSize);
    checkArgument(maxIterations > 0, "EM iteration cap must be positive: %s", maxIterations);
    checkArgument(tolerance > 0 && tolerance < 0.1, "EM tolerance must be in (0, 0.1): %s", tolerance);
    rules = rules == null ? ImmutableList.of() : ImmutableList.copyOf(rules);
  }

  /** u fixed at its sampled estimate, trained on every blocking rule. */
  public TrainingSpec(long uSampleSize, int maxIterations, double tolerance) {
    this(uSampleSize, maxIterations, tolerance, false, List.of());
  }

  /** One million random pairs for u; EM up to 200 iterations, tolerance 1e-6; u fixed; every rule. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(1_000_000, 200, 1e-6);
  }

  /** True when m is trained on the pairs of the blocking rule named {@code rule}. */
  public boolean trainsOn(String rule) {
    return rules.isEmpty() || rules.contains(rule);
  }
}
