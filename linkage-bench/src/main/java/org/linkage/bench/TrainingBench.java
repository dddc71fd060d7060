package org.linkage.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.train.ExpectationMaximisation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training cost once pairs are compared: counting the patterns of N candidate pairs, and a full EM
 * run on those counts. Pairs are simulated from known m, u and λ for 7 comparisons with 2–7 levels
 * and 10% missing values (the person profile's shape), so the number of distinct patterns is
 * realistic. EM's cost depends on distinct patterns, not on N: compare the two @Param sizes.
 *
 * <p>Run: {@code java -jar linkage-bench/target/benchmarks.jar TrainingBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TrainingBench {
  private static final int[] LEVELS = {7, 6, 7, 5, 2, 6, 3};

  @Param({"1000000", "5000000"})
  public int pairs;

  private long[] patterns;
  private PatternCounts counts;
  private double[][] m0;
  private double[][] u0;
  private boolean[] active;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(17);
    double[][] m = new double[LEVELS.length][];
    double[][] u = new double[LEVELS.length][];
    m0 = new double[LEVELS.length][];
    u0 = new double[LEVELS.length][];
    for (int c = 0; c < LEVELS.length; c++) {
      m[c] = skewed(LEVELS[c], 0.85, true);
      u[c] = skewed(LEVELS[c], 0.9, false);
      m0[c] = skewed(LEVELS[c], 0.7, true);
      u0[c] = skewed(LEVELS[c], 0.8, false);
    }
    patterns = new long[pairs];
    for (int i = 0; i < pairs; i++) {
      boolean match = random.nextDouble() < 0.05;
      long p = 0;
      for (int c = 0; c < LEVELS.length; c++) {
        int level = random.nextDouble() < 0.1 ? 0 : 1 + draw(match ? m[c] : u[c], random);
        p |= (long) level << (4 * c);
      }
      patterns[i] = p;
    }
    counts = countPatterns();
    active = new boolean[LEVELS.length];
    java.util.Arrays.fill(active, true);
  }

  /** Probabilities over k levels: {@code top} on the first (matches) or last (non-matches), the rest spread. */
  private static double[] skewed(int k, double top, boolean first) {
    double[] p = new double[k];
    java.util.Arrays.fill(p, (1 - top) / (k - 1));
    p[first ? 0 : k - 1] = top;
    return p;
  }

  private static int draw(double[] p, SplittableRandom random) {
    double x = random.nextDouble();
    for (int k = 0; k < p.length - 1; k++) {
      x -= p[k];
      if (x < 0) {
        return k;
      }
    }
    return p.length - 1;
  }

  /** Reducing N pair patterns to counts of distinct patterns. */
  @Benchmark
  public PatternCounts countPatterns() {
    PatternCounts c = new PatternCounts();
    for (long p : patterns) {
      c.add(p, 1);
    }
    return c;
  }

  /** EM from textbook-like starting values to convergence (tolerance 1e-6), m, u and λ free. */
  @Benchmark
  public ExpectationMaximisation.Result expectationMaximisation() {
    return ExpectationMaximisation.run(counts, m0, u0, 0.1, active, true, true, 500, 1e-6);
  }
}
