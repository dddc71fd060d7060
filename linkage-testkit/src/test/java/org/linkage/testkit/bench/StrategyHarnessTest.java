package org.linkage.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;

class StrategyHarnessTest {
  private static final String DATASET = "generated 2,000";
  private static final String NEAR_DEFAULT = "threshold 0.71";
  private static final String CASCADE_ONLY = "cascade only";

  private static HarnessResults results;

  @BeforeAll
  static void runHarness() {
    results = harness(2).run();
  }

  /** Every built-in plus two user specs: one a hair from the default, one far from it. */
  private static StrategyHarness harness(int threads) {
    LinkageSpec person = LinkageSpec.personDefaults();
    List<Strategy> strategies = new java.util.ArrayList<>(
        Arrays.stream(StrategyKind.values()).map(Strategy::builtin).toList());
    strategies.add(Strategy.of(NEAR_DEFAULT, person.toBuilder().threshold(0.71).build()));
    strategies.add(Strategy.of(CASCADE_ONLY, person.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build()));
    return StrategyHarness.builder().datasets(List.of(BenchDataset.generated(2_000, 3))).strategies(strategies)
        .seed(3).threads(threads).replicates(200).build();
  }

  @Test
  void run_twoThousandLearners_hasEveryStrategyOnce() {
    assertThat(results.rows()).extracting(ResultRow::strategy).startsWith(
        Arrays.stream(StrategyKind.values()).map(StrategyKind::label).toArray(String[]::new))
        .endsWith(NEAR_DEFAULT, CASCADE_ONLY).hasSize(StrategyKind.values().length + 2);
    assertThat(results.rows()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo(DATASET));
    assertThat(results.datasets()).singleElement().satisfies(d -> {
      assertThat(d.leftRecords()).isBetween(1_500, 2_000);
      assertThat(d.truePairs()).isBetween(1_500, 2_000);
      assertThat(d.rejectedRows()).isZero();
    });
    int n = results.rows().size();
    assertThat(results.differences()).hasSize(n * (n - 1) / 2);
  }

  @Test
  void run_everyRunStrategy_hasSaneValuesAndIntervalsAroundThem() {
    for (ResultRow r : results.rows()) {
      assertThat(r.isSkipped()).as(r.strategy()).isFalse();
      assertThat(r.evaluation().f1()).as(r.strategy()).isBetween(0.0, 1.0);
      assertThat(r.intervals().precision().contains(r.evaluation().precision())).as(r.strategy()).isTrue();
      assertThat(r.intervals().recall().contains(r.evaluation().recall())).as(r.strategy()).isTrue();
      assertThat(r.intervals().f1().contains(r.evaluation().f1())).as(r.strategy()).isTrue();
      // about 1,800 true pairs: a 95% interval of recall is a few points wide, not zero and not 20
      assertThat(r.intervals().recall().width()).as(r.strategy()).isBetween(0.002, 0.08);
      assertThat(r.seconds()).isPositive();
      assertThat(r.peakHeapMb()).isPositive();
      if (r.candidatePairs() < 0) {
        assertThat(r.pairCompleteness()).isNaN();
        assertThat(r.pairsPerSecond()).isNaN();
      } else {
        assertThat(r.pairCompleteness()).isBetween(0.5, 1.0);
        assertThat(r.pairsPerSecond()).isPositive();
      }
    }
  }

  @Test
  void run_fsTrained_reachesF1OfNinetyPercentWithinTheBlockingCeiling() {
    ResultRow trained = results.row(DATASET, StrategyKind.FS_TRAINED).orElseThrow();
    assertThat(trained.evaluation().f1()).isGreaterThanOrEqualTo(0.9);
    // the FS pass only links candidate pairs, so its recall cannot beat pair completeness
    assertThat(trained.evaluation().recall()).isLessThanOrEqualTo(trained.pairCompleteness());
  }

  @Test
  void run_reducedBlocking_comparesFewerPairs() {
    ResultRow full = results.row(DATASET, StrategyKind.CASCADE_FS_TRAINED).orElseThrow();
    ResultRow reduced = results.row(DATASET, StrategyKind.REDUCED_BLOCKING).orElseThrow();
    assertThat(reduced.candidatePairs()).isLessThan(full.candidatePairs());
    assertThat(reduced.pairCompleteness()).isLessThanOrEqualTo(full.pairCompleteness());
  }

  @Test
  void run_errorPatterns_countNoMoreErrorsThanTheRowHas() {
    ResultRow r = results.row(DATASET, StrategyKind.FS_TEXTBOOK).orElseThrow();
    assertThat(r.falseLinkPatterns().size() + r.missedPatterns().size()).isPositive();
    assertThat(r.falseLinkPatterns()).hasSizeLessThanOrEqualTo(StrategyHarness.DEFAULT_TOP_PATTERNS);
    assertThat(r.falseLinkPatterns().stream().mapToLong(ResultRow.Pattern::count).sum())
        .isLessThanOrEqualTo(r.evaluation().falsePositives());
    assertThat(r.missedPatterns().stream().mapToLong(ResultRow.Pattern::count).sum())
        .isLessThanOrEqualTo(r.evaluation().falseNegatives());
    assertThat(results.row(DATASET, CASCADE_ONLY).orElseThrow().missedPatterns()).isEmpty(); // no model, no patterns
  }

  @Test
  void significance_specsAHandfulOfLinksApart_isNotSignificant() {
    McNemar.Result t = results.difference(DATASET, StrategyKind.CASCADE_FS_TRAINED.label(), NEAR_DEFAULT).orElseThrow();
    assertThat(t.firstOnlyRight() + t.secondOnlyRight()).isLessThan(15);
    assertThat(t.exact()).isTrue();
    assertThat(t.significant()).isFalse();
    assertThat(BenchReports.markdown(results)).containsPattern("\\| " + NEAR_DEFAULT + " \\|[^\\n]*\\| no, p = ");
  }

  @Test
  void significance_specsHundredsOfLinksApart_isSignificant() {
    McNemar.Result t = results.difference(DATASET, StrategyKind.CASCADE_FS_TRAINED.label(), CASCADE_ONLY).orElseThrow();
    assertThat(t.firstOnlyRight() - t.secondOnlyRight()).isGreaterThan(100);
    assertThat(t.secondSignificantlyWorse()).isTrue();
    assertThat(BenchReports.markdown(results)).containsPattern("\\| " + CASCADE_ONLY + " \\|[^\\n]*\\| yes, p < 0\\.001 \\|");
  }

  @Test
  void run_sameSeedOnOneThread_rendersTheSameTableWithoutTimings() {
    HarnessResults again = harness(1).run();
    assertThat(BenchReports.markdown(again, false)).isEqualTo(BenchReports.markdown(results, false));
    assertThat(BenchReports.markdown(again, false)).contains("| yes, p < 0.001 |");
  }

  @Test
  void markdown_results_listsEveryStrategyWithIntervalsAndTests() {
    String table = BenchReports.markdown(results);
    assertThat(table).startsWith("| dataset | strategy | precision (95% CI) | recall (95% CI) | F1 (95% CI) |");
    for (ResultRow r : results.rows()) {
      assertThat(table).contains("| " + DATASET + " | " + r.strategy() + " | ");
    }
    assertThat(table).contains("#### Paired tests (McNemar)", "#### Where the errors are", "| best |");
    assertThat(table).containsPattern("\\| 0\\.\\d{4} \\(0\\.\\d{4}–[01]\\.\\d{4}\\) \\|");
  }

  @Test
  void csvAndJson_results_haveOneRecordPerRow() throws Exception {
    List<String> lines = BenchReports.csv(results).lines().toList();
    assertThat(lines).hasSize(results.rows().size() + 1);
    assertThat(lines.get(0)).startsWith("dataset,strategy,precision,precision_low,precision_high,recall");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(BenchReports.json(results));
    assertThat(json.get("rows")).hasSize(results.rows().size());
    assertThat(json.get("pairedTests")).hasSize(results.differences().size());
    assertThat(json.get("rows").get(0).get("f1").get("low").asDouble())
        .isEqualTo(results.rows().get(0).intervals().f1().low());
  }
}
