package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedTest {

  @Test
  void pack_fitsOrNot_unpackedOnlyWhenTooLongOrOutsideTheAlphabet() {
    assertThat(Packed.pack("".toCharArray())).isEqualTo(0L);
    assertThat(Packed.length(Packed.pack("SW1A 1AA".toCharArray()))).isEqualTo(8);
    assertThat(Packed.pack("ABCDEFGHIJ".toCharArray())).isNotEqualTo(Packed.UNPACKED);
    assertThat(Packed.pack("ABCDEFGHIJK".toCharArray())).isEqualTo(Packed.UNPACKED);
    assertThat(Packed.pack("smith jones".toCharArray())).isEqualTo(Packed.UNPACKED);
    assertThat(Packed.pack("anne-marie".toCharArray())).isNotEqualTo(Packed.UNPACKED);
    assertThat(Packed.pack("zoë".toCharArray())).isEqualTo(Packed.UNPACKED);
    assertThat(Packed.pack("o'neill".toCharArray())).isEqualTo(Packed.UNPACKED);
    assertThat(Packed.first(Packed.pack("zed".toCharArray()))).isEqualTo('z');
    assertThat(Packed.first(Packed.pack("Zed".toCharArray()))).isEqualTo('Z');
  }

  @Test
  void pack_trailingSpace_differsFromWithout() {
    // a space packs to symbol 0: only the length tells "AB" from "AB "
    assertThat(Packed.pack("AB".toCharArray())).isNotEqualTo(Packed.pack("AB ".toCharArray()));
    assertThat(Packed.jaroWinkler(Packed.pack("AB".toCharArray()), Packed.pack("AB ".toCharArray())))
        .isEqualTo(JaroWinkler.similarity("AB".toCharArray(), "AB ".toCharArray()));
  }

  @Test
  void kernels_300kRandomNearAndFarPairs_bitIdenticalToCharKernels() {
    SplittableRandom random = new SplittableRandom(20261202);
    // small alphabets make matches, transpositions and near misses common; the wide one covers the range
    char[][] alphabets = {"AB1 ".toCharArray(), "abce".toCharArray(), "aA ".toCharArray(), Packed.ALPHABET.toCharArray()};
    int oneEdit = 0;
    for (int i = 0; i < 300_000; i++) {
      char[] alphabet = alphabets[random.nextInt(alphabets.length)];
      char[][] pair = nearOrFarPair(random, alphabet);
      char[] a = pair[0];
      char[] b = pair[1];
      long pa = Packed.pack(a);
      long pb = Packed.pack(b);
      assertThat(pa).isNotEqualTo(Packed.UNPACKED);
      if (pb == Packed.UNPACKED) {
        assertThat(b.length).isGreaterThan(Packed.MAX_LENGTH); // an insertion can lengthen past the limit
        continue;
      }
      assertThat(pa == pb).isEqualTo(java.util.Arrays.equals(a, b));
      String what = "'" + new String(a) + "' vs '" + new String(b) + "'";
      boolean within = OneEdit.within(a, b);
      oneEdit += within ? 1 : 0;
      assertThat(Packed.withinOneEdit(pa, pb)).as(what).isEqualTo(within);
      assertThat(Double.doubleToRawLongBits(Packed.jaroWinkler(pa, pb))).as(what)
          .isEqualTo(Double.doubleToRawLongBits(JaroWinkler.similarity(a, b)));
    }
    assertThat(oneEdit).isBetween(30_000, 270_000); // both answers were exercised
  }

  @Test
  void jaroWinklerBelow_randomPairsAndFloors_neverWrongAndDecidesMostFarPairs() {
    SplittableRandom random = new SplittableRandom(7);
    char[][] alphabets = {"abce".toCharArray(), "aA ".toCharArray(), "abcdefghijklmnopqrstuvwxyz".toCharArray()};
    double[] floors = {0.5, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95, 1.0};
    int far = 0;
    int decided = 0;
    for (int i = 0; i < 200_000; i++) {
      char[] alphabet = alphabets[random.nextInt(alphabets.length)];
      char[][] pair = nearOrFarPair(random, alphabet);
      char[] a = pair[0];
      char[] b = pair[1];
      long pa = Packed.pack(a);
      long pb = Packed.pack(b);
      if (pb == Packed.UNPACKED) {
        continue;
      }
      double jw = JaroWinkler.similarity(a, b);
      for (double floor : floors) {
        if (Packed.jaroWinklerBelow(pa, pb, floor)) {
          assertThat(jw).as("'%s' vs '%s' below %s", new String(a), new String(b), floor).isLessThan(floor);
        }
      }
      if (alphabet.length == 26 && jw < 0.85) {
        far++;
        decided += Packed.jaroWinklerBelow(pa, pb, 0.85) ? 1 : 0;
      }
    }
    // random words over 26 letters mostly lack some of each other's letters: the bound decides them
    assertThat(decided).isGreaterThan(far / 2);
  }

  /**
   * {@link Packed#jaroWinklerBelow}'s bound computed on the characters instead of the packed fields: the shorter value's characters found in the longer's set are the matches (a
   * space counts as found when the longer is under ten characters, as the packed fields read), the
   * bound {@code (m / la + m / lb + 1) / 3}, boosted by the common prefix (at most 4) from 0.7.
   */
  private static boolean referenceBelow(char[] a, char[] b, double floor) {
    if (java.util.Arrays.equals(a, b)) {
      return false;
    }
    char[] min = a.length <= b.length ? a : b;
    char[] max = a.length <= b.length ? b : a;
    // a packed value's fields past its length read as symbol 0, the space: a longer value shorter than
    // ten characters "holds" a space (the bound may only over-count)
    String set = new String(max) + (max.length < Packed.MAX_LENGTH ? " " : "");
    int matches = 0;
    for (char c : min) {
      matches += set.indexOf(c) >= 0 ? 1 : 0;
    }
    if (matches == 0) {
      return true;
    }
    double m = matches;
    double j = (m / a.length + m / b.length + 1) / 3;
    int prefix = 0;
    while (prefix < Math.min(4, min.length) && a[prefix] == b[prefix]) {
      prefix++;
    }
    double bound = j < 0.7 ? j : j + 0.1 * prefix * (1d - j);
    return bound < floor - 1e-9;
  }

  @Test
  void jaroWinklerBelow_randomPairsAndFloors_sameAnswersAsTheBoundComputedOnTheCharacters() {
    SplittableRandom random = new SplittableRandom(29);
    char[][] alphabets = {"abce".toCharArray(), "aA ".toCharArray(), "AB1 ".toCharArray(), Packed.ALPHABET.toCharArray()};
    double[] floors = {0.5, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95, 1.0};
    int below = 0;
    int checked = 0;
    for (int i = 0; i < 200_000; i++) {
      char[][] pair = nearOrFarPair(random, alphabets[random.nextInt(alphabets.length)]);
      long pa = Packed.pack(pair[0]);
      long pb = Packed.pack(pair[1]);
      if (pb == Packed.UNPACKED) {
        continue;
      }
      for (double floor : floors) {
        boolean expected = referenceBelow(pair[0], pair[1], floor);
        assertThat(Packed.jaroWinklerBelow(pa, pb, floor))
            .as("'%s' vs '%s' below %s", new String(pair[0]), new String(pair[1]), floor).isEqualTo(expected);
        below += expected ? 1 : 0;
        checked++;
      }
    }
    assertThat(below).isBetween(checked / 20, checked - checked / 20); // both answers were exercised
  }

  @Test
  void contains_randomValues_sameAsSearchingTheCharacters() {
    SplittableRandom random = new SplittableRandom(11);
    char[] alphabet = "ab -".toCharArray();
    for (int i = 0; i < 50_000; i++) {
      char[] v = OneEditTest.randomString(random, alphabet, random.nextInt(Packed.MAX_LENGTH + 1));
      long p = Packed.pack(v);
      for (char c : "ab -z0".toCharArray()) {
        assertThat(Packed.contains(p, c)).as("'%s' holds '%s'", new String(v), c).isEqualTo(new String(v).indexOf(c) >= 0);
      }
    }
    assertThat(Packed.contains(Packed.pack("ABCDEFGHI ".toCharArray()), ' ')).isTrue();
    assertThat(Packed.contains(Packed.pack("ABCDEFGHIJ".toCharArray()), ' ')).isFalse();
  }

  @Test
  void jaroWinklerBelow_boundaryCases_exactSimilarityNeverBelowItself() {
    long martha = Packed.pack("martha".toCharArray());
    long marhta = Packed.pack("marhta".toCharArray());
    double jw = Packed.jaroWinkler(martha, marhta);
    assertThat(Packed.jaroWinklerBelow(martha, marhta, jw)).isFalse();
    assertThat(Packed.jaroWinklerBelow(martha, martha, 1.0)).isFalse();
    assertThat(Packed.jaroWinklerBelow(Packed.pack("abc".toCharArray()), Packed.pack("xyz".toCharArray()), 0.01)).isTrue();
    assertThat(Packed.jaroWinklerBelow(0L, Packed.pack("x".toCharArray()), 0.5)).isTrue();
  }

  @Test
  void jaroWinkler_names_bitIdenticalToCharKernel() {
    String[] names = {"martha", "marhta", "dixon", "dicksonx", "jones", "johnson", "smith", "smyth", "oneill",
        "anne-marie", "annemarie", "a", "ab", "ba", "", "mcdonald", "macdonald", "lee", "li", "AB", "le roux"};
    for (String x : names) {
      for (String y : names) {
        char[] a = x.toCharArray();
        char[] b = y.toCharArray();
        assertThat(Packed.jaroWinkler(Packed.pack(a), Packed.pack(b))).as(x + " vs " + y)
            .isEqualTo(JaroWinkler.similarity(a, b));
      }
    }
  }

  /** A random value that fits and either a one-edit mutation of it or another random value. */
  private static char[][] nearOrFarPair(SplittableRandom random, char[] alphabet) {
    char[] a = OneEditTest.randomString(random, alphabet, random.nextInt(Packed.MAX_LENGTH + 1));
    char[] b = random.nextBoolean() ? OneEditTest.mutate(random, alphabet, a)
        : OneEditTest.randomString(random, alphabet, random.nextInt(Packed.MAX_LENGTH + 1));
    return new char[][] {a, b};
  }
}
