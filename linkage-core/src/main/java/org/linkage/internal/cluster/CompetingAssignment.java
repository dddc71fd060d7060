package org.linkage.internal.cluster;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.linkage.internal.rules.DeterministicCascade;
import org.linkage.spec.LinkageSpec.Assignment;

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
  /**
   * The share of records with a match is capped here: a record is never taken as more than 95% sure
   * to have one, which also allows for true matches that blocking never offered as candidates.
   */
  static final double MAX_MATCH_RATE = 0.95;

  private CompetingAssignment() {}

  /**
   * Links, holds back or leaves each candidate; {@code leftTaken} and {@code rightTaken} are updated.
   *
   * <p>A match weight carries the prior of a pair drawn from both whole sides. Records already taken
   * (by the match-key passes) are explained, so an untaken record's match, if it has one, is among
   * the untaken records of the other side: the prior of an untaken pair is the remaining expected
   * matches over the untaken pairs, {@code priorBits} = log2 of its ratio to the whole-side prior,
   * added to every weight here.
   *
   * @param left left row of candidate {@code i}
   * @param right right row of candidate {@code i}
   * @param weights match weight of each candidate, {@code 0..weights.length)}
   * @param minWeight the weight of the threshold probability on its own
   * @param floor the weight of the weakest candidate that takes part: no higher than
   *     {@code minWeight - priorBits}, usually {@link #COMPETITOR_BITS} below that
   * @param matchRateLeft share of the still-unlinked left records expected to have a match
   * @param matchRateRight share of the still-unlinked right records expected to have a match
   * @param priorBits log2 of the prior of an untaken pair over the prior in the weights (0 if none taken)
   */
  static ComponentRounds.Outcome assign(IntUnaryOperator left, IntUnaryOperator right, double[] weights, double minWeight,
      double floor, double threshold, double matchRateLeft, double matchRateRight, double priorBits,
      boolean[] leftTaken, boolean[] rightTaken) {
    double noneLeft = noMatch(matchRateLeft);
    double noneRight = noMatch(matchRateRight);
    // a record the cascade already linked is explained: its candidates compete with no one
    int[] relevant = untaken(left, right, weights, floor, leftTaken, rightTaken);
    int nr = relevant.length;
    double[] leftSum = new double[leftTaken.length];
    double[] rightSum = new double[rightTaken.length];
    for (int k = 0; k < nr; k++) {
      int i = relevant[k];
      double o = odds(weights[i] + priorBits);
      leftSum[left.applyAsInt(i)] += o;
      rightSum[right.applyAsInt(i)] += o;
    }
    // the relevant candidates of each record, to retire them once their other record is explained
    int[][] byLeft = group(relevant, nr, leftTaken.length, left);
    int[][] byRight = group(relevant, nr, rightTaken.length, right);

    int[] order = GreedyAssignment.sortedByWeight(left, right, weights, relevant, nr);
    Picks accepted = new Picks();
    Picks ambiguous = new Picks();
    for (int i : order) {
      int l = left.applyAsInt(i);
      int r = right.applyAsInt(i);
      if (rightTaken[r] || leftTaken[l]) {
        continue;
      }
      double o = odds(weights[i] + priorBits);
      double p = givenCompetitors(o, leftSum[l], rightSum[r], noneLeft, noneRight);
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
        rightSum[right.applyAsInt(j)] -= odds(weights[j] + priorBits);
      }
      for (int j : byRight[r]) {
        leftSum[left.applyAsInt(j)] -= odds(weights[j] + priorBits);
      }
    }
    return new ComponentRounds.Outcome(accepted.indexes(), accepted.probabilities(), ambiguous.indexes(), ambiguous.probabilities());
  }

  /** Indexes, ascending, of the candidates of weight at least {@code floor} whose records are both untaken. */
  static int[] untaken(IntUnaryOperator left, IntUnaryOperator right, double[] weights, double floor,
      boolean[] leftTaken, boolean[] rightTaken) {
    int[] out = new int[16];
    int n = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] >= floor && !rightTaken[right.applyAsInt(i)] && !leftTaken[left.applyAsInt(i)]) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * A check for the match-key passes of a one-to-one run: a pair links only if its probability
   * given every candidate of both its records (as above, before anything is linked) reaches the
   * threshold, so a key that two near-equal candidates share is left to the probabilistic pass.
   *
   * @param weightOf the match weight of any (left row, right row) pair
   */
  static DeterministicCascade.PairCheck matchKeyCheck(IntUnaryOperator left, IntUnaryOperator right, double[] weights,
      double minWeight, double threshold, double matchRateLeft, double matchRateRight, int leftRows, int rightRows,
      PairWeight weightOf) {
    double noneLeft = noMatch(matchRateLeft);
    double noneRight = noMatch(matchRateRight);
    double floor = minWeight - COMPETITOR_BITS;
    double[] leftSum = new double[leftRows];
    double[] rightSum = new double[rightRows];
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] >= floor) {
        double o = odds(weights[i]);
        leftSum[left.applyAsInt(i)] += o;
        rightSum[right.applyAsInt(i)] += o;
      }
    }
    return (l, r) -> {
      double w = weightOf.weight(l, r);
      if (w < minWeight) {
        return false;
      }
      double o = odds(w);
      return givenCompetitors(o, leftSum[l], rightSum[r], noneLeft, noneRight) >= threshold;
    };
  }

  /** The match weight of a (left row, right row) pair. */
  @FunctionalInterface
  interface PairWeight {
    double weight(int left, int right);
  }

  /** The probability that a record has no match, from the share of records that have one (capped). */
  private static double noMatch(double matchRate) {
    return 1 - Math.min(MAX_MATCH_RATE, Math.max(0, matchRate));
  }

  /**
   * min(P_left, P_right) of the class comment: a pair of odds {@code o} among candidates whose odds
   * sum to {@code leftSum} on its left record and {@code rightSum} on its right (its own included).
   */
  private static double givenCompetitors(double o, double leftSum, double rightSum, double noneLeft,
      double noneRight) {
    return Math.min(o / (noneLeft + Math.max(o, leftSum)), o / (noneRight + Math.max(o, rightSum)));
  }

  /** Odds of a match weight, capped so sums stay finite. */
  private static double odds(double weight) {
    return Math.pow(2, Math.min(weight, 1000));
  }

  private static final int[] NONE = new int[0];

  /** The relevant candidates of each row of one side ({@code rowOf}: the candidate's row on that side). */
  private static int[][] group(int[] relevant, int n, int rows, IntUnaryOperator rowOf) {
    int[] size = new int[rows];
    for (int k = 0; k < n; k++) {
      size[rowOf.applyAsInt(relevant[k])]++;
    }
    int[][] out = new int[rows][];
    for (int row = 0; row < rows; row++) {
      out[row] = size[row] == 0 ? NONE : new int[size[row]];
      size[row] = 0;
    }
    for (int k = 0; k < n; k++) {
      int i = relevant[k];
      int row = rowOf.applyAsInt(i);
      out[row][size[row]++] = i;
    }
    return out;
  }

  /** Candidate indexes with a probability each, in the order added. */
  static final class Picks {
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
