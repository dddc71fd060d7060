package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.linkage.testing.RandomCases;

/**
 * Metric laws: bounds, identity, symmetry, and the triangle inequality for the distances, each
 * checked on seeded random strings (see {@link RandomCases}): 500 cases over a small Latin alphabet
 * (many matches, transpositions and repeated q-grams) and 500 over a wide one (accents, a
 * combining mark, Cyrillic, CJK, surrogate pairs and lone surrogates); about one string in ten is
 * empty and a third of the pairs are near each other (the second a few edits away from the first).
 */
class StringMetricPropertiesTest {

  private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
  private static final int CASES_PER_SEED = 100;

  /** Code points (as strings) of the wide alphabet; emoji and math letters are surrogate pairs. */
  private static final String[] WIDE = {
    "a", "e", "n", "s", "é", "è", "ü", "ñ", "ß", "\u0301", "ж", "и", "王", " ", "-", "'",
    "😀", "😁", "𝒜", "\uD800", "\uDC00",
  };

  /** A pair or triple of random strings. */
  record Strings(String a, String b, String c) {
    @Override
    public String toString() {
      return RandomCases.quoteAll(a, b, c);
    }
  }

  /** Draws strings of at most {@code maxLength} units from one alphabet. */
  private record Gen(String[] units, int maxLength) {

    static Gen small(char last, int maxLength) {
      String[] units = new String[last - 'a' + 1];
      for (char ch = 'a'; ch <= last; ch++) {
        units[ch - 'a'] = String.valueOf(ch);
      }
      return new Gen(units, maxLength);
    }

    static Gen wide(int maxLength) {
      return new Gen(WIDE, maxLength);
    }

    String string(SplittableRandom random) {
      int length = random.nextInt(10) == 0 ? 0 : random.nextInt(maxLength + 1);
      StringBuilder s = new StringBuilder();
      while (s.length() < length) {
        s.append(units[random.nextInt(units.length)]);
      }
      if (s.length() > maxLength) {
        // A surrogate pair did not fit: cut it, which leaves a lone high surrogate (also wanted).
        s.setLength(maxLength);
      }
      return s.toString();
    }

    /** Either a fresh string or {@code from} after a few random edits. */
    String other(SplittableRandom random, String from) {
      if (random.nextInt(3) != 0) {
        return string(random);
      }
      StringBuilder s = new StringBuilder(from);
      for (int edits = random.nextInt(4); edits > 0; edits--) {
        String unit = units[random.nextInt(units.length)];
        int at = s.length() == 0 ? 0 : random.nextInt(s.length());
        switch (random.nextInt(4)) {
          case 0 -> s.insert(at, unit);
          case 1 -> {
            if (s.length() > 0) {
              s.deleteCharAt(at);
            }
          }
          case 2 -> {
            if (s.length() > 0) {
              s.setCharAt(at, unit.charAt(0));
            }
          }
          default -> {
            if (at + 1 < s.length()) {
              char t = s.charAt(at);
              s.setCharAt(at, s.charAt(at + 1));
              s.setCharAt(at + 1, t);
            }
          }
        }
      }
      return s.length() > maxLength ? s.substring(0, maxLength) : s.toString();
    }

    Strings strings(SplittableRandom random) {
      String a = string(random);
      return new Strings(a, other(random, a), other(random, a));
    }
  }

  /** The property on a small alphabet {@code 'a'..last} and on the wide alphabet, 500 cases each. */
  private static Stream<DynamicNode> laws(char last, int maxLength, Consumer<Strings> property) {
    Gen small = Gen.small(last, maxLength);
    Gen wide = Gen.wide(maxLength);
    return Stream.of(
        dynamicContainer("alphabet a-" + last,
            RandomCases.forEachSeed(SEEDS, CASES_PER_SEED, small::strings, property)),
        dynamicContainer("wide alphabet",
            RandomCases.forEachSeed(SEEDS, CASES_PER_SEED, wide::strings, property)));
  }

  @TestFactory
  Stream<DynamicNode> jaroWinkler_anyPair_isWithinZeroAndOne() {
    return laws('f', 80, s -> {
      assertThat(JaroWinkler.similarity(s.a(), s.b())).isBetween(0.0, 1.0);
      assertThat(JaroWinkler.similarity(s.a(), s.a())).isEqualTo(1.0);
    });
  }

  @TestFactory
  Stream<DynamicNode> levenshtein_anyTriple_isMetric() {
    return laws('d', 80, s -> {
      char[] x = s.a().toCharArray();
      char[] y = s.b().toCharArray();
      char[] z = s.c().toCharArray();
      int xy = Levenshtein.distance(x, y);
      assertThat(Levenshtein.distance(y, x)).isEqualTo(xy);
      assertThat(Levenshtein.distance(x, x)).isZero();
      assertThat(xy).isBetween(Math.abs(x.length - y.length), Math.max(x.length, y.length));
      assertThat(xy).isLessThanOrEqualTo(Levenshtein.distance(x, z) + Levenshtein.distance(z, y));
    });
  }

  @TestFactory
  Stream<DynamicNode> osa_anyPair_isSymmetricAndBetweenLengthGapAndLevenshtein() {
    return laws('d', 80, s -> {
      char[] x = s.a().toCharArray();
      char[] y = s.b().toCharArray();
      int xy = OptimalStringAlignment.distance(x, y);
      assertThat(OptimalStringAlignment.distance(y, x)).isEqualTo(xy);
      assertThat(xy).isBetween(Math.abs(x.length - y.length), Levenshtein.distance(x, y));
    });
  }

  @TestFactory
  Stream<DynamicNode> qGramJaccard_anyPair_isSymmetricAndBounded() {
    return laws('d', 30, s -> {
      double sim = QGramJaccard.similarity(s.a().toCharArray(), s.b().toCharArray(), 2);
      assertThat(QGramJaccard.similarity(s.b().toCharArray(), s.a().toCharArray(), 2)).isEqualTo(sim);
      assertThat(sim).isBetween(0.0, 1.0);
    });
  }
}
