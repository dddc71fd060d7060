package org.linkage.internal.compare;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.pattern.Patterns;
import org.linkage.internal.parallel.ParallelChunks;

/**
 * The hot loop: probes the blocking index with every left record and compares each candidate pair
 * on every comparison, packing the levels into a pattern.
 *
 * <p>Left rows are cut into fixed-size chunks whatever the thread count, and the chunks' results
 * are concatenated in order, so the output is identical for any number of threads.
 */
public final class PairComparer {
  /** Left rows per unit of parallel work. */
  public static final int CHUNK = 2048;

  private PairComparer() {}

  /** The packed agreement pattern of one pair. Allocation-free. */
  public static long pattern(Comparison[] comparisons, int left, int right) {
    long p = 0;
    for (int c = 0; c < comparisons.length; c++) {
      p |= (long) comparisons[c].level(left, right) << (4 * c);
    }
    return p;
  }

  /** The packed agreement pattern of a pair under comparisons fixed beforehand. */
  @FunctionalInterface
  public interface PatternOf {
    /** {@link #pattern(Comparison[], int, int)} of ({@code left}, {@code right}). */
    long of(int left, int right);
  }

  /**
   * {@link #pattern(Comparison[], int, int)} under {@code comparisons}, through
   * {@link Comparisons.RowPatterns} when they were bound together (one row lookup per pair and calls
   * the compiler can inline): the same patterns, cheaper where pairs are compared one at a time.
   */
  public static PatternOf patterns(Comparison[] comparisons) {
    Comparisons.RowPatterns rows = Comparisons.rowPatterns(comparisons);
    return rows != null ? rows::pattern : (l, r) -> pattern(comparisons, l, r);
  }

  /**
   * Compares the candidate pairs of left rows {@code [from, to)} into {@code sink}, in candidate
   * order (each left row's pairs in the order {@link Blocker#candidatesOf(int, Blocker.PairSink)}
   * offers them), probing the index for a few left rows together
   * ({@link Blocker#candidatesOf(int, int, Blocker.PairSink)}) and reading the right records' rows a
   * batch ahead ({@link PairBatch}).
   */
  public static void compareRows(Blocker blocker, Comparison[] comparisons, int from, int to, ComparedSink sink) {
    PairBatch batch = new PairBatch(comparisons, sink);
    blocker.candidatesOf(from, to, batch);
    batch.flush();
  }

  /** Produces and compares every candidate pair. */
  public static CandidatePairs compareAll(Blocker blocker, List<Comparison> comparisons, int leftSize,
      ExecutorService pool) {
    return compareAll(blocker, comparisons, leftSize, pool, done -> {});
  }

  /**
   * As {@link #compareAll(Blocker, List, int, ExecutorService)}, telling {@code leftRecordsDone} the
   * running total of left records compared after each chunk of 2,048 (from worker
   * threads; it must be thread-safe). Reporting by chunk keeps the pair loop free of it.
   */
  public static CandidatePairs compareAll(Blocker blocker, List<Comparison> comparisons, int leftSize,
      ExecutorService pool, LongConsumer leftRecordsDone) {
    checkArgument(comparisons.size() <= Patterns.MAX_COMPARISONS, "at most %s comparisons", Patterns.MAX_COMPARISONS);
    checkArgument(blocker.rules().size() <= Byte.MAX_VALUE, "at most 127 blocking rules");
    Comparison[] cs = comparisons.toArray(new Comparison[0]);
    AtomicLong compared = new AtomicLong();
    List<CandidatePairs.Buffer> parts = ParallelChunks.map(pool, leftSize, CHUNK, (start, end) -> {
      CandidatePairs.Buffer buffer = new CandidatePairs.Buffer();
      compareRows(blocker, cs, start, end, buffer::add);
      leftRecordsDone.accept(compared.addAndGet(end - start));
      return buffer;
    });
    return CandidatePairs.concat(parts);
  }

  /** Receives compared pairs: one chunk's, in candidate order. */
  @FunctionalInterface
  public interface ComparedSink {
    /** One candidate pair with its agreement pattern and the index of the rule that found it. */
    void pair(int left, int right, long pattern, int rule);
  }

  /** Chunks in flight per stream: enough to keep every thread busy while the merge waits on one. */
  static final int WINDOW = 16;

  /**
   * Compares every candidate pair without holding them: each chunk of 2,048 left rows is compared
   * on the pool into a fresh sink from {@code sinkOf}, and the sinks are handed to {@code merge} on
   * the calling thread in chunk order — the pair order of {@link #compareAll}, for any thread
   * count. {@code leftRecordsDone} is told the running total of left rows compared, as there.
   */
  public static <S extends ComparedSink> void stream(Blocker blocker, List<Comparison> comparisons, int leftSize,
      ExecutorService pool, java.util.function.Supplier<S> sinkOf, java.util.function.Consumer<S> merge,
      LongConsumer leftRecordsDone) {
    checkArgument(comparisons.size() <= Patterns.MAX_COMPARISONS, "at most %s comparisons", Patterns.MAX_COMPARISONS);
    checkArgument(blocker.rules().size() <= Byte.MAX_VALUE, "at most 127 blocking rules");
    Comparison[] cs = comparisons.toArray(new Comparison[0]);
    AtomicLong compared = new AtomicLong();
    ParallelChunks.stream(pool, leftSize, CHUNK, WINDOW, (start, end) -> {
      S sink = sinkOf.get();
      compareRows(blocker, cs, start, end, sink);
      leftRecordsDone.accept(compared.addAndGet(end - start));
      return sink;
    }, merge);
  }
}
