package org.linkage.testkit.bench;

import static com.google.common.base.Preconditions.checkArgument;

import org.linkage.eval.PairSet;

/**
 * McNemar's paired test of two strategies' links on the same data. Every pair that is a true pair
 * or a link of either strategy is a case; a strategy is right on a case if it links a true pair or
 * leaves a false one unlinked. Only discordant cases count: {@code b} where the first is right and
 * the second wrong, {@code c} the reverse. Under "equally good", b ~ Binomial(b + c, ½).
 *
 * <p>{@code b - c} is the second strategy's error count (false links + missed pairs) minus the
 * first's, so the test asks whether one makes significantly fewer errors — close to, but not the
 * same as, a better F1. With fewer than {@value #EXACT_BELOW} discordant cases the p-value is the
 * exact two-sided binomial one; otherwise the chi-square statistic with continuity correction
 * {@code (|b - c| - 1)² / (b + c)} on one degree of freedom. Stateless and thread-safe.
 */
public final class McNemar {
  /** Below this many discordant cases the exact binomial test is used. */
  public static final int EXACT_BELOW = 25;
  /** The significance level of {@link Result#significant()}. */
  public static final double ALPHA = 0.05;

  private McNemar() {}

  /**
   * One test's outcome.
   *
   * @param firstOnlyRight b: cases the first strategy gets right and the second wrong
   * @param secondOnlyRight c: cases the second gets right and the first wrong
   * @param pValue two-sided p-value
   * @param exact whether {@code pValue} is the exact binomial one (else chi-square)
   */
  public record Result(long firstOnlyRight, long secondOnlyRight, double pValue, boolean exact) {
    /** Whether the difference is significant at 5% ({@code pValue < 0.05}). */
    public boolean significant() {
      return pValue < ALPHA;
    }

    /** Whether the second strategy is significantly worse: significant and wrong more often. */
    public boolean secondSignificantlyWorse() {
      return significant() && firstOnlyRight > secondOnlyRight;
    }
  }

  /** Compares the links of two strategies against the truth. */
  public static Result test(PairSet first, PairSet second, PairSet truth) {
    PairCodes codes = new PairCodes();
    return test(codes.encode(first.pairs()), codes.encode(second.pairs()), codes.encode(truth.pairs()));
  }

  /** {@link #test(PairSet, PairSet, PairSet)} on sorted pair codes ({@link PairCodes}). */
  static Result test(long[] first, long[] second, long[] truth) {
    long b = 0;
    long c = 0;
    // a case is discordant only if exactly one strategy links it
    for (long p : first) {
      if (!PairCodes.contains(second, p)) {
        if (PairCodes.contains(truth, p)) {
          b++;
        } else {
          c++;
        }
      }
    }
    for (long p : second) {
      if (!PairCodes.contains(first, p)) {
        if (PairCodes.contains(truth, p)) {
          c++;
        } else {
          b++;
        }
      }
    }
    return of(b, c);
  }

  /** The test for discordant counts {@code b} and {@code c}. */
  public static Result of(long b, long c) {
    checkArgument(b >= 0 && c >= 0, "counts must not be negative: %s, %s", b, c);
    long n = b + c;
    if (n < EXACT_BELOW) {
      return new Result(b, c, exactTwoSided(b, c), true);
    }
    double d = Math.abs(b - c) - 1.0;
    double chi2 = Math.max(0, d) * Math.max(0, d) / n;
    return new Result(b, c, chiSquareOneDfSurvival(chi2), false);
  }

  /** 2 × P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1. */
  static double exactTwoSided(long b, long c) {
    int n = Math.toIntExact(b + c);
    long k = Math.min(b, c);
    double tail = 0;
    double coefficient = 1; // C(n, i)
    for (int i = 0; i <= k; i++) {
      tail += coefficient;
      coefficient = coefficient * (n - i) / (i + 1);
    }
    return Math.min(1.0, 2 * tail / Math.pow(2, n));
  }

  /** P(χ²₁ > x) = erfc(√(x/2)). */
  static double chiSquareOneDfSurvival(double x) {
    return x <= 0 ? 1.0 : erfc(Math.sqrt(x / 2));
  }

  /**
   * The complementary error function, by the Chebyshev fit of Numerical Recipes ({@code erfcc}):
   * relative error below 1.2e-7 everywhere, enough for p-values shown to three digits.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
