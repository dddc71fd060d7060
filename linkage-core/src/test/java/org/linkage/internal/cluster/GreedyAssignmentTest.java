package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec.Assignment;

class GreedyAssignmentTest {
  // candidates: (left, right, weight)
  private static final int[] L = {0, 0, 1, 1, 2, 2};
  private static final int[] R = {0, 1, 0, 1, 1, 2};
  private static final double[] W = {9, 8, 8, 7, 8, 1};
  private static final int[] ALL = {0, 1, 2, 3, 4, 5};

  private static int[] assign(Assignment rule) {
    return GreedyAssignment.assign(i -> L[i], i -> R[i], W, ALL, ALL.length, rule, new boolean[3], new boolean[3]);
  }

  @Test
  void oneToOne_noIdTwice_tiesByLeftThenRight() {
    int[] got = assign(Assignment.ONE_TO_ONE);
    // 0-0 (9); ties at 8: 0-1 (left 0 taken), 1-0 (right 0 taken), 2-1; then 1-1 (right 1 taken); 2-2 (left taken)
    assertThat(got).containsExactly(0, 4);
    assertThat(Arrays.stream(got).map(i -> L[i])).doesNotHaveDuplicates();
    assertThat(Arrays.stream(got).map(i -> R[i])).doesNotHaveDuplicates();
  }

  @Test
  void manyToOne_noRightIdTwice_leftMayRepeat() {
    int[] got = assign(Assignment.MANY_TO_ONE);
    // 0-0 (9), then 0-1 (8, left 0 may take more), 1-0 and 2-1 refused (rights taken), 2-2 (1)
    assertThat(got).containsExactly(0, 1, 5);
    assertThat(Arrays.stream(got).map(i -> R[i])).doesNotHaveDuplicates();
  }

  @Test
  void assign_eligibleOrderShuffled_sameResult() {
    int[] shuffled = {5, 3, 1, 4, 0, 2};
    int[] got = GreedyAssignment.assign(i -> L[i], i -> R[i], W, shuffled, 6, Assignment.ONE_TO_ONE, new boolean[3],
        new boolean[3]);
    assertThat(got).containsExactly(assign(Assignment.ONE_TO_ONE));
  }
}
