package org.linkage.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.linkage.internal.stage.ComparedPairs;
import org.linkage.internal.stage.PairPass;

/**
 * The indexes an executor holds for broadcast records (rebuilt from them, or the driver's own when
 * the executor runs in the driver's process), kept for the run's later passes (building
 * one costs a normalisation of every record). At most a run's three indexes (both sides, and each side
 * within itself for persons) are held; the oldest goes first. Thread-safe: tasks of one executor
 * share it, and an index is built once.
 */
final class ExecutorIndexes {
  private static final int HELD = 3;
  // keyed by the broadcast value, which an executor deserialises once (broadcast ids restart with
  // each SparkContext, so they could name another run's records); PairPass.Source compares its
  // tables by identity
  private static final Map<PairPass.Source, ComparedPairs> BUILT = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PairPass.Source, ComparedPairs> eldest) {
      return size() > HELD;
    }
  };

  private ExecutorIndexes() {}

  /**
   * The index of the broadcast records: in the driver's process (a {@code local} master) the
   * driver's own, elsewhere (or with {@code rebuild}) built here once.
   */
  static synchronized ComparedPairs of(Broadcast<PairPass.Source> records, boolean rebuild) {
    return BUILT.computeIfAbsent(records.value(), rebuild ? PairPass.Source::rebuild : PairPass.Source::index);
  }
}
