package org.linkage.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;

class RecordTableTest {
  private static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.of("surname", ColumnType.NAME));

  @Test
  void id_manyIdsWithNonAsciiCharacters_eachReturnedAsAdded() {
    RecordTable.Builder b = RecordTable.builder("t.csv", COLUMNS);
    for (int i = 0; i < 5_000; i++) {
      b.add((i % 3 == 0 ? "Zoë-" : "id") + i, new String[] {"s" + i}, i + 2);
    }
    RecordTable t = b.build();

    assertThat(t.size()).isEqualTo(5_000);
    for (int i = 0; i < 5_000; i++) {
      assertThat(t.id(i)).isEqualTo((i % 3 == 0 ? "Zoë-" : "id") + i);
      assertThat(t.line(i)).isEqualTo(i + 2);
      assertThat(t.value(0, i)).isEqualTo("s" + i);
    }
    assertThat(t.rowOf("Zoë-3")).isEqualTo(3);
    assertThat(t.rowOf("id3")).isEqualTo(-1);
  }

  @Test
  void releaseValues_afterwards_idsKeptAndValuesRefused() {
    RecordTable t = RecordTable.builder("t.csv", COLUMNS).add("a", new String[] {"smith"}, 2)
        .add("b", new String[] {""}, 3).build();
    assertThat(t.hasValues()).isTrue();
    assertThat(t.value(0, 1)).isNull();

    t.releaseValues();

    assertThat(t.hasValues()).isFalse();
    assertThat(t.id(1)).isEqualTo("b");
    assertThat(t.size()).isEqualTo(2);
    assertThatThrownBy(() -> t.value(0, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t.csv").hasMessageNotContaining("smith");
  }
}
