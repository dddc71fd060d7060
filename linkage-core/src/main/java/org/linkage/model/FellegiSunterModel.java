package org.linkage.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.pattern.Patterns;

/**
 * A Fellegi–Sunter model: m and u for every level of every comparison, and λ, the probability that
 * two records drawn at random are a match.
 *
 * <p>A pair's <em>match weight</em> is {@code log2(λ/(1-λ)) + Σ log2(m/u)} over its comparisons'
 * levels (null levels add 0); its <em>match probability</em> is {@code 1 / (1 + 2^-weight)}. These
 * are the numbers users read in {@code links.csv} and in explanations.
 *
 * <p>Immutable and thread-safe; {@link java.io.Serializable}, so an engine can ship it to other processes. Scoring a pattern is a table lookup per comparison and allocates
 * nothing.
 */
public final class FellegiSunterModel implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final ImmutableList<ComparisonModel> comparisons;
  private final double lambda;
  private final double priorWeight;
  private final double[][] weights; // [comparison][level], level 0 = null = 0
  private final String lambdaSource;

  /** A model with no recorded provenance of λ. */
  public FellegiSunterModel(List<ComparisonModel> comparisons, double lambda) {
    this(comparisons, lambda, "");
  }

  /**
   * A model and where its λ came from ({@link #lambdaSource()}).
   *
   * @param lambdaSource plain-language provenance of λ; empty when unknown
   */
  public FellegiSunterModel(List<ComparisonModel> comparisons, double lambda, String lambdaSource) {
    checkArgument(lambda > 0 && lambda < 1, "lambda must be in (0,1): %s", lambda);
    checkArgument(comparisons.size() <= Patterns.MAX_COMPARISONS,
        "at most %s comparisons, got %s", Patterns.MAX_COMPARISONS, comparisons.size());
    this.comparisons = ImmutableList.copyOf(comparisons);
    this.lambda = lambda;
    this.priorWeight = log2(lambda / (1 - lambda));
    this.lambdaSource = lambdaSource == null ? "" : lambdaSource;
    this.weights = new double[comparisons.size()][];
    for (int c = 0; c < weights.length; c++) {
      ComparisonModel cm = comparisons.get(c);
      weights[c] = new double[cm.levels().size() + 1];
      for (int k = 1; k < weights[c].length; k++) {
        weights[c][k] = cm.weight(k);
      }
    }
  }

  /** The comparisons' m and u, in spec order. */
  public List<ComparisonModel> comparisons() {
    return comparisons;
  }

  /** Probability that two records drawn at random are a match. */
  public double lambda() {
    return lambda;
  }

  /** Where λ came from; empty when unknown. */
  public String lambdaSource() {
    return lambdaSource;
  }

  /** log2(λ/(1-λ)), the weight every pair starts from. */
  public double priorWeight() {
    return priorWeight;
  }

  /** A copy with another λ. */
  public FellegiSunterModel withLambda(double newLambda) {
    return new FellegiSunterModel(comparisons, newLambda, "given");
  }

  /** Weight of comparison {@code c} at {@code level}. */
  public double weight(int c, int level) {
    return weights[c][level];
  }

  /** The match weight of a pattern, prior included. */
  public double matchWeight(long pattern) {
    double w = priorWeight;
    for (int c = 0; c < weights.length; c++) {
      w += weights[c][Patterns.level(pattern, c)];
    }
    return w;
  }

  /** Probability from a match weight: {@code 1 / (1 + 2^-w)}. */
  public static double probability(double weight) {
    return 1.0 / (1.0 + Math.pow(2, -weight));
  }

  /** Weight from a probability in (0,1). */
  public static double weightOf(double probability) {
    return log2(probability / (1 - probability));
  }

  /** The highest match weight any pair can reach under this model. */
  public double maxWeight() {
    double w = priorWeight;
    for (double[] levels : weights) {
      double best = 0;
      for (double x : levels) {
        best = Math.max(best, x);
      }
      w += best;
    }
    return w;
  }

  /** The base-2 logarithm. */
  public static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * Checks that this model was trained for {@code spec}'s comparisons: the same count, names and
   * levels, in the same order. Reads no input.
   *
   * @throws InvalidSpecException listing every mismatch
   */
  public void checkFits(LinkageSpec spec) {
    List<String> problems = new ArrayList<>();
    if (comparisons().size() != spec.comparisons().size()) {
      problems.add("the model has " + comparisons().size() + " comparisons, the spec " + spec.comparisons().size());
    } else {
      for (int c = 0; c < spec.comparisons().size(); c++) {
        ComparisonModel cm = comparisons().get(c);
        if (!cm.name().equals(spec.comparisons().get(c).name())
            || !cm.levels().equals(spec.comparisons().get(c).levelNames())) {
          problems.add("model comparison " + (c + 1) + " (" + cm.name() + ") does not match spec comparison "
              + spec.comparisons().get(c).name());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
  }

  /**
   * The model as {@code model.json} text ({@code linkage-model/1}): λ, and m, u and the weight of
   * every level. {@link #fromJson} reads it back as an equal model.
   */
  public String toJson() {
    return ModelJson.write(this, null);
  }

  /**
   * As {@link #toJson()}, with {@code trainedOn} (free-form context such as the inputs and settings
   * the model was trained on; may be {@code null}) stored under {@code "trainedOn"}.
   */
  public String toJson(com.fasterxml.jackson.databind.JsonNode trainedOn) {
    return ModelJson.write(this, trainedOn);
  }

  /**
   * The model in {@code json}, text written by {@link #toJson}.
   *
   * @throws InvalidSpecException if it is not valid JSON or not a linkage model
   */
  public static FellegiSunterModel fromJson(String json) {
    return ModelJson.parse(json, "model");
  }

  /**
   * Reads a {@code model.json} file written from {@link #toJson}.
   *
   * @throws org.linkage.error.InputException if the file is missing, a folder, unreadable or not UTF-8
   * @throws InvalidSpecException if it is not valid JSON or not a linkage model (named by file name)
   */
  public static FellegiSunterModel read(java.nio.file.Path file) {
    return ModelJson.read(file);
  }
}
