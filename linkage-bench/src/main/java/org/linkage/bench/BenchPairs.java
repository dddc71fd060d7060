package org.linkage.bench;

import java.util.Arrays;
import org.linkage.internal.block.Blocker;

/** The first candidate pairs a blocking index offers, in candidate order, for the benchmarks that replay them. */
final class BenchPairs {
  private BenchPairs() {}

  /**
   * Up to {@code max} candidate pairs of {@code blocker}'s left rows in turn, cut to a multiple of
   * {@code multiple}: {@code [0]} left rows, {@code [1]} right rows.
   */
  static int[][] candidates(Blocker blocker, int max, int multiple) {
    int[][] pairs = new int[2][max];
    int[] n = {0};
    for (int l = 0; l < blocker.leftSize() && n[0] < max; l++) {
      blocker.candidatesOf(l, (a, b, rule) -> {
        if (n[0] < max) {
          pairs[0][n[0]] = a;
          pairs[1][n[0]] = b;
          n[0]++;
        }
      });
    }
    int size = n[0] / multiple * multiple;
    return new int[][] {Arrays.copyOf(pairs[0], size), Arrays.copyOf(pairs[1], size)};
  }
}
