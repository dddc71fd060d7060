package org.linkage.internal.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.pattern.Patterns;

/**
 * Parameter recovery: pairs simulated from known m, u and λ, with 10% of values missing at
 * random, reduced to pattern counts; EM must recover every m and u within 0.02 and λ within 10%.
 */
class ExpectationMaximisationTest {
  static final double LAMBDA = 0.05;
  static final double MISSING = 0.10;
  static final int PAIRS = 500_000;
  static final double[][] M = {
      {0.80, 0.10, 0.06, 0.04},
      {0.85, 0.10, 0.05},
      {0.70, 0.15, 0.10, 0.05},
      {0.90, 0.07, 0.03}};
  static final double[][] U = {
      {0.01, 0.04, 0.15, 0.80},
      {0.05, 0.15, 0.80},
      {0.02, 0.08, 0.20, 0.70},
      {0.10, 0.20, 0.70}};

  static PatternCounts counts;
  static long trueMatches;

  @BeforeAll
  static void simulate() {
    SplittableRandom rnd = new SplittableRandom(20260601L);
    counts = new PatternCounts();
    for (int i = 0; i < PAIRS; i++) {
      boolean match = rnd.nextDouble() < LAMBDA;
      if (match) {
        trueMatches++;
      }
      long p = 0;
      for (int c = 0; c < M.length; c++) {
        int level = rnd.nextDouble() < MISSING ? 0 : 1 + draw(rnd, match ? M[c] : U[c]);
        p = Patterns.with(p, c, level);
      }
      counts.add(p, 1);
    }
  }

  private static int draw(SplittableRandom rnd, double[] probs) {
    double x = rnd.nextDouble();
    for (int k = 0; k < probs.length - 1; k++) {
      x -= probs[k];
      if (x < 0) {
        return k;
      }
    }
    return probs.length - 1;
  }

  /** Starting values well away from the truth: the usual textbook guesses. */
  private static double[][] startM() {
    double[][] m = new double[M.length][];
    for (int c = 0; c < M.length; c++) {
      m[c] = Training.defaultM(M[c].length);
    }
    return m;
  }

  private static double[][] startU() {
    double[][] u = new double[U.length][];
    for (int c = 0; c < U.length; c++) {
      u[c] = new double[U[c].length];
      Arrays.fill(u[c], 1.0 / U[c].length);
    }
    return u;
  }

  private static boolean[] allActive() {
    boolean[] a = new boolean[M.length];
    Arrays.fill(a, true);
    return a;
  }

  @Test
  void run_simulatedPairs_countsCollapseToFewPatterns() {
    assertThat(counts.total()).isEqualTo(PAIRS);
    assertThat(counts.distinct()).isLessThanOrEqualTo(5 * 4 * 5 * 4);
  }

  @Test
  void run_estimateMAndU_recoversEveryParameterAndLambda() {
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(counts, startM(), startU(), 0.2, allActive(),
        true, true, 500, 1e-8);
    for (int c = 0; c < M.length; c++) {
      for (int k = 0; k < M[c].length; k++) {
        assertThat(r.m()[c][k]).as("m[%s][%s]", c, k).isCloseTo(M[c][k], within(0.02));
        assertThat(r.u()[c][k]).as("u[%s][%s]", c, k).isCloseTo(U[c][k], within(0.02));
      }
      assertThat(Arrays.stream(r.m()[c]).sum()).isCloseTo(1, within(1e-6));
      assertThat(Arrays.stream(r.u()[c]).sum()).isCloseTo(1, within(1e-6));
    }
    assertThat(r.lambda()).isCloseTo(LAMBDA, within(0.1 * LAMBDA));
    assertThat(r.iterations()).isBetween(1, 500);
    assertThat(r.converged()).isEqualTo(r.maxChange() < 1e-8);
  }

  @Test
  void run_uFixedAtTruth_recoversMAndLambdaAndLeavesU() {
    double[][] u0 = ExpectationMaximisation.deepCopy(U);
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(counts, startM(), u0, 0.2, allActive(),
        true, false, 500, 1e-8);
    for (int c = 0; c < M.length; c++) {
      for (int k = 0; k < M[c].length; k++) {
        assertThat(r.m()[c][k]).as("m[%s][%s]", c, k).isCloseTo(M[c][k], within(0.02));
      }
      assertThat(r.u()[c]).containsExactly(U[c]);
    }
    assertThat(r.lambda()).isCloseTo(LAMBDA, within(0.1 * LAMBDA));
    assertThat(u0).isDeepEqualTo(U); // inputs are not modified
    assertThat(r.converged()).isTrue();
  }

  @Test
  void run_mFixedAtTruth_lambdaRecovered() {
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(counts, ExpectationMaximisation.deepCopy(M),
        startU(), 0.3, allActive(), false, true, 500, 1e-8);
    assertThat(r.lambda()).isCloseTo((double) trueMatches / PAIRS, within(0.1 * LAMBDA));
    for (int c = 0; c < M.length; c++) {
      assertThat(r.m()[c]).containsExactly(M[c]);
    }
  }

  @Test
  void run_inactiveComparison_leftAtStartAndOthersStillRecovered() {
    boolean[] active = allActive();
    active[2] = false;
    double[][] m0 = startM();
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(counts, m0, startU(), 0.2, active,
        true, true, 500, 1e-8);
    assertThat(r.m()[2]).containsExactly(m0[2]);
    for (int c : new int[] {0, 1, 3}) {
      for (int k = 0; k < M[c].length; k++) {
        assertThat(r.m()[c][k]).as("m[%s][%s]", c, k).isCloseTo(M[c][k], within(0.03));
      }
    }
  }

  @Test
  void run_iterationCap_reportedNotConverged() {
    ExpectationMaximisation.Result r = ExpectationMaximisation.run(counts, startM(), startU(), 0.2, allActive(),
        true, true, 2, 1e-12);
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(r.converged()).isFalse();
    assertThat(r.maxChange()).isGreaterThan(1e-12);
  }

  @Test
  void run_sameInputs_identicalResult() {
    ExpectationMaximisation.Result a = ExpectationMaximisation.run(counts, startM(), startU(), 0.2, allActive(),
        true, true, 50, 1e-8);
    ExpectationMaximisation.Result b = ExpectationMaximisation.run(counts, startM(), startU(), 0.2, allActive(),
        true, true, 50, 1e-8);
    assertThat(a.m()).isDeepEqualTo(b.m());
    assertThat(a.u()).isDeepEqualTo(b.u());
    assertThat(a.lambda()).isEqualTo(b.lambda());
  }
}
