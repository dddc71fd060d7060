package org.linkage.internal.stage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.progress.ProgressListener;
import org.linkage.record.RecordTable;

/**
 * The parts of one pass over a run's candidate pairs that a {@link PairEngine}
 * ships to other processes. A {@link Source} holds the records an index is built from (rebuilt
 * deterministically by {@link Source#rebuild}: the same encoding, comparisons and blocking index as
 * the calling process); a {@link Task} compares the pairs of a range of chunks of {@link #CHUNK} left
 * rows into fresh sinks, one per chunk, exactly as the in-process pass does. Merging the sinks in
 * chunk order gives the in-process pass's result. Not covered by the API's compatibility promise.
 *
 * <p>Holds no state; its nested types are immutable, serializable and thread-safe.
 */
public final class PairPass {
  /** Left rows per chunk: the in-process pass's chunk, so merged chunk results are identical. */
  public static final int CHUNK = PairComparer.CHUNK;

  private PairPass() {}

  /**
   * The records of an index: both tables of a run (the same table twice to deduplicate), or one
   * side of them linked within itself ({@code side} 0 or 1; -1 for both). Serializable; equal only
   * to itself. In the process that built the index, {@link #index} returns that index (held weakly,
   * outside the source), so an engine running in this process (Spark's {@code local} master) need
   * not build it again.
   * Thread-safe.
   */
  public static final class Source implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * This process's index of each source, held weakly: outside the source, so that what walks or
     * ships a source (a broadcast's size estimate, serialization) sees only the records.
     */
    private static final java.util.Map<Source, java.lang.ref.WeakReference<ComparedPairs>> BUILT =
        java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final LinkagePlan plan;
    private final RecordTable left;
    private final RecordTable right;
    private final int side;

    Source(LinkagePlan plan, RecordTable left, RecordTable right, int side) {
      this.plan = plan;
      this.left = left;
      this.right = right;
      this.side = side;
    }

    /** The one side {@code which} of these records, within itself. */
    Source side(int which) {
      return new Source(plan, left, right, which);
    }

    /** Records {@code index} as this process's index of these records (first one wins). */
    void built(ComparedPairs index) {
      BUILT.putIfAbsent(this, new java.lang.ref.WeakReference<>(index));
    }

    /** The plan the index runs. */
    public LinkagePlan plan() {
      return plan;
    }

    /** Number of records shipped: both tables' (one table's when deduplicating). */
    public long records() {
      return left == right ? left.size() : (long) left.size() + right.size();
    }

    /** The index of these records: this process's own if it built one, else {@link #rebuild()}. */
    public ComparedPairs index() {
      java.lang.ref.WeakReference<ComparedPairs> ref = BUILT.get(this);
      ComparedPairs b = ref == null ? null : ref.get();
      return b != null ? b : rebuild();
    }

    /**
     * Normalises, encodes and indexes the records again, as the process that built the index did:
     * deterministic, so row numbers, codes and blocks equal that process's. Costs O(records); an
     * engine builds it once per process and reuses it for every pass.
     */
    public ComparedPairs rebuild() {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "linkage-rebuild");
            t.setDaemon(true);
            return t;
          });
      try {
        ComparedPairs both = ComparedPairs.indexed(plan, left, right, false, pool, ProgressListener.NONE,
            StageFigures.NONE);
        return side < 0 ? both : both.sideIndexed(side, ProgressListener.NONE);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * What a pass makes of an index: a supplier of fresh, empty sinks (one per chunk), built once per
   * index in the process that compares. Must be serializable: a lambda capturing only serializable
   * values.
   */
  @FunctionalInterface
  public interface Recipe<S> extends Serializable {
    /** The sinks of this pass on {@code index}. */
    Supplier<S> sinks(ComparedPairs index);
  }

  /**
   * A pass over the first {@link #rows} left rows of an index, in {@link #chunks} chunks. Immutable,
   * serializable, thread-safe.
   */
  public static final class Task<S extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Recipe<S> recipe;
    private final int rows;

    Task(Recipe<S> recipe, int rows) {
      this.recipe = recipe;
      this.rows = rows;
    }

    /** Left rows compared. */
    public int rows() {
      return rows;
    }

    /** Number of chunks: {@code ceil(rows / CHUNK)}. */
    public int chunks() {
      return (rows + CHUNK - 1) / CHUNK;
    }

    /**
     * Fresh, empty sinks of this pass on {@code index}, one per chunk: for an engine that generates and
     * compares the pairs itself and feeds each chunk's pairs, in candidate order, into one of them
     * (every sink is a {@link PairComparer.ComparedSink}).
     */
    public Supplier<S> sinks(ComparedPairs index) {
      return recipe.sinks(index);
    }

    /**
     * Compares the candidate pairs of chunks {@code [from, to)} of {@code index} (built from this
     * pass's {@link Source}), each chunk into a fresh sink; the sinks in chunk order.
     */
    public List<S> run(ComparedPairs index, int from, int to) {
      Supplier<S> sinks = recipe.sinks(index);
      Comparison[] cs = index.comparisonsShared();
      Blocker blocker = index.blocker();
      List<S> out = new ArrayList<>(Math.max(0, to - from));
      for (int k = from; k < to; k++) {
        S sink = sinks.get();
        PairComparer.ComparedSink into = (PairComparer.ComparedSink) sink; // every recipe of a run makes sinks
        PairComparer.compareRows(blocker, cs, k * CHUNK, Math.min(rows, (k + 1) * CHUNK), into);
        out.add(sink);
      }
      return out;
    }
  }
}
