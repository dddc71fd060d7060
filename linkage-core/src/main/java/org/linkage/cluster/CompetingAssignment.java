package org.linkage.cluster;

import java.util.Arrays;
import org.linkage.compare.CandidatePairs;

/**
 * Assignment by the probability that a pair is the match <em>given its competitors</em>. A pair's
 * match weight scores it alone, against a record drawn at random; but a record has at most one
 * true match on the other side, so its candidates compete for it. For a left record l that has a
 * match with probability {@code π} (the share of records with a match, from the trained λ), with
 * odds {@code o(l,r) = 2^weight} for each of its candidates, the posterior of "r is l's match" is
 *
 * <pre>   P_left(l,r) = o(l,r) / ((1 − π_left) + Σ_r' o(l,r'))</pre>
 *
 * over l's candidates r' (records never compared are taken as non-matches), and symmetrically
 * {@code P_right} over the candidates of r; a pair is scored {@code min(P_left, P_right)}. So one
 * strong candidate of a record that very likely has a match is likelier than its weight alone says,
 * and two near-equal candidates (same-name strangers, twins) are each about ½. One-to-one only: in
 * many-to-one runs a record's candidates may all be true matches, not rivals.
 *
 * <p>Pairs are taken by descending weight (ties by left row, then right row, as in
 * {@link GreedyAssignment}); a pair whose records are free links if its probability reaches the
 * threshold. If it does not, but would without its competitors, it is held back as
 * <em>ambiguous</em> for clerical review, and both records stay unlinked. A linked pair explains its
 * records: their other candidates stop competing. Only candidates within
 * {@link #COMPETITOR_BITS} bits of the threshold weight take part; weaker ones change no decision.
 *
 * <p>Single-threaded, deterministic, O(n log n) in the candidates above that floor.
 */
final class CompetingAssignment {
  /** Candidates this many bits below the threshold weight still take part. */
  static final double COMPETITOR_BITS = 10;
  /** The share of records with a match is capped here, so a record is never certain to have one. */
  static final double MAX_MATCH_RATE = 0.99;

  private CompetingAssignment() {}

  /**
   * Linked and held-back pairs.
   *
   * @param accepted candidate indexes linked, in decision order
   * @param acceptedProbability the probability given competitors of each linked pair
   * @param ambiguous candidate indexes held back for review, in decision order
   * @param ambiguousProbability the probability given competitors of each held-back pair
   */
  record Outcome(int[] accepted, double[] acceptedProbability, int[] ambiguous, double[] ambiguousProbability) {}

  /**
   * @param matchRateLeft share of the still-unlinked left records expected to have a match
   * @param matchRateRight share of the still-unlinked right records expected to have a match
   */
  static Outcome assign(CandidatePairs cands, double[] weights, double minWeight, double threshold,
      double matchRateLeft, double matchRateRight, boolean[] leftTaken, boolean[] rightTaken) {
    double noneLeft = 1 - Math.min(MAX_MATCH_RATE, Math.max(0, matchRateLeft));
    double noneRight = 1 - Math.min(MAX_MATCH_RATE, Math.max(0, matchRateRight));
    double floor = minWeight - COMPETITOR_BITS;
    int[] relevant = new int[16];
    int nr = 0;
    for (int i = 0; i < cands.size(); i++) {
      // a record the cascade already linked is explained: its candidates compete with no one
      if (weights[i] >= floor && !rightTaken[cands.right(i)] && !leftTaken[cands.left(i)]) {
        if (nr == relevant.length) {
          relevant = Arrays.copyOf(relevant, nr * 2);
        }
        relevant[nr++] = i;
      }
    }
    double[] leftSum = new double[leftTaken.length];
    double[] rightSum = new double[rightTaken.length];
    for (int k = 0; k < nr; k++) {
      int i = relevant[k];
      double o = odds(weights[i]);
      leftSum[cands.left(i)] += o;
      rightSum[cands.right(i)] += o;
    }
    // the relevant candidates of each record, to retire them once their other record is explained
    int[][] byLeft = group(relevant, nr, leftTaken.length, cands, true);
    int[][] byRight = group(relevant, nr, rightTaken.length, cands, false);

    int[] order = GreedyAssignment.sortedByWeight(cands::left, cands::right, weights, relevant, nr);
    Picks accepted = new Picks();
    Picks ambiguous = new Picks();
    for (int i : order) {
      int l = cands.left(i);
      int r = cands.right(i);
      if (rightTaken[r] || leftTaken[l]) {
        continue;
      }
      double o = odds(weights[i]);
      double p = Math.min(o / (noneRight + Math.max(o, rightSum[r])), o / (noneLeft + Math.max(o, leftSum[l])));
      double alone = Math.min(o / (noneRight + o), o / (noneLeft + o));
      if (p < threshold) {
        if (alone >= threshold) {
          ambiguous.add(i, p);
        }
        continue;
      }
      leftTaken[l] = true;
      rightTaken[r] = true;
      accepted.add(i, p);
      // l and r are explained: their other candidates no longer compete
      for (int j : byLeft[l]) {
        rightSum[cands.right(j)] -= odds(weights[j]);
      }
      for (int j : byRight[r]) {
        leftSum[cands.left(j)] -= odds(weights[j]);
      }
    }
    return new Outcome(accepted.indexes(), accepted.probabilities(), ambiguous.indexes(), ambiguous.probabilities());
  }

  /** Odds of a match weight, capped so sums stay finite. */
  private static double odds(double weight) {
    return Math.pow(2, Math.min(weight, 1000));
  }

  private static final int[] NONE = new int[0];

  /** The relevant candidates of each left (or right) row. */
  private static int[][] group(int[] relevant, int n, int rows, CandidatePairs cands, boolean byLeft) {
    int[] size = new int[rows];
    for (int k = 0; k < n; k++) {
      size[byLeft ? cands.left(relevant[k]) : cands.right(relevant[k])]++;
    }
    int[][] out = new int[rows][];
    for (int row = 0; row < rows; row++) {
      out[row] = size[row] == 0 ? NONE : new int[size[row]];
      size[row] = 0;
    }
    for (int k = 0; k < n; k++) {
      int i = relevant[k];
      int row = byLeft ? cands.left(i) : cands.right(i);
      out[row][size[row]++] = i;
    }
    return out;
  }

  /** Candidate indexes with a probability each, in the order added. */
  private static final class Picks {
    int[] index = new int[16];
    double[] probability = new double[16];
    int size;

    void add(int i, double p) {
      if (size == index.length) {
        index = Arrays.copyOf(index, size * 2);
        probability = Arrays.copyOf(probability, size * 2);
      }
      index[size] = i;
      probability[size] = p;
      size++;
    }

    int[] indexes() {
      return Arrays.copyOf(index, size);
    }

    double[] probabilities() {
      return Arrays.copyOf(probability, size);
    }
  }
}
