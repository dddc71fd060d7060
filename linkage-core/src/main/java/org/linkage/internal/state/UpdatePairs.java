package org.linkage.internal.state;

import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.KeyFunction;
import org.linkage.internal.block.LongIntHashMap;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairStream;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.parallel.StageClock;
import org.linkage.spec.BlockingRuleSpec;

/**
 * The candidate pairs of an update: of all the pairs a full run over the saved and new records
 * would compare, exactly those with at least one new record (the new records are the last rows of
 * each side), without indexing the history.
 *
 * <p>A pair with a new record lies in a block (of some rule, at level 0) that holds a new record.
 * So per rule, the records whose level-0 key has the fingerprint of one of the new records' keys are
 * selected — a scan of the fingerprints a state saved ({@link SavedKeys}; computed from the keys
 * where it has none) against a small set, no index over all records — and the rule is indexed over
 * its selected records only, with its saved cap (a record selected by a colliding fingerprint
 * lies in a block of its own key, which holds no new record and gives no pair). Every block holding a new record is then
 * complete, with all its saved records, so its size against the cap and its refinement levels are
 * those of a full run; and a pair with a new record that an earlier rule generates lies in that
 * rule's selected records, so which rule owns a pair ({@link Blocker#generates}) is decided as in a
 * full run. A new left record probes as in a full run; a saved left record is paired with the new
 * right records sharing its key at its level. Sorted-neighbourhood rules rank over all records, so
 * such a rule selects every record.
 *
 * <p>Single-threaded and deterministic: pairs in order of left row, then rule, then right row, as
 * {@code IncrementalPairs} (a test reference in linkage-testkit) over the whole data.
 */
public final class UpdatePairs {
  private UpdatePairs() {}

  /**
   * Level-0 keys of every rule for one side of {@code data} ({@link KeyFunction#keys}); {@code null}
   * for a sorted-neighbourhood rule: what {@link #select(List, long[][], long[][], int, int,
   * java.util.concurrent.ExecutorService)} scans. An update itself does not hold these arrays: its
   * {@link #select(List, EncodedData, int, int, SavedKeys, java.util.concurrent.ExecutorService)}
   * reads the saved records' fingerprints, or computes each record's key as its scan reaches it.
   */
  public static long[][] keys(List<BlockingRuleSpec> rules, EncodedData data, int side) {
    long[][] out = new long[rules.size()][];
    for (int q = 0; q < rules.size(); q++) {
      out[q] = keys(rules.get(q), data, side);
    }
    return out;
  }

  /** {@link #keys(List, EncodedData, int)} of one rule. */
  public static long[] keys(BlockingRuleSpec rule, EncodedData data, int side) {
    return rule.isSortedNeighbourhood() ? null : KeyFunction.of(rule).keys(data, side);
  }

  /**
   * Per blocking rule and side, the saved rows whose level-0 key has the {@linkplain
   * SavedKeys#fingerprint fingerprint} of a key of a new record, and whose: the cross comparison
   * selects the rows sharing a fingerprint of either side's new keys, the within-side comparison of
   * a side those sharing one of that side's new keys. Every row sharing a new key is selected; a row
   * whose key differs but whose fingerprint does not (one in about 2^32 per new key) is selected
   * too, and lies in a block of its own key, which holds no new record and so gives no pair. Holds the
   * fingerprints of the rows it selects and of the new rows. Found by one scan of each side for all
   * three comparisons of an update. Immutable once built.
   */
  public static final class Selection {
    /** A selected row shares a key of a new left record. */
    static final byte NEW_LEFT = 1;
    /** A selected row shares a key of a new right record. */
    static final byte NEW_RIGHT = 2;

    private final int[][][] rows; // [side][rule]: saved rows, ascending; null for a sorted-neighbourhood rule
    private final byte[][][] of; // [side][rule]: per selected row, NEW_LEFT | NEW_RIGHT
    private final int[][][] keys; // [side][rule]: per selected row, its key's fingerprint
    private final int[][][] newKeys; // [side][rule]: the fingerprints of the new rows' keys, in row order

    private Selection(int[][][] rows, byte[][][] of, int[][][] keys, int[][][] newKeys) {
      this.rows = rows;
      this.of = of;
      this.keys = keys;
      this.newKeys = newKeys;
    }
  }

  /** Bits of the filter a scan tries before the set of new fingerprints: a table that stays in cache. */
  private static final int FILTER_BITS = 20;

  /**
   * The fingerprints of one rule's new keys, with which side's new records hold each (open
   * addressing: a slot's flags are 0 while it is empty), and a bit filter before them.
   */
  private static final class NewKeys {
    private final int[] table;
    private final byte[] flags;
    private final int mask;
    private final long[] filter = new long[1 << (FILTER_BITS - 6)];

    NewKeys(long[] newLeft, long[] newRight) {
      int size = Integer.highestOneBit(Math.max(16, 4 * (newLeft.length + newRight.length)) - 1) << 1;
      table = new int[size];
      flags = new byte[size];
      mask = size - 1;
      mark(newLeft, Selection.NEW_LEFT);
      mark(newRight, Selection.NEW_RIGHT);
    }

    private void mark(long[] keys, byte flag) {
      for (long k : keys) {
        if (k == Blocker.NO_KEY) {
          continue;
        }
        int fp = SavedKeys.fingerprint(k);
        int s = fp >>> (32 - FILTER_BITS);
        filter[s >>> 6] |= 1L << s;
        int i = fp & mask;
        while (flags[i] != 0 && table[i] != fp) {
          i = (i + 1) & mask;
        }
        table[i] = fp;
        flags[i] |= flag;
      }
    }

    /** The flags of fingerprint {@code fp}, 0 if no new key has it (the filter is the caller's to try first). */
    int get(int fp) {
      for (int i = fp & mask; flags[i] != 0; i = (i + 1) & mask) {
        if (table[i] == fp) {
          return flags[i];
        }
      }
      return 0;
    }
  }

  /** The fingerprints of the first {@code n} of {@code keys}. */
  private static int[] fingerprints(long[] keys, int n) {
    int[] out = new int[n];
    SavedKeys.fingerprints(keys, n, out);
    return out;
  }

  /**
   * The {@link Selection} for new records from {@code firstNewLeft} and {@code firstNewRight} on,
   * from {@link #keys} of each side (the same arrays twice in deduplication); each side's scan is a
   * task on {@code pool} ({@code null}: on the calling thread).
   */
  public static Selection select(List<BlockingRuleSpec> rules, long[][] leftKeys, long[][] rightKeys,
      int firstNewLeft, int firstNewRight, java.util.concurrent.ExecutorService pool) {
    int n = rules.size();
    int[][][] newKeys = new int[2][n][];
    NewKeys[] sets = new NewKeys[n];
    for (int q = 0; q < n; q++) {
      if (leftKeys[q] == null) {
        continue;
      }
      long[] newLeft = java.util.Arrays.copyOfRange(leftKeys[q], firstNewLeft, leftKeys[q].length);
      long[] newRight = java.util.Arrays.copyOfRange(rightKeys[q], firstNewRight, rightKeys[q].length);
      newKeys[0][q] = fingerprints(newLeft, newLeft.length);
      newKeys[1][q] = fingerprints(newRight, newRight.length);
      sets[q] = new NewKeys(newLeft, newRight);
    }
    int[][][] rows = new int[2][n][];
    byte[][][] of = new byte[2][n][];
    int[][][] keys = new int[2][n][];
    java.util.function.IntConsumer scanSide = side -> {
      long[][] all = side == 0 ? leftKeys : rightKeys;
      int first = side == 0 ? firstNewLeft : firstNewRight;
      for (int q = 0; q < n; q++) {
        if (sets[q] != null) {
          Scan scan = new Scan(sets[q]);
          scan.add(fingerprints(all[q], first), 0, first, 0);
          scan.into(rows[side], of[side], keys[side], q);
        }
      }
    };
    if (pool == null) {
      scanSide.accept(0);
      scanSide.accept(1);
    } else {
      org.linkage.internal.parallel.ParallelChunks.map(pool, 2, 1, (side, end) -> {
        scanSide.accept(side);
        return side;
      });
    }
    return new Selection(rows, of, keys, newKeys);
  }

  /**
   * The {@link Selection} of {@code data} (two sides, not a deduplication) for new records from
   * {@code firstNewLeft} and {@code firstNewRight} on: the saved rows' fingerprints read from {@code
   * saved} where it holds them, otherwise each saved row's key computed as the scan reaches it and
   * dropped unless the row is selected; the same selection as {@link #select(List, long[][],
   * long[][], int, int, java.util.concurrent.ExecutorService)} over {@link #keys}, without an array
   * of every record's key per rule. A task per rule and side on {@code pool} ({@code null}: on the
   * calling thread).
   */
  public static Selection select(List<BlockingRuleSpec> rules, EncodedData data, int firstNewLeft, int firstNewRight,
      SavedKeys saved, java.util.concurrent.ExecutorService pool) {
    if (data.isDeduplication()) {
      throw new IllegalArgumentException("a selection is made across two sides");
    }
    int n = rules.size();
    int[] size = {data.leftSize(), data.rightSize()};
    int[] first = {firstNewLeft, firstNewRight};
    int[][][] newKeys = new int[2][n][];
    NewKeys[] sets = new NewKeys[n];
    for (int q = 0; q < n; q++) {
      if (rules.get(q).isSortedNeighbourhood()) {
        continue;
      }
      long[][] sideKeys = new long[2][];
      for (int side = 0; side < 2; side++) {
        sideKeys[side] = new long[size[side] - first[side]];
        KeyFunction.of(rules.get(q)).keyer(data, side).keys(first[side], size[side], sideKeys[side]);
        newKeys[side][q] = fingerprints(sideKeys[side], sideKeys[side].length);
      }
      sets[q] = new NewKeys(sideKeys[0], sideKeys[1]);
    }
    int[][][] rows = new int[2][n][];
    byte[][][] of = new byte[2][n][];
    int[][][] keys = new int[2][n][];
    if (pool == null) {
      for (int i = 0; i < 2 * n; i++) {
        scanRule(rules, data, saved, i >> 1, i & 1, first, sets, rows, of, keys);
      }
    } else {
      org.linkage.internal.parallel.ParallelChunks.map(pool, 2 * n, 1, (i, end) -> {
        scanRule(rules, data, saved, i >> 1, i & 1, first, sets, rows, of, keys);
        return i;
      });
    }
    return new Selection(rows, of, keys, newKeys);
  }

  /** Saved rows read or keyed at a time by a scan. */
  private static final int SCAN_CHUNK = 4096;

  /**
   * The saved rows of side {@code side} that rule {@code q} selects: their fingerprints read from
   * {@code saved}, or keyed as the scan reaches them where it has none.
   */
  private static void scanRule(List<BlockingRuleSpec> rules, EncodedData data, SavedKeys saved, int q, int side,
      int[] first, NewKeys[] sets, int[][][] rows, byte[][][] of, int[][][] keys) {
    if (sets[q] == null) {
      return;
    }
    KeyFunction.Keyer keyer = null;
    long[] chunk = null;
    int[] fp = new int[SCAN_CHUNK];
    Scan scan = new Scan(sets[q]);
    for (int from = 0; from < first[side]; ) {
      int to = Math.min(Math.min(first[side], from + SCAN_CHUNK), saved.runEnd(side, from));
      if (!saved.read(side, q, from, to, fp)) {
        if (keyer == null) {
          keyer = KeyFunction.of(rules.get(q)).keyer(data, side);
          chunk = new long[SCAN_CHUNK];
        }
        keyer.keys(from, to, chunk);
        SavedKeys.fingerprints(chunk, to - from, fp);
      }
      scan.add(fp, 0, to - from, from);
      from = to;
    }
    scan.into(rows[side], of[side], keys[side], q);
  }

  /** The rows a scan selects, with their flags and fingerprints, growing. */
  private static final class Scan {
    private final NewKeys set;
    private int[] rows = new int[1024];
    private byte[] of = new byte[1024];
    private int[] keys = new int[1024];
    private int size;

    Scan(NewKeys newKeys) {
      set = newKeys;
    }

    /** Selects among rows {@code firstRow + i} with fingerprint {@code fp[i]}, {@code from <= i < to}. */
    void add(int[] fp, int from, int to, int firstRow) {
      long[] filter = set.filter;
      for (int i = from; i < to; i++) {
        // the filter tried here, not in a call per row: most rows stop at it
        int s = fp[i] >>> (32 - FILTER_BITS);
        if ((filter[s >>> 6] & (1L << s)) == 0) {
          continue;
        }
        int f = set.get(fp[i]);
        if (f != 0) {
          if (size == rows.length) {
            rows = java.util.Arrays.copyOf(rows, size * 2);
            of = java.util.Arrays.copyOf(of, size * 2);
            keys = java.util.Arrays.copyOf(keys, size * 2);
          }
          rows[size] = firstRow + i;
          of[size] = (byte) f;
          keys[size++] = fp[i];
        }
      }
    }

    void into(int[][] rowsOut, byte[][] ofOut, int[][] keysOut, int q) {
      rowsOut[q] = java.util.Arrays.copyOf(rows, size);
      ofOut[q] = java.util.Arrays.copyOf(of, size);
      keysOut[q] = java.util.Arrays.copyOf(keys, size);
    }
  }

  /**
   * The candidate pairs with a new record, with their patterns under {@code comparisons} (bound to
   * {@code data}), in {@code data}'s rows.
   *
   * @param caps per rule, the cap it was indexed with when the state was made
   * @param leftKeys per rule, {@link #keys} of {@code data}'s left side
   * @param rightKeys the same of its right side (the same arrays in deduplication)
   */
  public static CandidatePairs compare(List<BlockingRuleSpec> rules, int[] caps, EncodedData data,
      Comparison[] comparisons, int firstNewLeft, int firstNewRight, long[][] leftKeys, long[][] rightKeys) {
    Selection selection = select(rules, leftKeys, rightKeys, firstNewLeft, firstNewRight, null);
    return compare(rules, caps, data, comparisons, firstNewLeft, firstNewRight, selection, 0,
        data.isDeduplication() ? 0 : 1, true);
  }

  /**
   * As {@link #compare(List, int[], EncodedData, Comparison[], int, int, long[][], long[][])} with
   * the rows selected once for an update's three comparisons: {@code data} is the update's data
   * across the sides ({@code leftSide} 0, {@code rightSide} 1) or its side {@code leftSide} (both
   * the same), and {@code selection} was made from the keys of the update's two sides. With {@code
   * twoThreads}, the pairs of new left records are compared on a thread of the common pool while
   * this one compares the others (the same pairs, in the same order).
   */
  public static CandidatePairs compare(List<BlockingRuleSpec> rules, int[] caps, EncodedData data,
      Comparison[] comparisons, int firstNewLeft, int firstNewRight, Selection selection, int leftSide,
      int rightSide, boolean twoThreads) {
    return prepare(rules, caps, data, firstNewLeft, firstNewRight, selection, leftSide, rightSide)
        .compare(comparisons, firstNewLeft, twoThreads);
  }

  /**
   * The pairs of {@link #compare(List, int[], EncodedData, Comparison[], int, int, Selection, int, int,
   * boolean)}, generated and not yet compared: which rows they hold is known before any is compared.
   */
  public static final class Pairs {
    private final PairList[] lists;

    private Pairs(PairList[] lists) {
      this.lists = lists;
    }

    /** Number of lists (one per blocking rule). */
    public int lists() {
      return lists.length;
    }

    /** Pairs in list {@code q}. */
    public int size(int q) {
      return lists[q].size;
    }

    /** The left rows of list {@code q}'s pairs (the first {@link #size} entries; read only). */
    public int[] left(int q) {
      return lists[q].left;
    }

    /** The right rows of list {@code q}'s pairs (the first {@link #size} entries; read only). */
    public int[] right(int q) {
      return lists[q].right;
    }

    /**
     * Compares the pairs under {@code comparisons} (bound to the data they were generated over): the
     * candidate pairs of {@link #compare(List, int[], EncodedData, Comparison[], int, int, Selection,
     * int, int, boolean)}.
     */
    public CandidatePairs compare(Comparison[] comparisons, int firstNewLeft, boolean twoThreads) {
      return compareLists(lists, comparisons, firstNewLeft, twoThreads);
    }
  }

  /**
   * The pairs with a new record of one of an update's comparisons (as {@link #compare(List, int[],
   * EncodedData, Comparison[], int, int, Selection, int, int, boolean)}), generated but not compared.
   */
  public static Pairs prepare(List<BlockingRuleSpec> rules, int[] caps, EncodedData data, int firstNewLeft,
      int firstNewRight, Selection selection, int leftSide, int rightSide) {
    boolean dedup = data.isDeduplication();
    int nl = data.leftSize();
    int nr = data.rightSize();
    int rulesCount = rules.size();
    // the cross comparison selects by either side's new keys, a side's own by that side's
    int wanted = leftSide != rightSide ? Selection.NEW_LEFT | Selection.NEW_RIGHT
        : leftSide == 0 ? Selection.NEW_LEFT : Selection.NEW_RIGHT;
    // per rule, the rows of the blocks holding a new record (the selected saved rows, then the new
    // ones, with their keys), and a one-rule index over them alone
    int[][] subLeft = new int[rulesCount][];
    int[][] subRight = new int[rulesCount][];
    int[][] subLeftKeys = new int[rulesCount][];
    int[][] subRightKeys = new int[rulesCount][];
    Blocker[] blockers = new Blocker[rulesCount];
    Rank[] rankLeft = new Rank[rulesCount];
    Rank[] rankRight = new Rank[rulesCount];
    for (int q = 0; q < rulesCount; q++) {
      if (selection.rows[leftSide][q] == null) { // a sorted-neighbourhood rule: every record
        subLeft[q] = java.util.stream.IntStream.range(0, nl).toArray();
        subRight[q] = dedup ? subLeft[q] : java.util.stream.IntStream.range(0, nr).toArray();
      } else {
        Sub l = selected(selection, leftSide, q, wanted, firstNewLeft, nl);
        Sub r = dedup ? l : selected(selection, rightSide, q, wanted, firstNewRight, nr);
        subLeft[q] = l.rows();
        subLeftKeys[q] = l.keys();
        subRight[q] = r.rows();
        subRightKeys[q] = r.keys();
      }
      rankLeft[q] = new Rank(subLeft[q], nl);
      rankRight[q] = dedup ? rankLeft[q] : new Rank(subRight[q], nr);
      Set<String> columns = new HashSet<>();
      rules.get(q).allParts().forEach(p -> columns.addAll(p.columns()));
      blockers[q] = Blocker.build(List.of(rules.get(q)), data.rows(subLeft[q], subRight[q], columns), caps[q]);
    }
    StageClock.mark("pairs: selected and indexed " + java.util.Arrays.stream(subRight).mapToInt(a -> a.length).sum());
    // each rule's pairs it owns, by left row then as the rule offers them; then merged by left row, rule
    Owner owner = new Owner(blockers, rankLeft, rankRight, subLeftKeys, subRightKeys);
    PairList[] lists = new PairList[rulesCount];
    for (int q = 0; q < rulesCount; q++) {
      lists[q] = rulePairs(q, blockers[q], subLeft[q], subRight[q], firstNewLeft, nr - firstNewRight, dedup, owner);
    }
    StageClock.mark("pairs: rule pairs");
    return new Pairs(lists);
  }

  /** {@link Pairs#compare}: every pair of {@code lists} compared, merged by left row then rule. */
  private static CandidatePairs compareLists(PairList[] lists, Comparison[] comparisons, int firstNewLeft,
      boolean twoThreads) {
    int rulesCount = lists.length;
    // every pair of the lists is compared and kept: the buffer holds them all without growing
    long total = 0;
    for (PairList list : lists) {
      total += list.size;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 pairs with a new record: tighten the blocking rules");
    }
    // the pairs of saved left records (with new right ones) and those of new left records compared
    // at once, the second part on a thread of its own, then appended: every pair of the lists is
    // kept, and the lists run by left row, so the order is that of comparing them in one pass
    int[] from = new int[rulesCount];
    int[] mid = new int[rulesCount];
    int[] to = new int[rulesCount];
    long first = 0;
    for (int q = 0; q < rulesCount; q++) {
      mid[q] = firstAtOrAfter(lists[q], firstNewLeft);
      to[q] = lists[q].size;
      first += mid[q];
    }
    CandidatePairs.Buffer buffer = new CandidatePairs.Buffer((int) total);
    CandidatePairs.Buffer newLefts = new CandidatePairs.Buffer((int) (total - first));
    java.util.concurrent.CompletableFuture<Void> second = !twoThreads || first == 0 || first == total ? null
        : java.util.concurrent.CompletableFuture.runAsync(() -> stream(lists, mid, to, comparisons, newLefts));
    stream(lists, from, mid, comparisons, buffer);
    if (second == null) {
      stream(lists, mid, to, comparisons, newLefts);
    } else {
      org.linkage.internal.parallel.ParallelChunks.get(second);
    }
    buffer.addAll(newLefts);
    return buffer.buildAndClear();
  }

  /** The index of {@code list}'s first pair whose left row is {@code row} or later (its pairs run by left row). */
  private static int firstAtOrAfter(PairList list, int row) {
    int lo = 0;
    int hi = list.size;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (list.left[m] < row) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  /**
   * Compares pairs {@code from[q] .. to[q] - 1} of every rule's list into {@code out}, merged by left
   * row then rule, a few at a time with both records of each read ahead: most left records here
   * are saved ones, scattered, with a few pairs each.
   */
  private static void stream(PairList[] lists, int[] from, int[] to, Comparison[] comparisons,
      CandidatePairs.Buffer out) {
    int rulesCount = lists.length;
    PairStream batch = new PairStream(comparisons, out::add);
    int[] at = from.clone();
    while (true) {
      int left = Integer.MAX_VALUE;
      for (int q = 0; q < rulesCount; q++) {
        if (at[q] < to[q]) {
          left = Math.min(left, lists[q].left[at[q]]);
        }
      }
      if (left == Integer.MAX_VALUE) {
        break;
      }
      for (int q = 0; q < rulesCount; q++) {
        PairList list = lists[q];
        for (; at[q] < to[q] && list.left[at[q]] == left; at[q]++) {
          batch.accept(left, list.right[at[q]], q);
        }
      }
    }
    batch.flush();
  }

  /** The pairs with a new record that rule {@code q} generates and owns, in rows of the whole data. */
  private static PairList rulePairs(int q, Blocker b, int[] subLeft, int[] subRight, int firstNewLeft, int newRights,
      boolean dedup, Owner owner) {
    // per level, built when a saved left record first probes at it
    RowsByKey[] newRightByKey = new RowsByKey[b.levels(0)];
    PairList out = new PairList();
    // one sink for every new left record (a capturing lambda per record was an object each)
    int[] newLeft = new int[1];
    Blocker.PairSink sink = (x, y, ignored) -> {
      if (!owner.earlierRule(q, newLeft[0], subRight[y])) {
        out.add(newLeft[0], subRight[y]);
      }
    };
    for (int l = 0; l < subLeft.length; l++) {
      int left = subLeft[l];
      if (left >= firstNewLeft) {
        newLeft[0] = left;
        b.candidatesOf(l, sink);
        continue;
      }
      long key = b.probeKey(0, l);
      if (key == Blocker.NO_KEY || b.isOversized(0, l)) {
        continue;
      }
      int w = b.window(0);
      int level = b.probeLevel(0, l);
      RowsByKey byKey = newRightByKey[level];
      if (byKey == null) {
        byKey = newRightByKey[level] = new RowsByKey(b, level, subRight.length - newRights);
      }
      for (long k = w == 0 ? key : key - w + 1; k <= (w == 0 ? key : key + w - 1); k++) {
        int group = byKey.group(k);
        if (group < 0) {
          continue;
        }
        for (int i = byKey.starts[group]; i < byKey.starts[group + 1]; i++) {
          int r = byKey.rows[i];
          if (dedup && r <= l) {
            continue;
          }
          // the first rule that generates a pair owns it, as when probing every rule in order
          if (b.generates(0, l, r) && !owner.earlierRule(q, left, subRight[r])) {
            out.add(left, subRight[r]);
          }
        }
      }
    }
    return out;
  }

  /**
   * Which rule generates a pair first: each rule's index over its own rows, their ranks, and their
   * level-0 keys by rank ({@code null} for a sorted-neighbourhood rule).
   */
  private record Owner(Blocker[] blockers, Rank[] rankLeft, Rank[] rankRight, int[][] leftKeys, int[][] rightKeys) {
    /** Whether a rule before {@code rule} generates pair (left, right) — both then lie in its rows. */
    boolean earlierRule(int rule, int left, int right) {
      for (int q = 0; q < rule; q++) {
        int l = rankLeft[q].indexOf(left);
        if (l < 0) {
          continue;
        }
        int r = rankRight[q].indexOf(right);
        if (r < 0) {
          continue;
        }
        // a key rule generates only pairs sharing its level-0 key, and so its fingerprint: most rules
        // are ruled out here
        int[] lk = leftKeys[q];
        if (lk != null && lk[l] != rightKeys[q][r]) {
          continue;
        }
        if (blockers[q].generates(0, l, r)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A rule's selected rows as a bit set with counts: a row's place among them in constant time
   * (the pair owner is asked for most pairs, and a binary search over the rows missed the cache).
   */
  private static final class Rank {
    private final long[] words;
    private final int[] before;

    /** The ranks of {@code rows}, ascending, all below {@code size}. */
    Rank(int[] rows, int size) {
      words = new long[(size + 63) >>> 6];
      for (int r : rows) {
        words[r >>> 6] |= 1L << r;
      }
      before = new int[words.length];
      for (int w = 1; w < words.length; w++) {
        before[w] = before[w - 1] + Long.bitCount(words[w - 1]);
      }
    }

    /** The index of {@code row} among the selected rows (ascending), or -1 if it is not selected. */
    int indexOf(int row) {
      int w = row >>> 6;
      if (w >= words.length) {
        return -1;
      }
      long bit = 1L << row;
      long word = words[w];
      return (word & bit) == 0 ? -1 : before[w] + Long.bitCount(word & (bit - 1));
    }
  }

  /** Pairs of rows, growing. */
  private static final class PairList {
    int[] left = new int[256];
    int[] right = new int[256];
    int size;

    void add(int l, int r) {
      if (size == left.length) {
        left = java.util.Arrays.copyOf(left, size * 2);
        right = java.util.Arrays.copyOf(right, size * 2);
      }
      left[size] = l;
      right[size] = r;
      size++;
    }
  }

  /** Rows of one rule and side, ascending, with their keys' fingerprints. */
  private record Sub(int[] rows, int[] keys) {}

  /**
   * The saved rows of side {@code side} that rule {@code q} selects with a flag in {@code wanted},
   * then the new rows {@code firstNew .. size - 1}: ascending, since every saved row comes before
   * the new ones; with their keys.
   */
  private static Sub selected(Selection selection, int side, int q, int wanted, int firstNew, int size) {
    int[] rows = selection.rows[side][q];
    byte[] of = selection.of[side][q];
    int[] keys = selection.keys[side][q];
    int[] newKeys = selection.newKeys[side][q];
    if (newKeys.length != size - firstNew) {
      throw new IllegalArgumentException("the selection was made for other new records");
    }
    int saved = 0;
    for (int i = 0; i < rows.length; i++) {
      saved += (of[i] & wanted) != 0 ? 1 : 0;
    }
    int[] outRows = new int[saved + newKeys.length];
    int[] outKeys = new int[outRows.length];
    int at = 0;
    for (int i = 0; i < rows.length; i++) {
      if ((of[i] & wanted) != 0) {
        outRows[at] = rows[i];
        outKeys[at++] = keys[i];
      }
    }
    for (int r = firstNew; r < size; r++) {
      outRows[at] = r;
      outKeys[at++] = newKeys[r - firstNew];
    }
    return new Sub(outRows, outKeys);
  }

  /**
   * The new right rows of a one-rule blocker by their key at {@code level}: group {@code g}'s rows,
   * ascending, are {@code rows[starts[g] .. starts[g + 1])}. Primitive arrays: it is built per rule,
   * level and comparison.
   */
  private static final class RowsByKey {
    final LongIntHashMap groups;
    final int[] starts;
    final int[] rows;

    RowsByKey(Blocker blocker, int level, int firstNewRight) {
      int n = blocker.rightSize() - firstNewRight;
      groups = new LongIntHashMap(Math.max(16, n));
      int[] groupOf = new int[n];
      int[] counts = new int[n + 1];
      int count = 0;
      for (int i = 0; i < n; i++) {
        long key = blocker.rightKey(0, level, firstNewRight + i);
        if (key == Blocker.NO_KEY) {
          groupOf[i] = -1;
          continue;
        }
        int g = groups.putIfAbsent(key, count);
        if (g < 0) {
          g = count++;
        }
        groupOf[i] = g;
        counts[g + 1]++;
      }
      starts = new int[count + 1];
      for (int g = 0; g < count; g++) {
        starts[g + 1] = starts[g] + counts[g + 1];
      }
      rows = new int[starts[count]];
      int[] at = java.util.Arrays.copyOf(starts, count);
      for (int i = 0; i < n; i++) {
        if (groupOf[i] >= 0) {
          rows[at[groupOf[i]]++] = firstNewRight + i;
        }
      }
    }

    /** The group of {@code key}, or -1. */
    int group(long key) {
      return groups.get(key);
    }
  }
}
