package org.linkage.internal.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairPatterns;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.internal.pattern.Patterns;

/**
 * Estimates u-probabilities by comparing pairs drawn uniformly at random: nearly all random pairs
 * are non-matches, so the share of them at each level estimates u.
 *
 * <p>Draws are split into fixed chunks, each with its own generator seeded from the run's seed, so
 * the estimate is the same for any number of threads.
 */
public final class RandomPairSampler {
  private static final int CHUNK = 1 << 16;
  /** Pairs drawn and compared together. */
  private static final int BATCH = 16;

  private RandomPairSampler() {}

  /**
   * Level counts of {@code sampleSize} random pairs.
   *
   * @return {@code [c][level]} counts, level 0 being null
   */
  public static long[][] levelCounts(List<Comparison> comparisons, int leftSize, int rightSize, boolean deduplication,
      long sampleSize, long seed, ExecutorService pool) {
    checkArgument(sampleSize > 0, "u sample size must be positive: %s", sampleSize);
    checkArgument(leftSize > 0 && rightSize > 0 && (!deduplication || leftSize > 1),
        "need records on both sides to sample pairs");
    int chunks = (int) ((sampleSize + CHUNK - 1) / CHUNK);
    // one chunk of CHUNK draws per task, each with its own seed: the sample does not depend on the pool
    List<long[][]> parts = ParallelChunks.map(pool, chunks, 1, (k, end) -> sample(comparisons, leftSize, rightSize,
        deduplication, Math.min(CHUNK, sampleSize - (long) k * CHUNK), seed * 0x9E3779B97F4A7C15L + k));
    long[][] total = empty(comparisons);
    for (long[][] part : parts) {
      for (int c = 0; c < total.length; c++) {
        for (int l = 0; l < total[c].length; l++) {
          total[c][l] += part[c][l];
        }
      }
    }
    return total;
  }

  private static long[][] sample(List<Comparison> comparisons, int leftSize, int rightSize, boolean dedup,
      long draws, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][] counts = empty(comparisons);
    // drawn a batch at a time, so that the batch's right rows are read together (PairPatterns)
    PairPatterns patterns = new PairPatterns(comparisons.toArray(new Comparison[0]));
    int[] lefts = new int[BATCH];
    int[] rights = new int[BATCH];
    long[] pattern = new long[BATCH];
    for (long done = 0; done < draws; ) {
      int n = (int) Math.min(BATCH, draws - done);
      for (int i = 0; i < n; i++) {
        int l = random.nextInt(leftSize);
        int r = random.nextInt(rightSize);
        if (dedup && l == r) {
          r = (r + 1 + random.nextInt(rightSize - 1)) % rightSize;
        }
        lefts[i] = l;
        rights[i] = r;
      }
      patterns.fill(lefts, rights, n, pattern);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < counts.length; c++) {
          counts[c][Patterns.level(pattern[i], c)]++;
        }
      }
      done += n;
    }
    return counts;
  }

  private static long[][] empty(List<Comparison> comparisons) {
    long[][] counts = new long[comparisons.size()][];
    for (int c = 0; c < counts.length; c++) {
      counts[c] = new long[comparisons.get(c).levelCount() + 1];
    }
    return counts;
  }

  /**
   * u per level from level counts: {@code (count + ½) / (non-null + ½·levels)}, so a level never
   * seen in the sample gets a small but finite u rather than 0.
   */
  public static double[][] uFromCounts(long[][] counts) {
    double[][] u = new double[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      int k = counts[c].length - 1;
      long nonNull = 0;
      for (int l = 1; l <= k; l++) {
        nonNull += counts[c][l];
      }
      u[c] = new double[k];
      for (int l = 1; l <= k; l++) {
        u[c][l - 1] = (counts[c][l] + 0.5) / (nonNull + 0.5 * k);
      }
    }
    return u;
  }
}
