package org.linkage.internal.stage;

import org.linkage.progress.ProgressListener;
import org.linkage.spec.LinkageSpec;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import org.linkage.spec.LinkageSpec.Assignment;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.train.Training;
import org.linkage.internal.train.TrainingReport;
import org.linkage.internal.parallel.ParallelChunks;

/**
 * The trainer stage of a run (pairs → model): the Fellegi–Sunter model, trained on the compared
 * pairs or given, with the term frequencies of the data it scores. {@link #weight} is the match
 * weight a run gives a pair; {@link #none()} stands for "no model" (a deterministic strategy, or
 * too few records to train on). Immutable and thread-safe.
 */
public final class Scoring {
  private static final Scoring NONE = new Scoring(null, null);

  private final MatchScorer scorer;
  private final TrainingReport training;

  private Scoring(MatchScorer scorer, TrainingReport training) {
    this.scorer = scorer;
    this.training = training;
  }

  /** No model: nothing is scored, weights are {@code NaN}. */
  public static Scoring none() {
    return NONE;
  }

  /**
   * Scoring of {@code pairs} with a given model (from an earlier run or {@code model.json}).
   *
   * @throws org.linkage.error.InvalidSpecException if the model's comparisons are not the plan's
   */
  public static Scoring of(LinkagePlan plan, ComparedPairs pairs, FellegiSunterModel model) {
    model.checkFits(plan.spec());
    return scoring(plan, pairs, model, null);
  }

  /** Trains a model on {@code pairs} (u, m and λ; see {@link Training}) on {@code threads} threads. */
  public static Scoring train(LinkagePlan plan, ComparedPairs pairs, int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return ParallelChunks.withPool(threads, pool -> train(plan, pairs, pool, ProgressListener.NONE));
  }

  /** As {@link #train(LinkagePlan, ComparedPairs, int)} on {@code pool}, reporting to {@code progress}. */
  public static Scoring train(LinkagePlan plan, ComparedPairs pairs, ExecutorService pool,
      ProgressListener progress) {
    Training.Outcome outcome = outcome(plan, pairs, pool, progress);
    return scoring(plan, pairs, outcome.model(), outcome.report());
  }

  /** The scoring of a model trained on {@code pairs}' data (by a run that streamed its pairs). */
  public static Scoring trained(LinkagePlan plan, ComparedPairs pairs, Training.Outcome outcome) {
    return scoring(plan, pairs, outcome.model(), outcome.report());
  }

  /** Training alone on held pairs. */
  public static Training.Outcome outcome(LinkagePlan plan, ComparedPairs pairs, ExecutorService pool,
      ProgressListener progress) {
    LinkageSpec spec = plan.spec();
    progress.started("train", 0, null);
    Training.Outcome outcome = Training.train(List.of(pairs.comparisonsShared()), spec.comparisons(), pairs.data(),
        pairs.ruleKeys(), pairs.candidates(), spec.assignment() == Assignment.ONE_TO_ONE, spec.training(), spec.seed(),
        pool);
    progress.finished("train", "trained: λ=" + String.format(Locale.ROOT, "%.3g", outcome.model().lambda()));
    return outcome;
  }

  /** The same model scoring other pairs (one side within itself): term frequencies of their data. */
  public Scoring forPairs(LinkagePlan plan, ComparedPairs other) {
    return scorer == null ? NONE : scoring(plan, other, scorer.model(), null);
  }

  /** The scorer a run has for {@code pairs} under {@code model}: the model with the term frequencies of their data. */
  public static MatchScorer scorerOf(LinkagePlan plan, ComparedPairs pairs, FellegiSunterModel model) {
    return scoring(plan, pairs, model, null).scorer;
  }

  private static Scoring scoring(LinkagePlan plan, ComparedPairs pairs, FellegiSunterModel model,
      TrainingReport training) {
    return new Scoring(MatchScorer.of(plan.spec().comparisons(), pairs.data(), model),
        training);
  }

  /** Whether there is a model. */
  public boolean hasModel() {
    return scorer != null;
  }

  /** The model, or {@code null} without one. */
  public FellegiSunterModel model() {
    return scorer == null ? null : scorer.model();
  }

  /** What training did; {@code null} when the model was given or there is none. */
  public TrainingReport training() {
    return training;
  }

  /** The model with the term frequencies of the scored data; {@code null} without a model. */
  public MatchScorer scorer() {
    return scorer;
  }

  /** The match weight of candidate pair {@code i} of {@code pairs}; {@code NaN} without a model. */
  public double weight(ComparedPairs pairs, int i) {
    return scorer == null ? Double.NaN : scorer.weight(pairs.candidates().pattern(i), pairs.candidates().left(i));
  }

  /** The match weight of any pair of rows of {@code pairs}' data, compared now; {@code NaN} without a model. */
  public double weight(ComparedPairs pairs, int left, int right) {
    return scorer == null ? Double.NaN : scorer.weight(pairs.pattern(left, right), left);
  }

  /** The match probability of a weight under the model's prior ({@code NaN} without a model). */
  public double probability(double weight) {
    return scorer == null ? Double.NaN : FellegiSunterModel.probability(weight);
  }
}
