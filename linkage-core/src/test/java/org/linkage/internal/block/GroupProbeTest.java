package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

/**
 * {@link Blocker#candidatesOf(int, int, Blocker.PairSink)} (records probed a group at a time, block
 * bounds from the per-row spans) against {@link Blocker#candidatesOf(int, Blocker.PairSink)} called
 * for each record in turn: the same pairs with the same rules in the same order, on random tables
 * with key rules, refined rules over a small cap, sorted-neighbourhood windows, blocks of one row
 * (a span holds the row) and blocks longer than a span's length field holds.
 */
class GroupProbeTest {
  private static final List<BlockingRuleSpec> RULES = List.of(
      BlockingRuleSpec.of("all", "forename", "surname", "dob", "postcode"), // blocks of one row, first: their pairs are new
      BlockingRuleSpec.of("dob", "dob"),
      BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename:initial", "postcode"),
      BlockingRuleSpec.sortedNeighbourhood("sn_surname", 3, "surname", "forename"),
      BlockingRuleSpec.of("initial_postcode", "forename:initial", "postcode"),
      BlockingRuleSpec.of("sex", "sex"), // two blocks of ~half the right side: longer than 255 rows
      BlockingRuleSpec.sortedNeighbourhood("sn_dob", 2, "dob"),
      BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("dob:year"));

  private static List<int[]> oneByOne(Blocker blocker, int first, int end) {
    List<int[]> out = new ArrayList<>();
    for (int l = first; l < end; l++) {
      blocker.candidatesOf(l, (left, right, rule) -> out.add(new int[] {left, right, rule}));
    }
    return out;
  }

  private static List<int[]> grouped(Blocker blocker, int first, int end) {
    List<int[]> out = new ArrayList<>();
    blocker.candidatesOf(first, end, (left, right, rule) -> out.add(new int[] {left, right, rule}));
    return out;
  }

  private static void assertSame(Blocker blocker, int leftSize, long seed) {
    Random rnd = new Random(seed);
    List<int[]> all = oneByOne(blocker, 0, leftSize);
    assertThat(grouped(blocker, 0, leftSize)).containsExactlyElementsOf(all);
    for (int k = 0; k < 20; k++) { // ranges that start and end inside groups
      int first = rnd.nextInt(leftSize);
      int end = first + rnd.nextInt(leftSize - first + 1);
      assertThat(grouped(blocker, first, end)).containsExactlyElementsOf(oneByOne(blocker, first, end));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 40})
  void link_groupedProbesGiveTheSamePairsInTheSameOrder(int cap) {
    RecordTable left = BlockerTest.randomTable("left.csv", "L", 301, 11);
    RecordTable right = BlockerTest.randomTable("right.csv", "R", 700, 12);
    Blocker blocker = Blocker.build(RULES, EncodedData.encode(left, right), cap);
    if (cap == 1000) {
      assertThat(blocker.indexStats().get(5).largestBlock()).as("a block past a span's length field").isGreaterThan(255);
    } else {
      assertThat(blocker.indexStats()).anyMatch(s -> s.oversizedBlocks() > 0 || !s.refinements().isEmpty());
    }
    assertThat(blocker.indexStats().get(0).blocks()).as("mostly blocks of one row").isGreaterThan(300);
    assertSame(blocker, left.size(), 13);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 40})
  void deduplication_groupedProbesGiveTheSamePairsInTheSameOrder(int cap) {
    RecordTable one = BlockerTest.randomTable("one.csv", "P", 650, 21);
    Blocker blocker = Blocker.build(RULES, EncodedData.encode(one, one), cap);
    assertThat(blocker.isDeduplication()).isTrue();
    assertSame(blocker, one.size(), 22);
  }

  @Test
  void emptyRange_offersNothing() {
    RecordTable left = BlockerTest.randomTable("left.csv", "L", 20, 1);
    Blocker blocker = Blocker.build(RULES, EncodedData.encode(left, left), 10);
    assertThat(grouped(blocker, 7, 7)).isEmpty();
  }
}
