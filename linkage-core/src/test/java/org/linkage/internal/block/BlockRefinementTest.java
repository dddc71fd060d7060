package org.linkage.internal.block;

import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linkage.TestTables.person;
import static org.linkage.TestTables.table;
import static org.linkage.internal.block.BlockerTest.expectedKey;
import static org.linkage.internal.block.BlockerTest.pair;
import static org.linkage.internal.block.BlockerTest.produced;
import static org.linkage.internal.block.BlockerTest.randomTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.linkage.TestTables;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;

/** Blocks over the cap split by refinement parts: exactly the pairs the definition in {@link Blocker} gives. */
class BlockRefinementTest {

  /** Six john smiths on the right (4 born 1990: 2 in SW, 1 in M, 1 in LS; 2 born 1991) and a mary jones. */
  private static RecordTable smiths() {
    return table("r.csv", TestTables.PERSON,
        person("R0", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", null),
        person("R1", "john", null, "smith", "1990-02-02", "m", "SW7 2BB", null),
        person("R2", "john", null, "smith", "1990-03-03", "m", "M1 1AE", null),
        person("R3", "john", null, "smith", "1990-04-04", "m", "LS6 3HN", null),
        person("R4", "john", null, "smith", "1991-05-05", "m", "SW1A 1AA", null),
        person("R5", "john", null, "smith", "1991-06-06", "m", "M1 1AE", null),
        person("R6", "mary", null, "jones", "1990-01-01", "f", "SW1A 1AA", null));
  }

  @Test
  void candidatesOf_blockOverCapRefinedTwice_exactlyTheSubBlockPairs() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-07-07", "m", "SW9 9ZZ", null), // 1990 is over the cap, then SW: R0 R1
        person("L1", "john", null, "smith", "1991-08-08", "m", "M2 2AA", null), // 1991 fits: R4 R5
        person("L2", "john", null, "smith", "1992-09-09", "m", "SW1A 1AA", null), // 1992 fits, empty
        person("L3", "john", null, "smith", null, "m", "SW1A 1AA", null), // no year to refine by: skipped
        person("L4", "mary", null, "jones", "1970-01-01", "f", null, null), // block of 1 fits unrefined
        person("L5", "john", null, "smith", "1990-07-07", "m", null, null)); // no area at level 2: skipped
    List<BlockingRuleSpec> rules = List.of(
        BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("dob:year", "postcode:area"));
    Blocker blocker = Blocker.build(rules, EncodedData.encode(left, smiths()), 3);

    assertThat(produced(blocker, 6)).containsExactly(pair(0, 0), pair(0, 1), pair(1, 4), pair(1, 5), pair(4, 6));
    for (int l = 0; l < 6; l++) {
      for (int r = 0; r < 7; r++) {
        boolean made = List.of(pair(0, 0), pair(0, 1), pair(1, 4), pair(1, 5), pair(4, 6)).contains(pair(l, r));
        assertThat(blocker.generates(0, l, r)).as("generates(%s, %s)", l, r).isEqualTo(made);
        assertThat(blocker.ruleOf(l, r)).isEqualTo(made ? 0 : -1);
      }
    }
    assertThat(blocker.sharesKey(0, 0, 4)).isTrue(); // same name: the key is shared even where refinement splits
    assertThat(blocker.isOversized(0, 3)).isTrue();
    assertThat(blocker.isOversized(0, 5)).isTrue();
    assertThat(blocker.isOversized(0, 2)).isFalse();
    assertThat(blocker.blockSizeOf(0, 0)).isEqualTo(2);
    assertThat(blocker.blockSizeOf(0, 2)).isZero();

    Blocker.IndexStats s = blocker.indexStats().get(0);
    assertThat(s.blocks()).isEqualTo(2);
    assertThat(s.largestBlock()).isEqualTo(6);
    assertThat(s.refinedBlocks()).isEqualTo(1);
    assertThat(s.refinements()).containsExactly(new Blocker.Refinement("dob:year", 1, 2, 4),
        new Blocker.Refinement("postcode:area", 1, 3, 2));
    assertThat(s.oversizedBlocks()).isZero();
    assertThat(s.recordsInOversizedBlocks()).isZero();
    // L0: 6 − 2, L1: 6 − 2, L2: 6 − 0
    assertThat(s.pairsAvoided()).isEqualTo(14);
    assertThat(blocker.oversizeWarnings()).isEmpty();
    assertThat(BlockingAnalysis.refinementLine(s)).doesNotContain("john").doesNotContain("1990").doesNotContain("SW")
        .contains("forename_surname").contains("dob:year").contains("14 pairs avoided");
  }

  @Test
  void candidatesOf_stillOverCapAfterLastPart_skippedAndReported() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-07-07", "m", null, null),
        person("L1", "john", null, "smith", "1991-07-07", "m", null, null));
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("fs", "forename", "surname").refinedBy("dob:year"));
    Blocker blocker = Blocker.build(rules, EncodedData.encode(left, smiths()), 3);

    // 1990 holds 4 john smiths, over the cap with no part left: L0 gets nothing; 1991 holds 2
    assertThat(produced(blocker, 2)).containsExactly(pair(1, 4), pair(1, 5));
    assertThat(blocker.isOversized(0, 0)).isTrue();
    Blocker.IndexStats s = blocker.indexStats().get(0);
    assertThat(s.refinements()).containsExactly(new Blocker.Refinement("dob:year", 1, 2, 4));
    assertThat(s.oversizedBlocks()).isEqualTo(1);
    assertThat(s.recordsInOversizedBlocks()).isEqualTo(4);
    assertThat(blocker.oversizeWarnings()).singleElement().asString().contains("fs").contains("dob:year")
        .contains("4 right-side record").doesNotContain("john").doesNotContain("1990");
  }

  @Test
  void candidatesOf_randomDataWithRefinement_matchesDefinitionLinkageAndDeduplication() {
    List<BlockingRuleSpec> rules = List.of(
        BlockingRuleSpec.of("dob", "dob").refinedBy("forename:initial"),
        BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename", "postcode"),
        BlockingRuleSpec.of("initial_postcode", "forename:initial", "postcode"),
        BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("dob:year", "postcode", "dob"));
    RecordTable left = randomTable("left.csv", "L", 300, 11);
    RecordTable right = randomTable("right.csv", "R", 320, 12);
    for (boolean dedup : new boolean[] {false, true}) {
      RecordTable r = dedup ? left : right;
      int cap = 6;
      Blocker blocker = Blocker.build(rules, EncodedData.encode(left, r), cap);
      Map<Long, Integer> expected = expectedPairs(rules, left, r, dedup, cap);
      Map<Long, Integer> got = new HashMap<>();
      for (int l = 0; l < left.size(); l++) {
        blocker.candidatesOf(l, (lo, ro, rule) -> assertThat(got.put(pair(lo, ro), rule)).isNull());
      }
      assertThat(got).as("dedup %s", dedup).isEqualTo(expected);
      for (int l = 0; l < left.size(); l++) {
        for (int ro = dedup ? l + 1 : 0; ro < r.size(); ro++) {
          assertThat(blocker.ruleOf(l, ro)).isEqualTo(got.getOrDefault(pair(l, ro), -1));
        }
      }
      assertThat(blocker.indexStats()).anyMatch(s -> s.refinedBlocks() > 0).anyMatch(s -> s.oversizedBlocks() > 0);
      assertThat(expected.size()).isGreaterThan(500);
    }
  }

  @Test
  void build_refinedLevels_numberedAsTheHashOfAllTheirParts() {
    // a level's blocks come from the block before and one more part's code; they must be the blocks
    // (and numbers, in order of first appearance) that hashing all the level's parts gives
    List<BlockingRuleSpec> rules = List.of(
        BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename", "postcode"),
        BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("dob:year", "postcode:area", "dob"));
    RecordTable left = randomTable("left.csv", "L", 400, 21);
    RecordTable right = randomTable("right.csv", "R", 420, 22);
    for (boolean dedup : new boolean[] {false, true}) {
      EncodedData data = EncodedData.encode(left, dedup ? left : right);
      for (double budget : new double[] {0, 2}) {
        Blocker blocker = Blocker.build(rules, data, 5, budget);
        int checked = 0;
        for (int q = 0; q < rules.size(); q++) {
          KeyFunction key = KeyFunction.of(rules.get(q));
          for (int level = 1; level < blocker.levels(q); level++) {
            long[] rightKeys = key.refinedKeys(data, 1, level);
            long[] leftKeys = key.refinedKeys(data, 0, level);
            Map<Long, Long> numberOf = new HashMap<>();
            for (int row = 0; row < data.rightSize(); row++) {
              long got = blocker.rightKey(q, level, row);
              if (got == Blocker.NO_KEY) {
                continue;
              }
              assertThat(rightKeys[row]).isNotEqualTo(Blocker.NO_KEY);
              long expected = numberOf.computeIfAbsent(rightKeys[row], k -> (long) numberOf.size());
              assertThat(got).as("rule %s level %s right row %s", q, level, row).isEqualTo(expected);
              checked++;
            }
            for (int row = 0; row < data.leftSize(); row++) {
              if (blocker.probeLevel(q, row) == level && blocker.probeKey(q, row) >= 0) {
                assertThat(blocker.probeKey(q, row)).isEqualTo(numberOf.get(leftKeys[row]));
              }
            }
          }
        }
        assertThat(checked).as("dedup %s budget %s", dedup, budget).isGreaterThan(100);
      }
    }
  }

  @Test
  void refinementCodes_withTheKeyParts_hashToTheRefinedKey() {
    BlockingRuleSpec rule = BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename:initial",
        "postcode:area");
    EncodedData data = EncodedData.encode(randomTable("l.csv", "L", 200, 5), randomTable("r.csv", "R", 200, 6));
    KeyFunction key = KeyFunction.of(rule);
    for (int side = 0; side < 2; side++) {
      int[][] parts = key.partCodes(data, side);
      int[] first = key.refinementCodes(data, side, 1);
      int[] second = key.refinementCodes(data, side, 2);
      long[] expected = key.refinedKeys(data, side, 2);
      for (int row = 0; row < 200; row++) {
        long h = KeyHash.START;
        boolean missing = false;
        for (int[] codes : new int[][] {parts[0], parts[1], first, second}) {
          missing |= codes[row] < 0;
          h = missing ? h : KeyHash.add(h, codes[row]);
        }
        assertThat(missing ? Blocker.NO_KEY : KeyHash.finish(h)).isEqualTo(expected[row]);
      }
    }
    assertThatThrownBy(() -> key.refinementCodes(data, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key.refinementCodes(data, 0, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Pair → first rule generating it, straight from the definition on raw values. */
  private static Map<Long, Integer> expectedPairs(List<BlockingRuleSpec> rules, RecordTable left, RecordTable right,
      boolean dedup, int cap) {
    Map<Long, Integer> out = new HashMap<>();
    for (int q = 0; q < rules.size(); q++) {
      BlockingRuleSpec rule = rules.get(q);
      List<KeyPart> all = rule.allParts();
      int levels = rule.refineBy().size() + 1;
      // right records per key at each level (a key at level i extends its key at level i-1)
      List<Map<List<Object>, Integer>> sizes = new ArrayList<>();
      for (int i = 0; i < levels; i++) {
        Map<List<Object>, Integer> m = new HashMap<>();
        for (int r = 0; r < right.size(); r++) {
          List<Object> k = expectedKey(all.subList(0, rule.parts().size() + i), right, r);
          if (k != null) {
            m.merge(k, 1, Integer::sum);
          }
        }
        sizes.add(m);
      }
      for (int l = 0; l < left.size(); l++) {
        int level = -1;
        for (int i = 0; i < levels; i++) {
          List<Object> k = expectedKey(all.subList(0, rule.parts().size() + i), left, l);
          if (k == null) {
            break;
          }
          if (sizes.get(i).getOrDefault(k, 0) <= cap) {
            level = i;
            break;
          }
        }
        if (level < 0) {
          continue;
        }
        List<KeyPart> parts = all.subList(0, rule.parts().size() + level);
        List<Object> k = expectedKey(parts, left, l);
        for (int r = dedup ? l + 1 : 0; r < right.size(); r++) {
          if (k.equals(expectedKey(parts, right, r))) {
            out.putIfAbsent(pair(l, r), q);
          }
        }
      }
    }
    return out;
  }

  @Test
  void analysis_oneAndTwoThreads_samePairsPerRule() throws Exception {
    List<BlockingRuleSpec> rules = List.of(
        BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename", "postcode"),
        BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("dob:year"));
    EncodedData data = EncodedData.encode(randomTable("l.csv", "L", 9000, 21), randomTable("r.csv", "R", 9000, 22));
    Blocker blocker = Blocker.build(rules, data, 40);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      BlockingAnalysis one = BlockingAnalysis.of(blocker, null);
      BlockingAnalysis two = BlockingAnalysis.of(blocker, pool);
      assertThat(two.rules()).isEqualTo(one.rules());
      assertThat(one.rules()).allMatch(f -> f.index().refinedBlocks() > 0);
      // rebuilding gives the same index: building does not depend on anything but the data
      assertThat(Blocker.build(rules, data, 40).indexStats()).isEqualTo(blocker.indexStats());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void blockingRuleSpec_refinedBy_immutableAndValidated() {
    BlockingRuleSpec plain = BlockingRuleSpec.of("fs", "forename", "surname");
    BlockingRuleSpec refined = plain.refinedBy("dob:year", "postcode:area");
    assertThat(plain.refineBy()).isEmpty();
    assertThat(refined.refineBy()).containsExactly(KeyPart.parse("dob:year"), KeyPart.parse("postcode:area"));
    assertThat(refined.columns()).containsExactly("forename", "surname");
    assertThat(refined.allParts()).hasSize(4);
    assertThat(refined).isNotEqualTo(plain);
    assertThatThrownBy(() -> refined.refineBy().add(KeyPart.parse("sex"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plain.refinedBy("dob:soundex")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("soundex");
    assertThatThrownBy(() -> plain.refinedBy("surname")).hasMessageContaining("already a key part");
    assertThatThrownBy(() -> plain.refinedBy("sex", "sex")).hasMessageContaining("twice");
    assertThatThrownBy(() -> BlockingRuleSpec.sortedNeighbourhood("sn", 3, "surname").refinedBy("dob:year"))
        .hasMessageContaining("sorted-neighbourhood");
  }

  @Test
  void build_refinementPartOnUnknownOrUnfitColumn_problemListed() {
    RecordTable t = table("l.csv", TestTables.PERSON, person("L0", "john", null, "smith", "1990-01-01", "m", null, null));
    EncodedData data = EncodedData.encode(t, t);
    assertThatThrownBy(() -> Blocker.build(List.of(BlockingRuleSpec.of("fs", "forename").refinedBy("shoe_size",
        "surname:year")), data, 10))
        .isInstanceOfSatisfying(org.linkage.error.InvalidSpecException.class, e -> assertThat(e.problems()).hasSize(2)
            .anyMatch(p -> p.contains("shoe_size")).anyMatch(p -> p.contains("surname:year")));
  }
}
