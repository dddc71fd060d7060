package org.linkage.train;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * What training did: per blocking rule, the pairs and patterns EM saw, which comparisons it
 * estimated, iterations and convergence; and the warnings a user should read. Immutable.
 *
 * @param spec the settings used
 * @param seed the seed of the random-pair sample
 * @param candidatePairs candidate pairs in the run
 * @param distinctPatterns distinct agreement patterns among them
 * @param ruleRuns one entry per blocking rule
 * @param lambdaIterations EM iterations of the λ fit
 * @param warnings plain-language warnings
 */
public record TrainingReport(TrainingSpec spec, long seed, long candidatePairs, int distinctPatterns,
    ImmutableList<RuleRun> ruleRuns, int lambdaIterations, ImmutableList<String> warnings) {

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
