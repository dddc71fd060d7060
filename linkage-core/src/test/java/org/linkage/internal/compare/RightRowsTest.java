package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.linkage.internal.compare.strings.Packed;

class RightRowsTest {
  /** Each kind of field (plain codes, a per-value table, the halves of packed values) over rows past several blocks. */
  @Test
  void build_everyKindOfField_eachRowHoldsItsFieldsAtTheirOffsets() {
    for (int rows : new int[] {1, 1023, 1024, 2500}) {
      SplittableRandom random = new SplittableRandom(rows);
      int values = 50;
      int[] codes = new int[rows];
      int[] other = new int[rows];
      int[] days = new int[rows];
      for (int r = 0; r < rows; r++) {
        codes[r] = random.nextInt(8) == 0 ? -1 : random.nextInt(values);
        other[r] = random.nextInt(8) == 0 ? -1 : random.nextInt(values);
        days[r] = random.nextInt();
      }
      int[] byValue = new int[values];
      long[] packed = new long[values];
      for (int v = 0; v < values; v++) {
        byValue[v] = random.nextInt();
        packed[v] = v % 7 == 0 ? Packed.UNPACKED : random.nextLong();
      }
      RightRows.Builder b = RightRows.builder(rows);
      int plain = b.add(codes);
      int derived = b.addDerived(codes, byValue);
      int pack = b.addPacked(other, packed);
      int day = b.add(days);
      assertThat(b.add(codes)).as("a field added twice is stored once").isEqualTo(plain);
      RightRows built = b.build();
      int[] cells = built.cells();
      assertThat(built.stride()).isEqualTo(8);
      for (int r = 0; r < rows; r++) {
        int at = built.start(r);
        assertThat(cells[at + plain]).as("row %d", r).isEqualTo(codes[r]);
        assertThat(cells[at + derived]).as("row %d", r).isEqualTo(codes[r] < 0 ? -1 : byValue[codes[r]]);
        assertThat(RightRows.packedAt(cells, at + pack)).as("row %d", r)
            .isEqualTo(other[r] < 0 ? Packed.UNPACKED : packed[other[r]]);
        assertThat(cells[at + day]).as("row %d", r).isEqualTo(days[r]);
      }
    }
  }
}
