package org.linkage.internal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.TestTables;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;

class RandomPairSamplerTest {
  static ExecutorService one;
  static ExecutorService two;

  /**
   * Left: colour a 60%, b 40%; right: a 20%, b 70%, c 10% then 1 in 10 missing. Random non-null pairs
   * agree with probability 0.6·0.2 + 0.4·0.7 = 0.40. Key: unique per row, equal across sides by row.
   */
  static RecordTable left;
  static RecordTable right;
  static final List<org.linkage.spec.ColumnSpec> COLS = TestTables.columns("colour", ColumnType.TEXT,
      "key", ColumnType.IDENTIFIER);

  @BeforeAll
  static void setUp() {
    one = Executors.newFixedThreadPool(1);
    two = Executors.newFixedThreadPool(2);
    RecordTable.Builder l = RecordTable.builder("l.csv", COLS);
    for (int i = 0; i < 1000; i++) {
      l.add("L" + i, new String[] {i < 600 ? "a" : "b", "k" + i}, i + 2);
    }
    RecordTable.Builder r = RecordTable.builder("r.csv", COLS);
    for (int i = 0; i < 1000; i++) {
      String colour = i < 200 ? "a" : i < 900 ? "b" : "c";
      r.add("R" + i, new String[] {i % 10 == 3 ? null : colour, "k" + i}, i + 2);
    }
    left = l.build();
    right = r.build();
  }

  @AfterAll
  static void tearDown() {
    one.shutdownNow();
    two.shutdownNow();
  }

  private static List<Comparison> comparisons(EncodedData data) {
    return List.of(Comparisons.compile(ComparisonSpec.of("colour", ComparisonKind.EXACT, "colour"), data),
        Comparisons.compile(ComparisonSpec.of("key", ComparisonKind.EXACT, "key"), data));
  }

  @Test
  void levelCounts_knownFrequencies_uCloseToTruth() {
    EncodedData data = EncodedData.encode(left, right);
    long[][] counts = RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, false, 300_000, 7, two);
    assertThat(counts[0][0] + counts[0][1] + counts[0][2]).isEqualTo(300_000);
    assertThat((double) counts[0][0] / 300_000).isCloseTo(0.10, within(0.005)); // nulls
    double[][] u = RandomPairSampler.uFromCounts(counts);
    assertThat(u[0][0]).isCloseTo(0.40, within(0.01));
    assertThat(u[0][1]).isCloseTo(0.60, within(0.01));
    assertThat(u[1][0]).isCloseTo(0.001, within(0.0005)); // one key in 1000 agrees
  }

  @Test
  void levelCounts_sameSeed_sameCountsForOneAndTwoThreads() {
    EncodedData data = EncodedData.encode(left, right);
    // 200,001 draws: four chunks of work, the last a single draw
    long[][] a = RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, false, 200_001, 11, one);
    long[][] b = RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, false, 200_001, 11, two);
    assertThat(a).isDeepEqualTo(b);
    long[][] c = RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, false, 200_001, 12, two);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void levelCounts_deduplication_neverPairsARecordWithItself() {
    EncodedData data = EncodedData.encode(left, left);
    long[][] counts = RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, true, 200_000, 3, two);
    assertThat(counts[1][1]).as("pairs of a record with itself").isZero();
    assertThat(counts[1][2]).isEqualTo(200_000);
  }

  @Test
  void uFromCounts_unseenLevel_smallButPositive() {
    double[][] u = RandomPairSampler.uFromCounts(new long[][] {{50, 0, 950, 50}});
    assertThat(u[0][0]).isGreaterThan(0).isLessThan(0.001);
    assertThat(u[0][0] + u[0][1] + u[0][2]).isCloseTo(1, within(1e-12));
    assertThat(u[0][1]).isCloseTo(0.95, within(0.001));
  }

  @Test
  void levelCounts_noRecordsOrNoSample_rejected() {
    EncodedData data = EncodedData.encode(left, right);
    assertThatThrownBy(() -> RandomPairSampler.levelCounts(comparisons(data), 0, 1000, false, 10, 1, one))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RandomPairSampler.levelCounts(comparisons(data), 1000, 1000, false, 0, 1, one))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
