package org.linkage.block;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.linkage.InvalidSpecException;
import org.linkage.normalize.Derivations;
import org.linkage.normalize.EncodedColumn;
import org.linkage.normalize.EncodedData;

/**
 * The blocking index: for each rule, a key per record on both sides, and an index of the right
 * side's records by key. Probing with a left record yields its candidate pairs, each pair exactly
 * once across all rules: a pair belongs to the first rule whose key it shares, and later rules skip
 * it by comparing the earlier rules' keys — no global set of pairs is kept.
 *
 * <p>Keys are 64-bit hashes of the key parts' int codes; a hash collision can only add a candidate
 * pair, never lose one. Blocks larger than the cap are skipped and reported by size, never by key.
 *
 * <p>Building is single-threaded, O(records × rules). Probing is thread-safe and allocation-free;
 * its cost is the number of pairs produced plus the rules' earlier-key checks.
 */
public final class Blocker {
  /** Key of a record whose key part is missing: such a record is in no block of that rule. */
  public static final long NO_KEY = Long.MIN_VALUE;

  private final ImmutableList<BlockingRuleSpec> rules;
  private final long[][] leftKeys;
  private final long[][] rightKeys;
  private final Index[] indexes;
  private final boolean deduplication;
  private final int maxBlockSize;

  private Blocker(List<BlockingRuleSpec> rules, long[][] leftKeys, long[][] rightKeys, Index[] indexes,
      boolean deduplication, int maxBlockSize) {
    this.rules = ImmutableList.copyOf(rules);
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.indexes = indexes;
    this.deduplication = deduplication;
    this.maxBlockSize = maxBlockSize;
  }

  /**
   * Computes every rule's keys and indexes the right side.
   *
   * @param maxBlockSize blocks with more right-side records than this are skipped (and reported)
   */
  public static Blocker build(List<BlockingRuleSpec> rules, EncodedData data, int maxBlockSize) {
    List<String> problems = new ArrayList<>();
    for (BlockingRuleSpec rule : rules) {
      for (KeyPart part : rule.parts()) {
        for (String column : part.columns()) {
          EncodedColumn c = data.column(column);
          if (c == null) {
            problems.add("blocking rule " + rule.name() + ": unknown column " + column);
          } else if (!fits(part.transform(), c)) {
            problems.add("blocking rule " + rule.name() + ": " + part + " does not apply to a " + c.type() + " column");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    int n = rules.size();
    long[][] lk = new long[n][];
    long[][] rk = new long[n][];
    Index[] idx = new Index[n];
    for (int r = 0; r < n; r++) {
      int[][] leftParts = partCodes(rules.get(r), data, 0);
      lk[r] = combine(leftParts, data.leftSize());
      rk[r] = data.isDeduplication() ? lk[r] : combine(partCodes(rules.get(r), data, 1), data.rightSize());
      idx[r] = Index.of(rk[r]);
    }
    return new Blocker(rules, lk, rk, idx, data.isDeduplication(), maxBlockSize);
  }

  private static boolean fits(KeyPart.Transform t, EncodedColumn c) {
    boolean date = c.dictionary() == null;
    return switch (t) {
      case EXACT -> true;
      case SORTED_INITIALS -> !date;
      case YEAR, MONTH_DAY -> date;
      default -> !date;
    };
  }

  private static int[][] partCodes(BlockingRuleSpec rule, EncodedData data, int side) {
    int[][] out = new int[rule.parts().size()][];
    for (int p = 0; p < out.length; p++) {
      KeyPart part = rule.parts().get(p);
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

  /** The columns' first letters sorted and packed into an int; -1 when any column is missing. */
  private static int[] sortedInitials(KeyPart part, EncodedData data, int side) {
    List<String> names = part.columns();
    int size = side == 0 ? data.leftSize() : data.rightSize();
    int[] out = new int[size];
    char[] initials = new char[names.size()];
    for (int row = 0; row < size; row++) {
      int packed = 0;
      for (int k = 0; k < initials.length; k++) {
        EncodedColumn c = data.column(names.get(k));
        int code = c.side(side)[row];
        if (code < 0) {
          packed = -1;
          break;
        }
        initials[k] = c.dictionary().chars(code)[0];
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
      long h = 0x6A09E667F3BCC909L;
      boolean missing = false;
      for (int[] part : parts) {
        int v = part[row];
        if (v < 0) {
          missing = true;
          break;
        }
        h = (h ^ (v + 1L)) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
      }
      // a real key that happens to hash to the sentinel is moved off it
      keys[row] = missing ? NO_KEY : h == NO_KEY ? NO_KEY + 1 : h;
    }
    return keys;
  }

  public ImmutableList<BlockingRuleSpec> rules() {
    return rules;
  }

  /** Receives candidate pairs. */
  @FunctionalInterface
  public interface PairSink {
    void accept(int left, int right, int rule);
  }

  /**
   * Passes every candidate pair of left record {@code left} to {@code sink}, rule by rule and, within
   * a rule, in ascending right row; each pair once. In deduplication only pairs with
   * {@code right > left} are produced.
   */
  public void candidatesOf(int left, PairSink sink) {
    for (int r = 0; r < indexes.length; r++) {
      long key = leftKeys[r][left];
      if (key == NO_KEY) {
        continue;
      }
      Index index = indexes[r];
      int block = index.blockOf(key);
      if (block < 0) {
        continue;
      }
      int from = index.start[block];
      int to = index.start[block + 1];
      if (to - from > maxBlockSize) {
        continue;
      }
      for (int k = from; k < to; k++) {
        int right = index.rows[k];
        if (deduplication && right <= left) {
          continue;
        }
        if (!coveredByEarlierRule(r, left, right)) {
          sink.accept(left, right, r);
        }
      }
    }
  }

  private boolean coveredByEarlierRule(int rule, int left, int right) {
    for (int q = 0; q < rule; q++) {
      long k = leftKeys[q][left];
      if (k != NO_KEY && k == rightKeys[q][right]) {
        Index index = indexes[q];
        int block = index.blockOf(k);
        // an oversized block of an earlier rule produced nothing: keep looking at the rules between
        if (index.start[block + 1] - index.start[block] <= maxBlockSize) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when rule {@code rule} puts the pair in one block (regardless of block caps). */
  public boolean sharesKey(int rule, int left, int right) {
    long k = leftKeys[rule][left];
    return k != NO_KEY && k == rightKeys[rule][right];
  }

  /** Per-rule statistics of the right-side index: blocks, oversized blocks, largest block. */
  public ImmutableList<IndexStats> indexStats() {
    ImmutableList.Builder<IndexStats> b = ImmutableList.builder();
    for (int r = 0; r < indexes.length; r++) {
      Index index = indexes[r];
      int largest = 0;
      int oversized = 0;
      long skippedRecords = 0;
      for (int k = 0; k < index.blocks; k++) {
        int size = index.start[k + 1] - index.start[k];
        largest = Math.max(largest, size);
        if (size > maxBlockSize) {
          oversized++;
          skippedRecords += size;
        }
      }
      b.add(new IndexStats(rules.get(r).name(), index.blocks, largest, oversized, skippedRecords));
    }
    return b.build();
  }

  /**
   * Index statistics of one rule; no key values.
   *
   * @param rule rule name
   * @param blocks number of distinct keys on the right side
   * @param largestBlock right-side records in the largest block
   * @param oversizedBlocks blocks over the cap, skipped
   * @param recordsInOversizedBlocks right-side records in those blocks
   */
  public record IndexStats(String rule, int blocks, int largestBlock, int oversizedBlocks, long recordsInOversizedBlocks) {}

  /** Right-side rows grouped by key: rows of block b are rows[start[b] .. start[b+1]). */
  private static final class Index {
    final LongIntHashMap blockOfKey;
    final int[] start;
    final int[] rows;
    final int blocks;

    private Index(LongIntHashMap blockOfKey, int[] start, int[] rows, int blocks) {
      this.blockOfKey = blockOfKey;
      this.start = start;
      this.rows = rows;
      this.blocks = blocks;
    }

    static Index of(long[] keys) {
      LongIntHashMap map = new LongIntHashMap(Math.max(16, keys.length / 2));
      int[] blockOfRow = new int[keys.length];
      int blocks = 0;
      for (int row = 0; row < keys.length; row++) {
        if (keys[row] == NO_KEY) {
          blockOfRow[row] = -1;
          continue;
        }
        int b = map.putIfAbsent(keys[row], blocks);
        if (b < 0) {
          b = blocks++;
        }
        blockOfRow[row] = b;
      }
      int[] start = new int[blocks + 1];
      for (int b : blockOfRow) {
        if (b >= 0) {
          start[b + 1]++;
        }
      }
      for (int b = 0; b < blocks; b++) {
        start[b + 1] += start[b];
      }
      int[] fill = java.util.Arrays.copyOf(start, blocks);
      int[] rows = new int[start[blocks]];
      for (int row = 0; row < keys.length; row++) {
        int b = blockOfRow[row];
        if (b >= 0) {
          rows[fill[b]++] = row;
        }
      }
      return new Index(map, start, rows, blocks);
    }

    int blockOf(long key) {
      return blockOfKey.get(key);
    }
  }
}
