package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/** No-break spaces around ids, and rows that are only a quoted empty field or a quoted line break. */
class CsvTableReaderEdgeRowsTest {
  private static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.of("surname", ColumnType.NAME));

  private static ReadResult read(String text) {
    return CsvTableReader.create("id", COLUMNS, CsvOptions.defaults()).read(new StringReader(text), "p.csv");
  }

  @Test
  void read_idOfNoBreakSpaces_rejectedAsEmpty() {
    ReadResult r = read("id,surname\n\u00A0\u202F,Lee\n");
    assertThat(r.table().size()).isZero();
    assertThat(r.rejections()).extracting(Rejection::reason).containsExactly("empty id");
  }

  @Test
  void read_idWithTrailingNoBreakSpace_sameIdAsWithout() {
    ReadResult r = read("id,surname\nE1,Lee\nE1\u00A0,Lee\n");
    assertThat(r.table().size()).isEqualTo(1);
    assertThat(r.rejections()).extracting(Rejection::reason).singleElement().asString().startsWith("duplicate id");
  }

  @Test
  void read_rowOfOnlyQuotedEmptyOrQuotedNewline_countedAndRejected() {
    ReadResult r = read("id,surname\n\"\"\nE1,Lee\n\"\n\"\n\nE2,Ray\n");
    assertThat(r.table().size()).isEqualTo(2);
    assertThat(r.rowsRead()).isEqualTo(4); // the blank line is not a row
    assertThat(r.rejections()).extracting(Rejection::line).containsExactly(2L, 4L);
    assertThat(r.rejections()).extracting(Rejection::reason).allMatch(s -> s.contains("expected 2 fields"));
  }

  @Test
  void read_blankLinesAndSpacesOnlyLines_skippedNotCounted() {
    ReadResult r = read("id,surname\n\n   \nE1,Lee\n\n");
    assertThat(r.rowsRead()).isEqualTo(1);
    assertThat(r.rejections()).isEmpty();
  }
}
