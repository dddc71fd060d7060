package org.linkage.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DictionaryTest {

  @Test
  void intern_manyValuesWithRepeats_codesInOrderOfFirstAppearanceAndValuesRoundTrip() {
    Dictionary dict = new Dictionary();
    Map<String, Integer> expected = new HashMap<>();
    List<String> order = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      // repeats, non-Latin characters and strings with colliding hash codes ("Aa" and "BB")
      String v = switch (i % 4) {
        case 0 -> "n" + random.nextInt(20_000);
        case 1 -> "Łukasz" + random.nextInt(100);
        case 2 -> random.nextBoolean() ? "Aa" + random.nextInt(50) : "BB" + random.nextInt(50);
        default -> Integer.toString(i);
      };
      Integer code = expected.get(v);
      if (code == null) {
        code = order.size();
        expected.put(v, code);
        order.add(v);
      }
      assertThat(dict.intern(v)).isEqualTo(code);
    }
    dict.freeze();

    assertThat(dict.size()).isEqualTo(order.size());
    for (int c = 0; c < order.size(); c++) {
      assertThat(dict.value(c)).isEqualTo(order.get(c));
      assertThat(new String(dict.chars(c))).isEqualTo(order.get(c));
      assertThat(dict.codeOf(order.get(c))).isEqualTo(c);
    }
    assertThat(dict.codeOf("absent")).isEqualTo(-1);
    assertThat(dict.codeOf("")).isEqualTo(-1);
  }

  @Test
  void derive_valuesMappedToOneCode_sharedDerivedCodes() {
    Dictionary dict = new Dictionary();
    dict.intern("smith");
    dict.intern("smyth");
    dict.intern("jones");
    dict.freeze();

    Dictionary.Derived first = dict.derive(v -> v.substring(0, 2));

    assertThat(first.dictionary().size()).isEqualTo(2);
    assertThat(first.code(0)).isEqualTo(first.code(1));
    assertThat(first.dictionary().value(first.code(2))).isEqualTo("jo");
    assertThat(first.code(-1)).isEqualTo(-1);
  }

  @Test
  void of_savedValues_sameCodesAndLookupsAsInterned() {
    Dictionary interned = new Dictionary();
    List<char[]> saved = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String v = (i % 2 == 0 ? "Aa" : "BB") + i + (i % 3 == 0 ? "Ł" : ""); // colliding hash codes, non-Latin
      interned.intern(v);
      saved.add(v.toCharArray());
    }
    Dictionary read = Dictionary.of(saved);
    assertThat(read.size()).isEqualTo(interned.size());
    for (int c = 0; c < read.size(); c++) {
      assertThat(read.codeOf(interned.value(c))).isEqualTo(c);
    }
    assertThat(read.codeOf("absent")).isEqualTo(-1);
    int[] codes = new int[2];
    Dictionary grown = read.extended(new String[] {"BB1", "new"}, codes);
    assertThat(codes).containsExactly(1, read.size());
    saved.add("BB1".toCharArray());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(saved))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(grown.size()).isEqualTo(read.size() + 1);
  }

  @Test
  void of_flatValuesInParts_sameValuesCodesAndLookupsAsInterned() {
    Dictionary interned = new Dictionary();
    List<Dictionary.Values> parts = new ArrayList<>();
    StringBuilder chars = new StringBuilder();
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String v = i == 17 ? "" : (i % 2 == 0 ? "Aa" : "BB") + i + (i % 3 == 0 ? "Ł" : ""); // an empty value too
      interned.intern(v);
      chars.append(v);
      ends.add(chars.length());
      if (i == 2_999 || i == 4_999) { // two saves: the second part's ends start again from 0
        parts.add(new Dictionary.Values(chars.toString().toCharArray(), ends.stream().mapToInt(x -> x).toArray()));
        chars.setLength(0);
        ends.clear();
      }
    }
    Dictionary read = Dictionary.of(Dictionary.Values.join(parts));
    assertThat(read.size()).isEqualTo(interned.size());
    for (int c = 0; c < read.size(); c++) {
      String v = interned.value(c);
      assertThat(read.value(c)).isEqualTo(v);
      assertThat(new String(read.chars(c))).isEqualTo(v);
      assertThat(read.length(c)).isEqualTo(v.length());
      if (!v.isEmpty()) {
        assertThat(read.charAt(c, v.length() - 1)).isEqualTo(v.charAt(v.length() - 1));
      }
      assertThat(read.codeOf(v)).isEqualTo(c);
    }
    assertThat(read.codeOf("absent")).isEqualTo(-1);
    int[] codes = new int[3];
    Dictionary grown = read.extended(new String[] {"BB1", "new", "new"}, codes);
    assertThat(codes).containsExactly(1, read.size(), read.size());
    assertThat(grown.value(1)).isEqualTo("BB1");
    assertThat(grown.value(read.size())).isEqualTo("new");
    assertThat(grown.codeOf(interned.value(4_998))).isEqualTo(4_998);
    Dictionary.Values repeated = new Dictionary.Values("abab".toCharArray(), new int[] {2, 4});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(repeated))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofSavedTable_tableOfAnInternedDictionary_sameCodesLookupsAndGrowthAsHashedAgain() {
    Dictionary interned = new Dictionary();
    StringBuilder chars = new StringBuilder();
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String v = (i % 2 == 0 ? "Aa" : "BB") + i + (i % 3 == 0 ? "Ł" : "");
      interned.intern(v);
      chars.append(v);
      ends.add(chars.length());
    }
    interned.freeze();
    Dictionary.Values values = new Dictionary.Values(chars.toString().toCharArray(),
        ends.stream().mapToInt(x -> x).toArray());
    // the table a run's dictionary holds, as a state saves it, read back over the saved values
    Dictionary read = Dictionary.of(values, interned.hashes().clone(), interned.table().clone());
    Dictionary hashed = Dictionary.of(values);
    assertThat(read.size()).isEqualTo(hashed.size());
    for (int c = 0; c < read.size(); c++) {
      assertThat(read.codeOf(hashed.value(c))).isEqualTo(c);
      assertThat(read.value(c)).isEqualTo(interned.value(c));
    }
    assertThat(read.codeOf("absent")).isEqualTo(-1);
    String[] added = new String[3_000]; // past the table's capacity: grown and rehashed
    for (int i = 0; i < added.length; i++) {
      added[i] = i % 2 == 0 ? "BB" + (2 * i + 1) : "new" + i;
    }
    int[] fromRead = new int[added.length];
    int[] fromHashed = new int[added.length];
    Dictionary grownRead = read.extended(added, fromRead);
    Dictionary grownHashed = hashed.extended(added, fromHashed);
    assertThat(fromRead).containsExactly(fromHashed);
    assertThat(grownRead.codeOf("new2999")).isEqualTo(grownHashed.codeOf("new2999")).isGreaterThan(4_999);
  }

  @Test
  void ofSavedTable_tableNotFittingTheValues_refused() {
    Dictionary.Values values = new Dictionary.Values("abcd".toCharArray(), new int[] {1, 2, 3, 4});
    Dictionary d = Dictionary.of(values);
    int[] hashes = d.hashes();
    int[] table = d.table();
    org.assertj.core.api.Assertions.assertThatCode(() -> Dictionary.of(values, hashes, table)).doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(values, java.util.Arrays.copyOf(hashes, 3),
        table)).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(values, hashes,
        java.util.Arrays.copyOf(table, 48))).isInstanceOf(IllegalArgumentException.class);
    int[] outOfRange = table.clone();
    int filled = 0;
    while (outOfRange[filled] == 0) {
      filled++;
    }
    outOfRange[filled] = 5;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(values, hashes, outOfRange))
        .isInstanceOf(IllegalArgumentException.class);
    int[] missing = table.clone();
    missing[filled] = 0;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dictionary.of(values, hashes, missing))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void derivedExtendedTo_grownDictionary_sameAsDerivingAgain() {
    Dictionary dict = new Dictionary();
    for (int i = 0; i < 3_000; i++) {
      dict.intern("v" + (i * 7919 % 5000));
    }
    dict.freeze();
    java.util.function.Function<String, String> f = v -> v.length() < 4 ? null : v.substring(0, 3);
    Dictionary.Derived before = dict.derive(f);
    String[] more = new String[2_000];
    for (int i = 0; i < more.length; i++) {
      more[i] = i % 5 == 0 ? null : "v" + (i * 31 % 9000); // repeats, new values and missing ones
    }
    Dictionary grown = dict.extended(more, new int[more.length]);
    assertThat(grown.size()).isGreaterThan(dict.size());

    Dictionary.Derived extended = before.extendedTo(grown, f);
    Dictionary.Derived again = grown.derive(f);
    assertThat(extended.codes()).isEqualTo(again.codes());
    assertThat(extended.dictionary().size()).isEqualTo(again.dictionary().size());
    for (int c = 0; c < again.dictionary().size(); c++) {
      assertThat(extended.dictionary().value(c)).isEqualTo(again.dictionary().value(c));
    }
    assertThat(before.derivedCount(dict.size())).isEqualTo(before.dictionary().size());
    assertThat(extended.derivedCount(dict.size())).isEqualTo(before.dictionary().size());
  }
}
