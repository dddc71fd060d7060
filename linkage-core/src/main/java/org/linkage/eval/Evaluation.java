package org.linkage.eval;

import java.util.Locale;

/**
 * Pairwise quality of links against the truth: precision = TP/(TP+FP), recall = TP/(TP+FN),
 * F1 = their harmonic mean. Immutable.
 *
 * @param truePositives links that are true matches
 * @param falsePositives links that are not
 * @param falseNegatives true matches not linked
 */
public record Evaluation(long truePositives, long falsePositives, long falseNegatives) {

  /** Compares {@code links} with {@code truth}. */
  public static Evaluation of(PairSet links, PairSet truth) {
    long tp = 0;
    for (PairSet.Pair p : links.pairs()) {
      if (truth.pairs().contains(p)) {
        tp++;
      }
    }
    return new Evaluation(tp, links.size() - tp, truth.size() - tp);
  }

  /** True positives over predicted links; 1 when nothing was predicted. */
  public double precision() {
    long d = truePositives + falsePositives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** True positives over true pairs; 1 when there are no true pairs. */
  public double recall() {
    long d = truePositives + falseNegatives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** Harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** {@code precision 0.9981  recall 0.9874  F1 0.9927  (TP 9874, FP 19, FN 126)}. */
  public String summary() {
    return String.format(Locale.ROOT, "precision %.4f  recall %.4f  F1 %.4f  (TP %d, FP %d, FN %d)",
        precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
  }
}
