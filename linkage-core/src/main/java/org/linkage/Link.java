package org.linkage;

/**
 * A scored pair of a left and a right record: an accepted link ({@link LinkageResult#links()}), or
 * a pair held back for clerical review ({@link LinkageResult#ambiguous()}). Holds ids and numbers
 * only, never record values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leftId the left record's id
 * @param rightId the right record's id
 * @param matchProbability the model's match probability for the pair on its own (what its match
 *     weight and explanation give)
 * @param matchWeight the model's match weight (log2 odds) for the pair
 * @param method the deterministic pass that made the link, or {@code probabilistic}
 * @param probabilityGivenCompetitors for a probabilistic link between two tables, the probability
 *     that decided it: the pair weighed against the other candidates of both records and the share
 *     of records that have a match (for a pair held for review, below the threshold); NaN for match-key links and links within one table
 */
public record Link(String leftId, String rightId, double matchProbability, double matchWeight, String method,
    double probabilityGivenCompetitors) {
  /** A link with no probability given competitors (a match-key link, or one within a table). */
  public Link(String leftId, String rightId, double matchProbability, double matchWeight, String method) {
    this(leftId, rightId, matchProbability, matchWeight, method, Double.NaN);
  }

  /** The method name of links made by the Fellegi–Sunter pass. */
  public static final String PROBABILISTIC = "probabilistic";
}
