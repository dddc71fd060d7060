package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuePoolAndIdRegisterTest {
  @Test
  void canonical_equalValues_sameInstance() {
    ValuePool pool = new ValuePool(100);
    String first = new String("smith");
    String second = new String("smith");
    assertThat(pool.canonical(first)).isSameAs(first);
    assertThat(pool.canonical(second)).isSameAs(first);
  }

  @Test
  void canonical_poolFull_newValuesPassThroughEqual() {
    ValuePool pool = new ValuePool(4);
    for (int i = 0; i < 1000; i++) {
      String v = "v" + i;
      assertThat(pool.canonical(v)).isEqualTo(v);
    }
    String again = new String("v1");
    assertThat(pool.canonical(again)).isEqualTo("v1");
  }

  @Test
  void putIfAbsent_manyIds_firstLineKeptAcrossGrowth() {
    IdRegister ids = new IdRegister();
    for (int i = 0; i < 100_000; i++) {
      assertThat(ids.putIfAbsent("rec-" + i + "-org", i + 2)).isZero();
    }
    assertThat(ids.size()).isEqualTo(100_000);
    for (int i = 0; i < 100_000; i += 997) {
      assertThat(ids.putIfAbsent("rec-" + i + "-org", 1)).isEqualTo(i + 2);
    }
  }

  @Test
  void putIfAbsent_collidingHashes_keptApart() {
    IdRegister ids = new IdRegister();
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(ids.putIfAbsent("Aa", 2)).isZero();
    assertThat(ids.putIfAbsent("BB", 3)).isZero();
    assertThat(ids.putIfAbsent("BB", 4)).isEqualTo(3);
    assertThat(ids.putIfAbsent("Aa", 5)).isEqualTo(2);
  }
}
