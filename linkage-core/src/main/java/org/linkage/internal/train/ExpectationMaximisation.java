package org.linkage.internal.train;

import static com.google.common.base.Preconditions.checkArgument;

import org.linkage.model.ComparisonModel;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.pattern.Patterns;

/**
 * Expectation–maximisation for the Fellegi–Sunter mixture, run on {@link PatternCounts}: each
 * iteration costs O(distinct patterns × comparisons), whatever the number of pairs.
 *
 * <p>Comparisons marked inactive are left out of the likelihood (used when a training blocking rule
 * fixes them: their agreement says nothing there). Null levels are missing at random and left out.
 * u can be held fixed (e.g. at its random-sampling estimate) or estimated. Pure function of its
 * inputs; thread-safe.
 */
public final class ExpectationMaximisation {
  private ExpectationMaximisation() {}

  /**
   * The outcome of a run.
   *
   * @param m m per comparison and level ({@code [c][level-1]})
   * @param u u per comparison and level
   * @param lambda share of matches among the pairs counted
   * @param iterations iterations run
   * @param converged whether the largest parameter change fell below the tolerance
   * @param maxChange largest parameter change in the last iteration
   */
  public record Result(double[][] m, double[][] u, double lambda, int iterations, boolean converged, double maxChange) {}

  /**
   * Runs EM from the starting values given.
   *
   * @param counts pattern counts of the pairs to fit
   * @param m0 starting m, {@code [c][level-1]}
   * @param u0 starting u (kept when {@code estimateU} is false)
   * @param lambda0 starting share of matches among the counted pairs
   * @param active which comparisons take part
   * @param estimateM whether m is estimated (false: only λ, and u if asked)
   * @param estimateU whether u is estimated
   */
  public static Result run(PatternCounts counts, double[][] m0, double[][] u0, double lambda0, boolean[] active,
      boolean estimateM, boolean estimateU, int maxIterations, double tolerance) {
    checkArgument(lambda0 > 0 && lambda0 < 1, "starting lambda must be in (0,1): %s", lambda0);
    checkArgument(maxIterations > 0, "iteration cap must be positive: %s", maxIterations);
    int nc = m0.length;
    long[] patterns = counts.patterns();
    int np = patterns.length;
    int[][] levels = new int[np][nc];
    double[] n = new double[np];
    for (int p = 0; p < np; p++) {
      n[p] = counts.count(patterns[p]);
      for (int c = 0; c < nc; c++) {
        levels[p][c] = active[c] ? Patterns.level(patterns[p], c) : 0;
      }
    }
    double[][] m = deepCopy(m0);
    double[][] u = deepCopy(u0);
    double lambda = lambda0;
    double total = counts.total();
    int iteration = 0;
    double change = Double.POSITIVE_INFINITY;
    while (iteration < maxIterations && change >= tolerance) {
      iteration++;
      double[][] mNum = new double[nc][];
      double[][] uNum = new double[nc][];
      for (int c = 0; c < nc; c++) {
        mNum[c] = new double[m[c].length];
        uNum[c] = new double[u[c].length];
      }
      double matches = 0;
      for (int p = 0; p < np; p++) {
        double pm = lambda;
        double pu = 1 - lambda;
        int[] lv = levels[p];
        for (int c = 0; c < nc; c++) {
          int l = lv[c];
          if (l > 0) {
            pm *= m[c][l - 1];
            pu *= u[c][l - 1];
          }
        }
        double g = pm / (pm + pu);
        double gm = n[p] * g;
        double gu = n[p] - gm;
        matches += gm;
        for (int c = 0; c < nc; c++) {
          int l = lv[c];
          if (l > 0) {
            mNum[c][l - 1] += gm;
            uNum[c][l - 1] += gu;
          }
        }
      }
      double newLambda = clamp(matches / total);
      change = Math.abs(newLambda - lambda);
      lambda = newLambda;
      for (int c = 0; c < nc; c++) {
        if (!active[c]) {
          continue;
        }
        if (estimateM) {
          change = Math.max(change, normaliseInto(mNum[c], m[c]));
        }
        if (estimateU) {
          change = Math.max(change, normaliseInto(uNum[c], u[c]));
        }
      }
    }
    return new Result(m, u, lambda, iteration, change < tolerance, change);
  }

  /** Writes num/Σnum into target (if Σ > 0) and returns the largest change. */
  private static double normaliseInto(double[] num, double[] target) {
    double sum = 0;
    for (double x : num) {
      sum += x;
    }
    if (sum <= 0) {
      return 0;
    }
    double change = 0;
    for (int k = 0; k < num.length; k++) {
      double v = clamp(num[k] / sum);
      change = Math.max(change, Math.abs(v - target[k]));
      target[k] = v;
    }
    return change;
  }

  private static double clamp(double p) {
    return Math.min(1 - ComparisonModel.FLOOR, Math.max(ComparisonModel.FLOOR, p));
  }

  static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
