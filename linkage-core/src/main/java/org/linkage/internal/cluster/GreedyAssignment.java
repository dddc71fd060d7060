package org.linkage.internal.cluster;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.linkage.spec.LinkageSpec.Assignment;

/**
 * Greedy assignment of scored candidate pairs: pairs are taken by descending match weight (ties by
 * left row, then right row, so the result never depends on thread count or input chunking), and a
 * pair is accepted unless one of its records is already taken under the {@link Assignment} rule.
 *
 * <p>Stateless; O(n log n) in the number of pairs at or above the threshold.
 */
public final class GreedyAssignment {
  private GreedyAssignment() {}

  /**
   * The pairs each record may be matched in; {@code taken} arrays are updated. For deduplication
   * pass the same array as {@code leftTaken} and {@code rightTaken}.
   *
   * @param left left row of candidate {@code i}
   * @param right right row of candidate {@code i}
   * @param weights match weight of each candidate
   * @param eligible indexes of the candidates at or above the threshold (any order)
   * @param count how many of {@code eligible} to use
   * @return indexes of the accepted candidates, in acceptance order (descending weight)
   */
  public static int[] assign(IntUnaryOperator left, IntUnaryOperator right, double[] weights, int[] eligible, int count, Assignment rule,
      boolean[] leftTaken, boolean[] rightTaken) {
    int[] order = sortedByWeight(left, right, weights, eligible, count);
    int[] out = new int[count];
    int n = 0;
    for (int i : order) {
      int l = left.applyAsInt(i);
      int r = right.applyAsInt(i);
      if (rightTaken[r] || (rule == Assignment.ONE_TO_ONE && leftTaken[l])) {
        continue;
      }
      leftTaken[l] = true;
      rightTaken[r] = true;
      out[n++] = i;
    }
    return Arrays.copyOf(out, n);
  }

  /** {@code eligible[0..count)} by descending weight, then ascending left row, then right row. */
  static int[] sortedByWeight(IntUnaryOperator left, IntUnaryOperator right, double[] weights, int[] eligible, int count) {
    int[] order = Arrays.copyOf(eligible, count);
    IndexSort.sort(order, (a, b) -> compareByWeight(left, right, weights, a, b));
    return order;
  }

  /** Candidates {@code a} and {@code b} in decision order: descending weight, then ascending left row, then right row. */
  static int compareByWeight(IntUnaryOperator left, IntUnaryOperator right, double[] weights, int a, int b) {
    int c = Double.compare(weights[b], weights[a]);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(left.applyAsInt(a), left.applyAsInt(b));
    return c != 0 ? c : Integer.compare(right.applyAsInt(a), right.applyAsInt(b));
  }
}
