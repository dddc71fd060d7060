package org.linkage.internal.eval;

import org.linkage.internal.stage.LinkagePlan;

import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.pattern.Patterns;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.eval.Evaluation;

/**
 * Scores chosen pairs of records, by id, under a spec's comparisons and a model — without blocking
 * or linking. Evaluation uses it to find the agreement pattern of false negatives, which are by
 * definition absent from a run's outputs.
 *
 * <p>Creating one normalises both tables once (as a run does); each {@link #score} is then a
 * handful of comparisons. Immutable and thread-safe.
 */
public final class PairScorer {
  private final MatchScorer scorer;
  private final EncodedData data;
  private final Comparison[] comparisons;

  /**
   * A pair's agreement pattern and score.
   *
   * @param pattern packed levels, 4 bits per comparison
   * @param label the pattern as {@code comparison=level} terms joined by {@code |}, e.g.
   *     {@code forename=exact|dob=null}; level names only, never values
   * @param weight match weight, term-frequency adjustments included — the weight {@code link} gives
   *     the pair
   * @param probability match probability of that weight
   */
  public record Scored(long pattern, String label, double weight, double probability) {}

  private PairScorer(MatchScorer scorer, EncodedData data, Comparison[] comparisons) {
    this.scorer = scorer;
    this.data = data;
    this.comparisons = comparisons;
  }

  /**
   * @throws InvalidSpecException if the model's comparisons are not the spec's
   */
  public static PairScorer create(LinkageSpec spec, FellegiSunterModel model, RecordTable left, RecordTable right) {
    model.checkFits(spec);
    EncodedData data = EncodedData.encode(left, right);
    Comparison[] cs = LinkagePlan.compile(spec).bindComparisons(data);
    return new PairScorer(MatchScorer.of(spec.comparisons(), data, model), data, cs);
  }



  /** The pair's pattern and score, or {@code null} if either id is not in its table. */
  public Scored score(String leftId, String rightId) {
    int l = data.leftTable().rowOf(leftId);
    int r = data.rightTable().rowOf(rightId);
    if (l < 0 || r < 0) {
      return null;
    }
    long pattern = PairComparer.pattern(comparisons, l, r);
    double w = scorer.weight(pattern, l);
    return new Scored(pattern, label(scorer.model(), pattern), w, FellegiSunterModel.probability(w));
  }

  /** The match weight of a pattern before term-frequency adjustments (the same for every pair showing it). */
  public double patternWeight(long pattern) {
    return scorer.model().matchWeight(pattern);
  }

  /** {@code forename=exact|surname=jaro_winkler_0.92|dob=null}: level names, never values. */
  public static String label(FellegiSunterModel model, long pattern) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < model.comparisons().size(); c++) {
      ComparisonModel cm = model.comparisons().get(c);
      int level = Patterns.level(pattern, c);
      if (c > 0) {
        b.append('|');
      }
      b.append(cm.name()).append('=').append(level == 0 ? "null" : cm.levels().get(level - 1));
    }
    return b.toString();
  }
}
