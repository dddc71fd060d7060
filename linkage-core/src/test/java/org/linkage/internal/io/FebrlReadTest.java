package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;

/**
 * Reads the real FEBRL4 benchmark files (CRLF without final newline in A, LF in B, a space after
 * every comma), as shipped in the repository's {@code datasets/febrl4}.
 */
class FebrlReadTest {
  static final List<ColumnSpec> FEBRL = List.of(
      new ColumnSpec("forename", "given_name", ColumnType.NAME, null),
      new ColumnSpec("surname", "surname", ColumnType.NAME, null),
      new ColumnSpec("street_number", "street_number", ColumnType.TEXT, null),
      new ColumnSpec("address_1", "address_1", ColumnType.TEXT, null),
      new ColumnSpec("address_2", "address_2", ColumnType.TEXT, null),
      new ColumnSpec("suburb", "suburb", ColumnType.TEXT, null),
      new ColumnSpec("postcode", "postcode", ColumnType.POSTCODE, null),
      new ColumnSpec("state", "state", ColumnType.TEXT, null),
      new ColumnSpec("dob", "date_of_birth", ColumnType.DATE, "yyyyMMdd"),
      new ColumnSpec("ssn", "soc_sec_id", ColumnType.IDENTIFIER, null));

  /** The repository's copy of FEBRL4; tests run from the module folder, one below the root. */
  static Path febrlFolder() {
    Path folder = Path.of("..", "datasets", "febrl4").toAbsolutePath().normalize();
    assertThat(folder).as("FEBRL4 ships with the repository").isDirectory();
    return folder;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dataset4a.csv", "dataset4b.csv"})
  void read_febrl4File_5000RowsNoRejections(String name) {
    Path folder = febrlFolder();

    ReadResult r = CsvTableReader.create("rec_id", FEBRL, CsvOptions.defaults()).read(folder.resolve(name));

    RecordTable t = r.table();
    assertThat(r.rejections()).isEmpty();
    assertThat(r.absentColumns()).isEmpty();
    assertThat(r.rowsRead()).isEqualTo(5000);
    assertThat(t.size()).isEqualTo(5000);
    assertThat(t.line(0)).isEqualTo(2);
    assertThat(t.line(4999)).isEqualTo(5001);
    for (int row = 0; row < t.size(); row++) {
      assertThat(t.id(row)).matches("rec-\\d+-(org|dup-0)");
      String dob = t.value(t.columnIndex("dob"), row);
      if (dob != null) {
        assertThat(dob).hasSize(8);
      }
      String forename = t.value(t.columnIndex("forename"), row);
      if (forename != null) {
        assertThat(forename).doesNotStartWith(" ").doesNotEndWith(" ");
      }
    }
  }
}
