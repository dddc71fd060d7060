package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linkage.model.FellegiSunterModel;

/**
 * The rounds of competing assignment on simulated candidates whose match weights are exact: a
 * population where most true pairs are easy (a strong pattern) and some have a pattern that, from
 * the whole sides, is more often two strangers than one person.
 */
class CompetingRoundsTest {
  private static final int ROWS = 20_000;
  private static final int MATCHES = 18_000; // left i and right i, i < MATCHES
  private static final double SHARE_HARD = 0.1; // m of the weak pattern
  private static final double U_HARD = 2.5e-5; // u of the weak pattern: ~10,000 stranger pairs show it
  private static final double THRESHOLD = 0.7;

  private record Population(int[] left, int[] right, double[] weights, boolean[] trueMatch, int hardMatches) {}

  /** Candidates with their exact whole-side weights: log2(m/u) + log2(λ / (1 − λ)). */
  private static Population simulate(long seed) {
    Random random = new Random(seed);
    double lambda = (double) MATCHES / ((double) ROWS * ROWS);
    double priorBits = Math.log(lambda / (1 - lambda)) / Math.log(2);
    double strongWeight = 30 + priorBits; // m/u = 2^30
    double hardWeight = Math.log(SHARE_HARD / U_HARD) / Math.log(2) + priorBits;
    int strangers = (int) Math.round(U_HARD * ((double) ROWS * ROWS - MATCHES));
    int n = MATCHES + strangers;
    int[] left = new int[n];
    int[] right = new int[n];
    double[] weights = new double[n];
    boolean[] truth = new boolean[n];
    int hard = 0;
    for (int i = 0; i < MATCHES; i++) {
      left[i] = i;
      right[i] = i;
      truth[i] = true;
      boolean isHard = random.nextDouble() < SHARE_HARD;
      hard += isHard ? 1 : 0;
      weights[i] = isHard ? hardWeight : strongWeight;
    }
    for (int i = MATCHES; i < n; i++) {
      int l;
      int r;
      do {
        l = random.nextInt(ROWS);
        r = random.nextInt(ROWS);
      } while (l == r && l < MATCHES);
      left[i] = l;
      right[i] = r;
      weights[i] = hardWeight;
    }
    return new Population(left, right, weights, truth, hard);
  }

  private static Decisions.Rounds decide(Population p) {
    double minWeight = FellegiSunterModel.weightOf(THRESHOLD);
    return Decisions.competingRounds(i -> p.left()[i], i -> p.right()[i], p.weights(), minWeight, THRESHOLD, MATCHES,
        0, ROWS, ROWS, new boolean[ROWS], new boolean[ROWS]);
  }

  @Test
  void competingRounds_weakPatternAmongRecordsLeftUnlinked_linksWithCalibratedProbabilities() {
    Population p = simulate(7);
    double hardWeight = p.weights()[MATCHES]; // a stranger pair: the weak pattern
    assertThat(FellegiSunterModel.probability(hardWeight)).isLessThan(0.25); // alone, far below the threshold

    Decisions.Rounds rounds = decide(p);
    int[] accepted = rounds.accepted().indexes();
    double[] probability = rounds.accepted().probabilities();
    int hardLinked = 0;
    int falseLinks = 0;
    double expectedFalse = 0;
    double variance = 0;
    for (int k = 0; k < accepted.length; k++) {
      int i = accepted[k];
      if (p.weights()[i] != hardWeight) {
        continue;
      }
      hardLinked += p.trueMatch()[i] ? 1 : 0;
      falseLinks += p.trueMatch()[i] ? 0 : 1;
      expectedFalse += 1 - probability[k];
      variance += probability[k] * (1 - probability[k]);
    }
    // the weak pattern's true pairs are found once the easy ones have explained their records
    assertThat(hardLinked).isGreaterThan((int) (0.8 * p.hardMatches()));
    // and the probabilities the rounds report are about right, erring on the safe side: a pair's
    // probability is the lesser of its two records' views, so false links are somewhat fewer than
    // predicted (here 55 against 142), never more
    assertThat((double) falseLinks).isLessThanOrEqualTo(expectedFalse + 3 * Math.sqrt(variance))
        .isGreaterThanOrEqualTo(expectedFalse / 4);
    assertThat(falseLinks).isLessThan(hardLinked / 5);
  }

  @Test
  void competingRounds_perComponentBlocks_equalRoundsOverAllCandidates() {
    // many components (most a single true pair, one large web of strangers); the weak pattern links
    // only in later rounds, under a shift computed from the links of every component
    Population p = simulate(7);
    double minWeight = FellegiSunterModel.weightOf(THRESHOLD);
    Decisions.Rounds all = decide(p);
    double hardWeight = p.weights()[MATCHES];
    assertThat(Arrays.stream(all.accepted().indexes()).filter(i -> p.weights()[i] == hardWeight).count())
        .isGreaterThan(1000);
    for (int blocks : new int[] {1, 3, 8}) {
      Decisions.Rounds perComponent = Decisions.competingRounds(i -> p.left()[i], i -> p.right()[i], p.weights(),
          minWeight, THRESHOLD, MATCHES, 0, ROWS, ROWS, new boolean[ROWS], new boolean[ROWS],
          ComponentRounds.inBlocks(blocks));
      assertThat(perComponent.accepted().indexes()).containsExactly(all.accepted().indexes());
      assertThat(perComponent.accepted().probabilities()).containsExactly(all.accepted().probabilities());
      assertThat(perComponent.ambiguous()).containsExactly(all.ambiguous());
      assertThat(perComponent.ambiguousProbability()).containsExactly(all.ambiguousProbability());
      assertThat(perComponent.floorUsed()).isEqualTo(all.floorUsed());
    }
    // the blocks of each round decided at once on a pool, as a run with several threads does
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      Decisions.Rounds parallel = Decisions.competingRounds(i -> p.left()[i], i -> p.right()[i], p.weights(),
          minWeight, THRESHOLD, MATCHES, 0, ROWS, ROWS, new boolean[ROWS], new boolean[ROWS],
          ComponentRounds.inBlocks(4, pool));
      assertThat(parallel.accepted().indexes()).containsExactly(all.accepted().indexes());
      assertThat(parallel.accepted().probabilities()).containsExactly(all.accepted().probabilities());
      assertThat(parallel.ambiguous()).containsExactly(all.ambiguous());
      assertThat(parallel.ambiguousProbability()).containsExactly(all.ambiguousProbability());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void competingRounds_sameInput_sameDecisions() {
    Population p = simulate(11);
    Decisions.Rounds a = decide(p);
    Decisions.Rounds b = decide(p);
    assertThat(a.accepted().indexes()).isEqualTo(b.accepted().indexes());
    assertThat(Arrays.equals(a.ambiguous(), b.ambiguous())).isTrue();
  }

  @Test
  void competingRounds_noRoomForMoreMatches_stopsAfterTheEasyPairs() {
    // the model expects only the easy matches: once they link, nothing remains to be found
    Population p = simulate(7);
    double minWeight = FellegiSunterModel.weightOf(THRESHOLD);
    int easy = MATCHES - p.hardMatches();
    Decisions.Rounds rounds = Decisions.competingRounds(i -> p.left()[i], i -> p.right()[i], p.weights(), minWeight,
        THRESHOLD, easy, 0, ROWS, ROWS, new boolean[ROWS], new boolean[ROWS]);
    double hardWeight = p.weights()[MATCHES];
    for (int i : rounds.accepted().indexes()) {
      assertThat(p.weights()[i]).isNotEqualTo(hardWeight);
    }
  }
}
