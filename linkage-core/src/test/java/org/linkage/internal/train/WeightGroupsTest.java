package org.linkage.internal.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weight groups' table against a plain map of (pattern, codes) to counts: the same groups with
 * the same counts, through growth and merging, for one to three adjusted comparisons, each group
 * keeping its first member's row.
 */
class WeightGroupsTest {

  private record Key(long pattern, List<Integer> codes) {}

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void addAndAddAll_sameGroupsAndCountsAsAMap(int adjusted) {
    SplittableRandom random = new SplittableRandom(adjusted);
    Map<Key, Long> expected = new HashMap<>();
    Map<Key, Integer> firstRow = new HashMap<>();
    CandidateSummary.WeightGroups all = new CandidateSummary.WeightGroups(adjusted);
    for (int part = 0; part < 4; part++) {
      CandidateSummary.WeightGroups groups = new CandidateSummary.WeightGroups(adjusted);
      for (int i = 0; i < 20_000; i++) {
        long pattern = random.nextInt(40) * 0x1111L + (random.nextBoolean() ? 1L << 40 : 0);
        int[] codes = new int[adjusted];
        List<Integer> boxed = new ArrayList<>();
        for (int k = 0; k < adjusted; k++) {
          // -1 (no exact agreement) often, else a code of up to a few thousand, some negative-looking high bits
          codes[k] = random.nextInt(3) == 0 ? -1 : random.nextInt(3000) + (k == 2 ? Integer.MAX_VALUE - 5000 : 0);
          boxed.add(codes[k]);
        }
        long n = 1 + random.nextInt(3);
        int row = part * 20_000 + i; // unique, so a group is known by its pattern and first row
        groups.add(pattern, codes, 0, row, n);
        Key key = new Key(pattern, boxed);
        expected.merge(key, n, Long::sum);
        firstRow.putIfAbsent(key, row);
      }
      all.addAll(groups);
    }
    Map<String, Long> byPatternAndRow = new HashMap<>();
    expected.forEach((key, count) -> byPatternAndRow.put(key.pattern() + "@" + firstRow.get(key), count));
    Map<String, Long> actual = new HashMap<>();
    all.forEach((pattern, left, count) -> assertThat(actual.put(pattern + "@" + left, count)).isNull());
    assertThat(all.size()).isEqualTo(expected.size());
    assertThat(actual).isEqualTo(byPatternAndRow);
  }

  @Test
  void aGroupKeepsTheRowOfItsFirstMember() {
    CandidateSummary.WeightGroups groups = new CandidateSummary.WeightGroups(2);
    groups.add(7L, new int[] {3, -1}, 0, 11, 1);
    groups.add(7L, new int[] {3, -1}, 0, 12, 1);
    groups.add(7L, new int[] {-1, 3}, 0, 13, 2);
    Map<Long, Long> countByRow = new HashMap<>();
    groups.forEach((pattern, left, count) -> countByRow.put((long) left, count));
    assertThat(countByRow).containsOnly(Map.entry(11L, 2L), Map.entry(13L, 2L));
  }
}
