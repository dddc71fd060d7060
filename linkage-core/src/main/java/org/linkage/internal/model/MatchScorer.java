package org.linkage.internal.model;

import static java.util.Objects.requireNonNull;
import org.linkage.model.FellegiSunterModel;

/**
 * Scores candidate pairs: a {@link FellegiSunterModel}'s match weight of the pair's pattern plus the
 * {@link TermFrequencies term-frequency adjustments} of the data being linked. Immutable,
 * thread-safe, allocation-free.
 */
public final class MatchScorer {
  private final FellegiSunterModel model;
  private final TermFrequencies termFrequencies;

  /** Scores with {@code model}, adjusting exact agreement by {@code termFrequencies}. */
  public MatchScorer(FellegiSunterModel model, TermFrequencies termFrequencies) {
    this.model = requireNonNull(model, "model");
    this.termFrequencies = requireNonNull(termFrequencies, "termFrequencies");
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
    return model.matchWeight(pattern) + termFrequencies.adjustment(pattern, left);
  }
}
