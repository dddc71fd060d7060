package org.linkage.internal.block;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.normalize.Derivations;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;
import org.linkage.spec.LinkageSpec;

/**
 * The blocking index: for each rule, a key per record on both sides, and an index of the right
 * side's records by key. Probing with a left record yields its candidate pairs, each pair exactly
 * once across all rules: rules are probed in order, so a pair belongs to the first rule that
 * generates it, and later rules skip it using a small per-record set of the right rows already
 * offered for this left record (cleared for the next one) — no global set of pairs is kept.
 * {@link #ruleOf} and {@link #generates} answer the same question from the keys alone.
 *
 * <p>Key rules: keys are 64-bit hashes of the key parts' int codes; a hash collision can only add a
 * candidate pair, never lose one. Once built, a record holds not its hash but the number of its
 * block (right-side keys numbered densely in order of first appearance; a left key no right record
 * has is {@code ABSENT}): an int per record and rule, and a block found by indexing, not by a hash
 * lookup. Sorted-neighbourhood rules: the key is the dense rank of the record's sort key among the
 * distinct sort keys of both sides, and the right side is indexed by rank, so a window is one
 * contiguous run of the index. Block sizes count right-side records.
 *
 * <p><b>Cap and refinement.</b> Level 0 of a key rule is its key; level {@code i} adds its first
 * {@code i} {@linkplain BlockingRuleSpec#refineBy refinement parts}. A right record is indexed at
 * level {@code i ≥ 1} only when its level {@code i−1} block is over the cap. Left record l's
 * <em>level</em> is the first level whose block of l's key there is within the cap (an empty block
 * counts); l has none, and the rule generates nothing for it ({@link #isOversized}), when every
 * level's block is over the cap or a refinement part l needs is missing. The rule
 * <em>generates</em> (l, r) exactly when l has a level and r has the same key at that level — so
 * r shares l's key, and also its refinement values up to that level when l's block was over the
 * cap. A rule without refinement parts, and a sorted-neighbourhood rule, has level 0 only: its
 * blocks (windows) over the cap are skipped. Skipped and refined blocks are reported by rule, size
 * and part, never by key ({@link #indexStats}).
 *
 * <p>Building is O(records × (rules + refinement parts)) plus a sort per sorted-neighbourhood rule;
 * the rules are keyed, numbered, refined and summarised in parallel on the common pool, each
 * writing only its own slots, so pairs do not depend on the thread count. Probing is thread-safe
 * and allocation-free in steady state (one reusable set per thread); its cost is the number of
 * pairs offered by all rules, duplicates included. Hot path: see {@code BlockingBench}.
 */
public final class Blocker {
  /** Key of a record whose key part is missing: such a record is in no block of that rule. */
  public static final long NO_KEY = Long.MIN_VALUE;

  /** The lowest cap a pair budget sets: smaller blocks are never refined for the budget. */
  static final int MIN_CAP = 4;
  /** Left rows whose candidate pairs are counted together (see {@link #uniquePairs(int, int)}). */
  private static final int COUNT_GROUP = 64;
  /** Left records whose candidates {@link #candidatesOf(int, int, PairSink)} probes the index for together. */
  static final int PROBE_GROUP = 8;
  /** Left rows sampled (about) to find the caps that spend the pair budget; all rows then check them. */
  private static final int BUDGET_SAMPLE = 65_536;

  /** A record's key (block number) when a key part is missing. */
  private static final int NONE = -1;
  /** A left record's key (block number) when no right record has its key at that level. */
  private static final int ABSENT = -2;

  /** Per thread: the right rows already offered for the current left record. */
  private static final ThreadLocal<SeenRows> SEEN = ThreadLocal.withInitial(SeenRows::new);

  private final ImmutableList<BlockingRuleSpec> rules;
  /** Per rule: each left row's block at level 0 (sorted neighbourhood: its rank). */
  private final int[][] leftKeys;
  /** Per rule and level: each right row's block there, {@link #NONE} where it is not indexed at that level. */
  private final int[][][] rightKeys;
  /** Per rule and level: the right rows by key; {@code null} past the last level any block needed. */
  private final Index[][] indexes;
  /** Per rule: each left row's block at its level (the same array as {@code leftKeys} without refinement parts). */
  private final int[][] probeKeys;
  /** Per rule: each left row's level; {@code null} for a rule without refinement parts (level 0). */
  private final byte[][] probeLevels;
  /**
   * Per rule: each left row's rows to probe in its level's index ({@link Index#rows}), packed as
   * {@code from << spanLengthBits | length} (a length of {@link #spanEscape} or more stored as the
   * escape: read the end from the index; for length 1 the right row itself in place of
   * {@code from}), or -1 when the rule gives the row nothing. A probe then reads this array in row
   * order instead of the index's block bounds at a random place.
   * {@code null} when the offsets do not leave room for a length.
   */
  private final int[][] spans;
  private final int spanLengthBits;
  private final int spanEscape;
  /** Per rule: 0 for a key rule, else the sorted-neighbourhood window. */
  private final int[] windows;
  /** Per rule: left rows without a level, for which the rule generates nothing. */
  private final BitSet[] oversizedLeft;
  private final boolean deduplication;
  /** Per rule: the cap it is indexed with (see {@link #cap}). */
  private final int[] caps;
  private final int leftSize;
  private final int rightSize;
  private volatile ImmutableList<IndexStats> stats; // computed on first request: an update's one-rule indexes never ask
  /**
   * While the pair budget is searched: per budgeted rule and level ≥ 1, the blocks {@link #pairsByCap}
   * numbered under the lowest cap (right rows, then left rows), so indexing under the chosen cap
   * renumbers them instead of keying and hashing the records again; a rule's are dropped once it is
   * indexed; {@code null} otherwise.
   */
  private LevelBlocks[] lowestCapBlocks;
  /** Left rows in the pair budget's sample and the right rows it held for them; 0 without a budget. */
  private final int budgetSampleRows;
  private final long budgetSampleHeld;

  /**
   * The codes of rule {@code rule}'s refinement part {@code level} (1 is the first) on one side
   * ({@link KeyFunction#refinementCodes}); with a record's block at level {@code level − 1} they give
   * its block at {@code level}. Computed only when needed.
   */
  @FunctionalInterface
  private interface LevelKeys {
    int[] codes(int rule, int level, int side);
  }

  private Blocker(List<BlockingRuleSpec> rules, int[][] leftKeys, int[][] baseRightKeys, Index[] baseIndexes,
      LevelKeys levelKeys, boolean deduplication, int maxBlockSize, double pairBudget) {
    int n = rules.size();
    this.rules = ImmutableList.copyOf(rules);
    this.leftKeys = leftKeys;
    this.deduplication = deduplication;
    this.leftSize = n == 0 ? 0 : leftKeys[0].length;
    this.rightSize = n == 0 ? 0 : baseRightKeys[0].length;
    this.windows = this.rules.stream().mapToInt(BlockingRuleSpec::window).toArray();
    this.rightKeys = new int[n][][];
    this.indexes = new Index[n][];
    this.probeKeys = new int[n][];
    this.probeLevels = new byte[n][];
    this.oversizedLeft = new BitSet[n];
    this.caps = new int[n];
    int minCap = Math.min(MIN_CAP, maxBlockSize);
    long[][] pairsByCap = new long[n][];
    boolean budget = false;
    for (int r = 0; r < n; r++) {
      int parts = rules.get(r).refineBy().size();
      caps[r] = maxBlockSize;
      rightKeys[r] = new int[parts + 1][];
      indexes[r] = new Index[parts + 1];
      rightKeys[r][0] = baseRightKeys[r];
      indexes[r][0] = baseIndexes[r];
      budget |= parts > 0 && windows[r] == 0 && pairBudget > 0;
    }
    BudgetSample sample = budget ? new BudgetSample(n) : null;
    lowestCapBlocks = budget ? new LevelBlocks[n] : null;
    // each rule reads and writes only its own slots (and its sample's), so the rules run in parallel;
    // the result does not depend on the order or the thread count
    java.util.stream.IntStream.range(0, n).parallel().forEach(r -> {
      int parts = rules.get(r).refineBy().size();
      if (parts > 0 && windows[r] == 0 && pairBudget > 0) {
        pairsByCap[r] = pairsByCap(r, parts, levelKeys, maxBlockSize, minCap, sample); // indexed once its cap is chosen
      } else {
        indexLevels(r, parts, levelKeys);
        if (sample != null) {
          sample.fixedRule(r);
        }
      }
    });
    if (budget) {
      new BudgetSearch(pairsByCap, sample, levelKeys, maxBlockSize, minCap, (long) Math.floor(pairBudget * leftSize))
          .run();
      lowestCapBlocks = null;
    }
    this.budgetSampleRows = budget ? sample.rows : 0;
    this.budgetSampleHeld = budget ? java.util.Arrays.stream(sample.held).sum() : 0;
    int offsetBits = 32 - Integer.numberOfLeadingZeros(rightSize);
    this.spanLengthBits = Math.min(SPAN_LENGTH_BITS, 31 - offsetBits);
    this.spanEscape = spanLengthBits < MIN_SPAN_LENGTH_BITS ? 0 : (1 << spanLengthBits) - 1;
    this.spans = spanEscape == 0 ? null : new int[n][];
    if (spans != null) {
      java.util.stream.IntStream.range(0, n).parallel().forEach(r -> spans[r] = spans(r));
    }
  }

  /**
   * Bits of a span's length (see {@link #spans}): blocks of up to 254 rows, nearly all, need no read
   * of the index; fewer when the offsets need more than 23 bits, and none below 4.
   */
  private static final int SPAN_LENGTH_BITS = 8;
  private static final int MIN_SPAN_LENGTH_BITS = 4;

  /** Rule {@code r}'s {@link #spans}. */
  private int[] spans(int r) {
    int[] keys = probeKeys[r];
    BitSet oversized = oversizedLeft[r];
    int window = windows[r];
    int[] out = new int[leftSize];
    for (int left = 0; left < leftSize; left++) {
      int key = keys[left];
      if (key < 0 || oversized.get(left)) {
        out[left] = -1;
        continue;
      }
      Index index = indexes[r][level(r, left)];
      int from = index.from(key, window);
      int length = index.to(key, window) - from;
      // a block of one row holds the row itself: the probe then reads no index at all
      int at = length == 1 ? index.rows[from] : from;
      out[left] = length == 0 ? -1 : at << spanLengthBits | Math.min(length, spanEscape);
    }
    return out;
  }

  /** Indexes rule {@code r}'s refinement levels under its cap and sets each left row's level. */
  private void indexLevels(int r, int parts, LevelKeys levelKeys) {
    int[][] refinedLeft = new int[parts][];
    for (int i = 1; i <= parts; i++) {
      rightKeys[r][i] = null;
      indexes[r][i] = null;
    }
    LevelBlocks known = lowestCapBlocks == null ? null : lowestCapBlocks[r];
    for (int i = 1; i <= parts && oversizedBlocks(r, i - 1) > 0; i++) {
      if (known != null) {
        refinedLeft[i - 1] = renumber(r, i, known);
        continue;
      }
      // only the records of blocks over the cap are keyed again: by their block and one more part
      int[] previous = rightKeys[r][i - 1];
      int[] rightCodes = levelKeys.codes(r, i, 1);
      BlockNumbers numbers = BlockNumbers.refined(previous, sizes(indexes[r][i - 1]), caps[r], rightCodes);
      // every left record's refined key, its block or ABSENT (in deduplication also the rows not indexed here)
      int[] leftPrevious = i == 1 ? leftKeys[r] : refinedLeft[i - 2];
      refinedLeft[i - 1] = numbers.lookUpRefined(leftPrevious, null, 0,
          deduplication ? rightCodes : levelKeys.codes(r, i, 0));
      rightKeys[r][i] = numbers.right();
      indexes[r][i] = Index.of(numbers.right(), numbers.blocks());
    }
    // without a block over the cap there is nothing to refine: the plain path, no levels kept
    levelLeftRows(r, parts > 0 && indexes[r][1] != null ? refinedLeft : new int[0][]);
  }

  /**
   * Rule {@code r}'s level {@code i} under its cap from its blocks under the lowest cap: the right
   * records of blocks over the cap at level {@code i − 1} keep their block, renumbered in order of
   * first appearance as {@link BlockNumbers} would number their keys (a block under the cap is a
   * block under the lowest cap, since records sharing a refined key share its parent block);
   * returns each left record's block there, {@link #ABSENT} where no right record is in it.
   */
  private int[] renumber(int r, int i, LevelBlocks known) {
    int[] previous = rightKeys[r][i - 1];
    int[] lowest = known.right[i];
    int[] number = new int[known.blocks[i]];
    java.util.Arrays.fill(number, NONE);
    int[] right = new int[rightSize];
    int blocks = 0;
    for (int row = 0; row < rightSize; row++) {
      int b = lowest[row];
      if (b >= 0 && previous[row] >= 0 && blockSize(r, i - 1, previous[row]) > caps[r]) {
        if (number[b] == NONE) {
          number[b] = blocks++;
        }
        right[row] = number[b];
      } else {
        right[row] = NONE;
      }
    }
    rightKeys[r][i] = right;
    indexes[r][i] = Index.of(right, blocks);
    // left records whose block at level i − 1 is within the lowest cap were not looked up: none needs level i
    int[] left = known.left[i];
    int[] out = new int[left.length];
    for (int row = 0; row < out.length; row++) {
      int b = left[row];
      out[row] = b < 0 ? b : number[b] == NONE ? ABSENT : number[b];
    }
    return out;
  }

  /** One rule's blocks at each level under the lowest cap: right rows', left rows' and how many. */
  private record LevelBlocks(int[][] right, int[][] left, int[] blocks) {}

  /**
   * Pairs key rule {@code r} would generate on its own at each cap {@code c} in
   * {@code [minCap, maxBlockSize]} (index c; lower entries unused), from one pass over its refinement
   * levels; also records the sampled left rows' blocks in {@code sample}. A left record's block at
   * level i has the right records sharing its key and first i parts whatever the cap, so a block of
   * size s whose parent block has size p serves its left records exactly for caps in {@code [s, p)}
   * (level 0: {@code [s, maxBlockSize]}); blocks within {@code minCap} are never refined, so their
   * records are not keyed again.
   */
  private long[] pairsByCap(int r, int parts, LevelKeys levelKeys, int maxBlockSize, int minCap, BudgetSample sample) {
    long[] byCap = new long[maxBlockSize + 2];
    int[] rightBlock = rightKeys[r][0];
    int[] leftBlock = leftKeys[r];
    int[] sizes = sizes(indexes[r][0]);
    int[] parentSizes = null;
    BudgetSample.Recording recording = sample.startRule(r, parts + 1, leftBlock, rightBlock, sizes);
    LevelBlocks known = new LevelBlocks(new int[parts + 1][], new int[parts + 1][], new int[parts + 1]);
    for (int i = 0; ; i++) {
      int[] leftCount = new int[sizes.length];
      if (!deduplication) {
        for (int k : leftBlock) {
          if (k >= 0) {
            leftCount[k]++;
          }
        }
      }
      for (int b = 0; b < sizes.length; b++) {
        int s = sizes[b];
        long pairs = deduplication ? (long) s * (s - 1) / 2 : (long) leftCount[b] * s;
        int from = Math.max(s, minCap);
        int to = parentSizes == null ? maxBlockSize : Math.min(parentSizes[b] - 1, maxBlockSize);
        if (pairs > 0 && from <= to) {
          byCap[from] += pairs;
          byCap[to + 1] -= pairs;
        }
      }
      if (i == parts) {
        break;
      }
      int[] rightCodes = levelKeys.codes(r, i + 1, 1);
      BlockNumbers numbers = BlockNumbers.refined(rightBlock, sizes, minCap, rightCodes);
      int[] next = numbers.right();
      int[] nextSizes = new int[numbers.blocks()];
      int[] nextParents = new int[numbers.blocks()];
      for (int row = 0; row < rightSize; row++) {
        if (next[row] >= 0) {
          nextSizes[next[row]]++;
          nextParents[next[row]] = sizes[rightBlock[row]];
        }
      }
      // a left record whose block is within the lowest cap (or missing) stops there at any cap: not looked up
      leftBlock = deduplication ? next : numbers.lookUpRefined(leftBlock, sizes, minCap, levelKeys.codes(r, i + 1, 0));
      rightBlock = next;
      known.right[i + 1] = next;
      known.left[i + 1] = leftBlock;
      known.blocks[i + 1] = numbers.blocks();
      sizes = nextSizes;
      parentSizes = nextParents;
      recording.level(i + 1, leftBlock, rightBlock, sizes);
    }
    recording.end(maxBlockSize);
    lowestCapBlocks[r] = known;
    for (int c = 1; c < byCap.length; c++) {
      byCap[c] += byCap[c - 1];
    }
    return byCap;
  }

  private static int[] sizes(Index index) {
    int[] out = new int[index.blocks];
    for (int b = 0; b < out.length; b++) {
      out[b] = index.start[b + 1] - index.start[b];
    }
    return out;
  }

  /** Candidate pairs of all rules, each once (the pairs {@link #candidatesOf} gives), counted in parallel. */
  private long uniquePairs() {
    return java.util.stream.IntStream.range(0, (leftSize + 4095) / 4096).parallel()
        .mapToLong(chunk -> uniquePairs(chunk * 4096, Math.min(leftSize, chunk * 4096 + 4096))).sum();
  }

  /**
   * The pairs {@link #candidatesOf} gives left rows {@code [first, end)}, counted {@link #COUNT_GROUP}
   * rows at a time: their blocks are located and copied rule by rule, so the index reads of the
   * group's rows, independent of each other, overlap instead of waiting one by one; then each
   * row's copies are counted once.
   */
  private long uniquePairs(int first, int end) {
    int n = indexes.length;
    Index[] index = new Index[COUNT_GROUP * n];
    int[] from = new int[COUNT_GROUP * n];
    int[] offset = new int[COUNT_GROUP * n + 1];
    int[] copies = new int[1024];
    SeenRows seen = new SeenRows();
    long pairs = 0;
    for (int g = first; g < end; g += COUNT_GROUP) {
      int rows = Math.min(COUNT_GROUP, end - g);
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < rows; j++) {
          int left = g + j;
          int key = probeKeys[r][left];
          int at = j * n + r;
          if (key < 0 || oversizedLeft[r].get(left)) {
            index[at] = null;
            from[at] = 0;
            offset[at + 1] = 0;
          } else {
            Index x = indexes[r][level(r, left)];
            index[at] = x;
            from[at] = x.from(key, windows[r]);
            offset[at + 1] = x.to(key, windows[r]) - from[at]; // a length until summed below
          }
        }
      }
      for (int at = 0; at < rows * n; at++) {
        offset[at + 1] += offset[at];
      }
      if (copies.length < offset[rows * n]) {
        copies = new int[Math.max(offset[rows * n], copies.length * 2)];
      }
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < rows; j++) {
          int at = j * n + r;
          if (index[at] != null) {
            System.arraycopy(index[at].rows, from[at], copies, offset[at], offset[at + 1] - offset[at]);
          }
        }
      }
      for (int j = 0; j < rows; j++) {
        int left = g + j;
        seen.clear();
        for (int e = offset[j * n], stop = offset[j * n + n]; e < stop; e++) {
          int right = copies[e];
          if (!(deduplication && right <= left) && seen.add(right)) {
            pairs++;
          }
        }
      }
    }
    return pairs;
  }

  /**
   * A fixed sample of left rows (every {@code stride}-th) with, per rule, what decides their
   * candidates at any cap: the size of their block at each level ({@code -1} where a key or
   * refinement value is missing) and the right rows of their block at the first level within
   * {@code maxBlockSize} (no cap is higher), each with the depth to which it shares their
   * refinement values. So the unique pairs of the sample at any caps are counted without indexing
   * again, and the sample holds at most {@code maxBlockSize} right rows per sampled row and rule,
   * however large the unrefined blocks grow.
   */
  private final class BudgetSample {
    final int stride;
    final int rows;
    final int[] levels;
    final int[][] chains;
    final int[][] offsets;
    final int[][] entries;
    final byte[][] depths;
    /** Per rule: the right rows stored. */
    final long[] held;

    BudgetSample(int rules) {
      stride = Math.max(1, (leftSize + BUDGET_SAMPLE - 1) / BUDGET_SAMPLE);
      rows = leftSize == 0 ? 0 : (leftSize - 1) / stride + 1;
      levels = new int[rules];
      chains = new int[rules][];
      offsets = new int[rules][];
      entries = new int[rules][];
      depths = new byte[rules][];
      held = new long[rules];
    }

    /** Starts recording rule {@code r}: the sampled rows' unrefined blocks. */
    Recording startRule(int r, int ruleLevels, int[] leftBlock, int[] rightBlock, int[] sizes) {
      Recording recording = new Recording(r, ruleLevels);
      recording.level(0, leftBlock, rightBlock, sizes);
      return recording;
    }

    /**
     * One rule's recording while its levels are numbered: the sampled rows' block at each level, and
     * each level's right blocks. Writes only its rule's slots, so rules are recorded in parallel.
     */
    final class Recording {
      private final int rule;
      private final int[] leftBlocks;
      private final int[][] rightBlocks;
      private final int[] blockCounts;

      Recording(int r, int ruleLevels) {
        rule = r;
        levels[r] = ruleLevels;
        chains[r] = new int[rows * ruleLevels];
        leftBlocks = new int[rows * ruleLevels];
        rightBlocks = new int[ruleLevels][];
        blockCounts = new int[ruleLevels];
      }

      /** Records the sampled rows' blocks at refinement level {@code i} (level 0 by {@link #startRule}). */
      void level(int i, int[] leftBlock, int[] rightBlock, int[] sizes) {
        int[] chain = chains[rule];
        int n = levels[rule];
        for (int s = 0; s < rows; s++) {
          int k = leftBlock[s * stride];
          chain[s * n + i] = k == NONE ? -1 : k < 0 ? 0 : sizes[k];
          leftBlocks[s * n + i] = k;
        }
        rightBlocks[i] = rightBlock;
        blockCounts[i] = sizes.length;
      }

      /**
       * Ends the rule: stores each sampled row's right rows at its first level within
       * {@code maxBlockSize} (the rows of shallower, larger blocks no cap pairs) with their depths.
       */
      void end(int maxBlockSize) {
        int n = levels[rule];
        int[] chain = chains[rule];
        int[] first = new int[rows];
        int[] offset = new int[rows + 1];
        boolean[] used = new boolean[n];
        for (int s = 0; s < rows; s++) {
          first[s] = firstLevel(rule, s, maxBlockSize);
          int size = first[s] < 0 ? 0 : chain[s * n + first[s]];
          offset[s + 1] = offset[s] + size;
          used[first[s] < 0 ? 0 : first[s]] |= size > 0;
        }
        int[] rowsOf = new int[offset[rows]];
        byte[] depth = new byte[rowsOf.length];
        for (int i = 0; i < n; i++) {
          if (!used[i]) {
            continue;
          }
          Index index = Index.of(rightBlocks[i], blockCounts[i]); // transient: this level's rows by block
          for (int s = 0; s < rows; s++) {
            if (first[s] != i || offset[s + 1] == offset[s]) {
              continue;
            }
            int k = leftBlocks[s * n + i];
            System.arraycopy(index.rows, index.start[k], rowsOf, offset[s], offset[s + 1] - offset[s]);
            for (int e = offset[s]; e < offset[s + 1]; e++) {
              int d = i;
              while (d + 1 < n && leftBlocks[s * n + d + 1] >= 0
                  && rightBlocks[d + 1][rowsOf[e]] == leftBlocks[s * n + d + 1]) {
                d++;
              }
              depth[e] = (byte) d;
            }
          }
        }
        store(rule, offset, rowsOf, depth);
      }
    }

    /** Keeps rule {@code r}'s right rows per sampled row (rows of sampled row s: {@code offset[s] .. offset[s+1])}. */
    private void store(int r, int[] offset, int[] rowsOf, byte[] depth) {
      offsets[r] = offset;
      entries[r] = rowsOf;
      depths[r] = depth;
      held[r] = rowsOf.length;
    }

    /** A rule without a budget: the sampled rows' candidates under it, at level 0. */
    void fixedRule(int r) {
      levels[r] = 1;
      int[] chain = new int[rows];
      int[] offset = new int[rows + 1];
      ImmutableIntArray.Builder rowsOf = ImmutableIntArray.builder();
      for (int s = 0; s < rows; s++) {
        int left = s * stride;
        chain[s] = probeKeys[r][left] < 0 || oversizedLeft[r].get(left) ? -1 : 0;
        offset[s + 1] = offset[s] + (chain[s] == 0 ? ruleCandidates(r, left, rowsOf) : 0);
      }
      chains[r] = chain;
      int[] candidates = rowsOf.build().toArray();
      store(r, offset, candidates, new byte[candidates.length]);
    }

    /** The first level of rule {@code r} whose block of sampled row {@code s} is within {@code cap}; -1 if none. */
    int firstLevel(int r, int s, int cap) {
      int[] chain = chains[r];
      for (int i = 0; i < levels[r]; i++) {
        int size = chain[s * levels[r] + i];
        if (size < 0) {
          return -1;
        }
        if (size <= cap) {
          return i;
        }
      }
      return -1;
    }

    /** Unique candidate pairs of the sampled rows under {@code capsOf}. */
    long uniquePairs(int[] capsOf) {
      SeenRows seen = new SeenRows();
      long n = 0;
      for (int s = 0; s < rows; s++) {
        int left = s * stride;
        seen.clear();
        for (int r = 0; r < levels.length; r++) {
          int level = firstLevel(r, s, capsOf[r]);
          if (level < 0) {
            continue;
          }
          for (int e = offsets[r][s]; e < offsets[r][s + 1]; e++) {
            int right = entries[r][e];
            if (depths[r][e] >= level && !(deduplication && right <= left) && seen.add(right)) {
              n++;
            }
          }
        }
      }
      return n;
    }
  }

  /** Right rows rule {@code r} offers left row {@code left} at its level, duplicates of other rules included; returns how many. */
  private int ruleCandidates(int r, int left, ImmutableIntArray.Builder out) {
    Index index = indexes[r][level(r, left)];
    int key = probeKeys[r][left];
    int from = index.from(key, windows[r]);
    int to = index.to(key, windows[r]);
    for (int k = from; k < to; k++) {
      out.add(index.rows[k]);
    }
    return to - from;
  }

  /**
   * Spends the pair budget: blocks are refined largest first across all rules with refinement parts
   * until all rules together give at most {@code allowed} candidate pairs, each counted once.
   * Lowering one rule's cap from s to s − 1 where that saves pairs is a step; the steps are ordered
   * by s descending (a true pair's share of a block of s right records is about 1/s, so the largest
   * blocks lose the fewest true pairs per pair saved), then by rule from the last. The search finds
   * the number of steps on a sample of left rows ({@link BudgetSample}), then counts all rows'
   * unique pairs there and steps forward or back one step at a time to the fewest steps whose
   * pairs fit. Only integer counts decide, so the caps do not depend on the thread count.
   */
  private final class BudgetSearch {
    private final BudgetSample sample;
    private final LevelKeys levelKeys;
    private final long allowed;
    private final int[] fixedCaps;
    /** Step j lowers rule stepRule[j]'s cap to stepSize[j] − 1. */
    private final int[] stepRule;
    private final int[] stepSize;

    BudgetSearch(long[][] pairsByCap, BudgetSample sample, LevelKeys levelKeys, int maxBlockSize, int minCap,
        long allowed) {
      this.sample = sample;
      this.levelKeys = levelKeys;
      this.allowed = allowed;
      fixedCaps = caps.clone();
      ImmutableIntArray.Builder rulesOf = ImmutableIntArray.builder();
      ImmutableIntArray.Builder sizesOf = ImmutableIntArray.builder();
      for (int s = maxBlockSize; s > minCap; s--) {
        for (int r = pairsByCap.length - 1; r >= 0; r--) {
          if (pairsByCap[r] != null && pairsByCap[r][s] > pairsByCap[r][s - 1]) {
            rulesOf.add(r);
            sizesOf.add(s);
          }
        }
      }
      stepRule = rulesOf.build().toArray();
      stepSize = sizesOf.build().toArray();
    }

    void run() {
      // on the sample: the fewest steps whose pairs per sampled row fit (pairs only fall with each step)
      double perRow = allowed / (double) Math.max(1, leftSize);
      int lo = 0;
      int hi = stepRule.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sample.uniquePairs(capsAfter(mid)) <= perRow * sample.rows) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      int steps = lo;
      if (steps == 0) {
        setSteps(0, false); // the budget is met without refining: small data keeps the spec's caps
        return;
      }
      // all rows: the sample's estimate is close; step on until the pairs of all rows fit
      long pairs = setSteps(steps, true);
      while (pairs > allowed && steps < stepRule.length) {
        pairs = setSteps(++steps, true);
      }
    }

    private int[] capsAfter(int steps) {
      int[] out = fixedCaps.clone();
      for (int j = 0; j < steps; j++) {
        out[stepRule[j]] = stepSize[j] - 1;
      }
      return out;
    }

    /** Sets the caps after {@code steps} steps and re-indexes the rules whose cap changed; then counts unique pairs if asked (else 0). */
    private long setSteps(int steps, boolean count) {
      int[] target = capsAfter(steps);
      // the rules whose cap changed, each on its own slots: in parallel
      java.util.stream.IntStream.range(0, caps.length).parallel().forEach(r -> {
        if (target[r] != caps[r] || probeKeys[r] == null) {
          caps[r] = target[r];
          indexLevels(r, rules.get(r).refineBy().size(), levelKeys);
          // its levels now hold what they need: dropped, so the search never holds both (a further step keys again)
          lowestCapBlocks[r] = null;
        }
      });
      return count ? uniquePairs() : 0;
    }
  }

  /** Sets each left row's level and key there for rule {@code r}, or marks it oversized. */
  private void levelLeftRows(int r, int[][] refined) {
    BitSet over = new BitSet();
    int[] base = leftKeys[r];
    if (refined.length == 0) {
      for (int row = 0; row < leftSize; row++) {
        if (base[row] >= 0 && blockSize(r, 0, base[row]) > caps[r]) {
          over.set(row);
        }
      }
      probeKeys[r] = base;
      probeLevels[r] = null; // level 0 for all, also when re-indexed under a higher cap
      oversizedLeft[r] = over;
      return;
    }
    int[] probe = new int[leftSize];
    byte[] level = new byte[leftSize];
    for (int row = 0; row < leftSize; row++) {
      int key = base[row];
      probe[row] = NONE;
      for (int i = 0; key != NONE; i++) {
        if (blockSize(r, i, key) <= caps[r]) {
          probe[row] = key;
          level[row] = (byte) i;
          break;
        }
        if (i == refined.length) {
          over.set(row);
          break;
        }
        key = refined[i][row];
        if (key == NONE) {
          over.set(row); // its block needs the next part, and this record has no value for it
        }
      }
    }
    probeKeys[r] = probe;
    probeLevels[r] = level;
    oversizedLeft[r] = over;
  }

  /**
   * Computes every rule's keys and indexes the right side, refining blocks over the cap by each
   * rule's refinement parts.
   *
   * @param maxBlockSize the cap: a block (or sorted-neighbourhood window) with more right-side
   *     records than this is refined by the rule's next refinement part, or skipped (and reported)
   *     when there is none
   */
  public static Blocker build(List<BlockingRuleSpec> rules, EncodedData data, int maxBlockSize) {
    return build(rules, data, maxBlockSize, 0);
  }

  /** The index of {@code spec}'s blocking rules, with its cap and pair budget. */
  public static Blocker build(LinkageSpec spec, EncodedData data) {
    return build(spec.blockingRules(), data, spec.maxBlockSize(), spec.pairBudget());
  }

  /**
   * As {@link #build(List, EncodedData, int)}, with the key rules that have refinement parts capped
   * lower where all rules together would give more than {@code pairBudget} candidate pairs per left
   * record (each pair once): their largest blocks are refined first, across rules (see
   * {@link #cap}); 0 for no budget. Counting the pairs probes in parallel on the common pool; the
   * caps and pairs do not depend on the thread count.
   */
  public static Blocker build(List<BlockingRuleSpec> rules, EncodedData data, int maxBlockSize, double pairBudget) {
    checkArgument(maxBlockSize > 0, "maxBlockSize must be positive: %s", maxBlockSize);
    checkArgument(pairBudget >= 0, "pairBudget must not be negative: %s", pairBudget);
    List<String> problems = new ArrayList<>();
    for (BlockingRuleSpec rule : rules) {
      // the spec was checked when built; this catches data encoded under another spec
      problems.addAll(rule.problems(column -> data.column(column) == null ? null : data.column(column).type()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    int n = rules.size();
    int[][] lk = new int[n][];
    int[][] rk = new int[n][];
    Index[] idx = new Index[n];
    // rules are keyed and numbered independently (each writes only its own slots), so in parallel on
    // the common pool; the result does not depend on the order or the thread count
    java.util.stream.IntStream.range(0, n).parallel().forEach(r -> {
      BlockingRuleSpec rule = rules.get(r);
      if (rule.isSortedNeighbourhood()) {
        long[][] left = new long[1][];
        long[][] right = new long[1][];
        int distinct = SortKeys.rank(rule, data, left, right, 0);
        lk[r] = ranks(left[0]);
        rk[r] = data.isDeduplication() ? lk[r] : ranks(right[0]);
        idx[r] = Index.of(rk[r], distinct);
      } else {
        KeyFunction key = KeyFunction.of(rule);
        long[] right = key.keys(data, 1);
        BlockNumbers numbers = new BlockNumbers(right);
        rk[r] = numbers.right();
        lk[r] = data.isDeduplication() ? rk[r] : numbers.lookUp(key.keys(data, 0));
        idx[r] = Index.of(rk[r], numbers.blocks());
      }
    });
    LevelKeys levelKeys = (r, level, side) -> KeyFunction.of(rules.get(r)).refinementCodes(data, side, level);
    return new Blocker(rules, lk, rk, idx, levelKeys, data.isDeduplication(), maxBlockSize, pairBudget);
  }

  private static int[] ranks(long[] ranks) {
    int[] out = new int[ranks.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ranks[i] == NO_KEY ? NONE : (int) ranks[i];
    }
    return out;
  }

  /**
   * The right side's distinct keys of one rule and level numbered in order of first appearance,
   * and other keys looked up among them: exact 64-bit equality, so numbering changes no pair. Only
   * held while building.
   */
  private static final class BlockNumbers {
    private final LongIntHashMap numberOf;
    private final int[] right;
    private final int blocks;

    BlockNumbers(long[] rightKeys) {
      numberOf = new LongIntHashMap(Math.max(16, rightKeys.length / 2));
      right = new int[rightKeys.length];
      int next = 0;
      for (int row = 0; row < rightKeys.length; row++) {
        if (rightKeys[row] == NO_KEY) {
          right[row] = NONE;
          continue;
        }
        int b = numberOf.putIfAbsent(rightKeys[row], next);
        right[row] = b < 0 ? next++ : b;
      }
      blocks = next;
    }

    private BlockNumbers(LongIntHashMap numberOf, int[] right, int blocks) {
      this.numberOf = numberOf;
      this.right = right;
      this.blocks = blocks;
    }

    /**
     * The next refinement level's blocks of the right rows whose block {@code parent[row]} has more
     * than {@code overSize} rows ({@code parentSizes}) and whose next part's code {@code codes[row]}
     * is present; the others {@link #NONE}. A block at the next level is a parent block and a code
     * (exactly the rows whose key there, the hash of all its parts, is equal, as a hash collision
     * aside the parent block stands for the parts before), numbered in order of first appearance as
     * {@link #BlockNumbers(long[])} numbers keys.
     */
    static BlockNumbers refined(int[] parent, int[] parentSizes, int overSize, int[] codes) {
      int keyed = 0;
      for (int row = 0; row < parent.length; row++) {
        int p = parent[row];
        if (p >= 0 && parentSizes[p] > overSize && codes[row] >= 0) {
          keyed++;
        }
      }
      LongIntHashMap numberOf = new LongIntHashMap(Math.max(16, keyed / 2));
      int[] right = new int[parent.length];
      int next = 0;
      for (int row = 0; row < parent.length; row++) {
        int p = parent[row];
        int c = codes[row];
        if (p < 0 || c < 0 || parentSizes[p] <= overSize) {
          right[row] = NONE;
          continue;
        }
        int b = numberOf.putIfAbsent(refinedKey(p, c), next);
        right[row] = b < 0 ? next++ : b;
      }
      return new BlockNumbers(numberOf, right, next);
    }

    /** The key of the block with parent block {@code parent} and next part's code {@code code}, both non-negative. */
    private static long refinedKey(int parent, int code) {
      return (long) parent << 32 | code;
    }

    /**
     * Each left row's block at the level {@link #refined} numbered, from its block {@code previous[row]}
     * at the level before and its next part's code: {@link #NONE} when a part is missing (the block
     * before is {@code NONE} or the code is negative), {@link #ABSENT} when no right row has the key or,
     * with {@code previousSizes}, the block before has at most {@code minSize} rows (its right rows
     * are not keyed here: such a row is not looked up).
     */
    int[] lookUpRefined(int[] previous, int[] previousSizes, int minSize, int[] codes) {
      int[] out = new int[previous.length];
      for (int row = 0; row < out.length; row++) {
        int p = previous[row];
        int c = codes[row];
        if (p == NONE || c < 0) {
          out[row] = NONE;
        } else if (p < 0 || previousSizes != null && previousSizes[p] <= minSize) {
          out[row] = ABSENT;
        } else {
          int b = numberOf.get(refinedKey(p, c));
          out[row] = b < 0 ? ABSENT : b;
        }
      }
      return out;
    }

    int[] right() {
      return right;
    }

    int blocks() {
      return blocks;
    }

    /** Each key's block, {@link #NONE} for {@link #NO_KEY}, {@link #ABSENT} for a key no right record has. */
    int[] lookUp(long[] keys) {
      int[] out = new int[keys.length];
      for (int row = 0; row < keys.length; row++) {
        if (keys[row] == NO_KEY) {
          out[row] = NONE;
        } else {
          int b = numberOf.get(keys[row]);
          out[row] = b < 0 ? ABSENT : b;
        }
      }
      return out;
    }
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

  /**
   * The cap rule {@code rule} was indexed with: a block of it with more right-side records than
   * this is refined by the rule's next refinement part, or skipped. Code that indexes records
   * outside this blocker (an incremental update, another engine) must apply the same cap per rule.
   */
  public int cap(int rule) {
    checkArgument(rule >= 0 && rule < rules.size(), "no rule %s", rule);
    return caps[rule];
  }

  /** Every rule's {@link #cap}, in rule order; a copy. */
  public int[] caps() {
    return caps.clone();
  }

  /** Left rows the pair budget's search sampled; 0 without a budget. */
  int budgetSampleRows() {
    return budgetSampleRows;
  }

  /** Right rows the pair budget's sample held for its left rows, over all rules; 0 without a budget. */
  long budgetSampleHeld() {
    return budgetSampleHeld;
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
    int n = indexes.length;
    int[] from = seen.from(n);
    int[] to = seen.to;
    int[][] rows = seen.blockRows;
    // each rule's block bounds, then each block's first row: reads that do not depend on each other,
    // so the processor has a rule's misses in flight together instead of two waits per rule in turn
    for (int r = 0; r < n; r++) {
      int key = probeKeys[r][left];
      if (key < 0 || oversizedLeft[r].get(left)) {
        from[r] = 0;
        to[r] = 0;
        continue;
      }
      Index index = indexes[r][level(r, left)];
      rows[r] = index.rows;
      from[r] = index.from(key, windows[r]);
      to[r] = index.to(key, windows[r]);
    }
    int touched = 0;
    for (int r = 0; r < n; r++) {
      if (from[r] < to[r]) {
        touched += rows[r][from[r]];
      }
    }
    seen.touched = touched;
    for (int r = 0; r < n; r++) {
      int[] block = rows[r];
      for (int k = from[r], end = to[r]; k < end; k++) {
        int right = block[k];
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

  /**
   * Passes every candidate pair of left records {@code [first, end)} to {@code sink}: the pairs, and
   * their order, of {@link #candidatesOf(int, PairSink)} called for each record in turn. The records
   * are taken {@value #PROBE_GROUP} at a time: every rule's rows for every record of the group are
   * found first — their bounds from {@link #spans}, read in row order, and the first row of each
   * block read ahead — so the processor has the group's misses in flight together (one wait for
   * memory per group rather than two per record), then the pairs are offered.
   */
  public void candidatesOf(int first, int end, PairSink sink) {
    if (spans == null) {
      for (int left = first; left < end; left++) {
        candidatesOf(left, sink);
      }
      return;
    }
    SeenRows seen = SEEN.get();
    int n = indexes.length;
    int[] from = seen.from(PROBE_GROUP * n);
    int[] to = seen.to;
    int[][] rows = seen.blockRows;
    int lengthBits = spanLengthBits;
    int escape = spanEscape;
    for (int g = first; g < end; g += PROBE_GROUP) {
      int count = Math.min(PROBE_GROUP, end - g);
      // every rule's span of every record of the group (read in row order), and the first row of
      // each: reads that do not depend on each other, in flight together
      int touched = 0;
      for (int r = 0; r < n; r++) {
        int[] span = spans[r];
        for (int j = 0, at = r; j < count; j++, at += n) {
          int left = g + j;
          int s = span[left];
          if (s < 0) {
            from[at] = 0;
            to[at] = 0;
            continue;
          }
          int f = s >>> lengthBits;
          int length = s & escape;
          if (length == 1) { // f is the block's one row
            from[at] = f;
            to[at] = -1;
            continue;
          }
          Index index = indexes[r][level(r, left)];
          int[] block = index.rows;
          rows[at] = block;
          from[at] = f;
          to[at] = length < escape ? f + length : index.to(probeKeys[r][left], windows[r]);
          touched += block[f];
        }
      }
      seen.touched = touched;
      for (int j = 0; j < count; j++) {
        int left = g + j;
        seen.clear();
        for (int at = j * n, stop = at + n; at < stop; at++) {
          if (to[at] < 0) {
            int right = from[at];
            if (!(deduplication && right <= left) && seen.add(right)) {
              sink.accept(left, right, at - j * n);
            }
            continue;
          }
          int[] block = rows[at];
          for (int k = from[at], e = to[at]; k < e; k++) {
            int right = block[k];
            if (deduplication && right <= left) {
              continue;
            }
            if (seen.add(right)) {
              sink.accept(left, right, at - j * n);
            }
          }
        }
      }
    }
  }

  private int level(int rule, int left) {
    byte[] levels = probeLevels[rule];
    return levels == null ? 0 : levels[left];
  }

  /**
   * True when rule {@code rule} generates pair (left, right) — offers it in {@link #candidatesOf}
   * unless an earlier rule did: left has a level (see the class comment) and right has left's key
   * at that level. In deduplication pass {@code left < right}.
   */
  public boolean generates(int rule, int left, int right) {
    int k = probeKeys[rule][left];
    if (k < 0 || oversizedLeft[rule].get(left)) {
      return false;
    }
    return sameBlock(rule, k, rightKeys[rule][level(rule, left)][right]);
  }

  /** Left block {@code k} (not missing or absent) and right block {@code o} are one block (or window) of {@code rule}. */
  private boolean sameBlock(int rule, int k, int o) {
    int w = windows[rule];
    return w == 0 ? k == o : o >= 0 && Math.abs(k - o) < w;
  }

  /**
   * The rule that produces pair (left, right) in {@link #candidatesOf} — the first rule that
   * {@linkplain #generates generates} it — or -1 when no rule does. In deduplication the pair is
   * unordered; a record is never paired with itself.
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
   * True when rule {@code rule} puts the pair in one block regardless of the cap and of refinement:
   * the same key for a key rule (its key parts, not its refinement parts); sort keys fewer than
   * {@code window} distinct values apart for a sorted-neighbourhood rule. Symmetric in
   * deduplication. What the rule actually pairs is {@link #generates}.
   */
  public boolean sharesKey(int rule, int left, int right) {
    int k = leftKeys[rule][left];
    if (k < 0) {
      return false;
    }
    return sameBlock(rule, k, rightKeys[rule][0][right]);
  }

  /**
   * Rule {@code rule}'s key of left row {@code row} at the row's level (see the class comment): the
   * number of its block (equal for equal keys of either side at one level, negative for a key no
   * right record has), or for a sorted-neighbourhood rule the rank of its sort key; {@link #NO_KEY}
   * when a key part is missing.
   */
  public long probeKey(int rule, int row) {
    int k = probeKeys[rule][row];
    return k == NONE ? NO_KEY : k;
  }

  /** The level of left row {@code row} under rule {@code rule} (0 without refinement parts). */
  public int probeLevel(int rule, int row) {
    return level(rule, row);
  }

  /** Levels of rule {@code rule} (1 without refinement parts). */
  public int levels(int rule) {
    return rightKeys[rule].length;
  }

  /**
   * Rule {@code rule}'s key of right row {@code row} at {@code level}; {@link #NO_KEY} where the
   * row is not indexed at that level.
   */
  public long rightKey(int rule, int level, int row) {
    int[] keys = rightKeys[rule][level];
    return keys == null || keys[row] == NONE ? NO_KEY : keys[row];
  }

  /** Per rule: 0 for a key rule, else its sorted-neighbourhood window (keys within it share a block). */
  public int window(int rule) {
    return windows[rule];
  }

  /**
   * Right-side records in the block (or window) that left record {@code left} is paired with under
   * rule {@code rule} — at its level, so after refinement — regardless of the cap; its unrefined
   * block when it has no level; 0 when its key is missing or matches no right record.
   */
  public int blockSizeOf(int rule, int left) {
    int key = leftKeys[rule][left];
    if (key < 0) {
      return 0;
    }
    return oversizedLeft[rule].get(left) ? blockSize(rule, 0, key) : blockSize(rule, level(rule, left),
        probeKeys[rule][left]);
  }

  /**
   * True when rule {@code rule} generates nothing for left record {@code left} because of the cap:
   * its block (or window) is over the cap and refinement, if the rule has any, did not bring it
   * within (still over after the last part, or a refinement value missing).
   */
  public boolean isOversized(int rule, int left) {
    return oversizedLeft[rule].get(left);
  }

  /** Deduplication: records after {@code left} in the block (or window) it is paired with ({@link #blockSizeOf}). */
  int laterRowsInBlock(int rule, int left) {
    return oversizedLeft[rule].get(left) ? laterRows(rule, 0, leftKeys[rule][left], left)
        : laterRows(rule, level(rule, left), probeKeys[rule][left], left);
  }

  private int laterRows(int rule, int level, int key, int left) {
    if (key < 0) {
      return 0;
    }
    Index index = indexes[rule][level];
    int w = windows[rule];
    int firstBlock;
    int lastBlock;
    if (w == 0) {
      firstBlock = key;
      lastBlock = firstBlock;
    } else {
      firstBlock = Math.max(0, key - w + 1);
      lastBlock = Math.min(index.blocks, key + w) - 1;
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

  private int blockSize(int rule, int level, int key) {
    if (key < 0) {
      return 0;
    }
    Index index = indexes[rule][level];
    return index.to(key, windows[rule]) - index.from(key, windows[rule]);
  }

  /** Key rules: blocks over the cap at {@code level}; 0 past the last level built. */
  private int oversizedBlocks(int rule, int level) {
    Index index = indexes[rule][level];
    if (index == null) {
      return 0;
    }
    int n = 0;
    for (int k = 0; k < index.blocks; k++) {
      n += index.start[k + 1] - index.start[k] > caps[rule] ? 1 : 0;
    }
    return n;
  }

  /**
   * Per-rule statistics of the right-side index: blocks, largest block, what refinement did and
   * what is still skipped. For a sorted-neighbourhood rule a "block" is the window around one
   * distinct sort key. No key values. Computed on the first request (a race computes the same
   * statistics twice).
   */
  public ImmutableList<IndexStats> indexStats() {
    ImmutableList<IndexStats> s = stats;
    if (s == null) {
      s = computeStats();
      stats = s;
    }
    return s;
  }

  private ImmutableList<IndexStats> computeStats() {
    // each rule's on its own, in parallel; in rule order
    return ImmutableList.copyOf(java.util.stream.IntStream.range(0, indexes.length).parallel()
        .mapToObj(this::computeStats).toArray(IndexStats[]::new));
  }

  private IndexStats computeStats(int r) {
    Index index = indexes[r][0];
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
      int size = index.to(k, w) - index.from(k, w);
      blocks++;
      largest = Math.max(largest, size);
      if (size > caps[r]) {
        oversized++;
        skippedRecords += own;
      }
    }
    List<KeyPart> parts = rules.get(r).refineBy();
    if (parts.isEmpty()) {
      return new IndexStats(rules.get(r).name(), blocks, largest, oversized, skippedRecords, caps[r]);
    }
    List<Refinement> refinements = new ArrayList<>();
    int last = 0;
    for (int i = 1; i <= parts.size(); i++) {
      Index sub = indexes[r][i];
      int subLargest = 0;
      if (sub != null) {
        last = i;
        for (int k = 0; k < sub.blocks; k++) {
          subLargest = Math.max(subLargest, sub.start[k + 1] - sub.start[k]);
        }
      }
      refinements.add(new Refinement(parts.get(i - 1).toString(), oversizedBlocks(r, i - 1),
          sub == null ? 0 : sub.blocks, subLargest));
    }
    return new IndexStats(rules.get(r).name(), blocks, largest, oversizedBlocks(r, last), skippedRightRecords(r),
        ImmutableList.copyOf(refinements), pairsAvoided(r), caps[r]);
  }

  /** Refined key rule: right records in a block over the cap that end in no sub-block within it. */
  private long skippedRightRecords(int r) {
    long n = 0;
    for (int row = 0; row < rightSize; row++) {
      int key = rightKeys[r][0][row];
      for (int i = 0; key != NONE; i++) {
        if (blockSize(r, i, key) <= caps[r]) {
          break;
        }
        key = i + 1 < rightKeys[r].length && rightKeys[r][i + 1] != null ? rightKeys[r][i + 1][row] : NONE;
        if (key == NONE) {
          n++; // still over after the last part, or no value for the next part
        }
      }
    }
    return n;
  }

  /** Refined key rule: pairs the refined left records' unrefined blocks hold beyond their sub-blocks. */
  private long pairsAvoided(int r) {
    long n = 0;
    for (int row = 0; row < leftSize; row++) {
      int level = level(r, row);
      if (level == 0 || oversizedLeft[r].get(row)) {
        continue;
      }
      n += deduplication ? laterRows(r, 0, leftKeys[r][row], row) - laterRows(r, level, probeKeys[r][row], row)
          : blockSize(r, 0, leftKeys[r][row]) - blockSize(r, level, probeKeys[r][row]);
    }
    return n;
  }

  /**
   * One plain-language warning per rule with blocks skipped for the cap, naming the rule, the cap,
   * the refinement parts tried and the largest block's size — never a key value, which is personal
   * data.
   */
  public ImmutableList<String> oversizeWarnings() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    ImmutableList<IndexStats> all = indexStats();
    for (int r = 0; r < all.size(); r++) {
      IndexStats s = all.get(r);
      if (s.refinements().isEmpty() && s.oversizedBlocks() > 0) {
        out.add("blocking rule " + s.rule() + ": " + s.oversizedBlocks() + " block(s) larger than " + caps[r]
            + " records (largest " + s.largestBlock() + ") skipped; their " + s.recordsInOversizedBlocks()
            + " right-side record(s) are not paired by this rule");
      } else if (!s.refinements().isEmpty() && s.oversizedBlocks() > 0) {
        // records merely missing a refinement value are not warned about, like records missing a key part
        out.add("blocking rule " + s.rule() + ": after refinement by " + rules.get(r).refineBy() + ", "
            + s.oversizedBlocks() + " block(s) are still larger than " + caps[r] + " records (largest block before "
            + "refinement " + s.largestBlock() + "); " + s.recordsInOversizedBlocks() + " right-side record(s) in "
            + "them or without a value for a refinement part are not paired by this rule");
      }
    }
    return out.build();
  }

  /**
   * Index statistics of one rule; no key values.
   *
   * @param rule rule name
   * @param blocks number of distinct keys on the right side (before refinement)
   * @param largestBlock right-side records in the largest block before refinement (sorted
   *     neighbourhood: largest window)
   * @param oversizedBlocks blocks (windows) over the cap that are skipped: after the last refinement
   *     level built, for a rule with refinement parts
   * @param recordsInOversizedBlocks right-side records the rule pairs with no one because of the cap:
   *     in skipped blocks or, with refinement parts, in a block over the cap without a value for
   *     the part that would split it (sorted neighbourhood: records whose own key's window is over
   *     the cap)
   * @param refinements one entry per refinement part, in order; empty for a rule without any
   * @param pairsAvoided candidate pairs the rule's unrefined blocks would have given the left
   *     records that refinement brought within the cap, minus those their sub-blocks give
   * @param cap the rule's cap ({@link Blocker#cap}): the spec's {@code maxBlockSize}, or lower under
   *     its pair budget
   */
  public record IndexStats(String rule, int blocks, int largestBlock, int oversizedBlocks, long recordsInOversizedBlocks,
      ImmutableList<Refinement> refinements, long pairsAvoided, int cap) {
    /** Statistics of a rule without refinement parts. */
    public IndexStats(String rule, int blocks, int largestBlock, int oversizedBlocks, long recordsInOversizedBlocks,
        int cap) {
      this(rule, blocks, largestBlock, oversizedBlocks, recordsInOversizedBlocks, ImmutableList.of(), 0, cap);
    }

    /** Blocks over the cap before refinement that a refinement part split; 0 without refinement parts. */
    public int refinedBlocks() {
      return refinements.isEmpty() ? 0 : refinements.get(0).blocksRefined();
    }
  }

  /**
   * What one refinement part did, at its level; no key values.
   *
   * @param part the refinement part, as written in the spec
   * @param blocksRefined blocks of the level before that were over the cap and split by this part
   * @param subBlocks blocks they were split into (records without a value for the part are in none)
   * @param largestSubBlock right-side records in the largest of them
   */
  public record Refinement(String part, int blocksRefined, int subBlocks, int largestSubBlock) {}

  /** Right-side rows grouped by block: rows of block b are rows[start[b] .. start[b+1]), ascending. */
  private static final class Index {
    final int[] start;
    final int[] rows;
    final int blocks;

    private Index(int[] start, int[] rows, int blocks) {
      this.start = start;
      this.rows = rows;
      this.blocks = blocks;
    }

    /** Where the rows paired with block {@code key} start: its own, or its window's first ({@code window} > 0). */
    int from(int key, int window) {
      return start[window == 0 ? key : Math.max(0, key - window + 1)];
    }

    /** Where the rows paired with block {@code key} end (exclusive); see {@link #from}. */
    int to(int key, int window) {
      return start[window == 0 ? key + 1 : Math.min(blocks, key + window)];
    }

    /** Rows grouped by block 0..blocks-1 (a counting sort); {@link #NONE} rows are in none. */
    static Index of(int[] blockOfRow, int blocks) {
      RowGroups g = RowGroups.of(blockOfRow, blocks);
      return new Index(g.starts(), g.rows(), blocks);
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
    /** {@link #candidatesOf}'s per-rule scratch: block bounds and the index's rows. */
    private int[] from = new int[0];
    int[] to;
    int[][] blockRows;
    /** What the read-ahead gave, stored so that the compiler cannot drop the reads as unused. */
    int touched;

    /** The per-rule scratch for {@code rules} rules ({@link #to} and {@link #blockRows} sized alike). */
    int[] from(int rules) {
      if (from.length < rules) {
        from = new int[rules];
        to = new int[rules];
        blockRows = new int[rules][];
      }
      return from;
    }

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
