package org.linkage.internal.block;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.normalize.Derivations;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

/**
 * The blocking index: for each rule, a key per record on both sides, and an index of the right
 * side's records by key. Probing with a left record yields its candidate pairs, each pair exactly
 * once across all rules: rules are probed in order, so a pair belongs to the first rule that
 * generates it, and later rules skip it using a small per-record set of the right rows already
 * offered for this left record (cleared for the next one) — no global set of pairs is kept.
 * {@link #ruleOf} and {@link #sharesKey} answer the same question from the keys alone.
 *
 * <p>Key rules: keys are 64-bit hashes of the key parts' int codes; a hash collision can only add a
 * candidate pair, never lose one. Sorted-neighbourhood rules: the key is the dense rank of the
 * record's sort key among the distinct sort keys of both sides, and the right side is indexed by
 * rank, so a window is one contiguous run of the index. A rule <em>generates</em> pair (l, r) when
 * it {@linkplain #sharesKey shares a key} (same key, or ranks fewer than {@code window} apart) and
 * l's block (or window) is within the cap; larger blocks are skipped and reported by rule and
 * size, never by key.
 *
 * <p>Building is single-threaded, O(records × rules) plus a sort per sorted-neighbourhood rule.
 * Probing is thread-safe and allocation-free in steady state (one reusable set per thread); its
 * cost is the number of pairs offered by all rules, duplicates included. Hot path: see
 * {@code BlockingBench}.
 */
public final class Blocker {
  /** Key of a record whose key part is missing: such a record is in no block of that rule. */
  public static final long NO_KEY = Long.MIN_VALUE;

  /** Per thread: the right rows already offered for the current left record. */
  private static final ThreadLocal<SeenRows> SEEN = ThreadLocal.withInitial(SeenRows::new);

  private final ImmutableList<BlockingRuleSpec> rules;
  private final long[][] leftKeys;
  private final long[][] rightKeys;
  private final Index[] indexes;
  /** Per rule: 0 for a key rule, else the sorted-neighbourhood window. */
  private final int[] windows;
  /** Per rule: left rows whose block (or window) is over the cap, so the rule generates nothing for them. */
  private final BitSet[] oversizedLeft;
  private final boolean deduplication;
  private final int maxBlockSize;
  private final int leftSize;
  private final int rightSize;

  private Blocker(List<BlockingRuleSpec> rules, long[][] leftKeys, long[][] rightKeys, Index[] indexes,
      boolean deduplication, int maxBlockSize) {
    this.rules = ImmutableList.copyOf(rules);
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.indexes = indexes;
    this.deduplication = deduplication;
    this.maxBlockSize = maxBlockSize;
    this.leftSize = leftKeys.length == 0 ? 0 : leftKeys[0].length;
    this.rightSize = rightKeys.length == 0 ? 0 : rightKeys[0].length;
    this.windows = this.rules.stream().mapToInt(BlockingRuleSpec::window).toArray();

    this.oversizedLeft = new BitSet[indexes.length];
    for (int r = 0; r < indexes.length; r++) {
      BitSet over = new BitSet();
      long[] keys = leftKeys[r];
      for (int row = 0; row < keys.length; row++) {
        if (keys[row] != NO_KEY && blockSize(r, keys[row]) > maxBlockSize) {
          over.set(row);
        }
      }
      oversizedLeft[r] = over;
    }
  }

  /**
   * Computes every rule's keys and indexes the right side.
   *
   * @param maxBlockSize blocks (or sorted-neighbourhood windows) with more right-side records than
   *     this are skipped (and reported)
   */
  public static Blocker build(List<BlockingRuleSpec> rules, EncodedData data, int maxBlockSize) {
    checkArgument(maxBlockSize > 0, "maxBlockSize must be positive: %s", maxBlockSize);
    List<String> problems = new ArrayList<>();
    for (BlockingRuleSpec rule : rules) {
      // the spec was checked when built; this catches data encoded under another spec
      problems.addAll(rule.problems(column -> data.column(column) == null ? null : data.column(column).type()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    int n = rules.size();
    long[][] lk = new long[n][];
    long[][] rk = new long[n][];
    Index[] idx = new Index[n];
    for (int r = 0; r < n; r++) {
      BlockingRuleSpec rule = rules.get(r);
      if (rule.isSortedNeighbourhood()) {
        int distinct = SortKeys.rank(rule, data, lk, rk, r);
        idx[r] = Index.byRank(rk[r], distinct);
      } else {
        KeyFunction key = KeyFunction.of(rule);
        lk[r] = key.keys(data, 0);
        rk[r] = data.isDeduplication() ? lk[r] : key.keys(data, 1);
        idx[r] = Index.of(rk[r]);
      }
    }
    return new Blocker(rules, lk, rk, idx, data.isDeduplication(), maxBlockSize);
  }

  /** The rules this index was built for, in order; a rule's position is its number in {@link PairSink#accept}. */
  public ImmutableList<BlockingRuleSpec> rules() {
    return rules;
  }

  /** Left rows indexed. */
  public int leftSize() {
    return leftSize;
  }

  /** Right rows indexed (the same rows as the left in deduplication). */
  public int rightSize() {
    return rightSize;
  }

  /** True when both sides are one table: only pairs {@code left < right} are produced. */
  public boolean isDeduplication() {
    return deduplication;
  }

  /** The cap on right-side records per block (or window). */
  public int maxBlockSize() {
    return maxBlockSize;
  }

  /** Receives candidate pairs. */
  @FunctionalInterface
  public interface PairSink {
    /** Receives one candidate pair: left and right rows and the number of the first rule that found it. */
    void accept(int left, int right, int rule);
  }

  /**
   * Passes every candidate pair of left record {@code left} to {@code sink}, rule by rule; within a
   * key rule in ascending right row, within a sorted-neighbourhood rule by key rank, then right row.
   * Each pair once. In deduplication only pairs with {@code right > left} are produced.
   */
  public void candidatesOf(int left, PairSink sink) {
    SeenRows seen = SEEN.get();
    seen.clear();
    for (int r = 0; r < indexes.length; r++) {
      long key = leftKeys[r][left];
      if (key == NO_KEY || oversizedLeft[r].get(left)) {
        continue;
      }
      Index index = indexes[r];
      int from;
      int to;
      int w = windows[r];
      if (w == 0) {
        int block = index.blockOf(key);
        if (block < 0) {
          continue;
        }
        from = index.start[block];
        to = index.start[block + 1];
      } else {
        int rank = (int) key;
        from = index.start[Math.max(0, rank - w + 1)];
        to = index.start[Math.min(index.blocks, rank + w)];
      }
      for (int k = from; k < to; k++) {
        int right = index.rows[k];
        if (deduplication && right <= left) {
          continue;
        }
        // rules run in order, so the first rule to offer a pair is the one that owns it
        if (seen.add(right)) {
          sink.accept(left, right, r);
        }
      }
    }
  }

  /** True when rule {@code rule} produces the pair unless an earlier rule already did: it shares a key and left's block is within the cap. */
  private boolean generates(int rule, int left, int right) {
    // an oversized block of a rule produces nothing, so the pair is still new for later rules
    return sharesKey(rule, left, right) && !oversizedLeft[rule].get(left);
  }

  /**
   * The rule that produces pair (left, right) in {@link #candidatesOf} — the first rule that
   * generates it — or -1 when no rule does. In deduplication the pair is unordered; a record is
   * never paired with itself.
   */
  public int ruleOf(int left, int right) {
    if (deduplication) {
      if (left == right) {
        return -1;
      }
      if (right < left) {
        int t = left;
        left = right;
        right = t;
      }
    }
    for (int q = 0; q < indexes.length; q++) {
      if (generates(q, left, right)) {
        return q;
      }
    }
    return -1;
  }

  /**
   * True when rule {@code rule} puts the pair in one block (regardless of block caps): the same key
   * for a key rule; sort keys fewer than {@code window} distinct values apart for a
   * sorted-neighbourhood rule. Symmetric in deduplication.
   */
  public boolean sharesKey(int rule, int left, int right) {
    long k = leftKeys[rule][left];
    if (k == NO_KEY) {
      return false;
    }
    long o = rightKeys[rule][right];
    int w = windows[rule];
    return w == 0 ? k == o : o != NO_KEY && Math.abs(k - o) < w;
  }

  /**
   * Rule {@code rule}'s key of left row {@code row}: a key hash, or for a sorted-neighbourhood
   * rule the rank of its sort key; {@link #NO_KEY} when a key part is missing.
   */
  public long leftKey(int rule, int row) {
    return leftKeys[rule][row];
  }

  /** Rule {@code rule}'s key of right row {@code row}, as {@link #leftKey}. */
  public long rightKey(int rule, int row) {
    return rightKeys[rule][row];
  }

  /** Per rule: 0 for a key rule, else its sorted-neighbourhood window (keys within it share a block). */
  public int window(int rule) {
    return windows[rule];
  }

  /**
   * Right-side records in the block (or window) of left record {@code left} under rule {@code rule},
   * regardless of the cap; 0 when its key is missing or matches no right record.
   */
  public int blockSizeOf(int rule, int left) {
    long key = leftKeys[rule][left];
    return key == NO_KEY ? 0 : blockSize(rule, key);
  }

  /** True when left record {@code left}'s block (or window) under {@code rule} is over the cap and skipped. */
  public boolean isOversized(int rule, int left) {
    return oversizedLeft[rule].get(left);
  }

  /** Deduplication: records after {@code left} in its block (or window), regardless of the cap. */
  int laterRowsInBlock(int rule, int left) {
    long key = leftKeys[rule][left];
    if (key == NO_KEY) {
      return 0;
    }
    Index index = indexes[rule];
    int w = windows[rule];
    int firstBlock;
    int lastBlock;
    if (w == 0) {
      firstBlock = index.blockOf(key);
      if (firstBlock < 0) {
        return 0;
      }
      lastBlock = firstBlock;
    } else {
      firstBlock = Math.max(0, (int) key - w + 1);
      lastBlock = Math.min(index.blocks, (int) key + w) - 1;
    }
    int n = 0;
    for (int b = firstBlock; b <= lastBlock; b++) {
      // rows of one block ascend: count those above left by binary search
      int from = index.start[b];
      int to = index.start[b + 1];
      int at = java.util.Arrays.binarySearch(index.rows, from, to, left + 1);
      n += to - (at >= 0 ? at : -at - 1);
    }
    return n;
  }

  private int blockSize(int rule, long key) {
    Index index = indexes[rule];
    int w = windows[rule];
    if (w == 0) {
      int block = index.blockOf(key);
      return block < 0 ? 0 : index.start[block + 1] - index.start[block];
    }
    int rank = (int) key;
    return index.start[Math.min(index.blocks, rank + w)] - index.start[Math.max(0, rank - w + 1)];
  }

  /**
   * Per-rule statistics of the right-side index: blocks, oversized blocks, largest block. For a
   * sorted-neighbourhood rule a "block" is the window around one distinct sort key.
   */
  public ImmutableList<IndexStats> indexStats() {
    ImmutableList.Builder<IndexStats> b = ImmutableList.builder();
    for (int r = 0; r < indexes.length; r++) {
      Index index = indexes[r];
      int w = windows[r];
      int blocks = 0;
      int largest = 0;
      int oversized = 0;
      long skippedRecords = 0;
      for (int k = 0; k < index.blocks; k++) {
        int own = index.start[k + 1] - index.start[k];
        if (w > 0 && own == 0) {
          continue; // a sort key present only on the left: its window is counted from the left's side
        }
        int size = w == 0 ? own : index.start[Math.min(index.blocks, k + w)] - index.start[Math.max(0, k - w + 1)];
        blocks++;
        largest = Math.max(largest, size);
        if (size > maxBlockSize) {
          oversized++;
          skippedRecords += own;
        }
      }
      b.add(new IndexStats(rules.get(r).name(), blocks, largest, oversized, skippedRecords));
    }
    return b.build();
  }

  /**
   * One plain-language warning per rule with oversized blocks, naming the rule, the cap and the
   * largest block's size — never a key value, which is personal data.
   */
  public ImmutableList<String> oversizeWarnings() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (IndexStats s : indexStats()) {
      if (s.oversizedBlocks() > 0) {
        out.add("blocking rule " + s.rule() + ": " + s.oversizedBlocks() + " block(s) larger than " + maxBlockSize
            + " records (largest " + s.largestBlock() + ") skipped; their " + s.recordsInOversizedBlocks()
            + " right-side record(s) are not paired by this rule");
      }
    }
    return out.build();
  }

  /**
   * Index statistics of one rule; no key values.
   *
   * @param rule rule name
   * @param blocks number of distinct keys on the right side
   * @param largestBlock right-side records in the largest block (sorted neighbourhood: largest window)
   * @param oversizedBlocks blocks (windows) over the cap, skipped
   * @param recordsInOversizedBlocks right-side records in those blocks (sorted neighbourhood: whose own key's window is over the cap)
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

    /** Rows grouped by rank 0..ranks-1 (a counting sort); block b is rank b, possibly empty. */
    static Index byRank(long[] ranks, int distinct) {
      int[] start = new int[distinct + 1];
      for (long k : ranks) {
        if (k != NO_KEY) {
          start[(int) k + 1]++;
        }
      }
      for (int b = 0; b < distinct; b++) {
        start[b + 1] += start[b];
      }
      int[] fill = java.util.Arrays.copyOf(start, distinct);
      int[] rows = new int[start[distinct]];
      for (int row = 0; row < ranks.length; row++) {
        if (ranks[row] != NO_KEY) {
          rows[fill[(int) ranks[row]]++] = row;
        }
      }
      return new Index(null, start, rows, distinct);
    }

    int blockOf(long key) {
      return blockOfKey.get(key);
    }
  }

  /**
   * A small set of right rows, cleared per left record in O(1) by a generation stamp: the
   * candidates of one left record, so a pair offered by several rules is produced once. Its size is
   * that of one record's candidates, never the run's pairs. Not thread-safe: one per thread.
   */
  static final class SeenRows {
    private int[] rows = new int[64];
    private int[] stamps = new int[64];
    private int generation = 1;
    private int size;

    void clear() {
      size = 0;
      if (++generation == Integer.MAX_VALUE) {
        java.util.Arrays.fill(stamps, 0);
        generation = 1;
      }
    }

    /** Adds {@code row}; false if it was already there. */
    boolean add(int row) {
      if ((size + 1) * 2 > rows.length) {
        grow();
      }
      int mask = rows.length - 1;
      int i = (row * 0x9E3779B9) >>> 7 & mask;
      while (stamps[i] == generation) {
        if (rows[i] == row) {
          return false;
        }
        i = (i + 1) & mask;
      }
      stamps[i] = generation;
      rows[i] = row;
      size++;
      return true;
    }

    private void grow() {
      int[] oldRows = rows;
      int[] oldStamps = stamps;
      int current = generation;
      rows = new int[oldRows.length * 2];
      stamps = new int[oldRows.length * 2];
      generation = 1;
      size = 0;
      for (int i = 0; i < oldRows.length; i++) {
        if (oldStamps[i] == current) {
          add(oldRows[i]);
        }
      }
    }
  }
}
