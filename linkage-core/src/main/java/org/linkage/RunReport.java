package org.linkage;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.stage.StageFigures;
import org.linkage.internal.train.TrainingReport;

/**
 * Counts of every stage of a run, so a user can see where each record went. Holds no record
 * values. Everything but {@link #timingsMillis()} and
 * {@link #peakHeapBytes()} is the same for the same input, spec and seed.
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
 * @param pairsKept candidate pairs kept for the decisions (the rest were scored and dropped)
 * @param pairsByPass candidate pairs compared by each pass over them, by pass name ({@code compare}:
 *     compare and count for training; {@code score}: compare again, score and keep), summed when a
 *     pass runs again; its wall time is {@link #timingsMillis()} under the same name
 * @param peakHeapBytes the sum of the heap memory pools' peak use, since the JVM started
 */
public record RunReport(int leftRecords, int rightRecords, long candidatePairs, Map<String, Long> pairsByRule,
    List<Blocker.IndexStats> indexStats, Map<String, Long> linksByMethod, long pairsAboveThreshold, long heldForReview,
    int linkedLeft, int linkedRight, int unmatchedLeft, int unmatchedRight, TrainingReport training,
    List<String> warnings, Map<String, Long> timingsMillis, Map<String, Object> blocking,
    long pairsKept, Map<String, Long> pairsByPass, long peakHeapBytes) {

  /** Copies the lists and maps into unmodifiable ones that keep their order. */
  public RunReport {
    pairsByRule = ImmutableMap.copyOf(pairsByRule);
    indexStats = ImmutableList.copyOf(indexStats);
    linksByMethod = ImmutableMap.copyOf(linksByMethod);
    warnings = ImmutableList.copyOf(warnings);
    timingsMillis = ImmutableMap.copyOf(timingsMillis);
    blocking = blocking == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(blocking));
    pairsByPass = ImmutableMap.copyOf(pairsByPass);
  }

  /** A builder each stage of a run adds its figures to. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Collects a run's figures stage by stage: the pairs stage sets the counts of records, pairs and
   * blocks, the trainer the training report, the decider and the assembly of the result the links.
   * Warnings keep the order they were added in, except blocking's, which come last. Not thread-safe.
   */
  static final class Builder implements StageFigures {
    private int leftRecords;
    private int rightRecords;
    private long candidatePairs;
    private Map<String, Long> pairsByRule = Map.of();
    private List<Blocker.IndexStats> indexStats = List.of();
    private Map<String, Long> linksByMethod = Map.of();
    private long pairsAboveThreshold;
    private long heldForReview;
    private int linkedLeft;
    private int linkedRight;
    private int unmatchedLeft;
    private int unmatchedRight;
    private TrainingReport training;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> blockingWarnings = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private Map<String, Object> blocking = Map.of();
    private long pairsKept;
    private final Map<String, Long> pairsByPass = new LinkedHashMap<>();

    private Builder() {}

    /** Records on each side ({@code 0} right records when deduplicating). */
    @Override
    public Builder records(int left, int right) {
      this.leftRecords = left;
      this.rightRecords = right;
      return this;
    }

    /** What blocking produced: pairs in all, by rule, block statistics, the analysis and its warnings. */
    @Override
    public Builder blocking(long candidatePairs, Map<String, Long> byRule, List<Blocker.IndexStats> indexStats,
        Map<String, Object> analysis, List<String> warnings) {
      this.candidatePairs = candidatePairs;
      this.pairsByRule = byRule;
      this.indexStats = indexStats;
      this.blocking = analysis;
      this.blockingWarnings.addAll(warnings);
      return this;
    }

    /** What training did ({@code null} when a model was given or none was trained). */
    public Builder training(TrainingReport training) {
      this.training = training;
      return this;
    }

    /** Adds a plain-language warning (no record values). */
    public Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    /** Adds plain-language warnings (no record values). */
    public Builder warnings(List<String> more) {
      warnings.addAll(more);
      return this;
    }

    /** Wall time of {@code stage} in milliseconds; stages keep the order they were first timed in. */
    @Override
    public Builder timing(String stage, long millis) {
      timings.put(stage, millis);
      return this;
    }

    /** Records a pass over {@code pairs} candidate pairs; its time is the stage timing of the same name. */
    public Builder pass(String name, long pairs) {
      pairsByPass.merge(name, pairs, Long::sum);
      return this;
    }

    /** The candidate pairs kept for the decisions. */
    public Builder kept(long pairs) {
      this.pairsKept = pairs;
      return this;
    }

    /** What deciding produced: links per method, pairs above the threshold, pairs held for review. */
    public Builder decisions(Map<String, Long> linksByMethod, long pairsAboveThreshold, long heldForReview) {
      this.linksByMethod = linksByMethod;
      this.pairsAboveThreshold = pairsAboveThreshold;
      this.heldForReview = heldForReview;
      return this;
    }

    /** Records in a link and in none, per side. */
    public Builder linked(int linkedLeft, int linkedRight, int unmatchedLeft, int unmatchedRight) {
      this.linkedLeft = linkedLeft;
      this.linkedRight = linkedRight;
      this.unmatchedLeft = unmatchedLeft;
      this.unmatchedRight = unmatchedRight;
      return this;
    }

    /** The report. */
    public RunReport build() {
      List<String> all = new ArrayList<>(warnings);
      all.addAll(blockingWarnings);
      return new RunReport(leftRecords, rightRecords, candidatePairs, ImmutableMap.copyOf(pairsByRule),
          ImmutableList.copyOf(indexStats), ImmutableMap.copyOf(linksByMethod), pairsAboveThreshold, heldForReview,
          linkedLeft, linkedRight, unmatchedLeft, unmatchedRight, training, ImmutableList.copyOf(all),
          ImmutableMap.copyOf(timings), blocking, pairsKept, ImmutableMap.copyOf(pairsByPass), peakHeap());
    }

    private static long peakHeap() {
      long peak = 0;
      for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      return peak;
    }
  }
}
