package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import org.linkage.eval.Evaluation;

/**
 * One line of the results table: how one strategy did on one data set.
 *
 * @param dataset data set name
 * @param strategy the strategy
 * @param evaluation precision, recall and F1 against the truth; {@code null} if the strategy was skipped
 * @param candidatePairs pairs compared, or -1 where no pairs are compared (the cascade alone) or skipped
 * @param pairCompleteness share of true pairs among the candidate pairs (the recall ceiling of the
 *     Fellegi–Sunter pass), or NaN where not applicable
 * @param seconds wall time of the linkage call (training included, CSV reading excluded); NaN if skipped
 * @param peakHeapMb peak heap in use during the call, MiB ({@link HeapPeak}); NaN if skipped
 * @param note why a strategy was skipped, or empty
 */
public record ResultRow(String dataset, StrategyKind strategy, Evaluation evaluation, long candidatePairs,
    double pairCompleteness, double seconds, double peakHeapMb, String note) {

  public ResultRow {
    requireNonNull(dataset, "dataset");
    requireNonNull(strategy, "strategy");
    requireNonNull(note, "note");
  }

  /** A row for a strategy that did not run. */
  static ResultRow skipped(String dataset, StrategyKind strategy, String note) {
    return new ResultRow(dataset, strategy, null, -1, Double.NaN, Double.NaN, Double.NaN, note);
  }

  public boolean isSkipped() {
    return evaluation == null;
  }
}
