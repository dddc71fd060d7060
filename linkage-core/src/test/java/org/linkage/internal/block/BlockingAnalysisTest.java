package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

class BlockingAnalysisTest {

  /** Brute force: per rule, pairs it generates alone and pairs it owns (first rule). */
  private static long[][] bruteCounts(Blocker b) {
    int rules = b.rules().size();
    long[] alone = new long[rules];
    long[] owned = new long[rules];
    for (int l = 0; l < b.leftSize(); l++) {
      for (int r = 0; r < b.rightSize(); r++) {
        if (b.isDeduplication() && r <= l) {
          continue;
        }
        for (int q = 0; q < rules; q++) {
          if (b.sharesKey(q, l, r) && !b.isOversized(q, l)) {
            alone[q]++;
          }
        }
        int owner = b.ruleOf(l, r);
        if (owner >= 0) {
          owned[owner]++;
        }
      }
    }
    return new long[][] {alone, owned};
  }

  private static void assertCountsMatchBruteForce(Blocker b) {
    BlockingAnalysis a = BlockingAnalysis.of(b, null);
    long[][] brute = bruteCounts(b);
    long cumulative = 0;
    long possible = b.isDeduplication() ? (long) b.leftSize() * (b.leftSize() - 1) / 2 : (long) b.leftSize() * b.rightSize();
    for (int q = 0; q < b.rules().size(); q++) {
      BlockingAnalysis.RuleFigures f = a.rules().get(q);
      cumulative += brute[1][q];
      assertThat(f.rule()).isEqualTo(b.rules().get(q).name());
      assertThat(f.pairsAlone()).as("pairs alone, rule %s", q).isEqualTo(brute[0][q]);
      assertThat(f.newPairs()).as("new pairs, rule %s", q).isEqualTo(brute[1][q]);
      assertThat(f.cumulativePairs()).isEqualTo(cumulative);
      assertThat(f.reductionRatio()).isCloseTo(1 - (double) cumulative / possible, within(1e-12));
      assertThat(f.pairCompleteness()).isNaN();
    }
    assertThat(a.possiblePairs()).isEqualTo(possible);
    assertThat(a.candidatePairs()).isEqualTo(cumulative).isPositive();
  }

  @Test
  void of_linkageWithOverlappingRulesAndCap_countsEqualBruteForce() {
    assertCountsMatchBruteForce(Blocker.build(BlockingFixtures.overlappingRules(), BlockingFixtures.linkage(300, 250, 2), 20));
    assertCountsMatchBruteForce(Blocker.build(BlockingFixtures.overlappingRules(), BlockingFixtures.linkage(300, 250, 2), 100_000));
  }

  @Test
  void of_deduplication_countsUnorderedPairsOnce() {
    assertCountsMatchBruteForce(Blocker.build(BlockingFixtures.overlappingRules(), BlockingFixtures.deduplication(300, 6), 20));
  }

  @Test
  void of_truth_pairCompletenessPerRuleAndCumulative() {
    EncodedData data = BlockingFixtures.linkage(300, 300, 12);
    Blocker b = Blocker.build(BlockingFixtures.overlappingRules(), data, 25);
    Random rnd = new Random(1);
    int n = 500;
    int[] tl = new int[n];
    int[] tr = new int[n];
    for (int i = 0; i < n; i++) {
      tl[i] = rnd.nextInt(300);
      tr[i] = rnd.nextInt(300);
    }
    BlockingAnalysis a = BlockingAnalysis.of(b, new BlockingAnalysis.TruthRows(tl, tr, 0), null);
    long cumulativeFound = 0;
    for (int q = 0; q < b.rules().size(); q++) {
      long alone = 0;
      long first = 0;
      for (int i = 0; i < n; i++) {
        alone += b.sharesKey(q, tl[i], tr[i]) && !b.isOversized(q, tl[i]) ? 1 : 0;
        first += b.ruleOf(tl[i], tr[i]) == q ? 1 : 0;
      }
      cumulativeFound += first;
      BlockingAnalysis.RuleFigures f = a.rules().get(q);
      assertThat(f.pairCompleteness()).isCloseTo((double) alone / n, within(1e-12));
      assertThat(f.cumulativePairCompleteness()).isCloseTo((double) cumulativeFound / n, within(1e-12));
    }
    assertThat(a.pairCompleteness()).isBetween(0.01, 0.99);
    assertThat(a.truePairs()).isEqualTo(n);
  }

  @Test
  void of_truthOfProducedPairs_pairCompletenessOne() {
    EncodedData data = BlockingFixtures.linkage(200, 200, 13);
    Blocker b = Blocker.build(BlockingFixtures.overlappingRules(), data, 30);
    List<int[]> produced = new ArrayList<>();
    for (int l = 0; l < 200; l += 7) {
      b.candidatesOf(l, (x, r, q) -> produced.add(new int[] {x, r}));
    }
    int[] tl = produced.stream().mapToInt(p -> p[0]).toArray();
    int[] tr = produced.stream().mapToInt(p -> p[1]).toArray();
    assertThat(BlockingAnalysis.of(b, new BlockingAnalysis.TruthRows(tl, tr, 0), null).pairCompleteness()).isEqualTo(1.0);
  }

  @Test
  void of_oneOrTwoThreads_sameFigures() {
    EncodedData data = BlockingFixtures.linkage(12_000, 2_000, 14);
    Blocker b = Blocker.build(BlockingFixtures.overlappingRules(), data, 300);
    ExecutorService one = Executors.newFixedThreadPool(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      assertThat(BlockingAnalysis.of(b, two).toMap()).isEqualTo(BlockingAnalysis.of(b, one).toMap())
          .isEqualTo(BlockingAnalysis.of(b, null).toMap());
    } finally {
      one.shutdown();
      two.shutdown();
    }
  }

  @Test
  void truthRows_fromIds_unknownIdsCountedAsUnresolved() {
    EncodedData data = BlockingFixtures.linkage(50, 40, 15);
    BlockingAnalysis.TruthRows t = BlockingAnalysis.TruthRows.fromIds(data, List.of("L3", "L7", "L999", "L1"),
        List.of("R0", "R39", "R1", "R40"));
    assertThat(t.left()).containsExactly(3, 7);
    assertThat(t.right()).containsExactly(0, 39);
    assertThat(t.unresolved()).isEqualTo(2);
  }

  @Test
  void fromCounts_cumulativeAndReductionRatio() {
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("a", "dob"), BlockingRuleSpec.sortedNeighbourhood("b", 3, "surname"));
    List<Blocker.IndexStats> stats = List.of(new Blocker.IndexStats("a", 5, 9, 0, 0, 100), new Blocker.IndexStats("b", 4, 30, 1, 12, 100));
    BlockingAnalysis a = BlockingAnalysis.fromCounts(rules, new long[] {100, 50}, stats, 100, 200, false);
    assertThat(a.rules().get(1).cumulativePairs()).isEqualTo(150);
    assertThat(a.rules().get(1).kind()).isEqualTo("sorted_neighbourhood(3)");
    assertThat(a.reductionRatio()).isCloseTo(1 - 150.0 / 20_000, within(1e-12));
    assertThat(a.pairsPerLeftRecord()).isEqualTo(1.5);
    assertThat(a.toTable()).contains("a ").contains("b ").contains("150");
  }

  // --- oversized blocks: named by rule and size, never by key -----------------------------------

  /** Rules of their own, so these tests do not depend on the defaults: the second one's block is oversized. */
  private static final List<BlockingRuleSpec> OVERSIZE_RULES = List.of(
      BlockingRuleSpec.of("nino", "nino"), BlockingRuleSpec.of("dob_forename_initial", "dob", "forename:initial"));

  private static RecordTable persons(String prefix, int n, String forename, String dob) {
    LinkageSpec spec = LinkageSpec.personDefaults();
    RecordTable.Builder b = RecordTable.builder(prefix, spec.columns());
    for (int i = 0; i < n; i++) {
      // columns: forename, middle_name, surname, dob, sex, postcode, nino
      b.add(prefix + i, new String[] {forename, null, "SURNAME" + (char) ('A' + i % 26) + (char) ('A' + i / 26), dob,
          null, null, null}, i + 2);
    }
    return b.build();
  }

  @Test
  void oversizeWarnings_nameRuleAndSizeNeverKey() {
    EncodedData data = EncodedData.encode(persons("E", 30, "ZEBEDEE", "1977-07-17"), persons("L", 40, "ZEBEDEE", "1977-07-17"));
    Blocker b = Blocker.build(OVERSIZE_RULES, data, 10);
    List<String> warnings = b.oversizeWarnings();
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("dob_forename_initial").contains("larger than 10")
        .contains("largest 40"));
    assertThat(String.join("\n", warnings)).doesNotContainIgnoringCase("ZEBEDEE").doesNotContain("1977")
        .doesNotContain("SURNAME");
    assertThat(BlockingAnalysis.of(b, null).toTable()).doesNotContainIgnoringCase("ZEBEDEE").doesNotContain("1977");
    // the whole block is skipped: that rule produces nothing
    assertThat(BlockingAnalysis.of(b, null).rules().get(1).newPairs()).isZero();
  }

  @Test
  void link_oversizedBlock_runWarningNamesRuleAndSizeNeverKey() {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().maxBlockSize(10).blockingRules(OVERSIZE_RULES)
        .strategy(LinkageSpec.Strategy.DETERMINISTIC).build();
    LinkageResult result = Linker.create(spec).withThreads(1)
        .link(persons("E", 30, "ZEBEDEE", "1977-07-17"), persons("L", 40, "ZEBEDEE", "1977-07-17"));
    List<String> warnings = result.report().warnings();
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("dob_forename_initial").contains("40"));
    assertThat(String.join("\n", warnings)).doesNotContainIgnoringCase("ZEBEDEE").doesNotContain("1977");
  }
}
