package org.linkage.internal.compare;

import org.linkage.internal.block.Blocker;

/**
 * Candidate pairs compared a few at a time: the pairs the blocking index offers are set aside, and
 * every {@value #SIZE} pairs (and at the end, {@link #flush}) their right records' rows
 * ({@link RightRows}) are read in one tight loop and the pairs then compared, in the order offered,
 * into the sink. The rows' reads do not depend on each other, so the processor has them all in
 * flight at once, and the comparisons find their rows in cache: about one wait for memory per batch
 * instead of one per pair. A batch may hold the pairs of several left records (a left record's
 * values are read by row from column arrays, in left-row order: they stay in cache).
 *
 * <p>Not thread-safe (one per chunk of work).
 */
public final class PairBatch implements Blocker.PairSink {
  static final int SIZE = 64;

  private final Comparison[] comparisons;
  private final PairComparer.ComparedSink out;
  private final RightRows rows; // null when the comparisons do not share rows: nothing to read ahead
  private final Comparisons.RowPatterns patterns; // null when the comparisons do not share rows
  private final int[] lefts = new int[SIZE];
  private final int[] rights = new int[SIZE];
  private final int[] rules = new int[SIZE];
  private int size;
  /** What the rows' reads gave, stored so that the compiler cannot drop them as unused. */
  private int touched;

  /** A batch comparing under {@code comparisons} into {@code out}. */
  public PairBatch(Comparison[] comparisons, PairComparer.ComparedSink out) {
    this.comparisons = comparisons;
    this.out = out;
    this.rows = Comparisons.sharedRows(comparisons);
    this.patterns = Comparisons.rowPatterns(comparisons);
  }

  @Override
  public void accept(int left, int right, int rule) {
    lefts[size] = left;
    rights[size] = right;
    rules[size] = rule;
    if (++size == SIZE) {
      flush();
    }
  }

  /** Compares and hands on the pairs set aside; call it when the pairs are all offered. */
  public void flush() {
    if (rows != null) {
      touched += rows.touch(rights, size);
    }
    if (patterns != null) {
      for (int i = 0; i < size; i++) {
        int l = lefts[i];
        int r = rights[i];
        out.pair(l, r, patterns.pattern(l, r), rules[i]);
      }
    } else {
      for (int i = 0; i < size; i++) {
        int l = lefts[i];
        int r = rights[i];
        out.pair(l, r, PairComparer.pattern(comparisons, l, r), rules[i]);
      }
    }
    size = 0;
  }
}
