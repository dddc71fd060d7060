package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.Test;

class LevenshteinTest {

  private static final LevenshteinDistance UNBOUNDED = LevenshteinDistance.getDefaultInstance();
  private static final int[] LARGE_THRESHOLDS = {6, 8, 13, 40, 100, 1000};
  private static final LevenshteinDistance[] BOUNDED = new LevenshteinDistance[1001];

  private static LevenshteinDistance bounded(int threshold) {
    if (BOUNDED[threshold] == null) {
      BOUNDED[threshold] = new LevenshteinDistance(threshold);
    }
    return BOUNDED[threshold];
  }

  @Test
  void distance_seededRandomAndAdversarialPairs_equalsCommonsTextUnbounded() {
    List<char[][]> pairs = PairGenerator.pairs(JaroWinklerTest.PAIRS, PairGenerator.SEED);
    for (char[][] pair : pairs) {
      check(pair, UNBOUNDED.apply(new String(pair[0]), new String(pair[1])), Levenshtein.distance(pair[0], pair[1]), -1);
    }
  }

  @Test
  void distance_thresholdsZeroToFive_equalsCommonsTextThresholded() {
    List<char[][]> pairs = PairGenerator.pairs(JaroWinklerTest.PAIRS, PairGenerator.SEED);
    for (char[][] pair : pairs) {
      String a = new String(pair[0]);
      String b = new String(pair[1]);
      for (int threshold = 0; threshold <= 5; threshold++) {
        check(pair, bounded(threshold).apply(a, b), Levenshtein.distance(pair[0], pair[1], threshold), threshold);
      }
    }
  }

  @Test
  void distance_largerThresholds_equalsCommonsTextThresholded() {
    List<char[][]> pairs = PairGenerator.pairs(JaroWinklerTest.PAIRS, PairGenerator.SEED);
    SplittableRandom random = new SplittableRandom(PairGenerator.SEED);
    for (char[][] pair : pairs) {
      int threshold = LARGE_THRESHOLDS[random.nextInt(LARGE_THRESHOLDS.length)];
      int expected = bounded(threshold).apply(new String(pair[0]), new String(pair[1]));
      check(pair, expected, Levenshtein.distance(pair[0], pair[1], threshold), threshold);
    }
  }

  private static void check(char[][] pair, int expected, int actual, int threshold) {
    if (expected != actual) {
      fail("Levenshtein(\"" + new String(pair[0]) + "\", \"" + new String(pair[1]) + "\", threshold "
          + threshold + "): expected " + expected + " but was " + actual);
    }
  }

  @Test
  void distance_commonsTextDocumentedExamples_match() {
    assertThat(Levenshtein.distance("".toCharArray(), "".toCharArray(), 0)).isZero();
    assertThat(Levenshtein.distance("aaapppp".toCharArray(), "".toCharArray(), 7)).isEqualTo(7);
    assertThat(Levenshtein.distance("aaapppp".toCharArray(), "".toCharArray(), 6)).isEqualTo(-1);
    assertThat(Levenshtein.distance("elephant".toCharArray(), "hippo".toCharArray(), 7)).isEqualTo(7);
    assertThat(Levenshtein.distance("hippo".toCharArray(), "elephant".toCharArray(), 6)).isEqualTo(-1);
    assertThat(Levenshtein.distance("hippo".toCharArray(), "zzzzzzzz".toCharArray())).isEqualTo(8);
  }

  @Test
  void distance_negativeThreshold_throwsWithValue() {
    assertThatThrownBy(() -> Levenshtein.distance(new char[0], new char[0], -3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
  }

  @Test
  void distance_nonLatin1PatternLongerThanOneWord_equalsCommonsText() {
    String a = "王伟ж".repeat(30);
    String b = "王ж伟".repeat(30);
    assertThat(Levenshtein.distance(a.toCharArray(), b.toCharArray())).isEqualTo(UNBOUNDED.apply(a, b));
    assertThat(Levenshtein.distance(a.toCharArray(), b.toCharArray(), 35)).isEqualTo(new LevenshteinDistance(35).apply(a, b));
  }
}
