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

/** A pair budget lowers a rule's cap so its largest blocks are refined and pairs per record stop growing. */
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
    // pairs by block size: 1 → 4, 5 → 20, 10 → 20, and refining the 10 by surname gives its 2 left
    // records 1 pair each. 2.6 a left record allows 26: blocks up to 9 fit, the 10 is refined
    EncodedData data = threeBlocks();
    assertThat(Blocker.build(RULES, data, 100, 2.6).cap(0)).isEqualTo(9);
    // 2.4 allows 24 = 4 + 20 for the unrefined blocks, but the refined pairs count too: the 5s are over
    assertThat(Blocker.build(RULES, data, 100, 2.4).cap(0)).isEqualTo(4);
    assertThat(Blocker.build(RULES, data, 100, 4.4).cap(0)).isEqualTo(100); // all 44 pairs fit: no lower cap
    assertThat(Blocker.build(RULES, data, 100, 0).cap(0)).isEqualTo(100);
    assertThat(Blocker.build(RULES, data, 100, 0.1).cap(0)).isEqualTo(Blocker.MIN_CAP);
    assertThat(Blocker.build(RULES, data, 3, 0.1).cap(0)).isEqualTo(3); // never above the spec's cap
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
  void candidatesOf_populationGrows_pairsPerRecordStayWithinTheBudgetWhileUnbudgetedGrow() {
    double budget = 2;
    double[] budgeted = new double[2];
    double[] plain = new double[2];
    int[] sizes = {2_000, 8_000};
    for (int s = 0; s < 2; s++) {
      // 40 birth dates and 2 sexes: blocks grow with the population, surnames (2,000 of them) split them
      EncodedData data = EncodedData.encode(population("l.csv", "L", sizes[s], 10 + s),
          population("r.csv", "R", sizes[s], 20 + s));
      budgeted[s] = produced(Blocker.build(RULES, data, 1000, budget), sizes[s]).size() / (double) sizes[s];
      plain[s] = produced(Blocker.build(RULES, data, 1000), sizes[s]).size() / (double) sizes[s];
    }
    assertThat(plain[1] / plain[0]).isGreaterThan(3.5);
    // every block is over the cap at 8,000 and refined: same dob, sex and surname, about 100 / 2,000 pairs a record
    assertThat(budgeted[1]).isBetween(0.03, 0.08);
    // unrefined blocks give at most the budget; refined ones add about a pair in 2,000 per record
    assertThat(budgeted[0]).isLessThanOrEqualTo(budget + 0.5);
    assertThat(budgeted[1]).isLessThanOrEqualTo(budget + 0.5);
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
      rows[i] = person(prefix + i, "x", null, name(rnd.nextInt(2000)), String.format("1990-%02d-%02d",
          1 + rnd.nextInt(4), 1 + rnd.nextInt(10)), rnd.nextBoolean() ? "m" : "f", null, null);
    }
    return table(source, TestTables.PERSON, rows);
  }
}
