package org.linkage.io;

import org.linkage.AmbiguousPair;
import org.linkage.Link;
import org.linkage.Person;
import org.linkage.record.Rejection;

/**
 * Where a run's outputs go: links, unmatched ids, rejected rows, persons and the run report, each
 * handed over once it is final. {@link LinkSinks#write} calls the methods at most once each, in
 * this order: {@link #rejected}, {@link #unmatchedLeft}, {@link #unmatchedRight} (not for a
 * deduplication), {@link #persons} (only when the run grouped records into persons),
 * {@link #ambiguous}, {@link #links}, {@link #report}. Links come last, so a sink that fails part-way never leaves new
 * links beside stale unmatched ids.
 *
 * <p>The {@link Iterable}s are views of the run's result, iterated once and not kept by a
 * well-behaved sink: a sink streams them out instead of holding copies. Ready-made sinks: CSV files
 * ({@link LinkSinks#csv}), JDBC tables ({@link LinkSinks#jdbc(String, String)}) and a link
 * callback ({@link LinkSinks#callback}); every method defaults to ignoring its output, so a custom
 * sink implements only what it needs.
 *
 * <p>Failures: a sink throws an {@link org.linkage.error.OutputException} (output cannot be
 * written), naming the output and never a record's values. Thread-safety: the ready-made
 * sinks are immutable and may be shared; each call runs on the caller's thread, and a sink used by
 * several runs at once writes their outputs in whatever order the calls arrive.
 */
public interface LinkSink {
  /** Rows rejected while reading either side, left before right, each in source order. */
  default void rejected(Iterable<Rejection> rejections) {}

  /** Ids of left records in no link, in input order. */
  default void unmatchedLeft(Iterable<String> ids) {}

  /** Ids of right records in no link, in input order. */
  default void unmatchedRight(Iterable<String> ids) {}

  /** The persons, in person id order (left records before right within each). */
  default void persons(Iterable<Person> persons) {}

  /** Pairs held back for clerical review, in decision order (descending weight). */
  default void ambiguous(Iterable<AmbiguousPair> pairs) {}

  /** The accepted links, ordered by left record then right record. */
  default void links(Iterable<Link> links) {}

  /** The run report as JSON ({@code linkage-report/1}): counts and timings, no record values. */
  default void report(String reportJson) {}
}
