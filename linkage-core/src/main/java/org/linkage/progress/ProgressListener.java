package org.linkage.progress;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * Follows a long run stage by stage — reading, normalising, indexing, comparing, training, deciding,
 * clustering, writing — for a person watching it. Events carry stage names, counts and one-line
 * summaries, never record values.
 *
 * <p>Each stage is {@link #started}, then {@link #advanced} zero or more times, then
 * {@link #finished}, all before the next stage starts. {@code started} and {@code finished} come from
 * the thread that runs the stage; {@code advanced} may come from worker threads, concurrently, so an
 * implementation must be thread-safe. Callers report by chunk (thousands of records, a megabyte of
 * input), never per pair, so a call may do a little work; it must not block for long or throw.
 */
public interface ProgressListener {
  /** Ignores every event. */
  ProgressListener NONE = new ProgressListener() {};

  /**
   * A stage begins.
   *
   * @param stage a short name: {@code read}, {@code normalise}, {@code index}, {@code compare},
   *     {@code train}, {@code decide}, {@code cluster}, {@code write}
   * @param total the units the stage will process, or 0 when not known in advance
   * @param unit what is counted ({@code bytes}, {@code records}), or {@code null} with {@code total} 0
   */
  default void started(String stage, long total, String unit) {}

  /**
   * Units of the current stage done so far (a running total, not an increment); from any thread.
   *
   * @param stage the stage being advanced, as given to {@link #started}
   * @param done units done, at most the stage's total when it has one
   */
  default void advanced(String stage, long done) {}

  /**
   * The stage ended.
   *
   * @param stage the stage, as given to {@link #started}
   * @param summary one line on what it did, e.g. {@code compared 8933 candidate pairs}
   */
  default void finished(String stage, String summary) {}

  /**
   * A listener passing each stage's one-line summary to {@code summaries} and ignoring the rest.
   *
   * @param summaries receives the summary of each finished stage
   * @return the listener
   */
  static ProgressListener ofSummaries(Consumer<String> summaries) {
    requireNonNull(summaries, "summaries");
    return new ProgressListener() {
      @Override
      public void finished(String stage, String summary) {
        summaries.accept(summary);
      }
    };
  }
}
