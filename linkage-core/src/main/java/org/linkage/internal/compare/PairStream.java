package org.linkage.internal.compare;

/**
 * Candidate pairs compared a few at a time across left records: pairs are set aside in the order
 * given, and every {@value #SIZE} pairs (and at {@link #flush}) both records of each are read in one
 * tight loop — the right record's row ({@link RightRows}) and the left record's values in every
 * array the comparisons read by left row — before the pairs are compared, in order, into the sink.
 * For pairs whose left records are scattered (an update's saved records, each paired with a few
 * new ones), where {@link PairBatch}, which holds one left record's pairs, has little to read ahead;
 * {@link PairPatterns} reads the right rows ahead only.
 *
 * <p>Not thread-safe.
 */
public final class PairStream {
  static final int SIZE = 16;

  private final Comparison[] comparisons;
  private final PairComparer.ComparedSink out;
  private final RightRows rows;
  private final Comparisons.RowPatterns patterns; // null when the comparisons do not share rows
  private final int[][] leftArrays;
  private final int[] lefts = new int[SIZE];
  private final int[] rights = new int[SIZE];
  private final int[] rules = new int[SIZE];
  private int size;
  /** What the reads gave, stored so that the compiler cannot drop them as unused. */
  private int touched;

  /** A stream comparing under {@code comparisons} into {@code out}. */
  public PairStream(Comparison[] comparisons, PairComparer.ComparedSink out) {
    this.comparisons = comparisons;
    this.out = out;
    this.rows = Comparisons.sharedRows(comparisons);
    this.patterns = Comparisons.rowPatterns(comparisons);
    this.leftArrays = Comparisons.leftArrays(comparisons);
  }

  /** Sets pair ({@code left}, {@code right}) of rule {@code rule} aside; it is compared in order. */
  public void accept(int left, int right, int rule) {
    lefts[size] = left;
    rights[size] = right;
    rules[size] = rule;
    if (++size == SIZE) {
      flush();
    }
  }

  /** Compares and hands on the pairs set aside; call it after the last pair. */
  public void flush() {
    int t = touched;
    if (rows != null) {
      t += rows.touch(rights, size);
    }
    for (int[] a : leftArrays) {
      for (int i = 0; i < size; i++) {
        t += a[lefts[i]];
      }
    }
    touched = t;
    for (int i = 0; i < size; i++) {
      int l = lefts[i];
      int r = rights[i];
      out.pair(l, r, patterns != null ? patterns.pattern(l, r) : PairComparer.pattern(comparisons, l, r), rules[i]);
    }
    size = 0;
  }
}
