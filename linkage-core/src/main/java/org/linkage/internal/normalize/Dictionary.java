package org.linkage.internal.normalize;

import java.util.Arrays;
import java.util.List;

/**
 * The distinct normalised values of one column across both sides, each given a dense int code in
 * order of first appearance. Equal values have equal codes on both sides, so exact agreement is an
 * int comparison, and anything derived from a value (phonetic code, character array, postcode
 * sector) is computed once per distinct value, not once per pair.
 *
 * <p>Built single-threaded by {@link EncodedData}; immutable and thread-safe afterwards. Serializable, so
 * an engine can ship a run's dictionaries to where rows shipped as codes are compared.
 */
public final class Dictionary implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  // one char[] per value and an open-addressing table of codes: no String, boxed code or map
  // entry per value, which at a million distinct values (national insurance numbers) saves a
  // quarter of a gigabyte
  private char[][] chars = new char[16][]; // value code - flatCount
  // values read back from a state: one array of characters and each value's end for codes below
  // flatCount (chars[] holds the codes from flatCount on only), so reading a state allocates no
  // object per value, nor a slot per value in chars
  private char[] flat = new char[0];
  private int[] flatEnds = new int[0];
  private int flatCount;
  private int[] hashes = new int[16];
  private int[] table = new int[32]; // code + 1, 0 when empty
  private int size;

  Dictionary() {}

  int intern(String value) {
    int h = mix(value.hashCode());
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = table[i];
      if (slot == 0) {
        break;
      }
      int code = slot - 1;
      if (hashes[code] == h && equal(code, value)) {
        return code;
      }
    }
    if (size - flatCount == chars.length) {
      chars = Arrays.copyOf(chars, Math.max(16, chars.length * 2));
    }
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.max(16, size * 2));
    }
    int code = size++;
    chars[code - flatCount] = value.toCharArray();
    hashes[code] = h;
    if (size * 2 > table.length) {
      rehash(table.length * 2);
    } else {
      place(code);
    }
    return code;
  }

  private void place(int code) {
    int mask = table.length - 1;
    int i = hashes[code] & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = code + 1;
  }

  private void rehash(int capacity) {
    table = new int[capacity];
    for (int code = 0; code < size; code++) {
      place(code);
    }
  }

  private static int mix(int h) {
    return h * 0x9E3779B9 ^ (h >>> 16);
  }

  private boolean equal(int code, String b) {
    if (code >= flatCount) {
      char[] a = chars[code - flatCount];
      if (a.length != b.length()) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] != b.charAt(i)) {
          return false;
        }
      }
      return true;
    }
    int from = flatStart(code);
    if (flatEnds[code] - from != b.length()) {
      return false;
    }
    for (int i = 0; i < b.length(); i++) {
      if (flat[from + i] != b.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int flatStart(int code) {
    return code == 0 ? 0 : flatEnds[code - 1];
  }

  void freeze() {
    chars = Arrays.copyOf(chars, size - flatCount);
    hashes = Arrays.copyOf(hashes, size);
  }

  /**
   * A dictionary holding {@code values} with codes 0, 1, … in the given order (a saved dictionary
   * read back); the values must be distinct.
   */
  public static Dictionary of(List<char[]> values) {
    // hashes straight from the characters (String.hashCode's formula) and one probe per value: a
    // state's dictionaries are read at every update, a million values each
    Dictionary d = new Dictionary();
    int n = values.size();
    d.chars = values.toArray(new char[0][]);
    d.hashes = new int[n];
    d.table = new int[Math.max(32, Integer.highestOneBit(Math.max(1, n)) * 4)];
    int mask = d.table.length - 1;
    for (int code = 0; code < n; code++) {
      char[] v = d.chars[code];
      int h = 0;
      for (char ch : v) {
        h = 31 * h + ch;
      }
      h = mix(h);
      d.hashes[code] = h;
      int i = h & mask;
      for (int slot = d.table[i]; slot != 0; slot = d.table[i]) {
        if (d.hashes[slot - 1] == h && Arrays.equals(d.chars[slot - 1], v)) {
          throw new IllegalArgumentException("a saved dictionary repeats a value");
        }
        i = (i + 1) & mask;
      }
      d.table[i] = code + 1;
    }
    d.size = n;
    return d;
  }
  /**
   * Values as one array of characters and each value's end offset (value {@code i} is {@code
   * chars[ends[i - 1] .. ends[i])}, from 0 for the first): how a state stores a dictionary's values.
   * Immutable by convention: the arrays are shared, not copied.
   */
  public record Values(char[] chars, int[] ends) implements java.io.Serializable {
    /** Number of values. */
    public int size() {
      return ends.length;
    }

    /** {@code parts}' values one after the other. */
    public static Values join(List<Values> parts) {
      if (parts.size() == 1) {
        return parts.get(0);
      }
      int n = 0;
      int total = 0;
      for (Values p : parts) {
        n += p.size();
        total += p.chars.length;
      }
      char[] chars = new char[total];
      int[] ends = new int[n];
      int at = 0;
      int count = 0;
      for (Values p : parts) {
        System.arraycopy(p.chars, 0, chars, at, p.chars.length);
        for (int e : p.ends) {
          ends[count++] = at + e;
        }
        at += p.chars.length;
      }
      return new Values(chars, ends);
    }
  }

  /**
   * A dictionary holding {@code values} with codes 0, 1, … in the given order (a saved dictionary
   * read back), kept as they are: no object per value. The values must be distinct.
   */
  public static Dictionary of(Values values) {
    Dictionary d = flat(values);
    int n = values.size();
    d.hashes = new int[n];
    d.table = new int[Math.max(32, Integer.highestOneBit(Math.max(1, n)) * 4)];
    int mask = d.table.length - 1;
    char[] flat = d.flat;
    for (int code = 0, from = 0; code < n; code++) {
      int to = d.flatEnds[code];
      int h = 0;
      for (int k = from; k < to; k++) {
        h = 31 * h + flat[k];
      }
      h = mix(h);
      d.hashes[code] = h;
      int i = h & mask;
      for (int slot = d.table[i]; slot != 0; slot = d.table[i]) {
        if (d.hashes[slot - 1] == h && Arrays.equals(flat, d.flatStart(slot - 1), d.flatEnds[slot - 1], flat, from, to)) {
          throw new IllegalArgumentException("a saved dictionary repeats a value");
        }
        i = (i + 1) & mask;
      }
      d.table[i] = code + 1;
      from = to;
    }
    d.size = n;
    return d;
  }


  /**
   * {@link #of(Values)} with the hash table given: each value's hash ({@code hashes}, as {@link
   * #hashes()} gave them) and the open-addressing table of codes ({@code table}, as {@link #table()}
   * gave it, with the same values under the same codes), so reading a saved dictionary does not
   * hash its values again. The table is checked for shape (a power-of-two length at least twice
   * the values, every code once), not against the values: it must come from a checked file.
   *
   * @throws IllegalArgumentException if the arrays do not fit {@code values}
   */
  public static Dictionary of(Values values, int[] hashes, int[] table) {
    int n = values.size();
    if (hashes.length != n || Integer.bitCount(table.length) != 1 || table.length < 32 || 2L * n > table.length) {
      throw new IllegalArgumentException("a saved hash table does not fit its dictionary");
    }
    int filled = 0;
    for (int slot : table) {
      if (slot < 0 || slot > n) {
        throw new IllegalArgumentException("a saved hash table holds a code out of range");
      }
      if (slot != 0) {
        filled++;
      }
    }
    if (filled != n) {
      throw new IllegalArgumentException("a saved hash table does not hold every code once");
    }
    Dictionary d = flat(values);
    d.hashes = hashes;
    d.table = table;
    d.size = n;
    return d;
  }

  /** A dictionary over {@code values} kept as they are (codes 0, 1, …), its hash table not yet set. */
  private static Dictionary flat(Values values) {
    Dictionary d = new Dictionary();
    d.flat = values.chars();
    d.flatEnds = values.ends();
    d.flatCount = values.size();
    d.chars = new char[0][];
    return d;
  }

  /**
   * Each value's hash, by code (the array itself: not to be changed), for saving with {@link
   * #table()} and reading back with {@link #of(Values, int[], int[])}.
   */
  public int[] hashes() {
    return hashes.length == size ? hashes : Arrays.copyOf(hashes, size);
  }

  /** The open-addressing table of codes (code + 1, 0 when empty; the array itself: not to be changed). */
  public int[] table() {
    return table;
  }


  /**
   * A new dictionary holding this one's values under the same codes, then {@code values} interned
   * in order: a value already present keeps its code, a new one gets the next. {@code codes}
   * receives each value's code ({@link EncodedColumn#MISSING} for a {@code null} value). Codes
   * already given never change, so data encoded with this dictionary stays valid.
   */
  public Dictionary extended(String[] values, int[] codes) {
    Dictionary d = new Dictionary();
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, size + values.length)) * 2);
    d.flat = flat; // immutable: shared
    d.flatEnds = flatEnds;
    d.flatCount = flatCount;
    // room for every value to be new: no growing while interning
    d.chars = Arrays.copyOf(chars, size - flatCount + values.length);
    d.hashes = Arrays.copyOf(hashes, size + values.length);
    d.size = size;
    if (table.length >= capacity) {
      d.table = table.clone();
    } else {
      d.rehash(capacity * 2);
    }
    for (int i = 0; i < values.length; i++) {
      codes[i] = values[i] == null ? EncodedColumn.MISSING : d.intern(values[i]);
    }
    d.freeze();
    return d;
  }

  /** Number of distinct values. */
  public int size() {
    return size;
  }

  /** The value with this code (a new string each call: values are held as characters only). */
  public String value(int code) {
    java.util.Objects.checkIndex(code, size);
    return code < flatCount ? new String(flat, flatStart(code), flatEnds[code] - flatStart(code))
        : new String(chars[code - flatCount]);
  }

  /**
   * The value's characters: shared, do not modify; a new copy for a value read back from a state
   * ({@link #of(Values)}). {@link #length} and {@link #charAt} read either without a copy.
   */
  public char[] chars(int code) {
    return code < flatCount ? Arrays.copyOfRange(flat, flatStart(code), flatEnds[code]) : chars[code - flatCount];
  }

  /** The number of characters of the value with code {@code code}. */
  public int length(int code) {
    return code < flatCount ? flatEnds[code] - flatStart(code) : chars[code - flatCount].length;
  }

  /**
   * Copies the characters of value {@code code} into {@code out} from index 0 when they fit, and
   * returns the value's length either way (nothing is copied when it exceeds {@code out.length}):
   * one bulk copy instead of a {@link #charAt} per character.
   */
  public int copyChars(int code, char[] out) {
    if (code < flatCount) {
      int from = flatStart(code);
      int n = flatEnds[code] - from;
      if (n <= out.length) {
        System.arraycopy(flat, from, out, 0, n);
      }
      return n;
    }
    char[] v = chars[code - flatCount];
    if (v.length <= out.length) {
      System.arraycopy(v, 0, out, 0, v.length);
    }
    return v.length;
  }

  /** Character {@code i} of the value with code {@code code}. */
  public char charAt(int code, int i) {
    return code < flatCount ? flat[flatStart(code) + i] : chars[code - flatCount][i];
  }

  /** Code of {@code value}, or -1 if it does not occur. */
  public int codeOf(String value) {
    int h = mix(value.hashCode());
    int mask = table.length - 1;
    for (int i = h & mask; table[i] != 0; i = (i + 1) & mask) {
      int code = table[i] - 1;
      if (hashes[code] == h && equal(code, value)) {
        return code;
      }
    }
    return -1;
  }

  /**
   * Applies {@code f} to every distinct value and interns the results in a new dictionary, giving
   * per-value derived codes (e.g. phonetic codes); {@code f} may return {@code null} (code -1).
   */
  public Derived derive(java.util.function.Function<String, String> f) {
    Dictionary target = new Dictionary();
    int[] map = new int[size()];
    for (int i = 0; i < map.length; i++) {
      String d = f.apply(value(i));
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
    /**
     * This table grown to {@code grown}, a dictionary holding the values this table was derived
     * from under the same codes and then more: {@code f} is applied to the added values only, and
     * the result equals {@code grown.derive(f)} (both intern the derived values in code order).
     */
    public Derived extendedTo(Dictionary grown, java.util.function.Function<String, String> f) {
      int from = codes.length;
      String[] added = new String[grown.size() - from];
      for (int i = 0; i < added.length; i++) {
        added[i] = f.apply(grown.value(from + i));
      }
      int[] addedCodes = new int[added.length];
      Dictionary target = dictionary.extended(added, addedCodes);
      int[] all = Arrays.copyOf(codes, grown.size());
      System.arraycopy(addedCodes, 0, all, from, added.length);
      return new Derived(target, all);
    }

    /**
     * The number of derived values the first {@code n} values give: derived codes are handed out
     * in value order, so they are {@code 0 .. result - 1}.
     */
    public int derivedCount(int n) {
      int max = -1;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, codes[i]);
      }
      return max + 1;
    }

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
