package org.linkage.testkit.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.linkage.eval.PairSet;

/**
 * Numbers the left and right ids of one data set and packs a (left, right) pair into one long,
 * left number in the high half, so each strategy's links can be kept as a sorted {@code long[]}
 * (8 bytes a link) for the tests and intervals computed after all strategies ran, instead of as sets
 * of id pairs that would swell the heap measured for later strategies. Numbers are given in order of
 * first sight; callers feed ids in a deterministic order. Not thread-safe.
 */
final class PairCodes {
  private final Map<String, Integer> left = new HashMap<>();
  private final Map<String, Integer> right = new HashMap<>();

  /** Numbers {@code id} as a left id if it is new. */
  void addLeft(String id) {
    left.computeIfAbsent(id, k -> left.size());
  }

  /** How many left ids have a number: the bootstrap units. */
  int leftCount() {
    return left.size();
  }

  /** The pairs as sorted codes, numbering new ids on the way. */
  long[] encode(Iterable<PairSet.Pair> pairs) {
    long[] codes = new long[8];
    int n = 0;
    for (PairSet.Pair p : pairs) {
      if (n == codes.length) {
        codes = Arrays.copyOf(codes, n * 2);
      }
      int l = left.computeIfAbsent(p.left(), k -> left.size());
      int r = right.computeIfAbsent(p.right(), k -> right.size());
      codes[n++] = (long) l << 32 | r;
    }
    codes = Arrays.copyOf(codes, n);
    Arrays.sort(codes);
    return codes;
  }

  /** The left number of a code. */
  static int leftOf(long code) {
    return (int) (code >>> 32);
  }

  /** Whether sorted {@code codes} contains {@code code}. */
  static boolean contains(long[] codes, long code) {
    return Arrays.binarySearch(codes, code) >= 0;
  }
}
