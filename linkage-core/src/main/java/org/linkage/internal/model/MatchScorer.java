package org.linkage.internal.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.pattern.Patterns;
import org.linkage.model.FellegiSunterModel;
import org.linkage.spec.ComparisonSpec;

/**
 * Scores candidate pairs of one data set: a {@link FellegiSunterModel}'s match weight of the pair's
 * pattern plus the {@link TermFrequencies term-frequency adjustments} of the pair's values, looked
 * up by the value codes of the pair's left record. Immutable, thread-safe, allocation-free.
 */
public final class MatchScorer {
  private final FellegiSunterModel model;
  private final TermFrequencies termFrequencies;
  private final int[] adjusted; // the adjusted comparisons, by k
  private final int[][] codes; // per adjusted comparison k, the left rows' value codes

  /** Scores {@code data}'s pairs with {@code model}, adjusting exact agreement by {@code termFrequencies}. */
  public MatchScorer(FellegiSunterModel model, TermFrequencies termFrequencies, EncodedData data) {
    this.model = requireNonNull(model, "model");
    this.termFrequencies = requireNonNull(termFrequencies, "termFrequencies");
    this.codes = termFrequencies.leftCodes(data);
    this.adjusted = new int[termFrequencies.size()];
    for (int k = 0; k < adjusted.length; k++) {
      adjusted[k] = termFrequencies.comparison(k);
    }
  }

  /** Scores {@code data}'s pairs with {@code model} and the term frequencies of {@code data} for {@code specs}. */
  public static MatchScorer of(List<ComparisonSpec> specs, EncodedData data, FellegiSunterModel model) {
    return new MatchScorer(model, TermFrequencies.of(specs, data, model), data);
  }

  /** The model scored with. */
  public FellegiSunterModel model() {
    return model;
  }

  /** The term frequencies applied. */
  public TermFrequencies termFrequencies() {
    return termFrequencies;
  }

  /** The match weight of a pair with this pattern whose left record is row {@code left}. */
  public double weight(long pattern, int left) {
    return model.matchWeight(pattern) + adjustment(pattern, left);
  }

  /** The total term-frequency adjustment of a pair with this pattern whose left record is row {@code left}. */
  public double adjustment(long pattern, int left) {
    double w = 0;
    for (int k = 0; k < adjusted.length; k++) {
      if (Patterns.level(pattern, adjusted[k]) == 1) {
        w += termFrequencies.adjustment(k, codes[k][left]);
      }
    }
    return w;
  }

  /** The adjustment of comparison {@code c} alone (0 if not adjusted or not exact). */
  public double adjustment(int c, long pattern, int left) {
    for (int k = 0; k < adjusted.length; k++) {
      if (adjusted[k] == c) {
        return termFrequencies.adjustment(c, pattern, codes[k][left]);
      }
    }
    return 0;
  }
}
