package org.linkage.internal.compare;

import org.linkage.internal.block.Blocker;

/**
 * The candidate pairs of a left record compared a few at a time: as the blocking index offers a
 * pair, its right record's row ({@link RightRows}) is read at once and the pair set aside; every
 * {@value #SIZE} pairs (and at the end of the left record, {@link #flush}) the set-aside pairs are
 * compared, in the order offered, into the sink. The rows' reads do not depend on each other, so
 * the processor has several of them in flight while the index is walked, and the comparisons then
 * find their rows in cache: one wait for memory per batch instead of one per pair.
 *
 * <p>Holds one left record's pairs at a time; not thread-safe (one per chunk of work).
 */
final class PairBatch implements Blocker.PairSink {
  static final int SIZE = 16;

  private final Comparison[] comparisons;
  private final PairComparer.ComparedSink out;
  private final int[] cells; // null when the comparisons do not share rows: nothing to read ahead
  private final RightRows rows;
  private final int lastField;
  private final int[] rights = new int[SIZE];
  private final int[] rules = new int[SIZE];
  private int left;
  private int size;
  /** The rows' first words summed, kept so that their reads are not dropped as unused. */
  private int touched;

  PairBatch(Comparison[] comparisons, PairComparer.ComparedSink out) {
    this.comparisons = comparisons;
    this.out = out;
    this.rows = Comparisons.sharedRows(comparisons);
    this.cells = rows == null ? null : rows.cells();
    this.lastField = rows == null ? 0 : rows.stride() - 1;
  }

  @Override
  public void accept(int left, int right, int rule) {
    if (size > 0 && left != this.left) {
      flush();
    }
    if (cells != null) {
      int at = rows.start(right);
      touched += cells[at] ^ cells[at + lastField]; // both ends: a row may span two cache lines
    }
    this.left = left;
    rights[size] = right;
    rules[size] = rule;
    if (++size == SIZE) {
      flush();
    }
  }

  /** Compares and hands on the pairs set aside; call it when the left record's pairs are all offered. */
  void flush() {
    for (int i = 0; i < size; i++) {
      int r = rights[i];
      out.pair(left, r, PairComparer.pattern(comparisons, left, r), rules[i]);
    }
    size = 0;
  }

  /** Never read: exposes {@link #touched} so that the reads feeding it stay. */
  int touched() {
    return touched;
  }
}
