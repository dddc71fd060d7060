package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexSortTest {
  @Test
  void sort_randomKeysWithTies_sameAsBoxedSort() {
    SplittableRandom r = new SplittableRandom(5);
    for (int n : new int[] {0, 1, 15, 16, 17, 100, 1000, 4097}) {
      int[] key = new int[n];
      for (int i = 0; i < n; i++) {
        key[i] = r.nextInt(50);
      }
      int[] idx = new int[n];
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = n - 1 - i;
        boxed[i] = n - 1 - i;
      }
      Comparator<Integer> byKeyThenIndex = Comparator.<Integer>comparingInt(i -> key[i]).thenComparingInt(i -> i);
      Arrays.sort(boxed, byKeyThenIndex);
      IndexSort.sort(idx, (a, b) -> byKeyThenIndex.compare(a, b));
      assertThat(idx).as("n=%s", n).containsExactly(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    }
  }
}
