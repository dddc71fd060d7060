package org.linkage;

/**
 * Counts of the clustering stage. Holds no record values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param persons persons formed (singletons included)
 * @param personsOnBothSides persons with records on both sides
 * @param personsWithSeveralRecords persons with more than one record
 * @param crossLinks accepted left–right links offered to clustering
 * @param leftLinks within-left links offered (deduplication of the left side)
 * @param rightLinks within-right links offered
 * @param droppedLinks links dropped because they would have broken a constraint
 */
public record ClusteringReport(int persons, int personsOnBothSides, int personsWithSeveralRecords, long crossLinks,
    long leftLinks, long rightLinks, int droppedLinks) {}
