package org.linkage;

/**
 * An accepted link between a left and a right record.
 *
 * @param leftId the left record's id
 * @param rightId the right record's id
 * @param matchProbability the model's match probability for the pair
 * @param matchWeight the model's match weight (log2 odds) for the pair
 * @param method the deterministic pass that made the link, or {@code probabilistic}
 */
public record Link(String leftId, String rightId, double matchProbability, double matchWeight, String method) {
  /** The method name of links made by the Fellegi–Sunter pass. */
  public static final String PROBABILISTIC = "probabilistic";
}
