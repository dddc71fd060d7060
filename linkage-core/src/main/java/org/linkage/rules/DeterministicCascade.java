package org.linkage.rules;

import java.util.ArrayList;
import java.util.List;
import org.linkage.InvalidSpecException;
import org.linkage.block.LongIntHashMap;
import org.linkage.normalize.EncodedColumn;
import org.linkage.normalize.EncodedData;

/**
 * Runs match-key passes in order. Each pass sees only records no earlier pass linked, and links a
 * pair only when its key is unique on both sides (unique-to-unique), so a key shared by two
 * records on either side — twins, a common name — is never linked by this pass.
 *
 * <p>Single-threaded, O(records) per pass, deterministic.
 */
public final class DeterministicCascade {
  private DeterministicCascade() {}

  /**
   * A deterministic link.
   *
   * @param left left row
   * @param right right row
   * @param pass index of the pass that made it
   */
  public record Link(int left, int right, int pass) {}

  /**
   * Runs the passes, marking linked rows in {@code leftLinked} / {@code rightLinked}.
   *
   * @return the links, in pass order then left row order
   */
  public static List<Link> run(List<MatchKeySpec> passes, EncodedData data, boolean[] leftLinked, boolean[] rightLinked) {
    List<Link> links = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (MatchKeySpec pass : passes) {
      for (String c : pass.columns()) {
        if (data.column(c) == null) {
          problems.add("match key " + pass.name() + ": unknown column " + c);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    for (int p = 0; p < passes.size(); p++) {
      EncodedColumn[] cols = passes.get(p).columns().stream().map(data::column).toArray(EncodedColumn[]::new);
      LongIntHashMap leftIndex = uniqueIndex(cols, 0, leftLinked, data.leftSize());
      LongIntHashMap rightIndex = data.isDeduplication() ? leftIndex : uniqueIndex(cols, 1, rightLinked, data.rightSize());
      for (int l = 0; l < data.leftSize(); l++) {
        if (leftLinked[l]) {
          continue;
        }
        long key = key(cols, 0, l);
        if (key == Long.MIN_VALUE || leftIndex.get(key) != l) {
          continue;
        }
        int r = rightIndex.get(key);
        if (r < 0 || rightLinked[r] || (data.isDeduplication() && r == l) || !sameValues(cols, l, r)) {
          continue;
        }
        leftLinked[l] = true;
        rightLinked[r] = true;
        links.add(new Link(l, r, p));
      }
    }
    return links;
  }

  /** Key → row for keys seen once among unlinked rows; -2 for keys seen more than once. */
  private static LongIntHashMap uniqueIndex(EncodedColumn[] cols, int side, boolean[] linked, int size) {
    LongIntHashMap index = new LongIntHashMap(Math.max(16, size));
    for (int row = 0; row < size; row++) {
      if (linked[row]) {
        continue;
      }
      long key = key(cols, side, row);
      if (key == Long.MIN_VALUE) {
        continue;
      }
      if (index.putIfAbsent(key, row) >= 0) {
        index.replace(key, -2); // seen before (or already a duplicate): not unique
      }
    }
    return index;
  }

  private static long key(EncodedColumn[] cols, int side, int row) {
    long h = 0x3C6EF372FE94F82BL;
    for (EncodedColumn c : cols) {
      int v = c.side(side)[row];
      if (v < 0) {
        return Long.MIN_VALUE;
      }
      h = (h ^ (v + 1L)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 31;
    }
    return h == Long.MIN_VALUE ? h + 1 : h;
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
