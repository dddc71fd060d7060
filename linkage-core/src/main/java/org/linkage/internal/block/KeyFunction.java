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

  private static int[][] codes(List<KeyPart> parts, EncodedData data, int side) {
    int[][] out = new int[parts.size()][];
    for (int p = 0; p < out.length; p++) {
      KeyPart part = parts.get(p);
      if (part.transform() == KeyPart.Transform.SORTED_INITIALS) {
        out[p] = sortedInitials(part, data, side);
        continue;
      }
      EncodedColumn c = data.column(part.column());
      int[] rows = c.side(side);
      out[p] = switch (part.transform()) {
        case EXACT -> rows;
        case YEAR -> mapDates(rows, 10000, 0);
        case MONTH_DAY -> mapDates(rows, 1, 10000);
        case PHONETIC -> mapCodes(rows, Derivations.phonetic(c).codes());
        case FIRST -> mapCodes(rows, Derivations.prefix(c, part.length()).codes());
        case SECTOR -> mapCodes(rows, Derivations.postcodeSector(c).codes());
        case DISTRICT -> mapCodes(rows, Derivations.postcodeDistrict(c).codes());
        case AREA -> mapCodes(rows, Derivations.postcodeArea(c).codes());
        case SORTED_INITIALS -> throw new AssertionError("handled above");
      };
    }
    return out;
  }

  /** The key of each row of side {@code side}: the hash of its part codes, {@link Blocker#NO_KEY} if any is missing. */
  public long[] keys(EncodedData data, int side) {
    return combine(partCodes(data, side), side == 0 ? data.leftSize() : data.rightSize());
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
    int[][] parts = codes(rule.allParts().subList(0, rule.parts().size() + level), data, side);
    return combine(parts, side == 0 ? data.leftSize() : data.rightSize());
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

  /** The columns' first letters sorted and packed into an int; -1 when any column is missing. */
  private static int[] sortedInitials(KeyPart part, EncodedData data, int side) {
    List<String> names = part.columns();
    int size = side == 0 ? data.leftSize() : data.rightSize();
    int[] out = new int[size];
    char[] initials = new char[names.size()];
    // the columns looked up once, not per row
    EncodedColumn[] columns = new EncodedColumn[initials.length];
    int[][] codes = new int[initials.length][];
    for (int k = 0; k < initials.length; k++) {
      columns[k] = data.column(names.get(k));
      codes[k] = columns[k].side(side);
    }
    for (int row = 0; row < size; row++) {
      int packed = 0;
      for (int k = 0; k < initials.length; k++) {
        int code = codes[k][row];
        if (code < 0) {
          packed = -1;
          break;
        }
        initials[k] = columns[k].dictionary().charAt(code, 0);
      }
      if (packed == 0) {
        java.util.Arrays.sort(initials);
        for (char ch : initials) {
          packed = packed * 31 + ch;
        }
        packed &= Integer.MAX_VALUE;
      }
      out[row] = packed;
    }
    return out;
  }

  private static int[] mapDates(int[] dates, int divisor, int modulus) {
    int[] out = new int[dates.length];
    for (int i = 0; i < out.length; i++) {
      int d = dates[i];
      out[i] = d < 0 ? -1 : modulus == 0 ? d / divisor : d % modulus;
    }
    return out;
  }

  private static int[] mapCodes(int[] rows, int[] derived) {
    int[] out = new int[rows.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i] < 0 ? -1 : derived[rows[i]];
    }
    return out;
  }

  private static long[] combine(int[][] parts, int size) {
    long[] keys = new long[size];
    for (int row = 0; row < size; row++) {
      long h = KeyHash.START;
      boolean missing = false;
      for (int[] part : parts) {
        int v = part[row];
        if (v < 0) {
          missing = true;
          break;
        }
        h = KeyHash.add(h, v);
      }
      keys[row] = missing ? Blocker.NO_KEY : KeyHash.finish(h);
    }
    return keys;
  }

  @Override
  public String toString() {
    return "key of " + rule.name() + rule.parts();
  }
}
