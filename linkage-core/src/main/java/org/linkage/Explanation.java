package org.linkage;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Why a pair scores what it scores: the prior, then each comparison's level and log2 Bayes factor,
 * adding up to the match weight (a "waterfall"). Contains level names and numbers, not values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leftId left record id
 * @param rightId right record id
 * @param priorWeight log2(λ/(1-λ))
 * @param terms one per comparison, in spec order
 * @param matchWeight prior plus all terms
 * @param matchProbability {@code 1/(1+2^-matchWeight)}
 */
public record Explanation(String leftId, String rightId, double priorWeight, List<Term> terms,
    double matchWeight, double matchProbability) {

  /** Copies the terms into an unmodifiable list. */
  public Explanation {
    terms = ImmutableList.copyOf(terms);
  }

  /**
   * One comparison's contribution.
   *
   * @param comparison comparison name
   * @param level level number (0 = null)
   * @param levelName level label ({@code null} for the null level)
   * @param m m of the level (NaN for null)
   * @param u u of the level (NaN for null)
   * @param weight log2(m/u) plus the term-frequency part; 0 for null
   * @param termFrequencyWeight the term-frequency part of {@code weight} (0 when not adjusted)
   */
  public record Term(String comparison, int level, String levelName, double m, double u, double weight,
      double termFrequencyWeight) {}

  /** A plain-text waterfall, one line per term. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(java.util.Locale.ROOT, "%-28s %-26s %9s%n", "comparison", "level", "weight"));
    b.append(String.format(java.util.Locale.ROOT, "%-28s %-26s %+9.3f%n", "prior", "", priorWeight));
    for (Term t : terms) {
      String level = t.levelName() == null ? "null (missing)" : t.levelName();
      if (t.termFrequencyWeight() != 0) {
        level += String.format(java.util.Locale.ROOT, " (tf %+.2f)", t.termFrequencyWeight());
      }
      b.append(String.format(java.util.Locale.ROOT, "%-28s %-26s %+9.3f%n", t.comparison(), level, t.weight()));
    }
    b.append(String.format(java.util.Locale.ROOT, "%-28s %-26s %+9.3f%n", "match weight", "", matchWeight));
    b.append(String.format(java.util.Locale.ROOT, "%-28s %-26s %9.6f%n", "match probability", "", matchProbability));
    return b.toString();
  }
}
