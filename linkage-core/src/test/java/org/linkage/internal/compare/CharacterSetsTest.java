package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linkage.internal.compare.strings.OneEdit;
import org.linkage.internal.normalize.Dictionary;

/** The character-set filter in front of the one-edit test: it may only skip pairs the test rejects. */
class CharacterSetsTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 abcdefghijklmnopqrstuvwxyzéü-'";

  @Test
  void mayBeOneEdit_randomValuesAndTheirOneEditVariants_neverRejectsAPairWithinOneEdit() {
    Random rnd = new Random(7);
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String v = random(rnd, 1 + rnd.nextInt(9));
      distinct.add(v);
      distinct.add(oneEdit(rnd, v)); // each value next to a variant one edit away
    }
    List<char[]> values = new ArrayList<>();
    distinct.forEach(v -> values.add(v.toCharArray()));
    Dictionary dict = Dictionary.of(values);
    long[] sets = CharacterSets.of(dict);
    int within = 0;
    int skipped = 0;
    for (int a = 0; a < dict.size(); a++) {
      for (int b = Math.max(0, a - 3); b < Math.min(dict.size(), a + 40); b++) {
        boolean oneEdit = OneEdit.within(dict.chars(a), dict.chars(b));
        boolean may = CharacterSets.mayBeOneEdit(sets, a, b);
        if (oneEdit) {
          within++;
          assertThat(may).as("%s ~ %s", new String(dict.chars(a)), new String(dict.chars(b))).isTrue();
        } else if (!may) {
          skipped++;
        }
      }
    }
    assertThat(within).isGreaterThan(3_000); // the variants are found
    assertThat(skipped).isGreaterThan(30_000); // and most strangers never reach the characters
  }

  private static String random(Random rnd, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** One substitution, insertion, deletion or adjacent swap. */
  private static String oneEdit(Random rnd, String v) {
    StringBuilder sb = new StringBuilder(v);
    int at = rnd.nextInt(v.length());
    switch (rnd.nextInt(4)) {
      case 0 -> sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      case 1 -> sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      case 2 -> {
        if (v.length() > 1) {
          sb.deleteCharAt(at);
        }
      }
      default -> {
        if (at + 1 < v.length()) {
          char c = sb.charAt(at);
          sb.setCharAt(at, sb.charAt(at + 1));
          sb.setCharAt(at + 1, c);
        }
      }
    }
    return sb.toString();
  }
}
