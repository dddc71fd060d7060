package org.linkage.internal.compare.strings;

/**
 * Optimal string alignment distance, also called restricted Damerau–Levenshtein distance: the
 * fewest insertions, deletions, substitutions and transpositions of two adjacent UTF-16 code
 * units, where no substring is edited more than once ({@code OSA("ca", "abc") = 3}, whereas the
 * unrestricted Damerau distance is 2). Typing errors in names are mostly of these four kinds.
 *
 * <p>The common prefix and suffix are stripped first, and a small threshold is first checked
 * against the absent-char lower bound (see {@link Levenshtein}). When the shorter core has at most
 * 64 chars the distance is computed bit-parallel (Hyyrö 2003, Myers' algorithm extended with
 * transpositions): O(|longer|) word operations. Longer strings
 * use a three-row dynamic programme, O(|a| · |b|). Both stop as soon as the threshold can no longer
 * be met.
 *
 * <p>No allocation in steady state: per-thread scratch arrays that only grow.
 *
 * <p>Hot-path class: called once per candidate pair. Thread-safe: stateless apart from
 * thread-confined scratch arrays. Benchmarked in {@code linkage-bench} ({@code Kernels}) and
 * differentially tested against a textbook dynamic programme.
 */
public final class OptimalStringAlignment {

  private OptimalStringAlignment() {
  }

  /**
   * The optimal string alignment distance between {@code a} and {@code b}.
   *
   * @throws NullPointerException if either argument is null
   */
  public static int distance(char[] a, char[] b) {
    return distance(a, b, Math.max(a.length, b.length));
  }

  /**
   * The optimal string alignment distance between {@code a} and {@code b} if it is at most
   * {@code threshold}, otherwise -1 (the threshold contract of Commons Text's
   * {@code LevenshteinDistance}).
   *
   * @throws IllegalArgumentException if {@code threshold} is negative
   * @throws NullPointerException if either argument is null
   */
  public static int distance(char[] a, char[] b, int threshold) {
    return Levenshtein.distance(a, b, threshold, true);
  }

  /** {@code m} in [1, 64], {@code threshold <= n}; see {@link Levenshtein} for the layout. */
  static int bitParallel(char[] pattern, char[] text, int from, int m, int n, int threshold) {
    if (m <= Levenshtein.SCAN_LIMIT) {
      return bitParallel(pattern, text, from, m, n, threshold, null);
    }
    final long[] peq = Scratch.get().peq;
    Levenshtein.fill(peq, pattern, from, m);
    final int result = bitParallel(pattern, text, from, m, n, threshold, peq);
    Levenshtein.clear(peq, pattern, from, m);
    return result;
  }

  private static int bitParallel(char[] pattern, char[] text, int from, int m, int n, int threshold, long[] peq) {
    final int top = m - 1;
    long vp = -1L;
    long vn = 0L;
    long d0 = 0L;
    long previousEq = 0L;
    int score = m;
    for (int j = 0; j < n; j++) {
      final char c = text[from + j];
      final long eq = peq != null && c < Levenshtein.LATIN1 ? peq[c] : Levenshtein.matchMask(pattern, from, m, c);
      // Transposition: pattern[i-1..i] == text[j..j-1] and the cell two diagonals back was no match.
      final long tr = (((~d0) & eq) << 1) & previousEq;
      d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
      long hp = vn | ~(d0 | vp);
      long hn = vp & d0;
      score += (int) ((hp >>> top) & 1L) - (int) ((hn >>> top) & 1L);
      if (score - (n - 1 - j) > threshold) {
        return -1;
      }
      hp = (hp << 1) | 1L;
      hn <<= 1;
      vp = hn | ~(d0 | hp);
      vn = hp & d0;
      previousEq = eq;
    }
    return score <= threshold ? score : -1;
  }

  /**
   * Three-row dynamic programme over {@code a[from, from + n)} and {@code b[from, from + m)}, one
   * row per char of {@code a}. Row minima never decrease (a transposition costs at least as much as
   * the diagonal it skips), so a row above the threshold ends the search.
   */
  static int rows(char[] a, char[] b, int from, int n, int m, int threshold) {
    final Scratch scratch = Scratch.get();
    int[] twoBack = scratch.ints0(m + 1);
    int[] previous = scratch.ints1(m + 1);
    int[] current = scratch.ints2(m + 1);
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    final int offset = from - 1;
    for (int i = 1; i <= n; i++) {
      final char ai = a[offset + i];
      current[0] = i;
      int rowMin = i;
      for (int j = 1; j <= m; j++) {
        final char bj = b[offset + j];
        int v = Math.min(Math.min(previous[j], current[j - 1]) + 1, previous[j - 1] + (ai == bj ? 0 : 1));
        if (i > 1 && j > 1 && ai == b[offset + j - 1] && a[offset + i - 1] == bj) {
          v = Math.min(v, twoBack[j - 2] + 1);
        }
        current[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > threshold) {
        return -1;
      }
      final int[] swap = twoBack;
      twoBack = previous;
      previous = current;
      current = swap;
    }
    return previous[m] <= threshold ? previous[m] : -1;
  }
}
