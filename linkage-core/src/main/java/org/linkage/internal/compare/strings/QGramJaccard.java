package org.linkage.internal.compare.strings;

import java.util.Arrays;

/**
 * Jaccard similarity of the <em>sets</em> of q-grams (substrings of {@code q} consecutive UTF-16
 * code units) of two strings: {@code |A ∩ B| / |A ∪ B|}. Repeated q-grams count once, so
 * {@code "anna"} with q = 1 is the set {a, n}. Strings are not padded: a string shorter than
 * {@code q} has no q-grams. Two strings with no q-grams at all score 1.0 if they are equal and 0.0
 * otherwise; one empty set against a non-empty set scores 0.0.
 *
 * <p>Complexity: O(q · (|a| + |b|)²) char comparisons and no allocation, which is the fastest
 * choice for the short values it is meant for (names, postcodes, street names of a few dozen
 * chars); it is not meant for documents.
 *
 * <p>Hot-path class: called once per candidate pair. Thread-safe: stateless.
 */
public final class QGramJaccard {

  private QGramJaccard() {
  }

  /**
   * Jaccard similarity in [0, 1] of the q-gram sets of {@code a} and {@code b}.
   *
   * @throws IllegalArgumentException if {@code q < 1}
   * @throws NullPointerException if either argument is null
   */
  public static double similarity(char[] a, char[] b, int q) {
    if (q < 1) {
      throw new IllegalArgumentException("q must be at least 1: " + q);
    }
    final int gramsA = Math.max(a.length - q + 1, 0);
    final int gramsB = Math.max(b.length - q + 1, 0);
    if (gramsA == 0 && gramsB == 0) {
      return Arrays.equals(a, b) ? 1d : 0d;
    }
    if (gramsA == 0 || gramsB == 0) {
      return 0d;
    }
    int distinctA = 0;
    int common = 0;
    for (int i = 0; i < gramsA; i++) {
      if (firstOccurrence(a, i, q)) {
        distinctA++;
        if (contains(b, gramsB, a, i, q)) {
          common++;
        }
      }
    }
    int distinctB = 0;
    for (int i = 0; i < gramsB; i++) {
      if (firstOccurrence(b, i, q)) {
        distinctB++;
      }
    }
    return (double) common / (distinctA + distinctB - common);
  }

  /** Whether the q-gram at {@code start} does not occur earlier in {@code s}. */
  private static boolean firstOccurrence(char[] s, int start, int q) {
    for (int k = 0; k < start; k++) {
      if (regionEquals(s, k, s, start, q)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(char[] haystack, int grams, char[] needle, int start, int q) {
    for (int k = 0; k < grams; k++) {
      if (regionEquals(haystack, k, needle, start, q)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionEquals(char[] x, int xFrom, char[] y, int yFrom, int q) {
    for (int k = 0; k < q; k++) {
      if (x[xFrom + k] != y[yFrom + k]) {
        return false;
      }
    }
    return true;
  }
}
