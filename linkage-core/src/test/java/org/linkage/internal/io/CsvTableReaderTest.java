package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

class CsvTableReaderTest {
  private static final List<ColumnSpec> PERSON = List.of(
      ColumnSpec.of("forename", ColumnType.NAME),
      ColumnSpec.of("surname", ColumnType.NAME),
      ColumnSpec.of("dob", ColumnType.DATE),
      ColumnSpec.of("postcode", ColumnType.POSTCODE));
  private static final String HEADER = "id,forename,surname,dob,postcode\n";

  @TempDir Path dir;

  private static ReadResult read(String text) {
    return read(text, CsvOptions.defaults());
  }

  private static ReadResult read(String text, CsvOptions options) {
    return CsvTableReader.create("id", PERSON, options).read(new StringReader(text), "people.csv");
  }

  private static void assertConserved(ReadResult r) {
    assertThat(r.rowsRead()).isEqualTo(r.table().size() + (long) r.rejections().size());
  }

  @Test
  void read_cleanFile_allRowsWithValuesAndLines() {
    ReadResult r = read(HEADER + "1,Ann,Lee,1990-01-02,AB1 2CD\n2,Bob,Ray,,\n");
    RecordTable t = r.table();
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.source()).isEqualTo("people.csv");
    assertThat(t.id(0)).isEqualTo("1");
    assertThat(t.value(t.columnIndex("forename"), 0)).isEqualTo("Ann");
    assertThat(t.value(t.columnIndex("dob"), 0)).isEqualTo("1990-01-02");
    assertThat(t.value(t.columnIndex("postcode"), 0)).isEqualTo("AB1 2CD");
    assertThat(t.value(t.columnIndex("dob"), 1)).isNull();
    assertThat(t.line(0)).isEqualTo(2);
    assertThat(t.line(1)).isEqualTo(3);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.absentColumns()).isEmpty();
    assertThat(r.rowsRead()).isEqualTo(2);
  }

  @Test
  void read_byteOrderMark_headerMatched() throws IOException {
    Path file = dir.resolve("bom.csv");
    byte[] body = (HEADER + "1,Ann,Lee,1990-01-02,AB1 2CD\n").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(file, bytes);
    ReadResult r = CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(file);
    assertThat(r.table().size()).isEqualTo(1);
    assertThat(r.table().id(0)).isEqualTo("1");
  }

  @Test
  void read_byteOrderMarkInReader_headerMatched() {
    ReadResult r = read("\uFEFF" + HEADER + "1,Ann,Lee,,\n");
    assertThat(r.table().size()).isEqualTo(1);
  }

  @Test
  void read_crlfAndLfMixed_allRowsWithPhysicalLines() {
    ReadResult r = read("id,forename,surname,dob,postcode\r\n1,A,B,,\n2,C,D,,\r\n3,E,F,,\r");
    assertThat(r.table().size()).isEqualTo(3);
    assertThat(r.table().line(0)).isEqualTo(2);
    assertThat(r.table().line(1)).isEqualTo(3);
    assertThat(r.table().line(2)).isEqualTo(4);
    assertThat(r.table().value(1, 2)).isEqualTo("F");
  }

  @Test
  void read_missingFinalNewline_lastRowRead() {
    ReadResult r = read(HEADER + "1,A,B,,\n2,C,D,,X1");
    assertThat(r.table().size()).isEqualTo(2);
    assertThat(r.table().value(3, 1)).isEqualTo("X1");
  }

  @Test
  void read_spaceAfterEachComma_headersAndValuesTrimmed() {
    ReadResult r = read("id, forename, surname, dob, postcode\n1, Ann, Lee , 1990-01-02, AB1 2CD\n");
    assertThat(r.absentColumns()).isEmpty();
    assertThat(r.rejections()).isEmpty();
    assertThat(r.table().value(0, 0)).isEqualTo("Ann");
    assertThat(r.table().value(1, 0)).isEqualTo("Lee");
    assertThat(r.table().value(2, 0)).isEqualTo("1990-01-02");
  }

  @Test
  void read_spaceBeforeQuotedField_quoteStillRecognised() {
    ReadResult r = read(HEADER + "1, \"Lee, Ann\", Ray, , \n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.table().value(0, 0)).isEqualTo("Lee, Ann");
  }

  @Test
  void read_headerOnly_zeroRowsNoRejections() {
    ReadResult r = read(HEADER);
    assertThat(r.table().size()).isZero();
    assertThat(r.rejections()).isEmpty();
    assertThat(r.rowsRead()).isZero();
  }

  @Test
  void read_headerOnlyWithoutNewline_zeroRows() {
    assertThat(read(HEADER.strip()).rowsRead()).isZero();
  }

  @Test
  void read_blankLinesTrailingAndInside_skippedAndLinesKept() {
    ReadResult r = read(HEADER + "1,A,B,,\n\n   \n2,C,D,,\n\n\r\n");
    assertThat(r.rowsRead()).isEqualTo(2);
    assertThat(r.table().line(1)).isEqualTo(5);
    assertThat(r.rejections()).isEmpty();
  }

  @Test
  void read_blankLinesBeforeHeader_headerFound() {
    ReadResult r = read("\n\n" + HEADER + "1,A,B,,\n");
    assertThat(r.table().size()).isEqualTo(1);
    assertThat(r.table().line(0)).isEqualTo(4);
  }

  @Test
  void read_quotedCommaAndNewline_valueKeptAndLineIsWhereRowStarts() {
    ReadResult r = read(HEADER + "1,\"Ann, \"\"Nan\"\"\nMarie\",Lee,,\n2,B,C,,\n3,\"x\r\ny\r\nz\",D,,\n4,E,F,,\n");
    RecordTable t = r.table();
    assertThat(t.size()).isEqualTo(4);
    assertThat(t.value(0, 0)).isEqualTo("Ann, \"Nan\"\nMarie");
    assertThat(t.line(0)).isEqualTo(2);
    assertThat(t.line(1)).isEqualTo(4);
    assertThat(t.line(2)).isEqualTo(5);
    assertThat(t.line(3)).isEqualTo(8);
  }

  @Test
  void read_rejectionAfterQuotedNewlines_reportsPhysicalLine() {
    ReadResult r = read(HEADER + "1,\"a\nb\nc\",B,,\n,C,D,,\n");
    assertThat(r.rejections()).containsExactly(new Rejection("people.csv", 5, "id", "empty id"));
  }

  @Test
  void read_missingIdColumn_throwsInvalidSpecNamingFileAndColumn() {
    assertThatThrownBy(() -> read("key,forename\nZebedee,Ann\n"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("people.csv: no column \"id\" (the id column); columns found: 2");
  }

  @Test
  void read_absentColumns_allNullAndListed() {
    ReadResult r = read("id,surname\n1,Lee\n");
    assertThat(r.absentColumns()).containsExactly("forename", "dob", "postcode");
    assertThat(r.table().value(0, 0)).isNull();
    assertThat(r.table().value(1, 0)).isEqualTo("Lee");
  }

  @Test
  void read_headerOfDifferentCase_columnAbsent() {
    ReadResult r = read("id,Surname\n1,Lee\n");
    assertThat(r.absentColumns()).contains("surname");
  }

  @Test
  void read_requestedColumnTwiceInHeader_throwsInvalidSpec() {
    assertThatThrownBy(() -> read("id,surname,surname\n1,A,B\n"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("people.csv: column \"surname\" appears 2 times in the header");
  }

  @Test
  void read_unrequestedColumnTwiceInHeader_fine() {
    assertThat(read("id,x,x\n1,A,B\n").table().size()).isEqualTo(1);
  }

  @Test
  void read_emptyText_throwsInputException() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(InputException.class)
        .hasMessage("people.csv: empty file, expected a header line");
  }

  @Test
  void read_onlyBlankLines_throwsEmptyFile() {
    assertThatThrownBy(() -> read("\n\r\n  \n")).hasMessage("people.csv: empty file, expected a header line");
  }

  @Test
  void read_missingFile_throwsInputExceptionNamingFile() {
    Path missing = dir.resolve("education.csv");
    assertThatThrownBy(() -> CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(missing))
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": file not found");
  }

  @Test
  void read_folder_throwsInputException() {
    assertThatThrownBy(() -> CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void read_wrongFieldCount_rejectedWithCounts() {
    ReadResult r = read(HEADER + "1,A,B,,,Zebedee\n2,A,B\n3,A,B,,\n");
    assertThat(r.rejections()).extracting(Rejection::message).containsExactly(
        "people.csv line 2: expected 5 fields, found 6",
        "people.csv line 3: expected 5 fields, found 3");
    assertThat(r.table().size()).isEqualTo(1);
    assertConserved(r);
  }

  @Test
  void read_emptyOrBlankId_rejected() {
    ReadResult r = read(HEADER + ",A,B,,\n  ,A,B,,\n\"\",A,B,,\n");
    assertThat(r.rejections()).extracting(Rejection::message).containsExactly(
        "people.csv line 2: column id: empty id",
        "people.csv line 3: column id: empty id",
        "people.csv line 4: column id: empty id");
  }

  @Test
  void read_allFieldsEmpty_rejectedNotBlank() {
    ReadResult r = read(HEADER + ",,,,\n");
    assertThat(r.rowsRead()).isEqualTo(1);
    assertThat(r.rejections()).hasSize(1);
  }

  @Test
  void read_duplicateId_laterRowsRejectedNamingFirstLine() {
    ReadResult r = read(HEADER + "7,A,B,,\n8,C,D,,\n7,E,F,,\n 7 ,G,H,,\n");
    assertThat(r.table().size()).isEqualTo(2);
    assertThat(r.rejections()).extracting(Rejection::message).containsExactly(
        "people.csv line 4: column id: duplicate id (first seen on line 2)",
        "people.csv line 5: column id: duplicate id (first seen on line 2)");
  }

  @Test
  void read_duplicateIdsAllowed_allRowsKept() {
    ReadResult r = read(HEADER + "7,A,B,,\n7,E,F,,\n", CsvOptions.defaults().withAllowDuplicateIds(true));
    assertThat(r.table().size()).isEqualTo(2);
    assertThat(r.rejections()).isEmpty();
  }

  @Test
  void read_idOfEarlierRejectedRow_accepted() {
    ReadResult r = read(HEADER + "7,A,B,notadate,\n7,E,F,,\n");
    assertThat(r.table().size()).isEqualTo(1);
    assertThat(r.table().line(0)).isEqualTo(3);
    assertThat(r.rejections()).hasSize(1);
  }

  @Test
  void read_invalidUtf8Bytes_rowRejectedAndLinesKept() throws IOException {
    Path file = dir.resolve("latin1.csv");
    byte[] head = (HEADER + "1,A,B,,\n2,").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC9, 'm', 'i', 'l', 'e', (byte) 0xE9}; // ISO-8859-1 "Émilé", ends on a lead byte
    byte[] tail = ",C,,\n3,D,E,,\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, concat(head, bad, tail));
    ReadResult r = CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(file);
    assertThat(r.rejections()).extracting(Rejection::message)
        .containsExactly(file + " line 3: column forename: invalid UTF-8");
    assertThat(r.table().size()).isEqualTo(2);
    assertThat(r.table().line(1)).isEqualTo(4);
  }

  @Test
  void read_truncatedUtf8BeforeLineBreak_lineBreakKept() throws IOException {
    Path file = dir.resolve("cut.csv");
    byte[] head = (HEADER + "1,A,B,,").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'X', (byte) 0xE2, (byte) 0x82}; // first two bytes of a three-byte character
    byte[] tail = "\n2,C,D,,\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, concat(head, bad, tail));
    ReadResult r = CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(file);
    assertThat(r.rejections()).extracting(Rejection::line, Rejection::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "postcode"));
    assertThat(r.table().size()).isEqualTo(1);
    assertThat(r.table().line(0)).isEqualTo(3);
  }

  @Test
  void read_invalidUtf8InUnreadColumn_rowKept() {
    ReadResult r = read("id,notes,surname\n1,caf\uFFFD,Lee\n");
    assertThat(r.rejections()).isEmpty();
  }

  @Test
  void read_headerNotUtf8_throwsInputException() throws IOException {
    Path file = dir.resolve("utf16.csv");
    Files.write(file, ("\uFEFF" + HEADER + "1,A,B,,\n").getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> CsvTableReader.create("id", PERSON, CsvOptions.defaults()).read(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ": the header line is not UTF-8 text");
  }

  @Test
  void read_fieldLongerThanLimit_rejected() {
    CsvOptions options = CsvOptions.defaults().withMaxFieldLength(10);
    ReadResult r = read(HEADER + "1,ZebedeeZebedee,B,,\n2,Zebedee123,B,,\n", options);
    assertThat(r.rejections()).extracting(Rejection::message)
        .containsExactly("people.csv line 2: column forename: field too long (more than 10 characters)");
    assertThat(r.table().size()).isEqualTo(1);
  }

  @Test
  void read_idLongerThanLimit_rejected() {
    ReadResult r = read(HEADER + "1".repeat(1001) + ",A,B,,\n");
    assertThat(r.rejections()).extracting(Rejection::column).containsExactly("id");
  }

  @Test
  void read_isoDateWithWrongLayout_rejected() {
    ReadResult r = read(HEADER + "1,A,B,1990-1-02,\n2,A,B,02/01/1990,\n3,A,B,19900102,\n4,A,B,1990/01/02,\n"
        + "5,A,B,1990-01-02 ,\n");
    assertThat(r.rejections()).extracting(Rejection::message).containsExactly(
        "people.csv line 2: column dob: not a date (expected yyyy-mm-dd)",
        "people.csv line 3: column dob: not a date (expected yyyy-mm-dd)",
        "people.csv line 4: column dob: not a date (expected yyyy-mm-dd)",
        "people.csv line 5: column dob: not a date (expected yyyy-mm-dd)");
    assertThat(r.table().size()).isEqualTo(1);
  }

  @Test
  void read_compactDateWithWrongLayout_rejectedNamingSourceColumn() {
    List<ColumnSpec> cols = List.of(new ColumnSpec("dob", "date_of_birth", ColumnType.DATE, "yyyyMMdd"));
    ReadResult r = CsvTableReader.create("rec_id", cols, CsvOptions.defaults())
        .read(new StringReader("rec_id,date_of_birth\na,1945049\nb,1945-04-09\nc,19450409\nd,\n"), "b.csv");
    assertThat(r.rejections()).extracting(Rejection::message).containsExactly(
        "b.csv line 2: column date_of_birth: not a date (expected yyyymmdd)",
        "b.csv line 3: column date_of_birth: not a date (expected yyyymmdd)");
    assertThat(r.table().size()).isEqualTo(2);
  }

  @Test
  void read_dayFirstDateWithWrongLayout_rejected() {
    List<ColumnSpec> cols = List.of(new ColumnSpec("dob", "dob", ColumnType.DATE, "dd/MM/yyyy"));
    ReadResult r = CsvTableReader.create("id", cols, CsvOptions.defaults())
        .read(new StringReader("id,dob\na,09/04/1945\nb,9/4/1945\n"), "c.csv");
    assertThat(r.rejections()).extracting(Rejection::reason).containsExactly("not a date (expected dd/mm/yyyy)");
  }

  @Test
  void read_rightLayoutButNoCalendarDate_keptAsGiven() {
    List<ColumnSpec> cols = List.of(new ColumnSpec("dob", "date_of_birth", ColumnType.DATE, "yyyyMMdd"));
    ReadResult r = CsvTableReader.create("rec_id", cols, CsvOptions.defaults())
        .read(new StringReader("rec_id,date_of_birth\na,19450493\nb,19451340\nc,00000000\n"), "b.csv");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.table().value(0, 0)).isEqualTo("19450493");
  }

  @Test
  void read_datesOutside1900To2100_kept() {
    ReadResult r = read(HEADER + "1,A,B,1850-01-01,\n2,A,B,2100-12-31,\n3,A,B,2999-02-30,\n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.table().size()).isEqualTo(3);
  }

  @Test
  void read_strictWithBadRow_throwsThatRowsMessage() {
    CsvOptions strict = CsvOptions.defaults().withStrict(true);
    assertThatThrownBy(() -> read(HEADER + "1,A,B,,\n2,A,B,Zebedee,\n3,A,B\n", strict))
        .isInstanceOf(InputException.class)
        .hasMessage("people.csv line 3: column dob: not a date (expected yyyy-mm-dd)");
  }

  @Test
  void read_strictWithCleanFile_readsAll() {
    ReadResult r = read(HEADER + "1,A,B,,\n\n2,A,B,,\n", CsvOptions.defaults().withStrict(true));
    assertThat(r.table().size()).isEqualTo(2);
  }

  @Test
  void read_unterminatedQuote_throwsInputExceptionAtStartLine() {
    assertThatThrownBy(() -> read(HEADER + "1,A,B,,\n2,\"Zebedee,B,,\n3,A,B,,\n"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("people.csv line 3: malformed quoting")
        .hasMessageNotContaining("Zebedee")
        .hasNoCause();
  }

  @Test
  void read_textAfterClosingQuote_throwsInputException() {
    assertThatThrownBy(() -> read(HEADER + "1,\"Zeb\"edee,B,,\n"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("people.csv line 2: malformed quoting");
  }

  @Test
  void read_quoteInsideUnquotedField_keptLiterally() {
    ReadResult r = read(HEADER + "1,O\"Neil,B,,\n");
    assertThat(r.table().value(0, 0)).isEqualTo("O\"Neil");
  }

  @Test
  void read_tabDelimiter_fieldsSplitOnTabs() {
    CsvOptions tabs = CsvOptions.defaults().withDelimiter('\t');
    ReadResult r = read("id\tforename\tsurname\n1\tAnn, Marie\tLee\n", tabs);
    assertThat(r.table().value(0, 0)).isEqualTo("Ann, Marie");
  }

  @Test
  void read_idColumnAlsoRequested_valueInBoth() {
    ReadResult r = CsvTableReader.create("id", List.of(ColumnSpec.of("id", ColumnType.IDENTIFIER)),
        CsvOptions.defaults()).read(new StringReader("id\n42\n"), "x.csv");
    assertThat(r.table().id(0)).isEqualTo("42");
    assertThat(r.table().value(0, 0)).isEqualTo("42");
  }

  @Test
  void read_manyRowsWithDuplicates_idRegisterGrowsCorrectly() {
    StringBuilder sb = new StringBuilder(HEADER);
    for (int i = 0; i < 20_000; i++) {
      sb.append(i % 10_000).append(",A,B,,\n");
    }
    ReadResult r = read(sb.toString());
    assertThat(r.table().size()).isEqualTo(10_000);
    assertThat(r.rejections()).hasSize(10_000);
    assertThat(r.rejections().get(0).reason()).isEqualTo("duplicate id (first seen on line 2)");
  }

  @Test
  void create_twoColumnsWithOneName_throwsInvalidSpec() {
    List<ColumnSpec> cols = List.of(ColumnSpec.of("a", ColumnType.NAME), new ColumnSpec("a", "b", ColumnType.NAME, null));
    assertThatThrownBy(() -> CsvTableReader.create("id", cols, CsvOptions.defaults()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("\"a\"");
  }

  @Test
  void create_blankIdColumn_throwsIllegalArgument() {
    assertThatThrownBy(() -> CsvTableReader.create(" ", PERSON, CsvOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
