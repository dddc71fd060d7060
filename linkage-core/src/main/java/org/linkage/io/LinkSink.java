package org.linkage.io;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.Person;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * Where a run's outputs go: links, unmatched ids, rejected rows, persons and the run report, each
 * handed over once it is final. {@link #write} calls the methods at most once each, in
 * this order: {@link #rejected}, {@link #unmatchedLeft}, {@link #unmatchedRight} (not for a
 * deduplication), {@link #persons} (only when the run grouped records into persons),
 * {@link #ambiguous}, {@link #links}, {@link #report}. Links come last, so a sink that fails part-way never leaves new
 * links beside stale unmatched ids.
 *
 * <p>The {@link Iterable}s are views of the run's result, iterated once and not kept by a
 * well-behaved sink: a sink streams them out instead of holding copies. Ready-made sinks: CSV files
 * ({@link #csv(Path)}), JDBC tables ({@link #jdbc(String, String)}) and a link callback
 * ({@link #callback}); every method defaults to ignoring its output, so a custom
 * sink implements only what it needs.
 *
 * <p>Failures: a sink throws an {@link org.linkage.error.OutputException} (output cannot be
 * written), naming the output and never a record's values. Thread-safety: the ready-made
 * sinks are immutable and may be shared; each call runs on the caller's thread, and a sink used by
 * several runs at once writes their outputs in whatever order the calls arrive.
 *
 * <pre>{@code
 * LinkageResult result = linker.link(left.table(), right.table());
 * LinkSink.write(LinkSink.jdbc("jdbc:duckdb:leo.db", "run1_"), result, List.of(left, right));
 * }</pre>
 */
public interface LinkSink {
  /**
   * Hands the outputs of {@code result} to {@code sink} in the order this interface documents.
   *
   * @param inputs what reading gave for each side (left before right; one for a deduplication):
   *     their rejected rows go to {@link #rejected}, their counts to the report
   * @throws org.linkage.error.OutputException when the sink cannot write
   */
  static void write(LinkSink sink, LinkageResult result, List<ReadResult> inputs) {
    LinkSinks.write(sink, result, inputs);
  }

  /**
   * CSV files in {@code dir} (created if missing), laid out as the command line writes them:
   * {@code rejected.csv}, {@code unmatched_left.csv}, {@code unmatched_right.csv},
   * {@code persons.csv}, {@code ambiguous.csv}, {@code links.csv} and {@code report.json}, with
   * text cells that a spreadsheet could run as a formula escaped. Each file is written beside its
   * target and renamed into place when complete, so a reader never sees half a file. Immutable and
   * thread-safe, as every ready-made sink.
   */
  static LinkSink csv(Path dir) {
    return LinkSinks.csv(dir);
  }

  /** Like {@link #csv(Path)}; {@code escapeFormulas} false writes ids exactly as read. */
  static LinkSink csv(Path dir, boolean escapeFormulas) {
    return LinkSinks.csv(dir, escapeFormulas);
  }

  /**
   * Tables in the database at {@code url}: {@code links}, {@code ambiguous}, {@code unmatched_left},
   * {@code unmatched_right}, {@code rejected}, {@code persons} and {@code report} (one row holding
   * the report JSON), each name preceded by {@code prefix}. A table is created if missing, else its
   * rows are replaced; each table is written in one transaction, so a failure leaves that table
   * as it was and the tables written before it complete (links are written last). Columns: ids and
   * words as {@code TEXT}, line numbers as {@code BIGINT}, probabilities and weights as
   * {@code DOUBLE PRECISION} (NaN as {@code NULL}). Values are stored as they are (no formula
   * escaping: a database is not a spreadsheet).
   *
   * @param prefix prepended to every table name: empty, or letters, digits and underscores,
   *     optionally starting with {@code schema.}
   */
  static LinkSink jdbc(String url, String prefix) {
    return LinkSinks.jdbc(url, prefix);
  }

  /** Like {@link #jdbc(String, String)} over connections from {@code dataSource}. */
  static LinkSink jdbc(DataSource dataSource, String prefix) {
    return LinkSinks.jdbc(dataSource, prefix);
  }

  /**
   * Calls {@code onLink} once per link, in link order, on the caller's thread; the other outputs
   * are ignored. Nothing is buffered.
   */
  static LinkSink callback(Consumer<Link> onLink) {
    return LinkSinks.callback(onLink);
  }

  /** Rows rejected while reading either side, left before right, each in source order. */
  default void rejected(Iterable<Rejection> rejections) {}

  /** Ids of left records in no link, in input order. */
  default void unmatchedLeft(Iterable<String> ids) {}

  /** Ids of right records in no link, in input order. */
  default void unmatchedRight(Iterable<String> ids) {}

  /** The persons, in person id order (left records before right within each). */
  default void persons(Iterable<Person> persons) {}

  /** Pairs held back for clerical review, in decision order (descending weight). */
  default void ambiguous(Iterable<Link> pairs) {}

  /** The accepted links, ordered by left record then right record. */
  default void links(Iterable<Link> links) {}

  /** The run report as JSON ({@code linkage-report/1}): counts and timings, no record values. */
  default void report(String reportJson) {}
}
