package org.linkage.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a model is trained. Immutable, thread-safe.
 *
 * @param uSampleSize random pairs drawn to estimate u
 * @param maxIterations EM iteration cap
 * @param tolerance EM stops when no parameter moves more than this
 */
public record TrainingSpec(long uSampleSize, int maxIterations, double tolerance) {
  public TrainingSpec {
    checkArgument(uSampleSize > 0, "u sample size must be positive: %s", uSampleSize);
    checkArgument(maxIterations > 0, "EM iteration cap must be positive: %s", maxIterations);
    checkArgument(tolerance > 0 && tolerance < 0.1, "EM tolerance must be in (0, 0.1): %s", tolerance);
  }

  /** One million random pairs for u; EM up to 200 iterations, tolerance 1e-6. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(1_000_000, 200, 1e-6);
  }
}
