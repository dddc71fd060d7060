package org.linkage.internal.rules;

import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.KeyHash;
import org.linkage.internal.block.LongIntHashMap;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.MatchKeySpec;

/**
 * Runs match-key passes in order. Each pass sees only records no earlier pass linked. What a pass
 * links depends on the {@link Mode} and on whether the two sides are one table:
 *
 * <ul>
 *   <li>{@link Mode#ONE_TO_ONE} (two tables): a pair links only when its key is unique on both
 *       sides (unique-to-unique), so a key shared by two records on either side — twins, a common
 *       name — is never linked by the pass.
 *   <li>{@link Mode#MANY_TO_ONE} (two tables): every still-unlinked right record whose key occurs
 *       exactly once among <em>all</em> left records links to that left record; a left record may
 *       take many right records (one learner, many employment spells), in this pass and later ones.
 *       A key shared by two left records is never linked.
 *   <li>Deduplication (one table on both sides, either mode): the still-unlinked records sharing a
 *       key form a <em>group</em>; every other member of a group of two or more links to its first
 *       member (lowest row), so a key occurring exactly twice links those two, and a person's ten
 *       yearly records with one key link as one star.
 * </ul>
 *
 * <p>Single-threaded, O(records) per pass, deterministic.
 */
public final class DeterministicCascade {
  /** How many records of each side one pass may link to a record of the other. */
  public enum Mode {
    /** Unique-to-unique: each record in at most one link. */
    ONE_TO_ONE,
    /** Unique on the left only: each right record in at most one link, a left record in many. */
    MANY_TO_ONE
  }

  private DeterministicCascade() {}

  /**
   * A link made with this class, so that {@link Link} is initialised before a loop that creates
   * links is compiled: code compiled while a class is uninitialised (a pass's loop is compiled
   * during its first run, before its first link) allocates its objects through a slow call into
   * the virtual machine, a tenth of the cascade's time in a short update.
   */
  private static final Link INITIALISES_LINK = new Link(-1, -1, -1);

  /**
   * A last check on a pair a pass would link, e.g. that the model does not find it improbable.
   * Must be thread-safe and deterministic.
   */
  @FunctionalInterface
  public interface PairCheck {
    /** A check that allows every pair. */
    PairCheck ANY = (l, r) -> true;

    /** Whether left row {@code left} and right row {@code right} may be linked by a pass. */
    boolean allows(int left, int right);
  }

  /**
   * The rows of both sides grouped by each pass's key, numbered once: a left and a right row (or
   * two rows of one side) share a group exactly when they share the pass's key, and a row without a
   * key has none. Given to {@link #run(List, EncodedData, boolean[], boolean[], Mode, PairCheck,
   * int[], int[], KeyGroups)}, a pass finds a row's partners through arrays over the groups instead
   * of keying and hashing the rows again. Must be thread-safe.
   */
  public interface KeyGroups {
    /** Number of groups of pass {@code pass}: groups are {@code 0 .. groups(pass) - 1}. */
    int groups(int pass);

    /** The group of row {@code row} of side {@code side} (0 left, 1 right) under pass {@code pass}, or -1. */
    int groupOf(int pass, int side, int row);
  }

  /**
   * A deterministic link.
   *
   * @param left left row
   * @param right right row
   * @param pass index of the pass that made it
   */
  public record Link(int left, int right, int pass) {}

  /**
   * Runs the passes one-to-one, marking linked rows in {@code leftLinked} / {@code rightLinked}.
   *
   * @return the links, in pass order then left row order
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked) {
    return run(passes, data, leftLinked, rightLinked, Mode.ONE_TO_ONE);
  }

  /**
   * Runs the passes in {@code mode} (ignored in deduplication, which links key groups), marking
   * linked rows in {@code leftLinked} / {@code rightLinked} (the same array in deduplication).
   *
   * @return the links, in pass order, then left row order (one-to-one, groups) or right row order
   *     (many-to-one)
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked,
      Mode mode) {
    return run(passes, data, leftLinked, rightLinked, mode, PairCheck.ANY);
  }

  /**
   * As {@link #run(List, EncodedData, boolean[], boolean[], Mode)}, linking a pair only when
   * {@code check} allows it; a pair it refuses stays unlinked for later passes and stages.
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked,
      Mode mode, PairCheck check) {
    return run(passes, data, leftLinked, rightLinked, mode, check, null, null);
  }

  /**
   * As {@link #run(List, EncodedData, boolean[], boolean[], Mode, PairCheck)} over some rows only:
   * {@code leftRows} and {@code rightRows}, ascending ({@code null} for all; in deduplication
   * {@code leftRows} alone). The links are those over all rows that join two of these rows when
   * the rows are closed under sharing a pass key (every row sharing a key of a pass with a row in
   * them is in them too): then each key's rows, and the earlier-pass partners that make a row
   * taken, are all inside. An incremental update links so, without grouping every record's keys.
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked,
      Mode mode, PairCheck check, int[] leftRows, int[] rightRows) {
    return run(passes, data, leftLinked, rightLinked, mode, check, leftRows, rightRows, null);
  }

  /**
   * As {@link #run(List, EncodedData, boolean[], boolean[], Mode, PairCheck, int[], int[])}, with
   * the rows of {@code data} grouped by each pass's key ({@code null}: keyed here): the same links.
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked,
      Mode mode, PairCheck check, int[] leftRows, int[] rightRows, KeyGroups byKey) {
    int[] lrows = leftRows != null ? leftRows : all(data.leftSize());
    int[] rrows = data.isDeduplication() ? lrows : rightRows != null ? rightRows : all(data.rightSize());
    List<Link> links = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (MatchKeySpec pass : passes) {
      for (String c : pass.columns()) {
        if (data.column(c) == null) {
          problems.add("match key " + pass.name() + ": unknown column " + c);
        }
      }
      for (String c : pass.mustNotDiffer()) {
        if (data.column(c) == null) {
          problems.add("match key " + pass.name() + ": unknown veto column " + c);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    for (int p = 0; p < passes.size(); p++) {
      EncodedColumn[] cols = passes.get(p).columns().stream().map(data::column).toArray(EncodedColumn[]::new);
      EncodedColumn[] veto = passes.get(p).mustNotDiffer().stream().map(data::column).toArray(EncodedColumn[]::new);
      if (byKey != null) {
        grouped(byKey, p, data.isDeduplication(), mode, cols, veto, lrows, rrows, leftLinked, rightLinked, links, check);
        continue;
      }
      if (data.isDeduplication()) {
        groups(cols, veto, p, lrows, leftLinked, links, check);
        continue;
      }
      if (mode == Mode.MANY_TO_ONE) {
        manyToOne(cols, veto, p, lrows, rrows, leftLinked, rightLinked, links, check);
        continue;
      }
      LongIntHashMap leftIndex = uniqueIndex(cols, 0, leftLinked, lrows);
      LongIntHashMap rightIndex = uniqueIndex(cols, 1, rightLinked, rrows);
      KeyBatch batch = new KeyBatch();
      for (int from = 0; from < lrows.length; from += KeyBatch.SIZE) {
        int n = batch.fill(cols, 0, leftLinked, lrows, from, leftIndex, rightIndex);
        for (int i = 0; i < n; i++) {
          int l = batch.rows[i];
          long key = batch.keys[i];
          if (leftIndex.get(key) != l) {
            continue;
          }
          int r = rightIndex.get(key);
          if (r < 0 || rightLinked[r] || !sameValues(cols, l, r) || differ(veto, l, r) || !check.allows(l, r)) {
            continue;
          }
          leftLinked[l] = true;
          rightLinked[r] = true;
          links.add(new Link(l, r, p));
        }
      }
    }
    return links;
  }

  /**
   * The keyed rows of a run of rows, a few at a time: their keys, then the slots those keys start
   * at in the indexes they are looked up in, read in a loop of independent reads (a key's index over
   * millions of rows is larger than the caches), before the rows are taken in order. Only reads ahead:
   * what is looked up and stored, and in what order, is unchanged.
   */
  private static final class KeyBatch {
    static final int SIZE = 16;
    final long[] keys = new long[SIZE];
    final int[] rows = new int[SIZE];
    /** What the reads gave, stored so that the compiler cannot drop them as unused. */
    int touched;

    /**
     * Fills the batch with the rows of {@code all[from..from+SIZE)} that are not {@code linked} and
     * have a key on {@code side}, reads their keys' slots in {@code indexes}; returns how many.
     */
    int fill(EncodedColumn[] cols, int side, boolean[] linked, int[] all, int from, LongIntHashMap... indexes) {
      int n = 0;
      for (int i = from, end = Math.min(all.length, from + SIZE); i < end; i++) {
        int row = all[i];
        if (linked != null && linked[row]) {
          continue;
        }
        long key = key(cols, side, row);
        if (key == Blocker.NO_KEY) {
          continue;
        }
        keys[n] = key;
        rows[n] = row;
        n++;
      }
      int t = touched;
      for (LongIntHashMap index : indexes) {
        for (int i = 0; i < n; i++) {
          t += index.touch(keys[i]);
        }
      }
      touched = t;
      return n;
    }
  }

  /**
   * One pass over rows grouped by key: what {@link #groups}, {@link #manyToOne} or the one-to-one
   * pass link, each key's row (or first row, or duplicate mark) held per group in an array.
   */
  private static void grouped(KeyGroups byKey, int pass, boolean dedup, Mode mode, EncodedColumn[] cols,
      EncodedColumn[] veto, int[] lrows, int[] rrows, boolean[] leftLinked, boolean[] rightLinked, List<Link> links,
      PairCheck check) {
    int[] first = new int[byKey.groups(pass)];
    java.util.Arrays.fill(first, -1);
    if (dedup) {
      List<Link> found = new ArrayList<>();
      for (int row : lrows) {
        if (leftLinked[row]) {
          continue;
        }
        int g = byKey.groupOf(pass, 0, row);
        if (g < 0) {
          continue;
        }
        int head = first[g];
        if (head < 0) {
          first[g] = row;
        } else if (sameValues(cols, head, row) && !differ(veto, head, row) && check.allows(head, row)) {
          found.add(new Link(head, row, pass));
        }
      }
      for (Link l : found) { // marked after the scan, so every member of a group sees the same head
        leftLinked[l.left()] = true;
        leftLinked[l.right()] = true;
      }
      links.addAll(found);
      return;
    }
    uniqueIndex(byKey, pass, 0, mode == Mode.MANY_TO_ONE ? null : leftLinked, lrows, first);
    if (mode == Mode.MANY_TO_ONE) {
      for (int r : rrows) {
        if (rightLinked[r]) {
          continue;
        }
        int g = byKey.groupOf(pass, 1, r);
        int l = g < 0 ? -1 : first[g];
        if (l < 0 || !sameValues(cols, l, r) || differ(veto, l, r) || !check.allows(l, r)) {
          continue;
        }
        leftLinked[l] = true;
        rightLinked[r] = true;
        links.add(new Link(l, r, pass));
      }
      return;
    }
    int[] right = new int[first.length];
    java.util.Arrays.fill(right, -1);
    uniqueIndex(byKey, pass, 1, rightLinked, rrows, right);
    for (int l : lrows) {
      if (leftLinked[l]) {
        continue;
      }
      int g = byKey.groupOf(pass, 0, l);
      if (g < 0 || first[g] != l) {
        continue;
      }
      int r = right[g];
      if (r < 0 || rightLinked[r] || !sameValues(cols, l, r) || differ(veto, l, r) || !check.allows(l, r)) {
        continue;
      }
      leftLinked[l] = true;
      rightLinked[r] = true;
      links.add(new Link(l, r, pass));
    }
  }

  /** {@link #uniqueIndex(EncodedColumn[], int, boolean[], int[])} by group: -1 none, -2 several. */
  private static void uniqueIndex(KeyGroups byKey, int pass, int side, boolean[] linked, int[] rows, int[] index) {
    for (int row : rows) {
      if (linked != null && linked[row]) {
        continue;
      }
      int g = byKey.groupOf(pass, side, row);
      if (g < 0) {
        continue;
      }
      index[g] = index[g] == -1 ? row : -2;
    }
  }

  /** Every other unlinked member of a key group links to the group's first (lowest) row. */
  private static void groups(EncodedColumn[] cols, EncodedColumn[] veto, int pass, int[] rows, boolean[] linked,
      List<Link> links, PairCheck check) {
    LongIntHashMap first = new LongIntHashMap(Math.max(16, rows.length));
    List<Link> found = new ArrayList<>();
    for (int row : rows) {
      if (linked[row]) {
        continue;
      }
      long key = key(cols, 0, row);
      if (key == Blocker.NO_KEY) {
        continue;
      }
      int head = first.putIfAbsent(key, row);
      if (head >= 0 && sameValues(cols, head, row) && !differ(veto, head, row) && check.allows(head, row)) {
        found.add(new Link(head, row, pass));
      }
    }
    for (Link l : found) { // marked after the scan, so every member of a group sees the same head
      linked[l.left()] = true;
      linked[l.right()] = true;
    }
    links.addAll(found);
  }

  /** Unlinked right rows whose key is unique among all left rows link to that row. */
  private static void manyToOne(EncodedColumn[] cols, EncodedColumn[] veto, int pass, int[] leftRows, int[] rightRows,
      boolean[] leftLinked, boolean[] rightLinked, List<Link> links, PairCheck check) {
    LongIntHashMap leftIndex = uniqueIndex(cols, 0, null, leftRows);
    KeyBatch batch = new KeyBatch();
    for (int from = 0; from < rightRows.length; from += KeyBatch.SIZE) {
      int n = batch.fill(cols, 1, rightLinked, rightRows, from, leftIndex);
      for (int i = 0; i < n; i++) {
        int r = batch.rows[i];
        int l = leftIndex.get(batch.keys[i]);
        if (l < 0 || !sameValues(cols, l, r) || differ(veto, l, r) || !check.allows(l, r)) {
          continue;
        }
        leftLinked[l] = true;
        rightLinked[r] = true;
        links.add(new Link(l, r, pass));
      }
    }
  }

  /** Key → row for keys seen once among unlinked rows; -2 for keys seen more than once. */
  private static LongIntHashMap uniqueIndex(EncodedColumn[] cols, int side, boolean[] linked, int[] rows) {
    LongIntHashMap index = new LongIntHashMap(Math.max(16, rows.length));
    KeyBatch batch = new KeyBatch();
    for (int from = 0; from < rows.length; from += KeyBatch.SIZE) {
      int n = batch.fill(cols, side, linked, rows, from, index);
      for (int i = 0; i < n; i++) {
        if (index.putIfAbsent(batch.keys[i], batch.rows[i]) >= 0) {
          index.replace(batch.keys[i], -2); // seen before (or already a duplicate): not unique
        }
      }
    }
    return index;
  }

  private static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** Pass {@code pass}'s key of every row of one side ({@code 0} left, {@code 1} right); {@link Blocker#NO_KEY} where a column is missing. */
  public static long[] keys(MatchKeySpec pass, EncodedData data, int side) {
    EncodedColumn[] cols = pass.columns().stream().map(data::column).toArray(EncodedColumn[]::new);
    long[] out = new long[side == 0 ? data.leftSize() : data.rightSize()];
    for (int row = 0; row < out.length; row++) {
      out[row] = key(cols, side, row);
    }
    return out;
  }

  /** Row {@code row}'s key on side {@code side} under a pass of columns {@code cols}: the value {@link #keys} holds for it. */
  public static long key(EncodedColumn[] cols, int side, int row) {
    long h = KeyHash.START;
    for (EncodedColumn c : cols) {
      int v = c.side(side)[row];
      if (v < 0) {
        return Blocker.NO_KEY;
      }
      h = KeyHash.add(h, v);
    }
    return KeyHash.finish(h);
  }

  /** True when some veto column is present on both records with different values. */
  private static boolean differ(EncodedColumn[] veto, int l, int r) {
    for (EncodedColumn c : veto) {
      int a = c.left()[l];
      int b = c.right()[r];
      if (a >= 0 && b >= 0 && a != b) {
        return true;
      }
    }
    return false;
  }

  /** Guards against hash collisions: the codes themselves must agree. */
  private static boolean sameValues(EncodedColumn[] cols, int l, int r) {
    for (EncodedColumn c : cols) {
      if (c.left()[l] != c.right()[r]) {
        return false;
      }
    }
    return true;
  }
}
