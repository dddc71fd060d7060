package org.linkage.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyHarnessTest {
  private static final String DATASET = "generated 2,000";

  @TempDir
  static Path work;

  private static HarnessResults results;

  @BeforeAll
  static void runHarness() {
    results = StrategyHarness.builder().sizes(List.of(2_000)).seed(3).threads(2).workDir(work).build().run();
  }

  @Test
  void run_twoThousandLearners_hasEveryStrategyOnce() {
    assertThat(results.rows()).extracting(ResultRow::strategy).containsExactly(StrategyKind.values());
    assertThat(results.rows()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo(DATASET));
    assertThat(results.datasets()).singleElement().satisfies(d -> {
      assertThat(d.leftRecords()).isBetween(1_500, 2_000);
      assertThat(d.truePairs()).isBetween(1_500, 2_000);
      assertThat(d.rejectedRows()).isZero();
    });
  }

  @Test
  void run_everyRunStrategy_hasSaneValues() {
    for (ResultRow r : results.rows()) {
      assertThat(r.isSkipped()).as(r.strategy().label()).isFalse();
      assertThat(r.evaluation().precision()).as(r.strategy().label()).isBetween(0.0, 1.0);
      assertThat(r.evaluation().recall()).as(r.strategy().label()).isBetween(0.0, 1.0);
      assertThat(r.evaluation().f1()).as(r.strategy().label()).isBetween(0.0, 1.0);
      assertThat(r.seconds()).isPositive();
      assertThat(r.peakHeapMb()).isPositive();
      if (r.strategy() == StrategyKind.DETERMINISTIC) {
        assertThat(r.candidatePairs()).isEqualTo(-1);
        assertThat(r.pairCompleteness()).isNaN();
      } else {
        assertThat(r.candidatePairs()).isPositive();
        assertThat(r.pairCompleteness()).isBetween(0.5, 1.0);
      }
    }
  }

  @Test
  void run_fsTrained_reachesF1OfNinetyPercentWithinTheBlockingCeiling() {
    ResultRow trained = results.row(DATASET, StrategyKind.FS_TRAINED).orElseThrow();
    assertThat(trained.evaluation().f1()).isGreaterThanOrEqualTo(0.9);
    // the FS pass only links candidate pairs, so its recall cannot beat pair completeness
    assertThat(trained.evaluation().recall()).isLessThanOrEqualTo(trained.pairCompleteness());
    for (StrategyKind k : List.of(StrategyKind.FS_TEXTBOOK, StrategyKind.FS_TF)) {
      ResultRow r = results.row(DATASET, k).orElseThrow();
      assertThat(r.evaluation().recall()).as(k.label()).isLessThanOrEqualTo(r.pairCompleteness());
    }
  }

  @Test
  void run_reducedBlocking_comparesFewerPairs() {
    ResultRow full = results.row(DATASET, StrategyKind.CASCADE_FS_TRAINED).orElseThrow();
    ResultRow reduced = results.row(DATASET, StrategyKind.REDUCED_BLOCKING).orElseThrow();
    assertThat(reduced.candidatePairs()).isLessThan(full.candidatePairs());
    assertThat(reduced.pairCompleteness()).isLessThanOrEqualTo(full.pairCompleteness());
  }

  @Test
  void render_results_listsEveryStrategyInAMarkdownTable() {
    String table = MarkdownTable.render(results);
    assertThat(table).startsWith("| dataset | strategy | precision | recall | F1 | candidate pairs |");
    for (StrategyKind k : StrategyKind.values()) {
      assertThat(table).contains("| " + DATASET + " | " + k.label());
    }
    assertThat(table.lines().filter(l -> l.startsWith("| " + DATASET))).hasSize(StrategyKind.values().length);
  }
}
