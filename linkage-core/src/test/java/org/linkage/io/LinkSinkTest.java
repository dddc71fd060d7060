package org.linkage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.Link;
import org.linkage.error.OutputException;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.record.RecordTable;
import org.linkage.internal.output.OutputWriter;
import org.linkage.internal.output.InputSummary;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/** The sinks write what {@link OutputWriter} writes; a failed database write leaves the table as it was. */
class LinkSinkTest {
  @TempDir
  Path tmp;

  private static final List<Rejection> REJECTED = List.of(new Rejection("=l.csv", 4, "dob", "not a date"),
      new Rejection("r.csv", 7, null, "expected 8 fields, found 3"));

  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();

  /** What reading gave: the tables {@link #result()} links, one rejected row each. */
  private static List<ReadResult> read() {
    RecordTable.Builder left = RecordTable.builder("l.csv", SPEC.columns());
    RecordTable.Builder right = RecordTable.builder("r.csv", SPEC.columns());
    String[] names = {"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kay", "lou"};
    for (int i = 0; i < names.length; i++) {
      String dob = "19" + (70 + i) + "-0" + (1 + i % 9) + "-1" + (i % 10);
      left.add("L" + i, new String[] {names[i], null, "lee" + i, dob, i % 2 == 0 ? "f" : "m", null, null}, i + 2);
      if (i % 4 != 3) {
        right.add("R" + i, new String[] {names[i], null, "lee" + i, dob, i % 2 == 0 ? "f" : "m", null, null}, i + 2);
      }
    }
    right.add("R99", new String[] {"zed", null, "zz", "2001-01-01", "m", null, null}, 40);
    return List.of(new ReadResult(left.build(), REJECTED.subList(0, 1), 13, List.of()),
        new ReadResult(right.build(), REJECTED.subList(1, 2), 11, List.of()));
  }

  private static LinkageResult result() {
    List<ReadResult> read = read();
    return Linker.create(SPEC.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build()).withThreads(1)
        .link(read.get(0).table(), read.get(1).table());
  }

  @Test
  void csv_sameFilesAsOutputWriter() throws Exception {
    LinkageResult result = result();
    List<InputSummary> inputs = List.of(new InputSummary("l.csv", 13, 12, 1), new InputSummary("r.csv", 11, 10, 1));
    OutputWriter.write(tmp.resolve("writer"), result, REJECTED, inputs, null, Map.of());
    LinkSink.write(LinkSink.csv(tmp.resolve("sink")), result, read());
    assertThat(result.links()).hasSize(9);
    for (String f : List.of("links.csv", "ambiguous.csv", "unmatched_left.csv", "unmatched_right.csv", "rejected.csv",
        "report.json")) {
      assertThat(Files.readString(tmp.resolve("sink").resolve(f))).as(f)
          .isEqualTo(Files.readString(tmp.resolve("writer").resolve(f)));
    }
    try (var files = Files.list(tmp.resolve("sink"))) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("persons.csv")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    // a source name that a spreadsheet would run is escaped in CSV, stored as it is in a database
    assertThat(Files.readString(tmp.resolve("sink").resolve("rejected.csv"))).contains("'=l.csv,4,dob");
  }

  private static List<String> column(String url, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void jdbc_duckdb_tablesHoldEveryOutputUnderThePrefix() throws SQLException {
    LinkageResult result = result();
    String url = "jdbc:duckdb:" + tmp.resolve("out.db");
    LinkSink.write(LinkSink.jdbc(url, "run1_"), result, read());
    assertThat(column(url, "SELECT left_id || ',' || right_id || ',' || method FROM run1_links ORDER BY left_id"))
        .isEqualTo(result.links().stream().map(l -> l.leftId() + "," + l.rightId() + "," + l.method()).sorted().toList());
    assertThat(column(url, "SELECT id FROM run1_unmatched_left")).containsExactlyElementsOf(result.unmatchedLeft());
    assertThat(column(url, "SELECT id FROM run1_unmatched_right")).containsExactlyElementsOf(result.unmatchedRight());
    assertThat(column(url, "SELECT file || ' ' || line || ' ' || coalesce(\"column\", '-') || ' ' || reason"
        + " FROM run1_rejected")).containsExactly("=l.csv 4 dob not a date", "r.csv 7 - expected 8 fields, found 3");
    assertThat(column(url, "SELECT report_json FROM run1_report").get(0)).contains("linkage-report/1");
  }

  @Test
  void jdbc_secondRun_replacesRowsInsteadOfAppending() throws SQLException {
    LinkageResult result = result();
    String url = "jdbc:duckdb:" + tmp.resolve("twice.db");
    LinkSink.write(LinkSink.jdbc(url, ""), result, read());
    LinkSink.write(LinkSink.jdbc(url, ""), result, List.of());
    assertThat(column(url, "SELECT count(*) FROM links")).containsExactly(String.valueOf(result.links().size()));
    assertThat(column(url, "SELECT count(*) FROM rejected")).containsExactly("0");
  }

  @Test
  void jdbc_insertViolatesConstraint_exit4AndEarlierLinksIntact() throws SQLException {
    String url = "jdbc:duckdb:" + tmp.resolve("locked.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      // an earlier run's table with a rule the new rows break: a reviewer's NOT NULL column
      st.execute("CREATE TABLE links (left_id TEXT, right_id TEXT, match_probability DOUBLE, match_weight DOUBLE,"
          + " method TEXT, reviewer TEXT NOT NULL)");
      st.execute("INSERT INTO links VALUES ('OLD1', 'OLD2', 1.0, 9.0, 'rule', 'kim')");
    }
    assertThatThrownBy(() -> LinkSink.write(LinkSink.jdbc(url, ""), result(), read()))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("cannot write table links").hasMessageContaining("the table is unchanged")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("L1", "lee"));
    assertThat(column(url, "SELECT left_id FROM links")).containsExactly("OLD1");
    assertThat(column(url, "SELECT count(*) FROM rejected")).containsExactly("2");
  }

  @Test
  void jdbc_badPrefix_refused() {
    assertThatThrownBy(() -> LinkSink.jdbc("jdbc:duckdb:", "x; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callback_receivesEveryLinkInOrder() {
    LinkageResult result = result();
    List<Link> seen = new ArrayList<>();
    LinkSink.write(LinkSink.callback(seen::add), result, read());
    assertThat(seen).isEqualTo(result.links());
  }
}
