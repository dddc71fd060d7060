package org.linkage.internal.compare.strings;

import java.util.Arrays;

/**
 * Jaro and Jaro–Winkler similarity over UTF-16 code units, returning exactly (bit for bit) what
 * Apache Commons Text 1.15 {@code JaroWinklerSimilarity} returns for the same strings.
 *
 * <p>Definitions, as in Commons Text: the shorter string (the first one on a tie) is scanned left
 * to right; each of its chars matches the first not-yet-matched equal char of the longer string
 * within {@code max(longerLength / 2 - 1, 0)} positions. With {@code m} matches and {@code t}
 * half-transpositions (matched chars that differ when both matched sequences are read in order),
 * {@code jaro = (m / |a| + m / |b| + (m - t / 2) / m) / 3}. Jaro–Winkler adds
 * {@code 0.1 * prefix * (1 - jaro)} when {@code jaro >= 0.7}, where {@code prefix} is the length of
 * the common prefix, at most 4. Equal strings (including two empty strings) score 1.0; strings with
 * no match score 0.0. Surrogate pairs are compared as two separate chars, as Commons Text does.
 *
 * <p>Complexity: O(|a| · window) time, at most O(|a| · |b|); no allocation. Strings of up to 64
 * chars keep their matched flags in two {@code long}s; longer strings use per-thread scratch bit
 * sets that only grow, so steady-state calls allocate nothing.
 *
 * <p>Hot-path class: called once per candidate pair. Thread-safe: stateless apart from
 * thread-confined scratch arrays. Benchmarked in {@code linkage-bench} ({@code Kernels}) and
 * differentially tested against Commons Text.
 */
public final class JaroWinkler {

  /** Winkler's prefix scale, as in Commons Text. */
  private static final double SCALING_FACTOR = 0.1;
  /** Jaro score below which no prefix boost is given, as in Commons Text. */
  private static final double BOOST_THRESHOLD = 0.7;
  private static final int MAX_PREFIX = 4;

  private JaroWinkler() {
  }

  /**
   * Jaro–Winkler similarity in [0, 1]; 1.0 for equal strings.
   *
   * @throws NullPointerException if either argument is null
   */
  public static double similarity(char[] a, char[] b) {
    if (Arrays.equals(a, b)) {
      return 1d;
    }
    long mtp = matches(a, b);
    int m = (int) mtp;
    if (m == 0) {
      return 0d;
    }
    double j = jaro(m, (int) (mtp >>> 32), a.length, b.length);
    if (j < BOOST_THRESHOLD) {
      return j;
    }
    return j + SCALING_FACTOR * prefix(a, b) * (1d - j);
  }

  /**
   * Jaro–Winkler similarity of two char sequences, equal to {@link #similarity(char[], char[])} on
   * their chars. Convenience for tests and cold paths: it copies both sequences.
   */
  public static double similarity(CharSequence a, CharSequence b) {
    return similarity(a.toString().toCharArray(), b.toString().toCharArray());
  }

  /**
   * Jaro similarity (no prefix boost) in [0, 1]; 1.0 for equal strings, 0.0 when no char matches.
   *
   * @throws NullPointerException if either argument is null
   */
  public static double jaro(char[] a, char[] b) {
    if (Arrays.equals(a, b)) {
      return 1d;
    }
    long mtp = matches(a, b);
    int m = (int) mtp;
    if (m == 0) {
      return 0d;
    }
    return jaro(m, (int) (mtp >>> 32), a.length, b.length);
  }

  // The arithmetic is written exactly as Commons Text writes it, so that results are bit-identical.
  private static double jaro(int matches, int halfTranspositions, int aLength, int bLength) {
    final double m = matches;
    return (m / aLength + m / bLength + (m - (double) halfTranspositions / 2) / m) / 3;
  }

  private static int prefix(char[] a, char[] b) {
    int limit = Math.min(MAX_PREFIX, Math.min(a.length, b.length));
    int p = 0;
    while (p < limit && a[p] == b[p]) {
      p++;
    }
    return p;
  }

  /** Matches in the low 32 bits, half-transpositions in the high 32 bits. */
  private static long matches(char[] a, char[] b) {
    final char[] min;
    final char[] max;
    if (a.length > b.length) {
      max = a;
      min = b;
    } else {
      max = b;
      min = a;
    }
    if (max.length <= Long.SIZE) {
      return matchesShort(min, max);
    }
    return matchesLong(min, max);
  }

  private static long matchesShort(char[] min, char[] max) {
    final int range = Math.max(max.length / 2 - 1, 0);
    final int minLength = min.length;
    final int maxLength = max.length;
    // Within a common prefix each char matches its twin (all earlier window positions are
    // already taken, by induction), so those matches are known without searching.
    int prefix = Arrays.mismatch(min, max);
    if (prefix < 0) {
      prefix = minLength;
    }
    long minFlags = prefix == 0 ? 0L : -1L >>> (Long.SIZE - prefix);
    long maxFlags = minFlags;
    int matches = prefix;
    for (int mi = prefix; mi < minLength; mi++) {
      final int lo = Math.max(mi - range, 0);
      final int hi = Math.min(mi + range + 1, maxLength);
      if (lo >= hi) {
        continue;
      }
      // Visit only the free positions of the window, in increasing order.
      long free = ((-1L >>> (Long.SIZE - (hi - lo))) << lo) & ~maxFlags;
      final char c = min[mi];
      while (free != 0) {
        final int xi = Long.numberOfTrailingZeros(free);
        if (max[xi] == c) {
          maxFlags |= 1L << xi;
          minFlags |= 1L << mi;
          matches++;
          break;
        }
        free &= free - 1;
      }
    }
    // Walk the k-th matched char of each string together.
    int halfTranspositions = 0;
    while (minFlags != 0) {
      if (min[Long.numberOfTrailingZeros(minFlags)] != max[Long.numberOfTrailingZeros(maxFlags)]) {
        halfTranspositions++;
      }
      minFlags &= minFlags - 1;
      maxFlags &= maxFlags - 1;
    }
    return ((long) halfTranspositions << 32) | matches;
  }

  private static long matchesLong(char[] min, char[] max) {
    final Scratch scratch = Scratch.get();
    final long[] minFlags = scratch.bits0(min.length);
    final long[] maxFlags = scratch.bits1(max.length);
    final int range = Math.max(max.length / 2 - 1, 0);
    int matches = 0;
    for (int mi = 0; mi < min.length; mi++) {
      final char c = min[mi];
      for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, max.length); xi < xn; xi++) {
        if (c == max[xi] && (maxFlags[xi >>> 6] & (1L << xi)) == 0) {
          maxFlags[xi >>> 6] |= 1L << xi;
          minFlags[mi >>> 6] |= 1L << mi;
          matches++;
          break;
        }
      }
    }
    int halfTranspositions = 0;
    int xi = 0;
    for (int mi = 0; mi < min.length; mi++) {
      if ((minFlags[mi >>> 6] & (1L << mi)) != 0) {
        while ((maxFlags[xi >>> 6] & (1L << xi)) == 0) {
          xi++;
        }
        if (min[mi] != max[xi]) {
          halfTranspositions++;
        }
        xi++;
      }
    }
    return ((long) halfTranspositions << 32) | matches;
  }
}
