package org.linkage.internal.block;

import java.util.Arrays;
import org.linkage.internal.normalize.Derivations;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

/**
 * Sort keys of a sorted-neighbourhood rule as dense ranks over both sides: the key is the tuple of
 * its parts' values, compared part by part; text values in {@link String#compareTo} order, dates as
 * numbers, {@code sorted_initials} by their packed code. Equal keys get equal ranks on both sides,
 * so a window is a range of ranks. Built single-threaded in O(n log n) per key part.
 */
final class SortKeys {
  private SortKeys() {}

  /**
   * Fills {@code lk[r]} and {@code rk[r]} with the ranks ({@link Blocker#NO_KEY} when a part is
   * missing) and returns the number of distinct keys.
   */
  static int rank(BlockingRuleSpec rule, EncodedData data, long[][] lk, long[][] rk, int r) {
    boolean dedup = data.isDeduplication();
    int nl = data.leftSize();
    int nr = dedup ? 0 : data.rightSize();
    int[][] left = KeyFunction.of(rule).partCodes(data, 0);
    int[][] right = dedup ? null : KeyFunction.of(rule).partCodes(data, 1);
    long[] ranks = new long[nl + nr];
    int distinct = 0;
    for (int p = 0; p < rule.parts().size(); p++) {
      int[] order = orderOfCodes(rule.parts().get(p), data);
      for (int row = 0; row < ranks.length; row++) {
        if (ranks[row] == Blocker.NO_KEY) {
          continue;
        }
        int code = row < nl ? left[p][row] : right[p][row - nl];
        if (code < 0) {
          ranks[row] = Blocker.NO_KEY;
          continue;
        }
        // previous parts' rank in the high half, this part's order in the low half: ranks stay < 2^31
        ranks[row] = ranks[row] << 32 | (order == null ? code : order[code]);
      }
      distinct = dense(ranks);
    }
    lk[r] = Arrays.copyOf(ranks, nl);
    rk[r] = dedup ? lk[r] : Arrays.copyOfRange(ranks, nl, nl + nr);
    return distinct;
  }

  /** Replaces each value by its rank among the distinct values; returns their number. */
  private static int dense(long[] values) {
    long[] sorted = new long[values.length];
    int n = 0;
    for (long v : values) {
      if (v != Blocker.NO_KEY) {
        sorted[n++] = v;
      }
    }
    Arrays.sort(sorted, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Blocker.NO_KEY) {
        values[i] = Arrays.binarySearch(sorted, 0, distinct, values[i]);
      }
    }
    return distinct;
  }

  /** Rank of each code of the part's dictionary in value order, or {@code null} when codes already sort. */
  private static int[] orderOfCodes(KeyPart part, EncodedData data) {
    if (part.transform() == KeyPart.Transform.SORTED_INITIALS) {
      return null;
    }
    EncodedColumn c = data.column(part.column());
    if (c.dictionary() == null) {
      return null; // dates: yyyymmdd, year and month-day codes are numbers in date order
    }
    Dictionary d = switch (part.transform()) {
      case EXACT -> c.dictionary();
      case PHONETIC -> Derivations.phonetic(c).dictionary();
      case FIRST -> Derivations.prefix(c, part.length()).dictionary();
      case SECTOR -> Derivations.postcodeSector(c).dictionary();
      case DISTRICT -> Derivations.postcodeDistrict(c).dictionary();
      case AREA -> Derivations.postcodeArea(c).dictionary();
      default -> throw new AssertionError(part);
    };
    String[] sorted = new String[d.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = d.value(i);
    }
    Arrays.sort(sorted);
    int[] order = new int[sorted.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = Arrays.binarySearch(sorted, d.value(i));
    }
    return order;
  }
}
