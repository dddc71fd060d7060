package org.linkage.internal.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linkage.internal.block.Blocker;

/**
 * The reference the incremental update's pairs ({@code UpdatePairs}) are tested against, kept with
 * the tests: the candidate pairs of an incremental run: of all the pairs {@link PairComparer#compareAll} would
 * produce over the combined data, exactly those with at least one new record. New records are the
 * last rows of each side ({@code left >= firstNewLeft}, {@code right >= firstNewRight}).
 *
 * <p>A new left row probes the index as in a full run. An old left row is paired only with the new
 * right rows sharing one of its keys, found in a small index of the new rows' keys, so the work is
 * one lookup per old row and rule plus the new pairs — not the old pairs again. An old row looks
 * at its own refinement level of each rule, so refined blocks pair as in a full run. A pair belongs
 * to the first rule that generates it ({@link Blocker#ruleOf}), as in a full run; within a side
 * ({@link Blocker#isDeduplication()}) only pairs with {@code right > left} are produced.
 *
 * <p>Single-threaded and deterministic: pairs in order of left row, then rule, then right row.
 */
public final class IncrementalPairs {
  private IncrementalPairs() {}

  /** The candidate pairs with at least one new record, with their agreement patterns. */
  public static CandidatePairs compare(Blocker blocker, Comparison[] comparisons, int firstNewLeft,
      int firstNewRight) {
    int rules = blocker.rules().size();
    // per rule and refinement level: the new right rows by their key there
    List<List<Map<Long, int[]>>> newRightByKey = new ArrayList<>(rules);
    for (int q = 0; q < rules; q++) {
      List<Map<Long, int[]>> levels = new ArrayList<>();
      for (int level = 0; level < blocker.levels(q); level++) {
        levels.add(index(blocker, q, level, firstNewRight));
      }
      newRightByKey.add(levels);
    }
    CandidatePairs.Buffer buffer = new CandidatePairs.Buffer();
    int leftSize = blocker.leftSize();
    for (int l = 0; l < leftSize; l++) {
      if (l >= firstNewLeft) {
        blocker.candidatesOf(l, (left, right, rule) -> buffer.add(left, right,
            PairComparer.pattern(comparisons, left, right), rule));
        continue;
      }
      for (int q = 0; q < rules; q++) {
        long key = blocker.probeKey(q, l);
        if (key == Blocker.NO_KEY || blocker.isOversized(q, l)) {
          continue;
        }
        int w = blocker.window(q);
        for (long k = w == 0 ? key : key - w + 1; k <= (w == 0 ? key : key + w - 1); k++) {
          int[] rows = newRightByKey.get(q).get(blocker.probeLevel(q, l)).get(k);
          if (rows == null) {
            continue;
          }
          for (int r : rows) {
            if (blocker.isDeduplication() && r <= l) {
              continue;
            }
            // the first rule that generates a pair owns it, as when probing every rule in order
            if (blocker.ruleOf(l, r) == q) {
              buffer.add(l, r, PairComparer.pattern(comparisons, l, r), q);
            }
          }
        }
      }
    }
    return CandidatePairs.concat(List.of(buffer));
  }

  /** The new right rows of rule {@code q} by their key at {@code level}, ascending. */
  private static Map<Long, int[]> index(Blocker blocker, int q, int level, int firstNewRight) {
    Map<Long, List<Integer>> lists = new HashMap<>();
    for (int r = firstNewRight; r < blocker.rightSize(); r++) {
      long key = blocker.rightKey(q, level, r);
      if (key != Blocker.NO_KEY) {
        lists.computeIfAbsent(key, k -> new ArrayList<>(2)).add(r);
      }
    }
    Map<Long, int[]> out = new HashMap<>(lists.size() * 2);
    lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }
}
