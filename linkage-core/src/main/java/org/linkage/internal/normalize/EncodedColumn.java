package org.linkage.internal.normalize;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;

/**
 * One column of both sides after normalisation, as primitive arrays: for text-like columns a code
 * into a {@link Dictionary} shared by both sides, for dates the integer {@code yyyymmdd}; -1 marks a
 * missing value in both cases.
 *
 * <p>Derived per-value codes (phonetic code, initial, postcode sector…) are computed once per
 * distinct value on first request and cached. Call {@link #derived} before starting parallel work
 * (compiling comparisons and blocking rules does); reads are then thread-safe.
 */
public final class EncodedColumn {
  /** Code of a missing value, on both sides. */
  public static final int MISSING = -1;

  private final ColumnSpec spec;
  private final Dictionary dictionary;
  private final int[] left;
  private final int[] right;
  private final Map<String, Dictionary.Derived> derived = new HashMap<>();
  private final EncodedColumn cache; // the column whose derived codes this one shares (itself, or the one it views)
  // derived codes of the column whose dictionary this one's extends, grown on request instead of derived again
  private final Map<String, Dictionary.Derived> inherited;

  EncodedColumn(ColumnSpec spec, Dictionary dictionary, int[] left, int[] right) {
    this.spec = spec;
    this.dictionary = dictionary;
    this.left = left;
    this.right = right;
    this.cache = this;
    this.inherited = Map.of();
  }

  private EncodedColumn(ColumnSpec spec, Dictionary dictionary, int[] left, int[] right,
      Map<String, Dictionary.Derived> inherited) {
    this.spec = spec;
    this.dictionary = dictionary;
    this.left = left;
    this.right = right;
    this.cache = this;
    this.inherited = inherited;
  }

  private EncodedColumn(EncodedColumn of, int[] rows) {
    this(of, rows, rows);
  }

  private EncodedColumn(EncodedColumn of, int[] left, int[] right) {
    this.spec = of.spec;
    this.dictionary = of.dictionary;
    this.left = left;
    this.right = right;
    this.cache = of.cache;
    this.inherited = Map.of();
  }

  /**
   * A column of saved codes: {@code dictionary} ({@code null} for a date column, whose codes are
   * {@code yyyymmdd}) and each side's codes, as written by an earlier run.
   */
  public static EncodedColumn of(ColumnSpec spec, Dictionary dictionary, int[] left, int[] right) {
    if ((spec.type() == ColumnType.DATE) != (dictionary == null)) {
      throw new IllegalArgumentException("column " + spec.name() + ": a date column has no dictionary, others one");
    }
    return new EncodedColumn(spec, dictionary, left, right);
  }

  /**
   * A column of {@code saved}'s values and more: {@code dictionary} holds {@code saved}'s values
   * under the same codes and then new ones. The derived codes {@code saved} holds now are grown to
   * the new values when asked for ({@link #derived}) rather than derived again over every value;
   * the result is the same.
   */
  public static EncodedColumn extending(EncodedColumn saved, Dictionary dictionary, int[] left, int[] right) {
    if (dictionary == null || saved.dictionary == null) {
      return of(saved.spec, dictionary, left, right);
    }
    return new EncodedColumn(saved.spec, dictionary, left, right, saved.derivedCodes());
  }

  /**
   * Some rows of this column: {@code leftRows} of the left side and {@code rightRows} of the right
   * (the same array for a deduplication view), sharing the dictionary and derived codes, so codes
   * keep their meaning.
   */
  public EncodedColumn rows(int[] leftRows, int[] rightRows) {
    int[] l = gather(left, leftRows);
    return new EncodedColumn(this, l, leftRows == rightRows && left == right ? l : gather(right, rightRows));
  }

  private static int[] gather(int[] codes, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return out;
  }

  /** One side's rows as both sides, sharing this column's dictionary and derived codes. */
  EncodedColumn sideView(int side) {
    return new EncodedColumn(this, side(side), side(side));
  }

  /** Other rows' codes under this column's dictionary, sharing its derived codes. */
  EncodedColumn withRows(int[] left, int[] right) {
    return new EncodedColumn(this, left, right);
  }

  /** The column's spec. */
  public ColumnSpec spec() {
    return spec;
  }

  /** The column's name. */
  public String name() {
    return spec.name();
  }

  /** The column's type. */
  public ColumnType type() {
    return spec.type();
  }

  /** The shared dictionary; {@code null} for date columns, whose codes are the dates. */
  public Dictionary dictionary() {
    return dictionary;
  }

  /** Codes of the left side's rows. Shared array: do not modify. */
  public int[] left() {
    return left;
  }

  /** Codes of the right side's rows. Shared array: do not modify. */
  public int[] right() {
    return right;
  }

  /** Codes of one side: {@code 0} left, {@code 1} right. */
  public int[] side(int side) {
    return side == 0 ? left : right;
  }

  /** Number of non-missing values on a side. */
  public int presentCount(int side) {
    int n = 0;
    for (int c : side(side)) {
      if (c != MISSING) {
        n++;
      }
    }
    return n;
  }

  /**
   * Codes derived from each distinct value by {@code f}, cached under {@code key}. The key must
   * identify the function: the same key always returns the first result.
   */
  public Dictionary.Derived derived(String key, Function<String, String> f) {
    return cache.derivedHere(key, f);
  }

  private synchronized Dictionary.Derived derivedHere(String key, Function<String, String> f) {
    if (dictionary == null) {
      throw new IllegalStateException("column " + spec.name() + " has no dictionary");
    }
    return derived.computeIfAbsent(key, k -> {
      Dictionary.Derived before = inherited.get(k);
      return before == null ? dictionary.derive(f) : before.extendedTo(dictionary, f);
    });
  }

  /** The derived codes computed (or given) so far, by key in key order; a snapshot. */
  public Map<String, Dictionary.Derived> derivedCodes() {
    return cache.derivedSnapshot();
  }

  private synchronized Map<String, Dictionary.Derived> derivedSnapshot() {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(derived));
  }

  /**
   * Gives the derived codes under {@code key} (read back from a saved state) instead of deriving
   * them on request; they must be what {@link #derived} with the key's function would compute.
   *
   * @throws IllegalArgumentException if they do not cover this column's dictionary
   */
  public void giveDerived(String key, Dictionary.Derived codes) {
    if (dictionary == null || codes.codes().length != dictionary.size()) {
      throw new IllegalArgumentException("column " + spec.name() + ": derived codes " + key
          + " do not cover its dictionary");
    }
    cache.putDerived(key, codes);
  }

  private synchronized void putDerived(String key, Dictionary.Derived codes) {
    derived.put(key, codes);
  }
}
