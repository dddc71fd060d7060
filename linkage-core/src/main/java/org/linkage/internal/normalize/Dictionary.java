package org.linkage.internal.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct normalised values of one column across both sides, each given a dense int code in
 * order of first appearance. Equal values have equal codes on both sides, so exact agreement is an
 * int comparison, and anything derived from a value (phonetic code, character array, postcode
 * sector) is computed once per distinct value, not once per pair.
 *
 * <p>Built single-threaded by {@link EncodedData}; immutable and thread-safe afterwards.
 */
public final class Dictionary {
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> values = new ArrayList<>();
  private char[][] chars;

  Dictionary() {}

  int intern(String value) {
    Integer code = codes.get(value);
    if (code == null) {
      code = values.size();
      codes.put(value, code);
      values.add(value);
    }
    return code;
  }

  void freeze() {
    chars = new char[values.size()][];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = values.get(i).toCharArray();
    }
  }

  /** Number of distinct values. */
  public int size() {
    return values.size();
  }

  /** The value with this code. */
  public String value(int code) {
    return values.get(code);
  }

  /** The value's characters; shared, do not modify. */
  public char[] chars(int code) {
    return chars[code];
  }

  /** Code of {@code value}, or -1 if it does not occur. */
  public int codeOf(String value) {
    Integer c = codes.get(value);
    return c == null ? -1 : c;
  }

  /**
   * Applies {@code f} to every distinct value and interns the results in a new dictionary, giving
   * per-value derived codes (e.g. phonetic codes); {@code f} may return {@code null} (code -1).
   */
  public Derived derive(java.util.function.Function<String, String> f) {
    Dictionary target = new Dictionary();
    int[] map = new int[size()];
    for (int i = 0; i < map.length; i++) {
      String d = f.apply(values.get(i));
      map[i] = d == null ? -1 : target.intern(d);
    }
    target.freeze();
    return new Derived(target, map);
  }

  /**
   * Per-value derived codes: {@code code(v)} is the code in {@link #dictionary()} of the value
   * derived from dictionary entry {@code v}, or -1.
   */
  public record Derived(Dictionary dictionary, int[] codes) {
    /** The derived code of the value with code {@code valueCode}; -1 for a missing value. */
    public int code(int valueCode) {
      return valueCode < 0 ? -1 : codes[valueCode];
    }

    @Override
    public String toString() {
      return "Derived[" + dictionary.size() + " values]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Derived d && d.dictionary == dictionary && Arrays.equals(d.codes, codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }
  }
}
