package org.linkage.testkit.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals for precision, recall and F1, resampling <em>left records</em>.
 *
 * <p>Why left records and not pairs: a link and a true pair of the same left record are not
 * independent — linking a record to the wrong partner is a false link <em>and</em> a missed true
 * pair, and 1:1 assignment ties a record's candidates together. Resampling pairs one by one would
 * break those ties and understate the variance. So each left record is one unit carrying its own
 * (TP, FP, FN) counts; a replicate draws as many units as there are, with replacement, and sums
 * them. Records with neither a link nor a true pair are units too (they make the number of records
 * that have a match vary between replicates, as it would between samples). Ties through the right
 * record (two left records competing for one right record) stay unmodelled.
 *
 * <p>The interval is the 2.5th and 97.5th percentile of the replicates (linear interpolation between
 * order statistics). Same counts and seed give the same interval; the draws depend only on the
 * number of units, so two strategies evaluated on the same units with the same seed see the same
 * resamples. Stateless and thread-safe.
 */
public final class Bootstrap {
  /** Default number of replicates. */
  public static final int DEFAULT_REPLICATES = 1000;

  private Bootstrap() {}

  /**
   * Intervals of one strategy.
   *
   * @param precision interval of TP / (TP + FP)
   * @param recall interval of TP / (TP + FN)
   * @param f1 interval of the harmonic mean of the two
   */
  public record Intervals(Interval precision, Interval recall, Interval f1) {}

  /**
   * The 95% percentile intervals from {@code replicates} resamples of the units.
   *
   * @param tp true links per unit (left record)
   * @param fp false links per unit
   * @param fn missed true pairs per unit
   * @param replicates resamples, at least 1
   * @param seed seed of the {@link SplittableRandom} that draws the units
   */
  public static Intervals intervals(int[] tp, int[] fp, int[] fn, int replicates, long seed) {
    checkArgument(tp.length == fp.length && fp.length == fn.length, "one count of each kind per unit");
    checkArgument(replicates > 0, "replicates must be positive: %s", replicates);
    int n = tp.length;
    double[] p = new double[replicates];
    double[] r = new double[replicates];
    double[] f = new double[replicates];
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < replicates; b++) {
      long t = 0;
      long falseLinks = 0;
      long missed = 0;
      for (int i = 0; i < n; i++) {
        int u = random.nextInt(n);
        t += tp[u];
        falseLinks += fp[u];
        missed += fn[u];
      }
      p[b] = t + falseLinks == 0 ? 1.0 : (double) t / (t + falseLinks);
      r[b] = t + missed == 0 ? 1.0 : (double) t / (t + missed);
      f[b] = p[b] + r[b] == 0 ? 0 : 2 * p[b] * r[b] / (p[b] + r[b]);
    }
    return new Intervals(percentiles(p), percentiles(r), percentiles(f));
  }

  private static Interval percentiles(double[] values) {
    Arrays.sort(values);
    return new Interval(quantile(values, 0.025), quantile(values, 0.975));
  }

  /** The {@code q} quantile of sorted {@code values}, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
