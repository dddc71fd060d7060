package org.linkage;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.train.TrainingReport;

/**
 * Counts of every stage of a run, so a user can see where each record went. Holds no record
 * values. Everything but {@link #timingsMillis()} is the same for the same input, spec and seed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leftRecords left records linked on (after reading)
 * @param rightRecords right records
 * @param candidatePairs pairs compared
 * @param pairsByRule candidate pairs per blocking rule (each pair counted under its first rule)
 * @param indexStats per-rule block statistics
 * @param linksByMethod links per deterministic pass and {@code probabilistic}
 * @param pairsAboveThreshold candidate pairs at or above the threshold before 1:1 assignment
 * @param heldForReview pairs at or above the threshold held back for clerical review because a
 *     competing pair of one of their records was nearly as strong ({@code ambiguous.csv})
 * @param linkedLeft left records in a link
 * @param linkedRight right records in a link
 * @param unmatchedLeft left records in no link
 * @param unmatchedRight right records in no link
 * @param training what training did, or {@code null} when a model was given
 * @param warnings plain-language warnings
 * @param timingsMillis wall time per stage
 * @param blocking per-rule and cumulative candidate pairs and reduction ratio (see
 *     {@link org.linkage.internal.block.BlockingAnalysis#toMap()})
 */
public record RunReport(int leftRecords, int rightRecords, long candidatePairs, Map<String, Long> pairsByRule,
    List<Blocker.IndexStats> indexStats, Map<String, Long> linksByMethod, long pairsAboveThreshold, long heldForReview,
    int linkedLeft, int linkedRight, int unmatchedLeft, int unmatchedRight, TrainingReport training,
    List<String> warnings, Map<String, Long> timingsMillis, Map<String, Object> blocking) {

  /** Copies the lists and maps into unmodifiable ones that keep their order. */
  public RunReport {
    pairsByRule = ImmutableMap.copyOf(pairsByRule);
    indexStats = ImmutableList.copyOf(indexStats);
    linksByMethod = ImmutableMap.copyOf(linksByMethod);
    warnings = ImmutableList.copyOf(warnings);
    timingsMillis = ImmutableMap.copyOf(timingsMillis);
    blocking = blocking == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(blocking));
  }
}
