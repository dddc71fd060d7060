package org.linkage.internal.compare.strings;

import java.util.Arrays;

/**
 * Levenshtein edit distance (insertions, deletions, substitutions of UTF-16 code units), with the
 * same results and threshold contract as Apache Commons Text {@code LevenshteinDistance}.
 *
 * <p>The common prefix and suffix are stripped first (they never change the distance), which
 * leaves a one-typo pair of names with a core of one or two chars. With a threshold smaller than
 * the core, a lower bound (chars absent from the other string) rejects most unrelated pairs in
 * O(|a| + |b|). When the shorter core has at most 64 chars the distance is computed with the
 * bit-parallel algorithm of Myers (1999) in Hyyrö's formulation: O(|longer|) word operations (times
 * |shorter| for patterns of up to 16 chars, whose match masks are found by scanning). Longer strings
 * use the classic dynamic programme, restricted to a diagonal band of width {@code 2 · threshold + 1}
 * when a threshold is given: O(|longer| · min(|shorter|, threshold)). Both stop as soon as the
 * threshold can no longer be met.
 *
 * <p>No allocation in steady state: per-thread scratch arrays that only grow.
 *
 * <p>Hot-path class: called once per candidate pair. Thread-safe: stateless apart from
 * thread-confined scratch arrays. Benchmarked in {@code linkage-bench} ({@code Kernels}) and
 * differentially tested against Commons Text.
 */
public final class Levenshtein {

  /** Larger than any distance, small enough that adding 1 cannot overflow. */
  private static final int INFINITY = Integer.MAX_VALUE / 2;
  static final int LATIN1 = 256;
  /**
   * Pattern length up to which match masks are found by scanning the pattern (|pattern| compares
   * per text char) rather than with the per-thread table (a ThreadLocal lookup, a fill and a
   * clear per call). Chosen by that cost model; on the shared benchmark machine the two were
   * within noise of each other for names.
   */
  static final int SCAN_LIMIT = 16;

  private Levenshtein() {
  }

  /**
   * The Levenshtein distance between {@code a} and {@code b}.
   *
   * @throws NullPointerException if either argument is null
   */
  public static int distance(char[] a, char[] b) {
    // The distance never exceeds the longer length, so that threshold never cuts anything off.
    return distance(a, b, Math.max(a.length, b.length));
  }

  /**
   * The Levenshtein distance between {@code a} and {@code b} if it is at most {@code threshold},
   * otherwise -1 (the contract of Commons Text {@code new LevenshteinDistance(threshold)}).
   *
   * @throws IllegalArgumentException if {@code threshold} is negative
   * @throws NullPointerException if either argument is null
   */
  public static int distance(char[] a, char[] b, int threshold) {
    return distance(a, b, threshold, false);
  }

  /**
   * The front end both edit distances share: orders the strings, applies the length bound, strips
   * the common prefix and suffix and the absent-character bound, then runs the Levenshtein kernel
   * or, with {@code transpositions}, the optimal-string-alignment one ({@link OptimalStringAlignment}).
   */
  static int distance(char[] a, char[] b, int threshold, boolean transpositions) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must not be negative: " + threshold);
    }
    char[] shorter = a;
    char[] longer = b;
    if (a.length > b.length) {
      shorter = b;
      longer = a;
    }
    final int n = shorter.length;
    final int m = longer.length;
    if (m - n > threshold) {
      return -1;
    }
    // Strip the common prefix and suffix; -1 means the strings are equal. Unrelated names
    // usually differ at once, which the first comparison settles without the vectorised call.
    final int from = n == 0 || shorter[0] != longer[0] ? 0 : Arrays.mismatch(shorter, longer);
    if (from < 0) {
      return 0;
    }
    int shorterEnd = n;
    int longerEnd = m;
    while (shorterEnd > from && shorter[shorterEnd - 1] == longer[longerEnd - 1]) {
      shorterEnd--;
      longerEnd--;
    }
    final int patternLength = shorterEnd - from;
    final int textLength = longerEnd - from;
    if (patternLength == 0) {
      return textLength;
    }
    final int k = Math.min(threshold, textLength);
    if (k < patternLength && absentLowerBound(shorter, longer, from, patternLength, textLength) > k) {
      return -1;
    }
    if (patternLength <= Long.SIZE) {
      return transpositions
          ? OptimalStringAlignment.bitParallel(shorter, longer, from, patternLength, textLength, k)
          : myers(shorter, longer, from, patternLength, textLength, k);
    }
    return transpositions
        ? OptimalStringAlignment.rows(shorter, longer, from, patternLength, textLength, k)
        : banded(shorter, longer, from, patternLength, textLength, k);
  }

  /**
   * Bit-parallel distance between {@code pattern[from, from + m)} and {@code text[from, from + n)};
   * {@code m} in [1, 64], {@code threshold <= n}. Short patterns (names) find each text char's match
   * mask by scanning the pattern, which is cheaper than filling and clearing a table; longer ones
   * use the per-thread Latin-1 table.
   */
  private static int myers(char[] pattern, char[] text, int from, int m, int n, int threshold) {
    if (m <= SCAN_LIMIT) {
      return myers(pattern, text, from, m, n, threshold, null);
    }
    final long[] peq = Scratch.get().peq;
    fill(peq, pattern, from, m);
    final int result = myers(pattern, text, from, m, n, threshold, peq);
    clear(peq, pattern, from, m);
    return result;
  }

  private static int myers(char[] pattern, char[] text, int from, int m, int n, int threshold, long[] peq) {
    final int top = m - 1;
    long vp = -1L;
    long vn = 0L;
    int score = m;
    for (int j = 0; j < n; j++) {
      final char c = text[from + j];
      final long eq = peq != null && c < LATIN1 ? peq[c] : matchMask(pattern, from, m, c);
      final long xv = eq | vn;
      final long xh = (((eq & vp) + vp) ^ vp) | eq;
      long ph = vn | ~(xh | vp);
      long mh = vp & xh;
      // Branch-free: +1 if the bottom cell grew, -1 if it shrank.
      score += (int) ((ph >>> top) & 1L) - (int) ((mh >>> top) & 1L);
      // Each remaining text char can lower the score by at most one.
      if (score - (n - 1 - j) > threshold) {
        return -1;
      }
      ph = (ph << 1) | 1L;
      mh <<= 1;
      vp = mh | ~(xv | ph);
      vn = ph & xv;
    }
    return score <= threshold ? score : -1;
  }

  /**
   * A lower bound on the distance (Levenshtein or OSA) between {@code a[from, from + n)} and
   * {@code b[from, from + m)}: a char that does not occur in the other string can only be
   * substituted, inserted or deleted, one edit each. Occurrence is tested on a 64-bit signature
   * of {@code c & 63}, which can only undercount. O(n + m), branch-free; it lets most unrelated
   * pairs fail a small threshold before the main loop.
   */
  static int absentLowerBound(char[] a, char[] b, int from, int n, int m) {
    long signatureA = 0L;
    for (int i = from; i < from + n; i++) {
      signatureA |= 1L << a[i];
    }
    long signatureB = 0L;
    for (int j = from; j < from + m; j++) {
      signatureB |= 1L << b[j];
    }
    int absentFromA = 0;
    for (int j = from; j < from + m; j++) {
      absentFromA += (int) (~signatureA >>> b[j]) & 1;
    }
    int absentFromB = 0;
    for (int i = from; i < from + n; i++) {
      absentFromB += (int) (~signatureB >>> a[i]) & 1;
    }
    return Math.max(absentFromA, absentFromB);
  }

  /** Sets the match masks of the pattern's Latin-1 chars in an all-zero table. */
  static void fill(long[] peq, char[] pattern, int from, int m) {
    for (int i = 0; i < m; i++) {
      final char c = pattern[from + i];
      if (c < LATIN1) {
        peq[c] |= 1L << i;
      }
    }
  }

  /** Returns the table to all-zero for the next call on this thread. */
  static void clear(long[] peq, char[] pattern, int from, int m) {
    for (int i = 0; i < m; i++) {
      final char c = pattern[from + i];
      if (c < LATIN1) {
        peq[c] = 0L;
      }
    }
  }

  /** Bits of the positions of {@code c} in {@code pattern[from, from + m)}. */
  static long matchMask(char[] pattern, int from, int m, char c) {
    long mask = 0L;
    for (int i = 0; i < m; i++) {
      if (pattern[from + i] == c) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  /**
   * Dynamic programme over the diagonal band |i - j| <= threshold (Ukkonen), one row per char of
   * the longer string, stopping when a whole row exceeds the threshold (row minima never
   * decrease). Compares {@code shorter[from, from + n)} with {@code longer[from, from + m)};
   * {@code threshold <= m}.
   */
  private static int banded(char[] shorter, char[] longer, int from, int n, int m, int threshold) {
    final Scratch scratch = Scratch.get();
    int[] p = scratch.ints0(n + 1);
    int[] d = scratch.ints1(n + 1);
    final int boundary = Math.min(n, threshold) + 1;
    for (int i = 0; i < boundary; i++) {
      p[i] = i;
    }
    Arrays.fill(p, boundary, n + 1, INFINITY);
    Arrays.fill(d, 0, n + 1, INFINITY);
    final int offset = from - 1;
    for (int j = 1; j <= m; j++) {
      final char c = longer[offset + j];
      final int lo = Math.max(1, j - threshold);
      final int hi = Math.min(n, j + threshold);
      int rowMin;
      if (lo > 1) {
        d[lo - 1] = INFINITY;
        rowMin = INFINITY;
      } else {
        d[0] = j;
        rowMin = j;
      }
      for (int i = lo; i <= hi; i++) {
        final int v;
        if (shorter[offset + i] == c) {
          v = p[i - 1];
        } else {
          v = 1 + Math.min(Math.min(d[i - 1], p[i]), p[i - 1]);
        }
        d[i] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > threshold) {
        return -1;
      }
      final int[] swap = p;
      p = d;
      d = swap;
    }
    return p[n] <= threshold ? p[n] : -1;
  }
}
