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
}
