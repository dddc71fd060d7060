package org.linkage.spec;

import java.io.Serializable;

/**
 * Whether a run groups records into persons, and from what. Immutable.
 *
 * @param enabled group the records of both sides into persons and write {@code persons.csv}
 * @param deduplicateSides also link each side against itself (same model, same match keys, every
 *     pair at or above the threshold), so that one person's several records on one side join even
 *     when the other side holds no record of that person
 * @param birthDateColumn the date column holding the date of birth, whose dates in one person must
 *     have a common centre (the person constraints); {@code null} to use the spec's only date
 *     column. A spec with several date columns that clusters must name one (checked when it is built)
 */
public record ClusteringSpec(boolean enabled, boolean deduplicateSides, String birthDateColumn)
    implements Serializable {
  /** Clustering settings with the birth date taken from the spec's only date column. */
  public ClusteringSpec(boolean enabled, boolean deduplicateSides) {
    this(enabled, deduplicateSides, null);
  }

  /** No clustering (the default); when enabled, sides are deduplicated. */
  public static ClusteringSpec defaults() {
    return new ClusteringSpec(false, true);
  }

  /** Clustering on, sides deduplicated. */
  public static ClusteringSpec persons() {
    return new ClusteringSpec(true, true);
  }

  /** A copy whose birth date is read from {@code column} (a date column of the spec). */
  public ClusteringSpec withBirthDateColumn(String column) {
    return new ClusteringSpec(enabled, deduplicateSides, column);
  }
}
