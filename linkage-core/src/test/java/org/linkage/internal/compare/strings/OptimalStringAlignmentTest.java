package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalStringAlignmentTest {

  /** Textbook full-matrix OSA (restricted Damerau–Levenshtein) distance. */
  static int reference(char[] a, char[] b) {
    int[][] d = new int[a.length + 1][b.length + 1];
    for (int i = 0; i <= a.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        int cost = a[i - 1] == b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  @Test
  void distance_seededRandomAndAdversarialPairs_equalsReferenceDp() {
    SplittableRandom random = new SplittableRandom(PairGenerator.SEED);
    for (char[][] pair : PairGenerator.pairs(JaroWinklerTest.PAIRS, PairGenerator.SEED + 3)) {
      int expected = reference(pair[0], pair[1]);
      check(pair, expected, OptimalStringAlignment.distance(pair[0], pair[1]), Integer.MAX_VALUE);
      for (int threshold : new int[] {0, 1, 2, 3, 5, random.nextInt(200)}) {
        check(pair, expected <= threshold ? expected : -1,
            OptimalStringAlignment.distance(pair[0], pair[1], threshold), threshold);
      }
    }
  }

  private static void check(char[][] pair, int expected, int actual, int threshold) {
    if (expected != actual) {
      fail("OSA(\"" + new String(pair[0]) + "\", \"" + new String(pair[1]) + "\", threshold "
          + threshold + "): expected " + expected + " but was " + actual);
    }
  }

  @Test
  void distance_adjacentTransposition_costsOne() {
    assertThat(OptimalStringAlignment.distance("martha".toCharArray(), "marhta".toCharArray())).isEqualTo(1);
    assertThat(OptimalStringAlignment.distance("ab".toCharArray(), "ba".toCharArray(), 1)).isEqualTo(1);
  }

  @Test
  void distance_substringEditedTwice_isRestricted() {
    // Unrestricted Damerau gives 2 (ca -> ac -> abc); OSA may not edit the swapped pair again.
    assertThat(OptimalStringAlignment.distance("ca".toCharArray(), "abc".toCharArray())).isEqualTo(3);
  }

  @Test
  void distance_longTranspositions_equalsReferenceDp() {
    char[] a = "abcdefghij".repeat(20).toCharArray();
    char[] b = "bacdefhgij".repeat(20).toCharArray();
    assertThat(OptimalStringAlignment.distance(a, b)).isEqualTo(reference(a, b)).isEqualTo(40);
    assertThat(OptimalStringAlignment.distance(a, b, 39)).isEqualTo(-1);
  }

  @Test
  void distance_negativeThreshold_throwsWithValue() {
    assertThatThrownBy(() -> OptimalStringAlignment.distance(new char[0], new char[0], -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }
}
