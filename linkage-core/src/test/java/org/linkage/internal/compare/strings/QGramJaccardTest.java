package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QGramJaccardTest {

  static double reference(char[] a, char[] b, int q) {
    Set<String> left = grams(new String(a), q);
    Set<String> right = grams(new String(b), q);
    if (left.isEmpty() && right.isEmpty()) {
      return Arrays.equals(a, b) ? 1d : 0d;
    }
    Set<String> union = new HashSet<>(left);
    union.addAll(right);
    Set<String> intersection = new HashSet<>(left);
    intersection.retainAll(right);
    return (double) intersection.size() / union.size();
  }

  private static Set<String> grams(String s, int q) {
    Set<String> grams = new HashSet<>();
    for (int i = 0; i + q <= s.length(); i++) {
      grams.add(s.substring(i, i + q));
    }
    return grams;
  }

  @Test
  void similarity_seededPairsQ1To4_equalsSetBasedReference() {
    for (char[][] pair : PairGenerator.pairs(20_000, PairGenerator.SEED + 5)) {
      for (int q = 1; q <= 4; q++) {
        double expected = reference(pair[0], pair[1], q);
        double actual = QGramJaccard.similarity(pair[0], pair[1], q);
        if (expected != actual) {
          fail("Jaccard(\"" + new String(pair[0]) + "\", \"" + new String(pair[1]) + "\", q=" + q
              + "): expected " + expected + " but was " + actual);
        }
      }
    }
  }

  @Test
  void similarity_repeatedGrams_countOnce() {
    // {an, nn, na} vs {an, na}: 2 / 3.
    assertThat(QGramJaccard.similarity("anna".toCharArray(), "ana".toCharArray(), 2)).isEqualTo(2.0 / 3);
  }

  @Test
  void similarity_bothShorterThanQ_isOneOnlyWhenEqual() {
    assertThat(QGramJaccard.similarity("ab".toCharArray(), "ab".toCharArray(), 3)).isEqualTo(1.0);
    assertThat(QGramJaccard.similarity("ab".toCharArray(), "ba".toCharArray(), 3)).isEqualTo(0.0);
    assertThat(QGramJaccard.similarity("".toCharArray(), "abc".toCharArray(), 2)).isEqualTo(0.0);
  }

  @Test
  void similarity_qBelowOne_throwsWithValue() {
    assertThatThrownBy(() -> QGramJaccard.similarity(new char[0], new char[0], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
