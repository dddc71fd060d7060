package org.linkage.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linkage.internal.block.Blocker;

class PassRowsTest {
  @Test
  void number_manyRowsInManyParts_rowsShareAGroupExactlyWhenTheyShareAKey() {
    for (int n : new int[] {0, 1, 1000, 300_000}) { // 300,000 rows: several parts, each with a table of its own
      Random random = new Random(n);
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        // no key, a key shared by many rows, or one of many keys shared by a few rows
        keys[i] = kind == 0 ? Blocker.NO_KEY : kind == 1 ? 42L : random.nextInt(Math.max(1, n / 3)) * 0x1F3D5B79L;
      }
      int[] groupOf = new int[n];
      int groups = PassRows.number(keys, groupOf);
      Map<Long, Integer> groupOfKey = new HashMap<>();
      Map<Integer, Long> keyOfGroup = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (keys[i] == Blocker.NO_KEY) {
          assertThat(groupOf[i]).isEqualTo(-1);
          continue;
        }
        assertThat(groupOf[i]).isBetween(0, groups - 1);
        int g = groupOf[i];
        long k = keys[i];
        assertThat(groupOfKey.computeIfAbsent(k, x -> g)).as("row %s", i).isEqualTo(g);
        assertThat(keyOfGroup.computeIfAbsent(g, x -> k)).as("row %s", i).isEqualTo(k);
      }
      assertThat(groups).isEqualTo(groupOfKey.size());
    }
  }
}
