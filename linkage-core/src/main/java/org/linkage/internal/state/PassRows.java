package org.linkage.internal.state;

import java.util.List;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.LongIntHashMap;
import org.linkage.internal.block.RowGroups;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.rules.DeterministicCascade;
import org.linkage.spec.MatchKeySpec;

/**
 * The records of both sides grouped by each match-key pass's key ({@link DeterministicCascade#keys}):
 * per pass, every row's group (-1 without a key) and each group's left rows and right rows in
 * ascending order, one numbering of groups for both sides (a left and a right row share a group
 * exactly when they share the key). Built once by an update and shared by its comparisons, so the
 * rows sharing a key with a chosen row are found by array lookups instead of rescanning every row.
 * Immutable once built and thread-safe.
 */
public final class PassRows {
  private final int leftSize;
  private final int rightSize;
  private final Side[][] sides;

  /** One side's rows of one pass: each row's group and the groups' rows. */
  private record Side(int[] groupOf, int[] starts, int[] rows) {}

  private PassRows(int leftSize, int rightSize, Side[][] sides) {
    this.leftSize = leftSize;
    this.rightSize = rightSize;
    this.sides = sides;
  }

  /**
   * The rows of {@code data} by each pass's key; in deduplication (one table on both sides) the
   * right side is the left one.
   */
  public static PassRows of(List<MatchKeySpec> passes, EncodedData data) {
    List<Object> each = new java.util.ArrayList<>();
    for (MatchKeySpec pass : passes) {
      each.add(pass(pass, data));
    }
    return joined(each, data);
  }

  /**
   * One pass's part of {@link #of(List, EncodedData)}: the parts of several passes may be built on
   * several threads, then joined in pass order by {@link #joined}.
   */
  public static Object pass(MatchKeySpec pass, EncodedData data) {
    boolean dedup = data.isDeduplication();
    EncodedColumn[] columns = pass.columns().stream().map(data::column).toArray(EncodedColumn[]::new);
    int nl = data.leftSize();
    int nr = dedup ? 0 : data.rightSize();
    long[] keys = new long[nl + nr]; // left rows, then right rows
    for (int r = 0; r < nl; r++) {
      keys[r] = DeterministicCascade.key(columns, 0, r);
    }
    for (int r = 0; r < nr; r++) {
      keys[nl + r] = DeterministicCascade.key(columns, 1, r);
    }
    int[] groupOf = new int[keys.length];
    int groups = number(keys, groupOf);
    Side left = side(nr == 0 ? groupOf : java.util.Arrays.copyOf(groupOf, nl), groups);
    return new Side[] {left, dedup ? left : side(java.util.Arrays.copyOfRange(groupOf, nl, nl + nr), groups)};
  }

  /** Rows per part of {@link #number}: a part's table of keys stays in the processor's cache. */
  private static final int PART_ROWS = 1 << 15;

  /**
   * Numbers the distinct keys of {@code keys} ({@link Blocker#NO_KEY}: -1) into {@code groupOf} and
   * returns how many there are. The rows are first split into parts by their key's hash (each key's
   * rows all in one part) and each part numbered with a table of its own: one table over every row
   * missed the cache at nearly every row. Groups are numbered part by part, in order of first sight
   * within a part: which rows share a group is all the cascade reads of them.
   */
  static int number(long[] keys, int[] groupOf) {
    int n = keys.length;
    int bits = 31 - Integer.numberOfLeadingZeros(Math.max(1, n / PART_ROWS));
    int parts = 1 << bits;
    int[] start = new int[parts + 1];
    for (long k : keys) {
      if (k != Blocker.NO_KEY) {
        start[part(k, bits) + 1]++;
      }
    }
    int largest = 0;
    for (int p = 0; p < parts; p++) {
      largest = Math.max(largest, start[p + 1]);
      start[p + 1] += start[p];
    }
    // each row and its key scattered to its part: a part's keys are then read in order (reading
    // them through the rows missed the cache at every row)
    int[] order = new int[start[parts]];
    long[] partKeys = new long[start[parts]];
    int[] at = java.util.Arrays.copyOf(start, parts);
    for (int i = 0; i < n; i++) {
      long k = keys[i];
      if (k == Blocker.NO_KEY) {
        groupOf[i] = -1;
      } else {
        int j = at[part(k, bits)]++;
        order[j] = i;
        partKeys[j] = k;
      }
    }
    LongIntHashMap table = new LongIntHashMap(Math.max(16, largest));
    int groups = 0;
    for (int p = 0; p < parts; p++) {
      if (p > 0) {
        table.clear();
      }
      for (int j = start[p]; j < start[p + 1]; j++) {
        int g = table.putIfAbsent(partKeys[j], groups);
        groupOf[order[j]] = g < 0 ? groups++ : g;
      }
    }
    return groups;
  }

  /** The part of key {@code k} among {@code 2^bits}: the top bits of a multiplicative hash. */
  private static int part(long k, int bits) {
    return bits == 0 ? 0 : (int) ((k * 0x9E3779B97F4A7C15L) >>> (64 - bits));
  }

  /** The rows grouped by the passes whose parts ({@link #pass}, in pass order) are {@code parts}. */
  public static PassRows joined(List<?> parts, EncodedData data) {
    Side[][] sides = new Side[parts.size()][];
    for (int p = 0; p < parts.size(); p++) {
      sides[p] = (Side[]) parts.get(p);
    }
    return new PassRows(data.leftSize(), data.rightSize(), sides);
  }

  private static Side side(int[] groupOf, int groups) {
    RowGroups g = RowGroups.of(groupOf, groups);
    return new Side(groupOf, g.starts(), g.rows());
  }

  /**
   * These groups as the cascade reads them for a comparison whose left records are side
   * {@code leftSide} and right records side {@code rightSide} (the same side in deduplication).
   */
  public DeterministicCascade.KeyGroups keyGroups(int leftSide, int rightSide) {
    return new DeterministicCascade.KeyGroups() {
      @Override
      public int groups(int pass) {
        return PassRows.this.groups(pass);
      }

      @Override
      public int groupOf(int pass, int side, int row) {
        return sides[pass][side == 0 ? leftSide : rightSide].groupOf[row];
      }
    };
  }

  /** Number of rows of side {@code side} (0 left, 1 right). */
  public int size(int side) {
    return side == 0 ? leftSize : rightSize;
  }

  /** Number of passes. */
  public int passes() {
    return sides.length;
  }

  /** Number of groups of pass {@code pass} (both sides). */
  public int groups(int pass) {
    return sides[pass][0].starts.length - 1;
  }

  /** The group of row {@code row} of side {@code side} under pass {@code pass}, or -1 when it has no key. */
  public int groupOf(int pass, int side, int row) {
    return sides[pass][side].groupOf[row];
  }

  /** The first index in {@link #rows} of group {@code group}'s rows of side {@code side}; they end at the next group's. */
  public int start(int pass, int side, int group) {
    return sides[pass][side].starts[group];
  }

  /**
   * Each group's first index in {@link #rows} for side {@code side} under pass {@code pass}, and past
   * the last group the number of rows grouped: {@link #start} as one array, read only.
   */
  public int[] starts(int pass, int side) {
    return sides[pass][side].starts;
  }

  /** Each row's group of side {@code side} under pass {@code pass} (-1 without a key): {@link #groupOf} as one array, read only. */
  public int[] groupsOf(int pass, int side) {
    return sides[pass][side].groupOf;
  }

  /** The rows of side {@code side} under pass {@code pass}, grouped: a group's rows, ascending, from its start to the next. */
  public int[] rows(int pass, int side) {
    return sides[pass][side].rows;
  }
}
