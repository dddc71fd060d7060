package org.linkage.internal.pattern;

/**
 * Agreement patterns packed into a {@code long}: 4 bits per comparison, comparison {@code c} in
 * bits {@code 4c..4c+3}, level 0 meaning null. Up to 16 comparisons. Pure functions.
 */
public final class Patterns {
  /** Most comparisons a pattern can hold. */
  public static final int MAX_COMPARISONS = org.linkage.spec.LinkageSpec.MAX_COMPARISONS;

  private Patterns() {}

  /** The level of comparison {@code c} in {@code pattern}. */
  public static int level(long pattern, int c) {
    return (int) (pattern >>> (4 * c)) & 0xF;
  }

  /** {@code pattern} with comparison {@code c} set to {@code level}. */
  public static long with(long pattern, int c, int level) {
    int shift = 4 * c;
    return (pattern & ~(0xFL << shift)) | ((long) level << shift);
  }

  /** Readable form, e.g. {@code [1,3,0,2]}. */
  public static String toString(long pattern, int comparisons) {
    StringBuilder b = new StringBuilder("[");
    for (int c = 0; c < comparisons; c++) {
      if (c > 0) {
        b.append(',');
      }
      b.append(level(pattern, c));
    }
    return b.append(']').toString();
  }
}
