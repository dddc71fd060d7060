package org.linkage.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  // simulated population: 80% of left records have a true pair; of those 92% are linked right, 3% to
  // a wrong partner (a false link and a missed pair at once), 5% missed; 2% of the others get a false link
  private static final double MATCHED = 0.8;
  private static final double RIGHT = 0.92;
  private static final double WRONG_PARTNER = 0.03;
  private static final double STRAY = 0.02;

  @Test
  void intervals_simulatedSamples_coverThePopulationValuesAboutNinetyFivePercentOfTheTime() {
    double tp = MATCHED * RIGHT;
    double fp = MATCHED * WRONG_PARTNER + (1 - MATCHED) * STRAY;
    double fn = MATCHED * (1 - RIGHT);
    double precision = tp / (tp + fp);
    double recall = tp / (tp + fn);
    double f1 = 2 * precision * recall / (precision + recall);
    SplittableRandom population = new SplittableRandom(42);
    int samples = 200;
    int[] covered = new int[3];
    for (int s = 0; s < samples; s++) {
      int[][] counts = sample(population, 1500);
      Bootstrap.Intervals iv = Bootstrap.intervals(counts[0], counts[1], counts[2], 400, s);
      covered[0] += iv.precision().contains(precision) ? 1 : 0;
      covered[1] += iv.recall().contains(recall) ? 1 : 0;
      covered[2] += iv.f1().contains(f1) ? 1 : 0;
    }
    for (int c : covered) {
      assertThat((double) c / samples).isBetween(0.90, 0.99);
    }
  }

  @Test
  void intervals_recallAsABinomialProportion_haveTheNormalApproximationWidth() {
    // every record has one true pair, found with probability 0.9: recall is a proportion of n
    int n = 4000;
    SplittableRandom random = new SplittableRandom(7);
    int[] tp = new int[n];
    int[] fn = new int[n];
    int found = 0;
    for (int i = 0; i < n; i++) {
      tp[i] = random.nextDouble() < 0.9 ? 1 : 0;
      fn[i] = 1 - tp[i];
      found += tp[i];
    }
    double r = (double) found / n;
    double expectedWidth = 2 * 1.959964 * Math.sqrt(r * (1 - r) / n);
    Bootstrap.Intervals iv = Bootstrap.intervals(tp, new int[n], fn, 2000, 3);
    assertThat(iv.recall().width()).isCloseTo(expectedWidth, within(0.15 * expectedWidth));
    assertThat((iv.recall().low() + iv.recall().high()) / 2).isCloseTo(r, within(0.002));
    assertThat(iv.precision().low()).isEqualTo(1.0);
  }

  @Test
  void intervals_sameSeed_areIdenticalAndAnotherSeedDiffers() {
    int[][] c = sample(new SplittableRandom(1), 800);
    Bootstrap.Intervals a = Bootstrap.intervals(c[0], c[1], c[2], 300, 9);
    Bootstrap.Intervals b = Bootstrap.intervals(c[0], c[1], c[2], 300, 9);
    Bootstrap.Intervals other = Bootstrap.intervals(c[0], c[1], c[2], 300, 10);
    assertThat(a).isEqualTo(b);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void quantile_interpolatesBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(Bootstrap.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
    assertThat(Bootstrap.quantile(sorted, 1.0)).isEqualTo(5.0);
  }

  /** Per-record (TP, FP, FN) counts of {@code n} records drawn from the simulated population. */
  private static int[][] sample(SplittableRandom random, int n) {
    int[][] c = new int[3][n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      if (random.nextDouble() < MATCHED) {
        if (u < RIGHT) {
          c[0][i] = 1;
        } else if (u < RIGHT + WRONG_PARTNER) {
          c[1][i] = 1;
          c[2][i] = 1;
        } else {
          c[2][i] = 1;
        }
      } else if (u < STRAY) {
        c[1][i] = 1;
      }
    }
    return c;
  }
}
