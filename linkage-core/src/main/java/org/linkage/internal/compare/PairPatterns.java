package org.linkage.internal.compare;

/**
 * Patterns of pairs given one by one rather than a left record's candidates together (random pairs,
 * an update's pairs of scattered saved records): a batch's records are read in loops of independent
 * reads — each right record's row ({@link RightRows#touch}) and each left record's value in every
 * array the comparisons read by left row — so their misses are in flight together, and each pattern
 * is then computed as {@link PairComparer#compareRows} computes it ({@link PairComparer#patterns}).
 * The patterns are {@link PairComparer#pattern}'s. Not thread-safe: one per thread.
 */
public final class PairPatterns {
  private final RightRows rows; // null when the comparisons do not share rows
  private final PairComparer.PatternOf patterns;
  private final int[][] leftArrays;
  /** What the reads gave, stored so that the compiler cannot drop them as unused. */
  private int touched;

  /** Patterns over {@code comparisons}. */
  public PairPatterns(Comparison[] comparisons) {
    Comparison[] own = comparisons.clone();
    this.rows = Comparisons.sharedRows(own);
    this.patterns = PairComparer.patterns(own);
    this.leftArrays = Comparisons.leftArrays(own);
  }

  /** Sets {@code out[i]} to the pattern of left row {@code lefts[i]} and right row {@code rights[i]}, {@code i < n}. */
  public void fill(int[] lefts, int[] rights, int n, long[] out) {
    int t = touched;
    if (rows != null) {
      t += rows.touch(rights, n);
    }
    for (int[] a : leftArrays) {
      for (int i = 0; i < n; i++) {
        t += a[lefts[i]];
      }
    }
    touched = t;
    for (int i = 0; i < n; i++) {
      out[i] = patterns.of(lefts[i], rights[i]);
    }
  }
}
