package org.linkage.testkit.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a harness run measured: one row per data set and strategy, McNemar tests between every two
 * rows of the same data set, and a summary per data set. Immutable.
 *
 * @param rows results in run order
 * @param differences one test per two rows that ran on the same data set, in row order
 * @param datasets one summary per data set, in run order
 * @param seed generator and bootstrap seed
 * @param threads worker threads of every linkage call
 * @param replicates bootstrap replicates behind every interval
 */
public record HarnessResults(List<ResultRow> rows, List<Difference> differences, List<DatasetSummary> datasets,
    long seed, int threads, int replicates) {

  public HarnessResults {
    rows = List.copyOf(rows);
    differences = List.copyOf(differences);
    datasets = List.copyOf(datasets);
  }

  /**
   * Whether two strategies' links differ significantly on one data set.
   *
   * @param dataset data set name
   * @param first the first strategy's name (earlier in the rows)
   * @param second the second strategy's name
   * @param test McNemar's test: b counts cases the first gets right and the second wrong
   */
  public record Difference(String dataset, String first, String second, McNemar.Result test) {}

  /**
   * Facts about one data set.
   *
   * @param name data set name
   * @param leftRecords left records read (by the first strategy that ran)
   * @param rightRecords right records read
   * @param truePairs true pairs in the truth
   * @param rejectedRows rows the reader rejected (both sides)
   * @param liveHeapMb heap in use after a full GC with the data loaded, before the runs (MiB)
   * @param warnings distinct warnings of the runs (no record values)
   */
  public record DatasetSummary(String name, int leftRecords, int rightRecords, int truePairs, long rejectedRows,
      double liveHeapMb, List<String> warnings) {
    public DatasetSummary {
      warnings = List.copyOf(warnings);
    }
  }

  /** The row of the strategy named {@code strategy} on {@code dataset}, if there is one. */
  public Optional<ResultRow> row(String dataset, String strategy) {
    return rows.stream().filter(r -> r.dataset().equals(dataset) && r.strategy().equals(strategy)).findFirst();
  }

  /** The row of built-in strategy {@code kind} on {@code dataset}, if there is one. */
  public Optional<ResultRow> row(String dataset, StrategyKind kind) {
    return row(dataset, kind.label());
  }

  /**
   * The test between strategies {@code first} and {@code second} on {@code dataset}, oriented so that
   * {@code b} counts cases {@code first} gets right and {@code second} wrong, whichever ran first.
   */
  public Optional<McNemar.Result> difference(String dataset, String first, String second) {
    for (Difference d : differences) {
      if (d.dataset().equals(dataset) && d.first().equals(first) && d.second().equals(second)) {
        return Optional.of(d.test());
      }
      if (d.dataset().equals(dataset) && d.first().equals(second) && d.second().equals(first)) {
        McNemar.Result t = d.test();
        return Optional.of(new McNemar.Result(t.secondOnlyRight(), t.firstOnlyRight(), t.pValue(), t.exact()));
      }
    }
    return Optional.empty();
  }

  /** The non-skipped row with the highest F1 on {@code dataset} (the first such on ties), if any. */
  public Optional<ResultRow> best(String dataset) {
    ResultRow best = null;
    for (ResultRow r : rows) {
      if (r.dataset().equals(dataset) && !r.isSkipped()
          && (best == null || r.evaluation().f1() > best.evaluation().f1())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }
}
