package org.linkage.internal.compare;

/**
 * Candidate pairs compared a few at a time across left records: pairs are set aside in the order
 * given, and every {@value #SIZE} pairs (and at {@link #flush}) compared together, both records of
 * each read ahead ({@link PairPatterns}), in order, into the sink. For pairs whose left records are
 * scattered (an update's saved records, each paired with a few new ones), where {@link PairBatch},
 * which holds one left record's pairs, has little to read ahead.
 *
 * <p>Not thread-safe.
 */
public final class PairStream {
  static final int SIZE = 16;

  private final PairComparer.ComparedSink out;
  private final PairPatterns patterns;
  private final int[] lefts = new int[SIZE];
  private final int[] rights = new int[SIZE];
  private final int[] rules = new int[SIZE];
  private final long[] compared = new long[SIZE];
  private int size;

  /** A stream comparing under {@code comparisons} into {@code out}. */
  public PairStream(Comparison[] comparisons, PairComparer.ComparedSink out) {
    this.out = out;
    this.patterns = new PairPatterns(comparisons);
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
    patterns.fill(lefts, rights, size, compared);
    for (int i = 0; i < size; i++) {
      out.pair(lefts[i], rights[i], compared[i], rules[i]);
    }
    size = 0;
  }
}
