package org.linkage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.record.RecordTable;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;

/** Every source goes through the CSV reader's checks: same records, same rejections, same reasons. */
class RecordSourceTest {
  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();
  private static final List<String> HEADER = List.of("id", "forename", "surname", "dob", "sex");
  /** Good rows, a missing id, a duplicate id, a bad date, a NUL-free over-long name, good again. */
  private static final List<String[]> ROWS = List.of(
      new String[] {"E1", "ann", "lee", "1990-01-02", "f"},
      new String[] {"E2", " bob ", "ray", "", "m"},
      new String[] {"", "cat", "fox", "1991-03-04", "f"},
      new String[] {"E1", "dan", "orr", "1992-05-06", "m"},
      new String[] {"E3", "eve", "ash", "not-a-date", "f"},
      new String[] {"E4", "x".repeat(1001), "ash", "1993-01-01", "f"},
      new String[] {"E5", "fay", "kim", "1994-02-03"},
      new String[] {"E6", "gus", "poe", "19950304", "m"},
      new String[] {"E7", "hal", "roy", "1996-04-05", "m"});

  @TempDir
  Path tmp;

  private static String csv() {
    StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (String[] row : ROWS) {
      b.append(String.join(",", row)).append('\n');
    }
    return b.toString();
  }

  private static ReadResult fromCsv() {
    return CsvTableReader.create(SPEC.idColumn(), SPEC.columns(), CsvOptions.defaults())
        .read(new StringReader(csv()), "rows");
  }

  /** Records as comparable text: id and values (lines differ: CSV counts lines, other sources rows). */
  private static List<String> records(RecordTable t) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      StringBuilder b = new StringBuilder(t.id(r));
      for (int c = 0; c < t.columns().size(); c++) {
        b.append('|').append(t.value(c, r));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Rejections as column and reason, positions turned into row numbers (CSV line = row + 1). */
  private static List<String> reasons(ReadResult rr, boolean csv) {
    return rr.rejections().stream().map(r -> (csv ? r.line() - 1 : r.line()) + " " + r.column() + " "
        + r.reason().replaceAll("first seen on (line|row) (\\d+)", "first seen on #")).toList();
  }

  @Test
  void rows_sameRowsAsCsv_sameRecordsAndSameRejections() {
    ReadResult csv = fromCsv();
    ReadResult rows = RecordSource.rows("rows", HEADER, ROWS).read(SPEC, CsvOptions.defaults());
    assertThat(records(rows.table())).isEqualTo(records(csv.table())).hasSize(3);
    assertThat(reasons(rows, false)).isEqualTo(reasons(csv, true)).containsExactly(
        "3 id empty id", "4 id duplicate id (first seen on #)", "5 dob not a date (expected yyyy-mm-dd)",
        "6 forename field too long (more than 1000 characters)", "7 null expected 5 fields, found 4",
        "8 dob not a date (expected yyyy-mm-dd)");
    assertThat(rows.rejections().get(1).reason()).isEqualTo("duplicate id (first seen on row 1)");
    assertThat(rows.rowsRead()).isEqualTo(ROWS.size());
    assertThat(rows.absentColumns()).containsExactly("middle_name", "postcode", "nino");
  }

  @Test
  void rows_rejectionReasons_neverHoldAValue() {
    ReadResult rows = RecordSource.rows("rows", HEADER, ROWS).read(SPEC, CsvOptions.defaults());
    assertThat(rows.rejections()).allSatisfy(r -> assertThat(r.message())
        .doesNotContain("not-a-date", "dan", "xxxx", "fay", "19950304"));
  }

  @Test
  void rows_strict_firstBadRowThrowsWithItsRowNumber() {
    assertThatThrownBy(() -> RecordSource.rows("batch", HEADER, ROWS)
        .read(SPEC, CsvOptions.defaults().withStrict(true)))
        .isInstanceOf(InputException.class).hasMessage("batch line 3: column id: empty id");
  }

  @Test
  void rows_headerWithoutIdColumn_invalidSpec() {
    assertThatThrownBy(() -> RecordSource.rows("batch", List.of("key", "forename"), List.<String[]>of())
        .read(SPEC, CsvOptions.defaults()))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("batch: no column \"id\"");
  }

  @Test
  void stream_readTwice_secondReadRefused() {
    RecordSource once = RecordSource.rows("stream", HEADER, ROWS.stream());
    assertThat(once.read(SPEC, CsvOptions.defaults()).table().size()).isEqualTo(3);
    assertThatThrownBy(() -> once.read(SPEC, CsvOptions.defaults())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void callback_sameRowsAsIterable_sameResult() {
    ReadResult pushed = RecordSource.callback("rows", HEADER, sink -> ROWS.forEach(sink))
        .read(SPEC, CsvOptions.defaults());
    ReadResult iterated = RecordSource.rows("rows", HEADER, ROWS).read(SPEC, CsvOptions.defaults());
    assertThat(records(pushed.table())).isEqualTo(records(iterated.table()));
    assertThat(pushed.rejections()).isEqualTo(iterated.rejections());
  }

  @Test
  void callback_producerFails_inputExceptionNamingSourceAndRow() {
    RecordSource failing = RecordSource.callback("queue", HEADER, sink -> {
      sink.accept(ROWS.get(0));
      throw new java.io.UncheckedIOException(new java.io.IOException("broker gone"));
    });
    assertThatThrownBy(() -> failing.read(SPEC, CsvOptions.defaults())).isInstanceOf(InputException.class)
        .hasMessage("queue: the row producer failed after row 1 (UncheckedIOException)");
  }

  @Test
  void jdbc_duckdbTableAndQuery_sameRecordsAndReasonsAsRows() throws SQLException {
    String url = "jdbc:duckdb:" + tmp.resolve("t.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE learners (id TEXT, forename TEXT, surname TEXT, dob TEXT, sex TEXT, seq INTEGER)");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO learners VALUES (?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (String[] row : ROWS) {
          String[] full = Arrays.copyOf(row, 5);
          for (int i = 0; i < 5; i++) {
            insert.setString(i + 1, full[i]);
          }
          insert.setInt(6, seq++);
          insert.executeUpdate();
        }
      }
    }
    // the short row (E5) has a null sex in the table: a database row always has every column
    List<String[]> padded = ROWS.stream().map(r -> Arrays.copyOf(r, 5)).toList();
    ReadResult rows = RecordSource.rows("rows", HEADER, padded).read(SPEC, CsvOptions.defaults());
    ReadResult query = RecordSource.jdbc(url, "SELECT id, forename, surname, dob, sex FROM learners ORDER BY seq")
        .read(SPEC, CsvOptions.defaults());
    assertThat(records(query.table())).isEqualTo(records(rows.table())).hasSize(4);
    assertThat(reasons(query, false)).isEqualTo(reasons(rows, false));
    assertThat(query.table().source()).isEqualTo(url + " query");
    ReadResult table = RecordSource.jdbcTable(url, "learners").read(SPEC, CsvOptions.defaults());
    assertThat(table.table().size() + table.rejections().size()).isEqualTo(ROWS.size());
  }

  @Test
  void jdbc_duckdbValuesWithSeparatorBackslashAndNulls_readExactly() throws SQLException {
    String url = "jdbc:duckdb:" + tmp.resolve("odd.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE p (id TEXT, forename TEXT, surname TEXT, n INTEGER)");
      st.execute("INSERT INTO p VALUES ('A1\\', 'a' || chr(31) || 'b', NULL, 7), ('A2', '\\u' || chr(31), '', NULL),"
          + " ('A3', '', 'x\\\\', 3), ('A4', 'Zoë' || chr(31) || '\uD83D\uDE00', 'Łódź\\', 4)");
    }
    ReadResult rr = RecordSource.jdbc(url, "SELECT * FROM p ORDER BY id;").read(SPEC, CsvOptions.defaults());
    RecordTable t = rr.table();
    int forename = t.columnIndex("forename");
    int surname = t.columnIndex("surname");
    assertThat(t.size()).isEqualTo(4);
    assertThat(t.id(0)).isEqualTo("A1\\");
    assertThat(t.value(forename, 0)).isEqualTo("a\u001fb");
    assertThat(t.value(surname, 0)).isNull();
    assertThat(t.value(forename, 1)).isEqualTo("\\u"); // a trailing control character is trimmed, as in CSV
    assertThat(t.value(surname, 1)).isNull();
    assertThat(t.value(forename, 2)).isNull();
    assertThat(t.value(surname, 2)).isEqualTo("x\\\\");
    assertThat(t.value(forename, 3)).isEqualTo("Zoë\u001f\uD83D\uDE00"); // UTF-8 beyond ASCII, around the separator
    assertThat(t.value(surname, 3)).isEqualTo("Łódź\\");
  }

  @Test
  void jdbc_badRowAfterSeveralFetchBatches_strictThrowsWithItsRowNumberAndLenientKeepsOrder() throws SQLException {
    String url = "jdbc:duckdb:" + tmp.resolve("big.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE big AS SELECT i AS seq, CASE WHEN i = 2999 THEN NULL ELSE 'E' || i END AS id,"
          + " 'ann' AS forename, 'lee' AS surname, '1990-01-02' AS dob FROM range(5000) t(i)");
    }
    RecordSource source = RecordSource.jdbc(url, "SELECT id, forename, surname, dob FROM big ORDER BY seq");
    assertThatThrownBy(() -> source.read(SPEC, CsvOptions.defaults().withStrict(true)))
        .isInstanceOf(InputException.class).hasMessageEndingWith(" line 3000: column id: empty id");
    ReadResult rr = source.read(SPEC, CsvOptions.defaults()); // the strict read closed its connection
    assertThat(rr.rowsRead()).isEqualTo(5000);
    assertThat(reasons(rr, false)).containsExactly("3000 id empty id");
    for (int r = 0; r < rr.table().size(); r++) {
      assertThat(rr.table().id(r)).isEqualTo("E" + (r < 2999 ? r : r + 1));
    }
  }

  @Test
  void jdbc_duckdbStatementThatIsNoSubquery_stillRead() {
    String url = "jdbc:duckdb:" + tmp.resolve("show.db");
    // PRAGMA cannot be wrapped as a sub-query: read value by value; it has no id column
    assertThatThrownBy(() -> RecordSource.jdbc(url, "PRAGMA version").read(SPEC, CsvOptions.defaults()))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("no column \"id\"");
  }

  @Test
  void jdbc_sqlDateColumn_readsAsIsoDate() throws SQLException {
    String url = "jdbc:duckdb:" + tmp.resolve("d.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE p AS SELECT 'A1' AS id, DATE '1990-01-02' AS dob");
    }
    RecordTable t = RecordSource.jdbcTable(url, "p").read(SPEC, CsvOptions.defaults()).table();
    assertThat(t.value(t.columnIndex("dob"), 0)).isEqualTo("1990-01-02");
  }

  @Test
  void jdbc_missingTable_inputExceptionExit3NamingTheTable() {
    String url = "jdbc:duckdb:" + tmp.resolve("e.db");
    assertThatThrownBy(() -> RecordSource.jdbcTable(url, "nowhere").read(SPEC, CsvOptions.defaults()))
        .isInstanceOf(InputException.class).hasMessageContaining("query failed").hasMessageContaining("nowhere");
  }

  @Test
  void jdbc_name_dropsCredentialsAndParameters() {
    assertThat(RecordSource.jdbc("jdbc:postgresql://ann:pw@db.example:5432/leo?password=pw&ssl=true", "SELECT 1")
        .name()).isEqualTo("jdbc:postgresql://db.example:5432/leo query");
  }

  @Test
  void jdbcTable_notAPlainName_refused() {
    assertThatThrownBy(() -> RecordSource.jdbcTable("jdbc:duckdb:", "npd; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void csv_sameAsCsvTableReader() throws Exception {
    Path file = tmp.resolve("rows.csv");
    java.nio.file.Files.writeString(file, csv());
    ReadResult viaSource = RecordSource.csv(file).read(SPEC, CsvOptions.defaults());
    ReadResult direct = CsvTableReader.create(SPEC.idColumn(), SPEC.columns(), CsvOptions.defaults()).read(file);
    assertThat(records(viaSource.table())).isEqualTo(records(direct.table()));
    assertThat(viaSource.rejections()).isEqualTo(direct.rejections());
  }

  @Test
  void rows_streamOfManyRows_conservationHolds() {
    Stream<String[]> many = java.util.stream.IntStream.range(0, 10_000)
        .mapToObj(i -> new String[] {i % 1000 == 0 ? "" : "P" + (i % 9000), "n", "s", "2000-01-01", "f"});
    ReadResult rr = RecordSource.rows("many", HEADER, many).read(SPEC, CsvOptions.defaults());
    assertThat(rr.rowsRead()).isEqualTo(rr.table().size() + rr.rejections().size()).isEqualTo(10_000);
    assertThat(rr.table().size()).isEqualTo(9000 - 9);
  }
}
