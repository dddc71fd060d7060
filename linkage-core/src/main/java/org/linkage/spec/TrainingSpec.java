package org.linkage.spec;

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
 * @param rules names of the blocking rules whose pairs m is trained on by EM; empty means every rule
 * @param mMethod how m is estimated: {@link MMethod#SEED_LINKS} (default) or {@link MMethod#EM}
 */
public record TrainingSpec(long uSampleSize, int maxIterations, double tolerance, boolean estimateU,
    List<String> rules, MMethod mMethod) implements java.io.Serializable {
  /** How m is estimated. */
  public enum MMethod {
    /**
     * From high-confidence links (default): for each comparison, the level shares among candidate
     * pairs that every other comparison makes certain; EM per blocking rule only for comparisons
     * with too few such links. See {@code docs/concepts.md}.
     */
    SEED_LINKS,
    /** EM per blocking rule on the candidate pairs sharing its key (Splink's method). */
    EM
  }

  /** Checks every setting is in range; copies the rule list. */
  public TrainingSpec {
    checkArgument(uSampleSize > 0, "u sample size must be positive: %s", uSampleSize);
    checkArgument(maxIterations > 0, "EM iteration cap must be positive: %s", maxIterations);
    checkArgument(tolerance > 0 && tolerance < 0.1, "EM tolerance must be in (0, 0.1): %s", tolerance);
    rules = rules == null ? ImmutableList.of() : ImmutableList.copyOf(rules);
    mMethod = mMethod == null ? MMethod.SEED_LINKS : mMethod;
  }

  /** The given settings with m from seed links. */
  public TrainingSpec(long uSampleSize, int maxIterations, double tolerance, boolean estimateU, List<String> rules) {
    this(uSampleSize, maxIterations, tolerance, estimateU, rules, MMethod.SEED_LINKS);
  }

  /** u fixed at its sampled estimate, trained on every blocking rule. */
  public TrainingSpec(long uSampleSize, int maxIterations, double tolerance) {
    this(uSampleSize, maxIterations, tolerance, false, List.of(), MMethod.SEED_LINKS);
  }

  /** One million random pairs for u; m from seed links (EM up to 200 iterations, tolerance 1e-6 where needed); u fixed. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(1_000_000, 200, 1e-6);
  }

  /** A copy with another m method. */
  public TrainingSpec withMMethod(MMethod method) {
    return new TrainingSpec(uSampleSize, maxIterations, tolerance, estimateU, rules, method);
  }

  /** True when m is trained on the pairs of the blocking rule named {@code rule}. */
  public boolean trainsOn(String rule) {
    return rules.isEmpty() || rules.contains(rule);
  }
}
