package org.linkage.spec;

/**
 * Whether a run groups records into persons, and from what. Immutable.
 *
 * @param enabled group the records of both sides into persons and write {@code persons.csv}
 * @param deduplicateSides also link each side against itself (same model, same match keys, every
 *     pair at or above the threshold), so that one person's several records on one side join even
 *     when the other side holds no record of that person
 */
public record ClusteringSpec(boolean enabled, boolean deduplicateSides) {
  /** No clustering (the default); when enabled, sides are deduplicated. */
  public static ClusteringSpec defaults() {
    return new ClusteringSpec(false, true);
  }

  /** Clustering on, sides deduplicated. */
  public static ClusteringSpec persons() {
    return new ClusteringSpec(true, true);
  }
}
