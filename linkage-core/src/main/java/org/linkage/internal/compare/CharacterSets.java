package org.linkage.internal.compare;

import org.linkage.internal.normalize.Dictionary;

/**
 * A 64-bit set of the characters of each dictionary value (bit {@code c & 63} for character
 * {@code c}), so that most pairs of values can be told more than one edit apart from two longs,
 * without reading their characters. One edit (a substitution, insertion, deletion or adjacent swap)
 * changes at most two characters of a value's set, and folding characters onto 64 bits can only hide
 * differences, so two values one edit apart never differ in more than two bits: the test never
 * rejects a pair {@link org.linkage.internal.compare.strings.OneEdit#within} accepts
 * ({@code CharacterSetsTest}). Postcodes and identifiers of strangers differ in several characters,
 * so the random reads of their characters are mostly skipped.
 *
 * <p>Built once per comparison, O(characters of the dictionary); immutable and thread-safe.
 */
public final class CharacterSets {
  private CharacterSets() {}

  /** Each value's character set, by value code. */
  public static long[] of(Dictionary dict) {
    long[] sets = new long[dict.size()];
    for (int code = 0; code < sets.length; code++) {
      long set = 0;
      for (char ch : dict.chars(code)) {
        set |= 1L << (ch & 63);
      }
      sets[code] = set;
    }
    return sets;
  }

  /** False only when values {@code a} and {@code b} are certainly more than one edit apart. */
  public static boolean mayBeOneEdit(long[] sets, int a, int b) {
    return Long.bitCount(sets[a] ^ sets[b]) <= 2;
  }
}
