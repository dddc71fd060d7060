package org.linkage.internal.compare;

/**
 * Patterns of pairs given one by one rather than a left record's candidates together (random pairs,
 * say): a batch's right rows ({@link RightRows}) are read in one loop of independent reads, so their
 * misses are in flight together, and each pattern is then computed as {@link PairComparer#compareRows}
 * computes it ({@link Comparisons.RowPatterns} where the comparisons share rows). The patterns are
 * {@link PairComparer#pattern}'s. Not thread-safe: one per thread.
 */
public final class PairPatterns {
  private final Comparison[] comparisons;
  private final RightRows rows; // null when the comparisons do not share rows
  private final Comparisons.RowPatterns patterns;
  /** What the rows' reads gave, stored so that the compiler cannot drop them as unused. */
  private int touched;

  /** Patterns over {@code comparisons}. */
  public PairPatterns(Comparison[] comparisons) {
    this.comparisons = comparisons.clone();
    this.rows = Comparisons.sharedRows(this.comparisons);
    this.patterns = Comparisons.rowPatterns(this.comparisons);
  }

  /** Sets {@code out[i]} to the pattern of left row {@code lefts[i]} and right row {@code rights[i]}, {@code i < n}. */
  public void fill(int[] lefts, int[] rights, int n, long[] out) {
    if (rows != null) {
      touched += rows.touch(rights, n);
    }
    for (int i = 0; i < n; i++) {
      out[i] = patterns != null ? patterns.pattern(lefts[i], rights[i])
          : PairComparer.pattern(comparisons, lefts[i], rights[i]);
    }
  }
}
