package org.linkage.internal.block;

import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import org.linkage.internal.normalize.Derivations;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;

/**
 * The blocking key of one rule as a function of an encoded row: each key part's int code per row,
 * and for a key rule their 64-bit {@link KeyHash} (sorted-neighbourhood rules rank the part codes
 * instead, see {@code SortKeys}). Holds only the rule, so it is serializable and independent of any
 * dataset; {@link #partCodes} and {@link #keys} apply it to one side of {@link EncodedData}. The
 * spec's column types were checked against the parts when the spec was built. Immutable,
 * thread-safe.
 */
public final class KeyFunction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BlockingRuleSpec rule;

  private KeyFunction(BlockingRuleSpec rule) {
    this.rule = requireNonNull(rule, "rule");
  }

  /** The key function of {@code rule}. */
  public static KeyFunction of(BlockingRuleSpec rule) {
    return new KeyFunction(rule);
  }

  /** The rule this function keys. */
  public BlockingRuleSpec rule() {
    return rule;
  }

  /**
   * For each key part, one code per row of side {@code side} ({@code 0} left, {@code 1} right);
   * {@code -1} where the part's value is missing.
   */
  public int[][] partCodes(EncodedData data, int side) {
    return codes(rule.parts(), data, side);
  }

  /**
   * Each part's codes of every row, through a {@link Keyer}'s per-part codes (one place that maps a
   * transform to its values); an exact part's codes are the column's own array, not a copy.
   */
  private static int[][] codes(List<KeyPart> parts, EncodedData data, int side) {
    Keyer keyer = new Keyer(parts, data, side);
    int size = side == 0 ? data.leftSize() : data.rightSize();
    int[][] out = new int[parts.size()][];
    for (int p = 0; p < out.length; p++) {
      if (parts.get(p).transform() == KeyPart.Transform.EXACT) {
        out[p] = data.column(parts.get(p).column()).side(side);
        continue;
      }
      out[p] = new int[size];
      for (int from = 0; from < size; from += CHUNK) {
        int to = Math.min(size, from + CHUNK);
        keyer.part(p, from, to);
        System.arraycopy(keyer.buffers[p], 0, out[p], from, to - from);
      }
    }
    return out;
  }

  /** The key of each row of side {@code side}: the hash of its part codes, {@link Blocker#NO_KEY} if any is missing. */
  public long[] keys(EncodedData data, int side) {
    return keysOf(rule.parts(), data, side);
  }

  /**
   * The refined key of each row of side {@code side} at level {@code level}: the hash of the key
   * parts and the first {@code level} refinement parts ({@link BlockingRuleSpec#refineBy}), {@link
   * Blocker#NO_KEY} if any of them is missing. Level 0 is {@link #keys}. A refined key extends the
   * key's hash, so rows with equal refined keys have equal keys (up to a hash collision, which can
   * only add a pair).
   *
   * @throws IllegalArgumentException if {@code level} is negative or exceeds the refinement parts
   */
  public long[] refinedKeys(EncodedData data, int side, int level) {
    checkArgument(level >= 0 && level <= rule.refineBy().size(), "rule %s has no refinement level %s", rule.name(),
        level);
    return keysOf(rule.allParts().subList(0, rule.parts().size() + level), data, side);
  }

  /**
   * The codes of refinement part {@code level} ({@code 1} is the first of {@link BlockingRuleSpec#refineBy})
   * on side {@code side}, one per row, {@code -1} where its value is missing: with a row's block at
   * level {@code level − 1} they determine its block at {@code level} (the blocks of {@link #refinedKeys},
   * without hashing the parts before it again). May be the column's own codes: read only.
   *
   * @throws IllegalArgumentException if {@code level} is not a refinement level of the rule
   */
  public int[] refinementCodes(EncodedData data, int side, int level) {
    checkArgument(level >= 1 && level <= rule.refineBy().size(), "rule %s has no refinement level %s", rule.name(),
        level);
    return codes(List.of(rule.refineBy().get(level - 1)), data, side)[0];
  }

  /** Rows keyed a chunk at a time: each part's codes of a chunk stay in cache until they are hashed. */
  private static final int CHUNK = 2048;

  /** {@link #keys} of {@code parts} through a {@link Keyer}, over every row of the side. */
  private static long[] keysOf(List<KeyPart> parts, EncodedData data, int side) {
    long[] keys = new long[side == 0 ? data.leftSize() : data.rightSize()];
    new Keyer(parts, data, side).keys(0, keys.length, keys);
    return keys;
  }

  /**
   * {@link #keys} of side {@code side} of {@code data} for any range of rows, without an array over
   * every row: a caller that reads each row's key once (a scan of the history) need not hold them all.
   */
  public Keyer keyer(EncodedData data, int side) {
    return new Keyer(rule.parts(), data, side);
  }

  /**
   * Computes the keys of a range of rows: the hash of the parts' codes per row ({@link Blocker#NO_KEY}
   * if any is missing), a chunk at a time, the derived codes (phonetic, prefix, postcode part,
   * year…) of a chunk in small reused buffers. Not thread-safe: one per thread.
   */
  public static final class Keyer {
    private final int n;
    private final int[][] rows; // the part's codes per row, or the column's codes to map; null for initials
    private final int[][] derived; // per value code, or null
    private final int[] dateDivisor; // > 0: a date part, d / divisor, or d % modulus when modulus > 0
    private final int[] dateModulus;
    private final EncodedColumn[][] initials; // the columns of a sorted-initials part, or null
    private final char[][] letters; // scratch of a sorted-initials part
    private final int[][] buffers;
    private final int side;

    private Keyer(List<KeyPart> parts, EncodedData data, int side) {
      n = parts.size();
      rows = new int[n][];
      derived = new int[n][];
      dateDivisor = new int[n];
      dateModulus = new int[n];
      initials = new EncodedColumn[n][];
      letters = new char[n][];
      this.side = side;
      buffers = new int[n][CHUNK];
      for (int p = 0; p < n; p++) {
        KeyPart part = parts.get(p);
        if (part.transform() == KeyPart.Transform.SORTED_INITIALS) {
          initials[p] = part.columns().stream().map(data::column).toArray(EncodedColumn[]::new);
          letters[p] = new char[initials[p].length];
          continue;
        }
        EncodedColumn c = data.column(part.column());
        rows[p] = c.side(side);
        switch (part.transform()) {
          case EXACT -> { }
          case YEAR -> dateDivisor[p] = 10000;
          case MONTH_DAY -> {
            dateDivisor[p] = 1;
            dateModulus[p] = 10000;
          }
          case PHONETIC -> derived[p] = Derivations.phonetic(c).codes();
          case FIRST -> derived[p] = Derivations.prefix(c, part.length()).codes();
          case SECTOR -> derived[p] = Derivations.postcodeSector(c).codes();
          case DISTRICT -> derived[p] = Derivations.postcodeDistrict(c).codes();
          case AREA -> derived[p] = Derivations.postcodeArea(c).codes();
          case SORTED_INITIALS -> throw new AssertionError("handled above");
        }
      }
    }

    /**
     * Part {@code p}'s codes of rows {@code from .. to - 1} (at most {@link #CHUNK}) into {@code
     * buffers[p][0 ..]}; -1 where the part's value is missing.
     */
    private void part(int p, int from, int to) {
      int m = to - from;
      int[] r = rows[p];
      int[] out = buffers[p];
      int[] byValue = derived[p];
      if (initials[p] != null) {
        sortedInitials(initials[p], side, from, to, out, letters[p]);
      } else if (byValue != null) {
        for (int i = 0; i < m; i++) {
          int code = r[from + i];
          out[i] = code < 0 ? -1 : byValue[code];
        }
      } else if (dateModulus[p] > 0) {
        int modulus = dateModulus[p];
        for (int i = 0; i < m; i++) {
          int d = r[from + i];
          out[i] = d < 0 ? -1 : d % modulus;
        }
      } else if (dateDivisor[p] > 0) {
        int divisor = dateDivisor[p];
        for (int i = 0; i < m; i++) {
          int d = r[from + i];
          out[i] = d < 0 ? -1 : d / divisor;
        }
      } else {
        System.arraycopy(r, from, out, 0, m);
      }
    }

    /** Sets {@code out[i - from]} to the key of row {@code i}, for rows {@code from .. to - 1}. */
    public void keys(int from, int to, long[] out) {
      for (int start = from; start < to; start += CHUNK) {
        chunk(start, Math.min(to, start + CHUNK), out, start - from);
      }
    }

    private void chunk(int from, int to, long[] keys, int at) {
      int m = to - from;
      for (int p = 0; p < n; p++) {
        part(p, from, to);
      }
      int[][] chunk = buffers;
      for (int i = 0; i < m; i++) {
        long h = KeyHash.START;
        boolean missing = false;
        for (int p = 0; p < n; p++) {
          int v = chunk[p][i];
          if (v < 0) {
            missing = true;
            break;
          }
          h = KeyHash.add(h, v);
        }
        keys[at + i] = missing ? Blocker.NO_KEY : KeyHash.finish(h);
      }
    }
  }

  /**
   * The columns' first letters, sorted and packed into an int (-1 when any column is missing), of
   * rows {@code from .. to - 1} into {@code out[0 ..]}, with {@code initials} (one char per column)
   * as scratch.
   */
  private static void sortedInitials(EncodedColumn[] columns, int side, int from, int to, int[] out, char[] initials) {
    int k = columns.length;
    // the columns' codes and dictionaries looked up once, not per row
    int[][] codes = new int[k][];
    org.linkage.internal.normalize.Dictionary[] dictionaries = new org.linkage.internal.normalize.Dictionary[k];
    for (int c = 0; c < k; c++) {
      codes[c] = columns[c].side(side);
      dictionaries[c] = columns[c].dictionary();
    }
    for (int row = from; row < to; row++) {
      int packed = 0;
      for (int c = 0; c < k; c++) {
        int code = codes[c][row];
        if (code < 0) {
          packed = -1;
          break;
        }
        initials[c] = dictionaries[c].charAt(code, 0);
      }
      if (packed == 0) {
        // a few letters (one per column): sorted in place, not through Arrays.sort's dispatch per row
        for (int i = 1; i < k; i++) {
          char ch = initials[i];
          int j = i - 1;
          for (; j >= 0 && initials[j] > ch; j--) {
            initials[j + 1] = initials[j];
          }
          initials[j + 1] = ch;
        }
        for (char ch : initials) {
          packed = packed * 31 + ch;
        }
        packed &= Integer.MAX_VALUE;
      }
      out[row - from] = packed;
    }
  }

  @Override
  public String toString() {
    return "key of " + rule.name() + rule.parts();
  }
}
