package org.linkage.internal.train;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.linkage.spec.TrainingSpec;

/**
 * What training did: per comparison, the seed links its m was taken from (or why EM was used);
 * per blocking rule that EM ran on, the pairs and patterns it saw, which comparisons it estimated,
 * iterations and convergence; the λ fit; and the warnings a user should read. Immutable.
 *
 * @param spec the settings used
 * @param seed the seed of the random-pair sample
 * @param candidatePairs candidate pairs in the run
 * @param distinctWeights distinct match weights (to 1/64 bit) among them, what the λ fit iterates over
 * @param ruleRuns one entry per blocking rule EM ran on (empty when every m came from seed links)
 * @param lambdaIterations iterations of the λ fit
 * @param seedLinks per comparison, its seed links and where its m came from
 * @param warnings plain-language warnings
 */
public record TrainingReport(TrainingSpec spec, long seed, long candidatePairs, int distinctWeights,
    ImmutableList<RuleRun> ruleRuns, int lambdaIterations, ImmutableList<Training.SeedCount> seedLinks,
    ImmutableList<String> warnings) {

  /**
   * One EM run on the pairs sharing a blocking rule's key.
   *
   * @param rule the rule
   * @param pairs pairs that share its key
   * @param patterns distinct patterns among them
   * @param estimated comparisons whose m this run estimated
   * @param iterations EM iterations
   * @param converged whether EM converged
   * @param lambda estimated share of matches among these pairs
   */
  public record RuleRun(String rule, long pairs, int patterns, List<String> estimated, int iterations,
      boolean converged, double lambda) {}
}
