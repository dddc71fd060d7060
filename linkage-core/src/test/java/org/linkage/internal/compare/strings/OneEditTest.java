package org.linkage.internal.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OneEditTest {

  @Test
  void within_examples_matchDefinition() {
    assertThat(OneEdit.within("".toCharArray(), "".toCharArray())).isTrue();
    assertThat(OneEdit.within("".toCharArray(), "a".toCharArray())).isTrue();
    assertThat(OneEdit.within("SW1A1AA".toCharArray(), "SW1A1AB".toCharArray())).isTrue();
    assertThat(OneEdit.within("SW1A1AA".toCharArray(), "SW1AA1A".toCharArray())).isTrue(); // adjacent swap
    assertThat(OneEdit.within("SW1A1AA".toCharArray(), "W1A1AA".toCharArray())).isTrue();
    assertThat(OneEdit.within("SW1A1AA".toCharArray(), "SWA11AA".toCharArray())).isTrue();
    assertThat(OneEdit.within("abcd".toCharArray(), "badc".toCharArray())).isFalse(); // two swaps
    assertThat(OneEdit.within("abc".toCharArray(), "cba".toCharArray())).isFalse();
    assertThat(OneEdit.within("ab".toCharArray(), "abcd".toCharArray())).isFalse();
  }

  @Test
  void within_200kRandomNearAndFarPairs_sameAsOptimalStringAlignment() {
    SplittableRandom random = new SplittableRandom(20261126);
    char[] alphabet = "ab1AB".toCharArray();
    for (int i = 0; i < 200_000; i++) {
      char[] a = randomString(random, alphabet, random.nextInt(9));
      char[] b = random.nextBoolean() ? mutate(random, alphabet, a) : randomString(random, alphabet, random.nextInt(9));
      boolean expected = OptimalStringAlignment.distance(a, b, 1) >= 0;
      assertThat(OneEdit.within(a, b)).as("case %d: '%s' vs '%s'", i, new String(a), new String(b)).isEqualTo(expected);
    }
  }

  static char[] randomString(SplittableRandom random, char[] alphabet, int length) {
    char[] s = new char[length];
    for (int i = 0; i < length; i++) {
      s[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return s;
  }

  /** One or two random edits (substitute, insert, delete, adjacent swap). */
  static char[] mutate(SplittableRandom random, char[] alphabet, char[] s) {
    StringBuilder b = new StringBuilder(new String(s));
    int edits = 1 + random.nextInt(2);
    for (int e = 0; e < edits; e++) {
      int kind = random.nextInt(4);
      int n = b.length();
      if (kind == 0 && n > 0) {
        b.setCharAt(random.nextInt(n), alphabet[random.nextInt(alphabet.length)]);
      } else if (kind == 1) {
        b.insert(random.nextInt(n + 1), alphabet[random.nextInt(alphabet.length)]);
      } else if (kind == 2 && n > 0) {
        b.deleteCharAt(random.nextInt(n));
      } else if (n > 1) {
        int p = random.nextInt(n - 1);
        char c = b.charAt(p);
        b.setCharAt(p, b.charAt(p + 1));
        b.setCharAt(p + 1, c);
      }
    }
    return b.toString().toCharArray();
  }
}
