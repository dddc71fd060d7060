package org.linkage.internal.block;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.BlockingRuleSpec;

/**
 * Which pairs share a blocking rule's key, from the plan's {@link KeyFunction key functions} over
 * the encoded rows alone: no index, no cap, no refinement. A key rule's key is shared when both
 * records have it and it is equal (64-bit {@link KeyHash} equality, as the {@link Blocker}'s
 * blocks); a sorted-neighbourhood rule's when their sort keys' ranks ({@link SortKeys}) are less
 * than the window apart. What training needs to count "the pairs sharing rule r's key", which is
 * not what the rule generates once a block is over the cap.
 *
 * <p>Each rule's keys are computed on first use (O(records), one int per record and side) and kept,
 * so ask only about the rules you need. Thread-safe; {@link #shares} is allocation-free.
 */
public final class RuleKeys {
  private static final int MISSING = -1;
  /** A left key no right record has. */
  private static final int ABSENT = -2;

  private final List<KeyFunction> keys;
  private final EncodedData data;
  private final int[] windows;
  private final AtomicReferenceArray<int[][]> built; // per rule: {left, right}, null until first asked

  private RuleKeys(List<KeyFunction> keys, EncodedData data) {
    this.keys = List.copyOf(keys);
    this.data = requireNonNull(data, "data");
    this.windows = this.keys.stream().mapToInt(k -> k.rule().window()).toArray();
    this.built = new AtomicReferenceArray<>(this.keys.size());
  }

  /** The keys of {@code keys}' rules (one per rule, in rule order) over {@code data}. */
  public static RuleKeys of(List<KeyFunction> keys, EncodedData data) {
    return new RuleKeys(keys, data);
  }

  /** The rules, in order: a rule's position is its number in {@link #shares}. */
  public List<BlockingRuleSpec> rules() {
    return keys.stream().map(KeyFunction::rule).toList();
  }

  /** How many rules. */
  public int size() {
    return keys.size();
  }

  /** Whether left row {@code left} and right row {@code right} share rule {@code rule}'s key (see the class comment). */
  public boolean shares(int rule, int left, int right) {
    int[][] k = keysOf(rule);
    int a = k[0][left];
    if (a < 0) {
      return false;
    }
    int b = k[1][right];
    int w = windows[rule];
    return w == 0 ? a == b : b >= 0 && Math.abs(a - b) < w;
  }

  private int[][] keysOf(int rule) {
    int[][] k = built.get(rule);
    if (k == null) {
      k = compute(rule);
      built.compareAndSet(rule, null, k); // a racing thread computed the same keys: keep either
      k = built.get(rule);
    }
    return k;
  }

  private int[][] compute(int rule) {
    KeyFunction key = keys.get(rule);
    boolean dedup = data.isDeduplication();
    if (key.rule().isSortedNeighbourhood()) {
      long[][] left = new long[1][];
      long[][] right = new long[1][];
      SortKeys.rank(key.rule(), data, left, right, 0);
      int[] l = ranks(left[0]);
      return new int[][] {l, dedup ? l : ranks(right[0])};
    }
    // the right keys numbered in order of first appearance, the left ones looked up among them
    long[] rightKeys = key.keys(data, 1);
    LongIntHashMap numberOf = new LongIntHashMap(Math.max(16, rightKeys.length / 2));
    int[] right = new int[rightKeys.length];
    int next = 0;
    for (int row = 0; row < rightKeys.length; row++) {
      if (rightKeys[row] == Blocker.NO_KEY) {
        right[row] = MISSING;
      } else {
        int b = numberOf.putIfAbsent(rightKeys[row], next);
        right[row] = b < 0 ? next++ : b;
      }
    }
    if (dedup) {
      return new int[][] {right, right};
    }
    long[] leftKeys = key.keys(data, 0);
    int[] left = new int[leftKeys.length];
    for (int row = 0; row < leftKeys.length; row++) {
      int b = leftKeys[row] == Blocker.NO_KEY ? MISSING : numberOf.get(leftKeys[row]);
      left[row] = leftKeys[row] == Blocker.NO_KEY ? MISSING : b < 0 ? ABSENT : b;
    }
    return new int[][] {left, right};
  }

  /** Sorted-neighbourhood ranks (below 2^31) as ints, {@link #MISSING} for a missing key. */
  private static int[] ranks(long[] ranks) {
    int[] out = new int[ranks.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ranks[i] == Blocker.NO_KEY ? MISSING : (int) ranks[i];
    }
    return out;
  }
}
