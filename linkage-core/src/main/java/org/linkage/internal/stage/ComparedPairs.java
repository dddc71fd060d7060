package org.linkage.internal.stage;

import org.linkage.progress.ProgressListener;
import org.linkage.spec.LinkageSpec;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.BlockingAnalysis;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.record.RecordTable;

/**
 * The pairs stage of a run (records → pairs): the two tables normalised and encoded once, the
 * plan's comparisons bound to them, the blocking index, and every candidate pair with its agreement
 * pattern. {@code Linker} runs it first; a caller (or another engine) can run it alone and score
 * the pairs with {@link Scoring}, getting the weights a run gets.
 *
 * <pre>{@code
 * LinkagePlan plan = LinkagePlan.compile(spec);
 * ComparedPairs pairs = ComparedPairs.compare(plan, left, right, 4);
 * Scoring scoring = Scoring.of(plan, pairs, model);
 * double w = scoring.weight(pairs, 0);      // the match weight of candidate pair 0
 * }</pre>
 *
 * <p>Immutable after construction and thread-safe. Candidate order is the same for any thread
 * count.
 */
public final class ComparedPairs {
  private final LinkagePlan plan;
  private final EncodedData data;
  private final Comparison[] comparisons;
  private final Blocker blocker;
  private final CandidatePairs candidates;
  private final PairPass.Source source; // the records this index was built from; null if built from encoded data

  private ComparedPairs(LinkagePlan plan, EncodedData data, Comparison[] comparisons, Blocker blocker,
      CandidatePairs candidates, PairPass.Source source) {
    this.source = source;
    this.plan = plan;
    this.data = data;
    this.comparisons = comparisons;
    this.blocker = blocker;
    this.candidates = candidates;
  }

  /**
   * Normalises {@code left} and {@code right} and compares their candidate pairs on {@code threads}
   * threads. Pass the same table twice to compare a table within itself.
   */
  public static ComparedPairs compare(LinkagePlan plan, RecordTable left, RecordTable right, int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return ParallelChunks.withPool(threads, pool -> compare(plan, left, right, pool, ProgressListener.NONE,
        StageFigures.NONE));
  }

  /** As above on {@code pool}, reporting to {@code progress} and adding timings and counts to {@code report}. */
  public static ComparedPairs compare(LinkagePlan plan, RecordTable left, RecordTable right, ExecutorService pool,
      ProgressListener progress, StageFigures report) {
    return indexed(plan, left, right, false, pool, progress, report).compareAll(pool, progress, report);
  }

  /** The pairs of already encoded data (for instance one side of a run's, see {@link EncodedData#side}). */
  public static ComparedPairs compare(LinkagePlan plan, EncodedData data, ExecutorService pool, ProgressListener progress,
      StageFigures report) {
    return index(plan, data, progress, report, null).compareAll(pool, progress, report);
  }

  /** Every candidate pair of this index, compared and held. */
  private ComparedPairs compareAll(ExecutorService pool, ProgressListener progress, StageFigures report) {
    long t2 = System.nanoTime();
    int toCompare = rowsToCompare();
    progress.started("compare", toCompare, "records");
    CandidatePairs candidates = PairComparer.compareAll(blocker, List.of(comparisons), toCompare, pool,
        done -> progress.advanced("compare", done));
    report.timing("compare", (System.nanoTime() - t2) / 1_000_000);
    progress.finished("compare", "compared " + candidates.size() + " candidate pairs");
    ComparedPairs pairs = withCandidates(candidates);
    pairs.addTo(report, candidates.size(), candidates.countsByRule(plan.spec().blockingRules().size()));
    return pairs;
  }

  /**
   * Normalised, encoded and indexed, with no pair compared yet: the start of a run that streams its
   * pairs ({@link #stream}) instead of holding them; with {@code releaseValues} the tables' raw
   * values are released once encoded ({@link RecordTable#releaseValues}).
   */
  public static ComparedPairs indexed(LinkagePlan plan, RecordTable left, RecordTable right, boolean releaseValues,
      ExecutorService pool, ProgressListener progress, StageFigures report) {
    long t0 = System.nanoTime();
    progress.started("normalise", 0, null);
    EncodedData data = EncodedData.encode(left, right, pool);
    if (releaseValues) { // before indexing: the index and the strings need not be held together
      left.releaseValues();
      right.releaseValues();
    }
    report.timing("normalise", (System.nanoTime() - t0) / 1_000_000);
    progress.finished("normalise", left == right
        ? "normalised " + left.size() + " records of " + left.source() + " to link within it"
        : "normalised " + left.size() + " left and " + right.size() + " right records");
    // released values cannot be shipped to another engine: such an index has no source
    return index(plan, data, progress, report, releaseValues ? null : new PairPass.Source(plan, left, right, -1));
  }

  private static ComparedPairs index(LinkagePlan plan, EncodedData data, ProgressListener progress,
      StageFigures report, PairPass.Source source) {
    LinkageSpec spec = plan.spec();
    long t1 = System.nanoTime();
    progress.started("index", 0, null);
    Comparison[] comparisons = plan.bindComparisons(data);
    Blocker blocker = Blocker.build(spec, data);
    report.timing("index", (System.nanoTime() - t1) / 1_000_000);
    progress.finished("index", "indexed " + spec.blockingRules().size() + " blocking rule(s)");
    ComparedPairs index = new ComparedPairs(plan, data, comparisons, blocker, new CandidatePairs.Buffer().build(),
        source);
    if (source != null) {
      source.built(index);
    }
    return index;
  }

  /** The left rows whose candidates are compared: none under a deterministic strategy. */
  public int rowsToCompare() {
    return plan.spec().strategy() == LinkageSpec.Strategy.DETERMINISTIC ? 0 : data.leftSize();
  }

  /**
   * Compares every candidate pair again without holding them, each chunk into a sink of
   * {@code sinkOf}, merged in candidate order by {@code merge} (see {@link PairComparer#stream}),
   * reporting progress as {@code stage}.
   */
  public <S extends PairComparer.ComparedSink> void stream(String stage, ExecutorService pool,
      java.util.function.Supplier<S> sinkOf, java.util.function.Consumer<S> merge, ProgressListener progress) {
    int toCompare = rowsToCompare();
    progress.started(stage, toCompare, "records");
    PairComparer.stream(blocker, List.of(comparisons), toCompare, pool, sinkOf, merge,
        done -> progress.advanced(stage, done));
  }

  /**
   * As {@link #stream} above, on {@code engine} when there is one and this index knows its records
   * (else in process, on {@code local}'s sinks): each chunk into a sink of {@code recipe} built
   * where the chunk is compared, merged in candidate order. Either way the merged result is the same.
   */
  public <S extends PairComparer.ComparedSink & java.io.Serializable> void stream(String stage, ExecutorService pool,
      PairEngine engine, PairPass.Recipe<S> recipe, java.util.function.Supplier<S> local,
      java.util.function.Consumer<S> merge, ProgressListener progress) {
    if (engine == null || source == null) {
      stream(stage, pool, local, merge, progress);
      return;
    }
    int toCompare = rowsToCompare();
    progress.started(stage, toCompare, "records");
    PairPass.Task<S> task = new PairPass.Task<>(recipe, toCompare);
    long[] done = {0};
    engine.stream(source, task, sink -> {
      merge.accept(sink);
      done[0] = Math.min(toCompare, done[0] + PairPass.CHUNK);
      progress.advanced(stage, done[0]);
    });
  }

  /** The same data, comparisons and index with {@code pairs} as its candidates (a streamed run's kept pairs). */
  public ComparedPairs withCandidates(CandidatePairs pairs) {
    return new ComparedPairs(plan, data, comparisons, blocker, pairs, source);
  }

  /** Adds the record and blocking counts of {@code size} candidate pairs, {@code counts} per rule, to {@code report}. */
  public void addTo(StageFigures report, long size, long[] counts) {
    LinkageSpec spec = plan.spec();
    int nl = data.leftSize();
    int nr = data.rightSize();
    Map<String, Long> byRule = new LinkedHashMap<>();
    for (int r = 0; r < counts.length; r++) {
      byRule.put(spec.blockingRules().get(r).name(), counts[r]);
    }
    report.records(nl, data.isDeduplication() ? 0 : nr).blocking(size, byRule, blocker.indexStats(),
        BlockingAnalysis.fromCounts(spec.blockingRules(), counts, blocker.indexStats(), nl, nr,
            data.isDeduplication()).toMap(), blocker.oversizeWarnings());
  }

  /** The plan the pairs were compared under. */
  public LinkagePlan plan() {
    return plan;
  }

  /** The encoded records of both sides. */
  public EncodedData data() {
    return data;
  }

  /** The blocking index. */
  public Blocker blocker() {
    return blocker;
  }

  /** The candidate pairs, with their patterns and the rule that found each. */
  public CandidatePairs candidates() {
    return candidates;
  }

  /** Number of candidate pairs. */
  public int size() {
    return candidates.size();
  }

  /** The id of candidate pair {@code i}'s left record. */
  public String leftId(int i) {
    return data.leftTable().id(candidates.left(i));
  }

  /** The id of candidate pair {@code i}'s right record. */
  public String rightId(int i) {
    return data.rightTable().id(candidates.right(i));
  }

  /** The agreement pattern of any pair of rows, candidate or not (computed, not stored). */
  public long pattern(int left, int right) {
    return PairComparer.pattern(comparisons, left, right);
  }

  /** The comparisons bound to {@link #data()}, in the spec's order; a copy. */
  public Comparison[] comparisons() {
    return comparisons.clone();
  }

  /** The bound comparisons without copying, for the stages of a run. */
  public Comparison[] comparisonsShared() {
    return comparisons;
  }

  /**
   * One side indexed within itself ({@code 0} left, {@code 1} right), reusing this data's encoding,
   * no pair compared yet ({@link #stream}).
   */
  public ComparedPairs sideIndexed(int side, ProgressListener progress) {
    return index(plan, data.side(side), progress, StageFigures.NONE, source == null ? null : source.side(side));
  }

  /** One side's pairs within itself, every one compared and held. */
  public ComparedPairs side(int side, ExecutorService pool, ProgressListener progress) {
    return sideIndexed(side, progress).compareAll(pool, progress, StageFigures.NONE);
  }
}
