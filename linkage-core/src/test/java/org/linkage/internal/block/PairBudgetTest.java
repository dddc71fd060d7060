package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.TestTables.person;
import static org.linkage.TestTables.table;
import static org.linkage.internal.block.BlockerTest.produced;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linkage.TestTables;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

/**
 * A pair budget refines the largest blocks first, across all rules, until the candidate pairs of
 * all rules together (each once) fit, so pairs per record stop growing with the population.
 */
class PairBudgetTest {

  private static final List<BlockingRuleSpec> RULES =
      List.of(BlockingRuleSpec.of("dob_sex", "dob", "sex").refinedBy("surname", "postcode"));

  /** Right blocks of 10, 5 and 1 records (dobs A, B, C); left: 2 in A, 4 in B, 4 in C. */
  private static EncodedData threeBlocks() {
    List<String[]> right = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String dob = i < 10 ? "1990-01-01" : i < 15 ? "1991-01-01" : "1992-01-01";
      right.add(person("R" + i, "x", null, name(i), dob, "m", null, null));
    }
    List<String[]> left = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String dob = i < 2 ? "1990-01-01" : i < 6 ? "1991-01-01" : "1992-01-01";
      left.add(person("L" + i, "x", null, name(i), dob, "m", null, null));
    }
    return EncodedData.encode(table("l.csv", TestTables.PERSON, left.toArray(String[][]::new)),
        table("r.csv", TestTables.PERSON, right.toArray(String[][]::new)));
  }

  @Test
  void cap_budgetBetweenBlockSizes_largestBlocksOverIt() {
    // pairs: 20 from the 10 (2 left records), 20 from the 5, 4 from the 1 = 4.4 a left record.
    // Refined by surname the 10 gives its 2 left records 1 pair each (26 in all) and the 5 gives none (6)
    EncodedData data = threeBlocks();
    assertThat(Blocker.build(RULES, data, 100, 2.6).cap(0)).isEqualTo(9);
    assertThat(Blocker.build(RULES, data, 100, 2.5).cap(0)).isEqualTo(Blocker.MIN_CAP); // the 5 is refined too
    assertThat(Blocker.build(RULES, data, 100, 4.4).cap(0)).isEqualTo(100); // all 44 pairs fit: no lower cap
    assertThat(Blocker.build(RULES, data, 100, 0).cap(0)).isEqualTo(100);
    assertThat(Blocker.build(RULES, data, 100, 0.1).cap(0)).isEqualTo(Blocker.MIN_CAP); // cannot be met: lowest cap
    assertThat(Blocker.build(RULES, data, 3, 0.1).cap(0)).isEqualTo(3); // never above the spec's cap
  }

  @Test
  void cap_rulesGiveTheSamePairs_eachPairCountedOnce() {
    // the second rule generates the first one's pairs: 4.4 a record in all, not 8.8
    List<BlockingRuleSpec> twice = List.of(RULES.get(0),
        BlockingRuleSpec.of("dob", "dob").refinedBy("surname"));
    EncodedData data = threeBlocks();
    assertThat(Blocker.build(twice, data, 100, 4.4).cap(1)).isEqualTo(100);
    Blocker budgeted = Blocker.build(twice, data, 100, 2.6);
    assertThat(List.of(budgeted.cap(0), budgeted.cap(1))).containsExactly(9, 9);
    assertThat(produced(budgeted, 10)).hasSize(26); // 2 from the refined 10, 20 and 4
  }

  @Test
  void cap_ruleWithoutRefinementParts_keepsTheSpecsCap() {
    List<BlockingRuleSpec> plain = List.of(BlockingRuleSpec.of("dob_sex", "dob", "sex"));
    assertThat(Blocker.build(plain, threeBlocks(), 100, 0.1).cap(0)).isEqualTo(100);
  }

  @Test
  void candidatesOf_withBudget_sameAsTheSpecCapItChose() {
    EncodedData data = EncodedData.encode(BlockerTest.randomTable("l.csv", "L", 400, 3),
        BlockerTest.randomTable("r.csv", "R", 380, 4));
    Blocker budgeted = Blocker.build(RULES, data, 100, 1.5);
    int cap = budgeted.cap(0);
    assertThat(cap).isLessThan(100);
    assertThat(produced(budgeted, 400)).containsExactlyElementsOf(produced(Blocker.build(RULES, data, cap), 400));
  }

  @Test
  void build_withBudget_sameLevelsAsTheSpecCapItChose() {
    // the chosen cap's levels are renumbered from the budget's search, not keyed again: same blocks, both modes
    RecordTable t = population("t.csv", "T", 3_000, 5);
    for (EncodedData data : List.of(EncodedData.encode(population("l.csv", "L", 3_000, 6), t),
        EncodedData.encode(t, t))) {
      Blocker budgeted = Blocker.build(RULES, data, 100, 1.5);
      Blocker plain = Blocker.build(RULES, data, budgeted.cap(0));
      assertThat(budgeted.cap(0)).isLessThan(100);
      assertThat(budgeted.indexStats()).isEqualTo(plain.indexStats());
      for (int row = 0; row < 3_000; row++) {
        assertThat(budgeted.probeLevel(0, row)).isEqualTo(plain.probeLevel(0, row));
        assertThat(budgeted.probeKey(0, row)).isEqualTo(plain.probeKey(0, row));
      }
      assertThat(produced(budgeted, 3_000)).containsExactlyElementsOf(produced(plain, 3_000));
    }
  }

  @Test
  void candidatesOf_populationGrowsFourfold_pairsPerRecordDoNotGrow() {
    // blocks by birth date (100 of them) and by surname (500): 20 and 4 records at 2,000, 80 and 16 at 8,000.
    // A budget per rule lets the surname blocks, under it at 2,000, reach it at 8,000; a total does not
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("dob", "dob").refinedBy("surname"),
        BlockingRuleSpec.of("surname", "surname").refinedBy("dob"));
    double budget = 8;
    double[] budgeted = new double[2];
    double[] plain = new double[2];
    int[] sizes = {2_000, 8_000};
    for (int s = 0; s < 2; s++) {
      EncodedData data = EncodedData.encode(population("l.csv", "L", sizes[s], 10 + s),
          population("r.csv", "R", sizes[s], 20 + s));
      budgeted[s] = produced(Blocker.build(rules, data, 1000, budget), sizes[s]).size() / (double) sizes[s];
      plain[s] = produced(Blocker.build(rules, data, 1000), sizes[s]).size() / (double) sizes[s];
    }
    assertThat(plain[1] / plain[0]).isGreaterThan(3.5);
    // the budget is spent, not exceeded, at both sizes (one step refines every block of one size of
    // one rule, so it is spent to within a step): the cost per record is the same
    assertThat(budgeted[0]).isBetween(0.9 * budget, budget);
    assertThat(budgeted[1]).isBetween(0.9 * budget, budget);
    assertThat(budgeted[1] / budgeted[0]).isBetween(0.95, 1.05);
  }

  @Test
  void cap_oneThreadOrMany_sameCapsAndPairs() throws Exception {
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("dob", "dob").refinedBy("surname"),
        BlockingRuleSpec.of("surname", "surname").refinedBy("dob"));
    EncodedData data = EncodedData.encode(population("l.csv", "L", 8_000, 11), population("r.csv", "R", 8_000, 21));
    // the budget's pairs are counted on the pool the build runs in
    java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
    java.util.concurrent.ForkJoinPool four = new java.util.concurrent.ForkJoinPool(4);
    try {
      Blocker a = one.submit(() -> Blocker.build(rules, data, 1000, 8)).get();
      Blocker b = four.submit(() -> Blocker.build(rules, data, 1000, 8)).get();
      assertThat(List.of(a.cap(0), a.cap(1))).isEqualTo(List.of(b.cap(0), b.cap(1)));
      assertThat(produced(a, 8_000)).isEqualTo(produced(b, 8_000));
    } finally {
      one.shutdown();
      four.shutdown();
    }
  }

  @Test
  void build_oneGiantNameBlock_sampleHoldsAtMostTheCapPerSampledRow() {
    // every record has one surname: its block holds all 4,000 right records, birth dates split it into ~6s.
    // Holding the unrefined block would be 4,000 right rows per sampled row
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("surname", "surname").refinedBy("dob"),
        BlockingRuleSpec.of("dob", "dob").refinedBy("surname"));
    int n = 4_000;
    int maxBlockSize = 50;
    EncodedData data = EncodedData.encode(oneSurname("l.csv", "L", n, 12), oneSurname("r.csv", "R", n, 22));
    Blocker budgeted = Blocker.build(rules, data, maxBlockSize, 3);
    assertThat(budgeted.budgetSampleRows()).isEqualTo(n);
    assertThat(budgeted.budgetSampleHeld()).isPositive()
        .isLessThanOrEqualTo((long) rules.size() * maxBlockSize * budgeted.budgetSampleRows());
    // the sample still decides: the budget is spent, within one step
    assertThat(budgeted.cap(0)).isLessThan(maxBlockSize);
    assertThat(produced(budgeted, n).size()).isLessThanOrEqualTo(3 * n);
  }

  private static RecordTable oneSurname(String source, String prefix, int n, long seed) {
    Random rnd = new Random(seed);
    String[][] rows = new String[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = person(prefix + i, "x", null, "smith", String.format("19%02d-%02d-%02d", 60 + rnd.nextInt(2),
          1 + rnd.nextInt(12), 1 + rnd.nextInt(28)), "m", null, null);
    }
    return table(source, TestTables.PERSON, rows);
  }

  /** A surname made of letters only (names are normalised to letters). */
  private static String name(int i) {
    StringBuilder sb = new StringBuilder("s");
    do {
      sb.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return sb.toString();
  }

  private static RecordTable population(String source, String prefix, int n, long seed) {
    Random rnd = new Random(seed);
    String[][] rows = new String[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = person(prefix + i, "x", null, name(rnd.nextInt(500)), String.format("1990-%02d-%02d",
          1 + rnd.nextInt(4), 1 + rnd.nextInt(25)), rnd.nextBoolean() ? "m" : "f", null, null);
    }
    return table(source, TestTables.PERSON, rows);
  }
}
