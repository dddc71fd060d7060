package org.linkage.internal.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linkage.eval.PairSet;

/**
 * False positives and false negatives grouped by agreement pattern, so a user sees which
 * comparisons cause errors: e.g. many false positives at {@code forename=exact|surname=exact|dob=null}
 * means missing dates let namesakes through.
 *
 * <p>Patterns come from a {@link PairScorer} over the run's input files and model, because false
 * negatives are not in any run output. A pair whose id is not in the inputs (a rejected row, or
 * the wrong files) is grouped under {@link #NOT_IN_INPUTS}.
 */
public final class ErrorPatterns {
  /** Pattern label of pairs whose left or right id is not in the input files. */
  public static final String NOT_IN_INPUTS = "(record not in inputs)";

  private ErrorPatterns() {}

  /**
   * One pattern's counts.
   *
   * @param pattern the pattern label ({@link PairScorer#label}) or {@link #NOT_IN_INPUTS}
   * @param matchWeight the pattern's match weight before term-frequency adjustments (NaN for
   *     {@link #NOT_IN_INPUTS})
   * @param matchProbability the probability of that weight (NaN likewise)
   * @param truePositives links with this pattern that are true matches (for scale)
   * @param falsePositives links with this pattern that are not
   * @param falseNegatives true matches with this pattern that were not linked
   * @param falseNegativesAboveThreshold of those, how many score at or above the run's threshold on
   *     their own (term frequencies included, as in the run): lost to blocking (never compared), to
   *     a competing pair, or to 1:1 assignment (a record took a higher-weight partner)
   */
  public record Row(String pattern, double matchWeight, double matchProbability, long truePositives,
      long falsePositives, long falseNegatives, long falseNegativesAboveThreshold) {}

  /**
   * Groups the errors of {@code links} against {@code truth}; rows with at least one error, most
   * errors first (then by pattern label, for stable output).
   */
  public static List<Row> of(List<ScoredLink> links, PairSet truth, PairScorer scorer, double threshold) {
    Map<String, long[]> counts = new LinkedHashMap<>(); // tp, fp, fn, fnAbove
    Map<String, double[]> scores = new LinkedHashMap<>();
    java.util.Set<PairSet.Pair> linked = new java.util.HashSet<>();
    for (ScoredLink l : links) {
      linked.add(l.pair());
      add(scorer, l.pair(), truth.pairs().contains(l.pair()) ? 0 : 1, threshold, counts, scores);
    }
    for (PairSet.Pair p : truth.pairs()) {
      if (!linked.contains(p)) {
        add(scorer, p, 2, threshold, counts, scores);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (var e : counts.entrySet()) {
      long[] c = e.getValue();
      double[] s = scores.get(e.getKey());
      if (c[1] + c[2] > 0) {
        rows.add(new Row(e.getKey(), s[0], s[1], c[0], c[1], c[2], c[3]));
      }
    }
    rows.sort(Comparator.comparingLong((Row r) -> -(r.falsePositives() + r.falseNegatives()))
        .thenComparing(Row::pattern));
    return rows;
  }

  private static void add(PairScorer scorer, PairSet.Pair p, int kind, double threshold, Map<String, long[]> counts,
      Map<String, double[]> scores) {
    PairScorer.Scored s = scorer.score(p.left(), p.right());
    String label = s == null ? NOT_IN_INPUTS : s.label();
    long[] c = counts.computeIfAbsent(label, k -> new long[4]);
    scores.computeIfAbsent(label, k -> s == null ? new double[] {Double.NaN, Double.NaN}
        : new double[] {scorer.patternWeight(s.pattern()),
            org.linkage.model.FellegiSunterModel.probability(scorer.patternWeight(s.pattern()))});
    c[kind]++;
    if (kind == 2 && s != null && s.probability() >= threshold) {
      c[3]++;
    }
  }
}
