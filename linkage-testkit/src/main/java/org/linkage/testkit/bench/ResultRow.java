package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.linkage.eval.Evaluation;

/**
 * One line of the results table: how one strategy did on one data set. Immutable.
 *
 * @param dataset data set name
 * @param strategy strategy name ({@link Strategy#name()})
 * @param evaluation precision, recall and F1 against the truth; {@code null} if the strategy was skipped
 * @param intervals 95% bootstrap intervals of precision, recall and F1 ({@link Bootstrap}); {@code null} if skipped
 * @param candidatePairs pairs compared, or -1 where no pairs are compared (the cascade alone) or skipped
 * @param pairCompleteness share of true pairs among the candidate pairs (the recall ceiling of the
 *     Fellegi–Sunter pass), or NaN where not applicable
 * @param seconds wall time of the linkage call (training included, reading excluded); NaN if skipped
 * @param peakHeapMb peak heap in use during the call, MiB ({@link HeapPeak}); NaN if skipped
 * @param falseLinkPatterns the agreement patterns with the most false links, most first (empty
 *     without a model)
 * @param missedPatterns the agreement patterns with the most missed true pairs, most first
 * @param note why a strategy was skipped, or empty
 */
public record ResultRow(String dataset, String strategy, Evaluation evaluation, Bootstrap.Intervals intervals,
    long candidatePairs, double pairCompleteness, double seconds, double peakHeapMb, List<Pattern> falseLinkPatterns,
    List<Pattern> missedPatterns, String note) {

  /** Checks dataset, strategy and note are set; copies the pattern lists. */
  public ResultRow {
    requireNonNull(dataset, "dataset");
    requireNonNull(strategy, "strategy");
    requireNonNull(note, "note");
    falseLinkPatterns = List.copyOf(falseLinkPatterns);
    missedPatterns = List.copyOf(missedPatterns);
  }

  /**
   * An agreement pattern and how many errors of one kind have it.
   *
   * @param pattern level names per comparison, e.g. {@code forename=exact|dob=null} (never values)
   * @param count false links or missed pairs with this pattern
   */
  public record Pattern(String pattern, long count) {}

  /** A row for a strategy that did not run. */
  static ResultRow skipped(String dataset, String strategy, String note) {
    return new ResultRow(dataset, strategy, null, null, -1, Double.NaN, Double.NaN, Double.NaN, List.of(), List.of(),
        note);
  }

  /** Whether the strategy did not run on this data set ({@link #note()} says why). */
  public boolean isSkipped() {
    return evaluation == null;
  }

  /** Candidate pairs compared per second of the linkage call, or NaN where no pairs are compared. */
  public double pairsPerSecond() {
    return candidatePairs < 0 || !(seconds > 0) ? Double.NaN : candidatePairs / seconds;
  }
}
