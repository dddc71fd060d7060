package org.linkage.internal.stage;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.model.MatchScorer;

/**
 * The scoring pass of a streamed run: each candidate pair is scored, counted in the histogram of
 * candidate weights, and kept only if its weight reaches the floor below which no decision reads
 * a pair ({@link org.linkage.internal.cluster.Decisions#floorUsed}). One per chunk of left rows, filled by
 * one thread, then appended to the run's in chunk order, so the kept pairs keep candidate order.
 * Not thread-safe.
 */
public final class KeptPairs implements PairComparer.ComparedSink, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  // not shipped: pairs kept by another process are only appended to pairs of this process
  private final transient MatchScorer scorer;
  private final double floor;
  private final CandidatePairs.Buffer kept = new CandidatePairs.Buffer();
  private long scored;
  private int firstBin;
  private long[] bins = new long[0]; // one-bit bins of every scored weight, from firstBin

  /** A sink scoring with {@code scorer} and keeping the pairs of weight at least {@code floor}. */
  public KeptPairs(MatchScorer scorer, double floor) {
    this.scorer = scorer;
    this.floor = floor;
  }

  @Override
  public void pair(int left, int right, long pattern, int rule) {
    double w = scorer.weight(pattern, left);
    scored++;
    count((int) Math.floor(w), 1);
    if (w >= floor) {
      kept.add(left, right, pattern, rule);
    }
  }

  private void count(int bin, long n) {
    if (bins.length == 0) {
      firstBin = bin;
      bins = new long[1];
    } else if (bin < firstBin) {
      long[] grown = new long[bins.length + firstBin - bin];
      System.arraycopy(bins, 0, grown, firstBin - bin, bins.length);
      bins = grown;
      firstBin = bin;
    } else if (bin - firstBin >= bins.length) {
      bins = Arrays.copyOf(bins, bin - firstBin + 1);
    }
    bins[bin - firstBin] += n;
  }

  /** Adds the next chunk's pairs after this one's. */
  public void append(KeptPairs next) {
    kept.addAll(next.kept);
    scored += next.scored;
    for (int k = 0; k < next.bins.length; k++) {
      if (next.bins[k] > 0) {
        count(next.firstBin + k, next.bins[k]);
      }
    }
  }

  /** The kept pairs, in candidate order. */
  public CandidatePairs pairs() {
    return kept.build();
  }

  /** Pairs scored (every candidate). */
  public long scored() {
    return scored;
  }

  /**
   * The histogram of every candidate's weight: the lower edge of each bin one bit wide ({@code
   * floor(weight)}) to the pairs in it, every bin from the lowest to the highest (empty ones
   * included); empty when nothing was scored. Unmodifiable.
   */
  public SortedMap<Integer, Long> histogram() {
    SortedMap<Integer, Long> out = new TreeMap<>();
    for (int k = 0; k < bins.length; k++) {
      out.put(firstBin + k, bins[k]);
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
