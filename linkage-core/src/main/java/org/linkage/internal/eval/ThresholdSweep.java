package org.linkage.internal.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

/**
 * Precision, recall and F1 of a run's links if only links with match probability at or above a
 * threshold were kept. Links below the run's own threshold are not in {@code links.csv}, so every
 * threshold below it gives the same figures as the run's threshold: the sweep is informative on
 * [run threshold, 1]. Links with no probability (a run without a model) are kept at every threshold.
 *
 * <p>Immutable; building costs O(n log n) in the number of links, each query O(log n).
 */
public final class ThresholdSweep {
  /** The fixed grid of {@link #grid()}: 0 to 1 in steps of 0.05, then 0.99, 0.995 and 0.999. */
  public static final double[] GRID;

  static {
    double[] g = new double[24];
    for (int i = 0; i <= 20; i++) {
      g[i] = i / 20.0;
    }
    g[20] = 0.99; // probabilities cluster near 1: resolve the top end more finely
    g[21] = 0.995;
    g[22] = 0.999;
    g[23] = 1.0;
    GRID = g;
  }

  /**
   * Quality at one threshold.
   *
   * @param threshold minimum match probability kept
   * @param linksKept links at or above it
   * @param evaluation TP, FP, FN of the kept links against the whole truth
   */
  public record Row(double threshold, long linksKept, Evaluation evaluation) {}

  private final double[] probabilities; // finite probabilities, descending
  private final long[] truesBefore;     // truesBefore[i]: true links among probabilities[0..i)
  private final long alwaysKept;
  private final long alwaysKeptTrue;
  private final long truthSize;

  private ThresholdSweep(double[] probabilities, long[] truesBefore, long alwaysKept, long alwaysKeptTrue, long truthSize) {
    this.probabilities = probabilities;
    this.truesBefore = truesBefore;
    this.alwaysKept = alwaysKept;
    this.alwaysKeptTrue = alwaysKeptTrue;
    this.truthSize = truthSize;
  }

  /** Precision, recall and F1 of {@code links} against {@code truth} at every threshold where a link enters. */
  public static ThresholdSweep of(List<ScoredLink> links, PairSet truth) {
    List<ScoredLink> finite = new ArrayList<>();
    long always = 0;
    long alwaysTrue = 0;
    for (ScoredLink l : links) {
      if (Double.isNaN(l.probability())) {
        always++;
        alwaysTrue += truth.pairs().contains(l.pair()) ? 1 : 0;
      } else {
        finite.add(l);
      }
    }
    finite.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    double[] p = new double[finite.size()];
    long[] before = new long[finite.size() + 1];
    for (int i = 0; i < p.length; i++) {
      p[i] = finite.get(i).probability();
      before[i + 1] = before[i] + (truth.pairs().contains(finite.get(i).pair()) ? 1 : 0);
    }
    return new ThresholdSweep(p, before, always, alwaysTrue, truth.size());
  }

  /** Quality keeping links with probability ≥ {@code threshold}. */
  public Row at(double threshold) {
    int kept = keptAt(threshold);
    long tp = truesBefore[kept] + alwaysKeptTrue;
    long all = kept + alwaysKept;
    return new Row(threshold, all, new Evaluation(tp, all - tp, truthSize - tp));
  }

  /** One row per threshold of {@link #GRID}. */
  public List<Row> grid() {
    return Arrays.stream(GRID).mapToObj(this::at).toList();
  }

  /**
   * The precision–recall curve: one row per distinct link probability, highest first — every cut
   * point where the kept set changes.
   */
  public List<Row> curve() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < probabilities.length; i++) {
      if (i + 1 == probabilities.length || probabilities[i + 1] != probabilities[i]) {
        rows.add(at(probabilities[i]));
      }
    }
    return rows;
  }

  private int keptAt(double threshold) {
    // probabilities is descending: find the first index whose value is below the threshold
    int lo = 0;
    int hi = probabilities.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (probabilities[mid] >= threshold) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
