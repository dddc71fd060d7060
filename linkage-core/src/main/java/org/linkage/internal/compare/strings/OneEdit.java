package org.linkage.internal.compare.strings;

/**
 * Whether two strings are at most one edit apart — one insertion, deletion, substitution or swap of
 * two adjacent characters — i.e. {@code OptimalStringAlignment.distance(a, b, 1) >= 0}, answered in
 * one linear scan without a distance computation: the common prefix and suffix must leave at most
 * one character (or one adjacent pair, swapped) between them.
 *
 * <p>Hot path (postcode and identifier comparisons): O(length), allocation-free, thread-safe.
 * Differential-tested against {@link OptimalStringAlignment}.
 */
public final class OneEdit {
  private OneEdit() {}

  /** True when {@code a} and {@code b} are equal or one edit apart. */
  public static boolean within(char[] a, char[] b) {
    int la = a.length;
    int lb = b.length;
    int diff = la - lb;
    if (diff > 1 || diff < -1) {
      return false;
    }
    int shorter = Math.min(la, lb);
    int prefix = 0;
    while (prefix < shorter && a[prefix] == b[prefix]) {
      prefix++;
    }
    if (prefix == shorter) {
      return true; // equal, or one trailing insertion
    }
    int suffix = 0;
    while (suffix < shorter - prefix && a[la - 1 - suffix] == b[lb - 1 - suffix]) {
      suffix++;
    }
    int middleA = la - prefix - suffix;
    int middleB = lb - prefix - suffix;
    if (middleA <= 1 && middleB <= 1) {
      return true; // one substitution, insertion or deletion
    }
    // an adjacent swap: exactly two characters in the middle of each, crossed
    return middleA == 2 && middleB == 2 && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix];
  }
}
