package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.internal.io.CsvOutput;
import org.linkage.testkit.PostgresTestServer;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * {@code link} from and to databases: the same rows in CSV files, DuckDB tables and PostgreSQL
 * tables give the same links and the same rejections (20,000 generated learners with a missing id,
 * a duplicate id and a bad date added to each side), and a failed database write exits 4.
 */
class JdbcLinkCliTest {
  @TempDir static Path dir;
  static Path left;
  static Path right;
  static List<String> csvLinks;
  static List<String> csvRejected;
  /** A small population for the failure cases, which fail after linking. */
  static Path smallLeft;
  static Path smallRight;

  @BeforeAll
  static void generateAndLinkCsv() throws IOException {
    Path data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(20_000).seed(11).build()).writeTo(data);
    left = withBadRows(data.resolve("education.csv"), dir.resolve("left.csv"));
    right = withBadRows(data.resolve("labour.csv"), dir.resolve("right.csv"));
    Path small = dir.resolve("small");
    PopulationGenerator.create(GeneratorSpec.builder().learners(300).seed(2).build()).writeTo(small);
    smallLeft = small.resolve("education.csv");
    smallRight = small.resolve("labour.csv");
    Path out = dir.resolve("csv-out");
    run(0, "link", "--left", left.toString(), "--right", right.toString(), "--out", out.toString(), "--threads", "2");
    csvLinks = Files.readAllLines(out.resolve("links.csv")).stream().skip(1).sorted().toList();
    csvRejected = Files.readAllLines(out.resolve("rejected.csv")).stream().skip(1).map(JdbcLinkCliTest::reasonOnly)
        .toList();
    assertThat(csvLinks).hasSizeGreaterThan(10_000);
    assertThat(csvRejected).hasSize(6);
  }

  /** The file plus a row without id, a repeat of the first row's id, and a bad date of birth. */
  private static Path withBadRows(Path file, Path target) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int id = header.indexOf("id");
    int dob = header.indexOf("dob");
    String[] first = lines.get(1).split(",", -1);
    String[] noId = lines.get(2).split(",", -1);
    noId[id] = "";
    String[] badDate = lines.get(3).split(",", -1);
    badDate[id] = "BAD" + badDate[id];
    badDate[dob] = "31/02/1999";
    lines.add(String.join(",", first));
    lines.add(String.join(",", noId));
    lines.add(String.join(",", badDate));
    Files.write(target, lines);
    return target;
  }

  /** A rejection as column and reason: positions are lines in a file and rows in a table. */
  private static String reasonOnly(String rejectedCsvLine) {
    String[] f = rejectedCsvLine.split(",", 4);
    return f[2] + " " + f[3].replaceAll("first seen on (line|row) \\d+", "first seen");
  }

  private static String run(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isEqualTo(expectedCode);
    return err.toString();
  }

  private static List<String> query(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i) == null ? "" : rs.getString(i));
        }
        rows.add(String.join(",", cells));
      }
    }
    return rows;
  }

  /** The links table formatted as links.csv formats it, sorted. */
  private static List<String> links(String url, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT left_id, right_id, match_probability, match_weight, method,"
            + " probability_given_competitors FROM " + table)) {
      while (rs.next()) {
        double p = rs.getDouble(3);
        double p2 = rs.wasNull() ? Double.NaN : p;
        double w = rs.getDouble(4);
        double w2 = rs.wasNull() ? Double.NaN : w;
        double g = rs.getDouble(6);
        double g2 = rs.wasNull() ? Double.NaN : g;
        rows.add(rs.getString(1) + "," + rs.getString(2) + "," + CsvOutput.numberText(p2, 6) + ","
            + CsvOutput.numberText(w2, 4) + "," + rs.getString(5) + "," + CsvOutput.numberText(g2, 6));
      }
    }
    return rows.stream().sorted().toList();
  }

  /** Conservation per side: every row is linked, unmatched or rejected, exactly once. */
  private static void assertConservation(String url, String prefix, String leftName, long leftRows, long rightRows)
      throws SQLException {
    long linkedLeft = Long.parseLong(query(url, "SELECT count(DISTINCT left_id) FROM " + prefix + "links").get(0));
    long linkedRight = Long.parseLong(query(url, "SELECT count(DISTINCT right_id) FROM " + prefix + "links").get(0));
    long unmatchedLeft = Long.parseLong(query(url, "SELECT count(*) FROM " + prefix + "unmatched_left").get(0));
    long unmatchedRight = Long.parseLong(query(url, "SELECT count(*) FROM " + prefix + "unmatched_right").get(0));
    long rejectedLeft = Long.parseLong(query(url, "SELECT count(*) FROM " + prefix + "rejected WHERE file = '"
        + leftName + "'").get(0));
    long rejectedRight = Long.parseLong(query(url, "SELECT count(*) FROM " + prefix
        + "rejected WHERE file <> '" + leftName + "'").get(0));
    assertThat(rejectedLeft).isEqualTo(3);
    assertThat(linkedLeft + unmatchedLeft + rejectedLeft).isEqualTo(leftRows);
    assertThat(linkedRight + unmatchedRight + rejectedRight).isEqualTo(rightRows);
  }

  private static long dataRows(Path csv) throws IOException {
    return Files.readAllLines(csv).size() - 1;
  }

  @Test
  void link_duckdbTablesInAndOut_sameLinksAndRejectionsAsCsv() throws Exception {
    String url = "jdbc:duckdb:" + dir.resolve("leo.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      // DuckDB reads the CSV files itself; all_varchar keeps every value as written
      st.execute("CREATE TABLE npd AS SELECT * FROM read_csv('" + left + "', header = true, all_varchar = true)");
      st.execute("CREATE TABLE dwp AS SELECT * FROM read_csv('" + right + "', header = true, all_varchar = true)");
    }
    Path reports = dir.resolve("duck-reports");
    run(0, "link", "--left", url, "--left-table", "npd", "--right", url, "--right-query", "SELECT * FROM dwp",
        "--out", url, "--report-dir", reports.toString(), "--threads", "2");
    assertThat(links(url, "links")).isEqualTo(csvLinks);
    assertThat(query(url, "SELECT file, line, \"column\", reason FROM rejected").stream()
        .map(JdbcLinkCliTest::reasonOnly).toList()).isEqualTo(csvRejected);
    assertConservation(url, "", url + " table npd", dataRows(left), dataRows(right));
    assertThat(reports.resolve("report.json")).content().contains("linkage-report/1");
    assertThat(reports.resolve("report.html")).exists();
    assertThat(reports.resolve("model.json")).exists();
  }

  private static void copyIntoPostgres(Connection c, String table, Path csv) throws Exception {
    String header = Files.readAllLines(csv).get(0);
    String columns = Arrays.stream(header.split(",")).map(h -> h.trim() + " TEXT").collect(Collectors.joining(", "));
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + table);
      st.execute("CREATE TABLE " + table + " (seq BIGSERIAL, " + columns + ")");
    }
    try (Reader reader = Files.newBufferedReader(csv)) {
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + table + " (" + header
          + ") FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
    }
  }

  @Test
  void link_postgresTablesInAndOut_sameLinksAndRejectionsAsCsv() throws Exception {
    String url = PostgresTestServer.url();
    try (Connection c = DriverManager.getConnection(url)) {
      copyIntoPostgres(c, "npd", left);
      copyIntoPostgres(c, "dwp", right);
    }
    String header = Files.readAllLines(left).get(0);
    run(0, "link", "--left", url, "--left-query", "SELECT " + header + " FROM npd ORDER BY seq",
        "--right", url, "--right-query", "SELECT " + Files.readAllLines(right).get(0) + " FROM dwp ORDER BY seq",
        "--out", url, "--out-prefix", "run1_", "--threads", "2");
    assertThat(links(url, "run1_links")).isEqualTo(csvLinks);
    assertThat(query(url, "SELECT file, line, \"column\", reason FROM run1_rejected").stream()
        .map(JdbcLinkCliTest::reasonOnly).toList()).isEqualTo(csvRejected);
    assertConservation(url, "run1_", url.replaceFirst("\\?.*", "") + " left query", dataRows(left),
        dataRows(right));
  }

  @Test
  void link_postgresLinksTableRefusesRows_exit4AndEarlierLinksIntact() throws Exception {
    String url = PostgresTestServer.url();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS kept_links");
      // an earlier run's links with a reviewer column the new rows cannot fill
      st.execute("CREATE TABLE kept_links (left_id TEXT, right_id TEXT, match_probability DOUBLE PRECISION,"
          + " match_weight DOUBLE PRECISION, method TEXT, probability_given_competitors DOUBLE PRECISION,"
          + " reviewer TEXT NOT NULL)");
      st.execute("INSERT INTO kept_links VALUES ('OLD-L', 'OLD-R', 0.99, 7.5, 'rule', NULL, 'kim')");
    }
    String err = run(4, "link", "--left", smallLeft.toString(), "--right", smallRight.toString(), "--out", url,
        "--out-prefix", "kept_", "--threads", "2");
    assertThat(err).contains("cannot write table kept_links").contains("the table is unchanged")
        .contains("SQL state 23502").doesNotContain("Exception").doesNotContain("E000").doesNotContain("L000");
    assertThat(query(url, "SELECT left_id, right_id FROM kept_links")).containsExactly("OLD-L,OLD-R");
    assertThat(query(url, "SELECT count(*) FROM kept_unmatched_left")).hasSize(1);
  }

  @Test
  void link_postgresLinksTableOfAnotherShape_exit4WithoutRowValues() throws Exception {
    String url = PostgresTestServer.url();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS old_links");
      st.execute("CREATE TABLE old_links (left_id TEXT, right_id TEXT)");
      st.execute("INSERT INTO old_links VALUES ('OLD-L', 'OLD-R')");
    }
    String err = run(4, "link", "--left", smallLeft.toString(), "--right", smallRight.toString(), "--out", url,
        "--out-prefix", "old_", "--threads", "2");
    // PostgreSQL's batch error quotes the statement with the first row's values: never shown
    assertThat(err).contains("cannot write table old_links").contains("does not exist").doesNotContain("E000")
        .doesNotContain("L000").doesNotContain("VALUES");
    assertThat(query(url, "SELECT left_id, right_id FROM old_links")).containsExactly("OLD-L,OLD-R");
  }

  @Test
  void link_queryWithoutJdbcUrl_usageError() {
    String err = run(2, "link", "--left", left.toString(), "--left-query", "SELECT 1", "--right", right.toString(),
        "--out", dir.resolve("x").toString());
    assertThat(err).contains("--left-query and --left-table need a JDBC URL as --left");
  }

  @Test
  void link_jdbcUrlWithoutQueryOrTable_usageError() {
    String err = run(2, "link", "--left", "jdbc:duckdb:" + dir.resolve("none.db"), "--right", right.toString(),
        "--out", dir.resolve("y").toString());
    assertThat(err).contains("give exactly one of --left-query and --left-table");
  }

  @Test
  void demo_duckdb_linksThroughTheDatabaseAndEvaluates() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"demo", "--duckdb", "--learners", "600", "--seed", "5", "--threads", "1",
        "--out", dir.resolve("demo").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("linkage link --left jdbc:duckdb:").contains("linked through DuckDB")
        .contains("precision").contains("leo.duckdb");
    assertThat(dir.resolve("demo/links/report.html")).exists();
  }
}
