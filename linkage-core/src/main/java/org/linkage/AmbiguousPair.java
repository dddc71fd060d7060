package org.linkage;

/**
 * A pair held back for clerical review: its match probability reaches the threshold on its own,
 * but a competing candidate of one of its records is nearly as strong, so that, given its
 * competitors, the pair is not likely enough to link automatically. Neither record is linked by it.
 * Holds ids and numbers only, never record values. Immutable.
 *
 * @param leftId the left record's id
 * @param rightId the right record's id
 * @param matchProbability the pair's match probability on its own
 * @param matchWeight the pair's match weight (log2 odds)
 * @param probabilityGivenCompetitors its probability once the other candidates of both records are
 *     weighed against it; below the threshold
 */
public record AmbiguousPair(String leftId, String rightId, double matchProbability, double matchWeight,
    double probabilityGivenCompetitors) {}
