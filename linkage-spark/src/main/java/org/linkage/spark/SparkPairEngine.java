package org.linkage.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.linkage.internal.cluster.ComponentPersons;
import org.linkage.internal.cluster.ComponentRounds;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.stage.ComparedPairs;
import org.linkage.internal.stage.PairEngine;
import org.linkage.internal.stage.PairPass;

/**
 * Runs a run's passes over its candidate pairs on Apache Spark. By default the pairs are generated
 * by a join on the blocking keys with the records partitioned ({@code JoinedPairs}): each record's
 * block per rule and refinement level comes from the driver's blocking index (the core's plan, its cap
 * per rule), one join on (rule, level, block) offers the pairs, each is kept under the first rule that
 * generates it, joined to both records' codes and compared with the core's comparisons on the
 * executors (the dictionaries broadcast). The compared pairs are kept in the session (memory, then
 * disk) for every pass of the index and read back in candidate order into the pass's own sinks on the
 * driver (pass 1: training's {@code CandidateSummary}; pass 2: the scored pairs above the floor), so
 * the result is the in-process engine's.
 *
 * <p>{@link #withBroadcastIndex} instead broadcasts the records once per index; each executor rebuilds
 * the run's encoding, comparisons and blocking index from them (deterministically, so row numbers and
 * codes are the driver's; an executor in the driver's own process, as with a {@code local} master,
 * uses the driver's index) and compares chunks of 2,048 left rows in {@code mapPartitions} into the
 * sinks, which come back to the driver: no shuffle, but every executor holds every record.
 *
 * <p>The rounds of one-to-one competing assignment and the clustering into persons run per connected
 * component on the executors ({@code ComponentWork}), with the same decisions and persons.
 *
 * <p>Use through {@link org.linkage.Linker#withEngine} or {@link SparkLinker}. One pass at a time:
 * not thread-safe; {@link #close} releases the broadcasts and the kept pairs (and stops the session
 * if this engine started it).
 */
public final class SparkPairEngine implements PairEngine, AutoCloseable {
  private static final int CHUNKS_PER_PARTITION = 8;
  private static final int WAVE_PER_CORE = 4;
  private final SparkSession session;
  private final boolean ownsSession;
  private final int partitions;
  private final boolean rebuild; // executors in the driver's process build their own index too (tests)
  private final int wave; // partitions per wave; 0: WAVE_PER_CORE per core
  private final boolean broadcastIndex; // the records broadcast and the index probed, instead of joins
  private final Map<PairPass.Source, Broadcast<PairPass.Source>> shipped = new IdentityHashMap<>();
  private final Map<PairPass.Source, JavaRDD<CandidatePairs.Buffer>> joined = new IdentityHashMap<>();
  private int passes;
  private int joins;
  private ComponentWork components; // made on first use

  private SparkPairEngine(SparkSession session, boolean ownsSession, int partitions, boolean rebuild, int wave) {
    this(session, ownsSession, partitions, rebuild, wave, false);
  }

  private SparkPairEngine(SparkSession session, boolean ownsSession, int partitions, boolean rebuild, int wave,
      boolean broadcastIndex) {
    this.broadcastIndex = broadcastIndex;
    this.rebuild = rebuild;
    this.wave = wave;
    this.session = Objects.requireNonNull(session, "session");
    this.ownsSession = ownsSession;
    this.partitions = partitions;
  }

  /**
   * An engine on {@code session}: at least three partitions per core of the session's default
   * parallelism (small partitions even out uneven blocks) and at most 8 chunks of 2,048 left rows
   * each, run in waves of 4 partitions per core whose results the driver merges before the next
   * wave. Closing it leaves the session running.
   */
  public static SparkPairEngine on(SparkSession session) {
    return new SparkPairEngine(session, false, 0, false, 0);
  }

  /**
   * An engine on a session of its own at {@code master} (for example {@code local[2]}, or {@code null}
   * for the master {@code spark-submit} sets), stopped by {@link #close}; if the process already has
   * a default session, that one is used (whatever its master) and left running.
   */
  public static SparkPairEngine start(String master) {
    scala.Option<SparkSession> running = SparkSession.getDefaultSession();
    if (running.isDefined()) { // the process's own session (an application, a test): used, never stopped
      return new SparkPairEngine(running.get(), false, 0, false, 0);
    }
    SparkSession.Builder b = SparkSession.builder().appName("linkage").config("spark.ui.enabled", "false");
    if (master != null) {
      b = b.master(master);
    }
    return new SparkPairEngine(b.getOrCreate(), true, 0, false, 0);
  }

  /** A copy comparing in {@code partitions} partitions per pass (at least 1), in the same waves. */
  public SparkPairEngine withPartitions(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    return new SparkPairEngine(session, ownsSession, partitions, rebuild, wave, broadcastIndex);
  }

  /**
   * A copy that broadcasts the records instead of joining on the blocking keys: every executor holds
   * all records and the blocking index (rebuilt from them once) and probes it for its chunks of left
   * rows, with no shuffle. Only for records that fit every executor's memory; the same answer.
   */
  public SparkPairEngine withBroadcastIndex() {
    return new SparkPairEngine(session, ownsSession, partitions, rebuild, wave, true);
  }

  /**
   * A copy whose executors rebuild the index from the broadcast records even in the driver's
   * process, as executors of a cluster do: what the local tests check against the in-process answer.
   */
  SparkPairEngine rebuildingIndexes() {
    return new SparkPairEngine(session, ownsSession, partitions, true, wave, true);
  }

  /** A copy running {@code partitions} partitions per wave (tests: several waves on a small input). */
  SparkPairEngine inWavesOf(int partitions) {
    return new SparkPairEngine(session, ownsSession, this.partitions, rebuild, partitions, broadcastIndex);
  }

  /** The session the passes run on. */
  public SparkSession session() {
    return session;
  }

  @Override
  public <S extends Serializable> void stream(PairPass.Source source, PairPass.Task<S> task, Consumer<S> merge) {
    int chunks = task.chunks();
    if (chunks == 0) {
      return;
    }
    passes++;
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    int cores = sc.defaultParallelism();
    // at most CHUNKS_PER_PARTITION chunks a partition, so that a wave of partitions brings back a
    // bounded amount; at least three partitions a core, to even out uneven blocks
    int slices = Math.min(chunks, partitions > 0 ? partitions
        : Math.max(3 * cores, (chunks + CHUNKS_PER_PARTITION - 1) / CHUNKS_PER_PARTITION));
    int perWave = wave > 0 ? wave : Math.max(1, WAVE_PER_CORE * cores);
    if (!broadcastIndex) {
      join(source, task, merge, slices, perWave);
      return;
    }
    Broadcast<PairPass.Source> records = shipped.computeIfAbsent(source, sc::broadcast);
    List<Integer> ids = IntStream.range(0, chunks).boxed().toList();
    // parallelize splits the list into contiguous runs in order
    boolean fresh = rebuild;
    JavaRDD<S> sinks = sc.parallelize(ids, slices).mapPartitions(chunkIds -> compare(records, fresh, task, chunkIds));
    // waves of partitions, merged in order before the next runs: the driver holds one wave's results
    for (int first = 0; first < slices; first += perWave) {
      int[] part = IntStream.range(first, Math.min(slices, first + perWave)).toArray();
      for (List<S> results : sinks.collectPartitions(part)) {
        results.forEach(merge);
      }
    }
  }

  /**
   * The pass over the pairs the joins generated and compared (once per index, kept for its later
   * passes): read in candidate order, a wave of partitions at a time, into the pass's sinks on the
   * driver, one sink per chunk of left rows, each handed to {@code merge} in chunk order.
   */
  private <S extends Serializable> void join(PairPass.Source source, PairPass.Task<S> task, Consumer<S> merge,
      int slices, int perWave) {
    ComparedPairs index = source.index(); // the driver's own, which the run built
    JavaRDD<CandidatePairs.Buffer> pairs = joined.computeIfAbsent(source,
        s -> {
          joins++;
          return JoinedPairs.of(session, index, task.rows(), slices);
        });
    Supplier<S> sinks = task.sinks(index);
    int chunks = task.chunks();
    int chunk = 0;
    S sink = sinks.get();
    int partitionCount = pairs.getNumPartitions();
    for (int first = 0; first < partitionCount; first += perWave) {
      int[] part = IntStream.range(first, Math.min(partitionCount, first + perWave)).toArray();
      for (List<CandidatePairs.Buffer> results : pairs.collectPartitions(part)) {
        for (CandidatePairs.Buffer buffer : results) {
          CandidatePairs p = buffer.build();
          for (int i = 0; i < p.size(); i++) {
            int left = p.left(i);
            while (chunk < left / PairPass.CHUNK) { // chunks without pairs get their empty sink too
              merge.accept(sink);
              chunk++;
              sink = sinks.get();
            }
            ((PairComparer.ComparedSink) sink).pair(left, p.right(i), p.pattern(i), p.rule(i));
          }
        }
      }
    }
    while (chunk < chunks) {
      merge.accept(sink);
      if (++chunk < chunks) {
        sink = sinks.get();
      }
    }
  }

  private static <S extends Serializable> Iterator<S> compare(Broadcast<PairPass.Source> records, boolean rebuild,
      PairPass.Task<S> task, Iterator<Integer> chunkIds) {
    if (!chunkIds.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    int from = chunkIds.next();
    int to = from + 1;
    while (chunkIds.hasNext()) {
      to = chunkIds.next() + 1;
    }
    return task.run(ExecutorIndexes.of(records, rebuild), from, to).iterator();
  }

  /**
   * The rounds of one-to-one competing assignment per connected component of the kept pairs, on the
   * executors ({@code ComponentWork}); the driver sums each round's links before the next.
   */
  @Override
  public ComponentRounds.Opener rounds() {
    return components();
  }

  /** Persons clustered per connected component of the links, on the executors ({@code ComponentWork}). */
  @Override
  public ComponentPersons.Clusterer persons() {
    return components();
  }

  private ComponentWork components() {
    if (components == null) {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
      components = new ComponentWork(sc, partitions > 0 ? partitions : 3 * sc.defaultParallelism());
    }
    return components;
  }

  /** Rounds of competing assignment run on the executors so far. */
  int roundsRun() {
    return components == null ? 0 : components.roundsRun();
  }

  /** Clusterings into persons run on the executors so far. */
  int clusteringsRun() {
    return components == null ? 0 : components.clusteringsRun();
  }

  /** Indexes whose pairs were generated by joins so far (each once, for all its passes). */
  int joinsRun() {
    return joins;
  }

  /** Passes run on Spark so far (those with at least one left row). */
  int passesRun() {
    return passes;
  }

  /** Releases the broadcast records on the executors; stops the session if this engine started it. */
  @Override
  public void close() {
    for (Broadcast<PairPass.Source> b : new ArrayList<>(shipped.values())) {
      b.destroy();
    }
    shipped.clear();
    for (JavaRDD<CandidatePairs.Buffer> pairs : joined.values()) {
      pairs.unpersist(false);
    }
    joined.clear();
    if (components != null) {
      components.close();
    }
    if (ownsSession) {
      session.stop();
    }
  }
}
