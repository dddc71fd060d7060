package org.linkage.testkit.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a harness run measured: one row per data set and strategy, and a summary per data set.
 * Immutable.
 *
 * @param rows results in run order
 * @param datasets one summary per data set, in run order
 * @param seed generator seed
 * @param threads worker threads of every linkage call
 */
public record HarnessResults(List<ResultRow> rows, List<DatasetSummary> datasets, long seed, int threads) {

  public HarnessResults {
    rows = List.copyOf(rows);
    datasets = List.copyOf(datasets);
  }

  /**
   * Facts about one data set.
   *
   * @param name data set name
   * @param leftRecords left records read
   * @param rightRecords right records read
   * @param truePairs true pairs in the truth file
   * @param rejectedRows rows the reader rejected (both sides)
   * @param liveHeapMb heap in use after a full GC with the tables loaded, before the runs (MiB)
   * @param warnings distinct warnings of the runs (no record values)
   */
  public record DatasetSummary(String name, int leftRecords, int rightRecords, int truePairs, long rejectedRows,
      double liveHeapMb, List<String> warnings) {
    public DatasetSummary {
      warnings = List.copyOf(warnings);
    }
  }

  /** The row of {@code strategy} on {@code dataset}, if it was run. */
  public Optional<ResultRow> row(String dataset, StrategyKind strategy) {
    return rows.stream().filter(r -> r.dataset().equals(dataset) && r.strategy() == strategy).findFirst();
  }
}
