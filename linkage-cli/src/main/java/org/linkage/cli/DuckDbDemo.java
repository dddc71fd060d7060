package org.linkage.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.linkage.error.InputException;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

/**
 * {@code demo --duckdb}: the generated files loaded into an embedded DuckDB database by DuckDB's
 * own {@code read_csv}, linked from its tables into its tables by the {@code link} command, and the
 * links table exported back to CSV by DuckDB for evaluation against the truth.
 */
final class DuckDbDemo {
  private DuckDbDemo() {}

  static int run(PrintWriter out, Path data, Path dir, Integer threads) {
    Path db = dir.resolve("leo.duckdb").toAbsolutePath();
    String url = "jdbc:duckdb:" + db;
    Path reports = dir.resolve("links");
    Path linksCsv = reports.resolve("links.csv").toAbsolutePath();
    try {
      execute(url, "CREATE OR REPLACE TABLE education AS SELECT * FROM read_csv(" + literal(data.resolve("education.csv"))
          + ", header = true, all_varchar = true)",
          "CREATE OR REPLACE TABLE labour AS SELECT * FROM read_csv(" + literal(data.resolve("labour.csv"))
          + ", header = true, all_varchar = true)");
      long t0 = System.nanoTime();
      String[] link = {"link", "--left", url, "--left-table", "education", "--right", url, "--right-query",
          "SELECT * FROM labour", "--out", url, "--report-dir", reports.toString(), "--threads",
          threads == null ? String.valueOf(Runtime.getRuntime().availableProcessors()) : threads.toString()};
      out.println("linkage " + String.join(" ", link).replace("SELECT * FROM labour", "\"SELECT * FROM labour\""));
      int code = Main.run(link, out, new PrintWriter(System.err, true));
      if (code != 0) {
        return code;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      execute(url, "COPY (SELECT left_id, right_id FROM links ORDER BY left_id, right_id) TO " + literal(linksCsv)
          + " (HEADER)");
      String counts;
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM links), (SELECT count(*) FROM unmatched_left),"
              + " (SELECT count(*) FROM unmatched_right), (SELECT count(*) FROM rejected)")) {
        rs.next();
        counts = rs.getLong(1) + " links, unmatched " + rs.getLong(2) + " left and " + rs.getLong(3)
            + " right, " + rs.getLong(4) + " rejected";
      }
      Evaluation e = Evaluation.of(PairSet.read(linksCsv), PairSet.read(data.resolve("truth.csv")));
      out.printf("linked through DuckDB in %.1f s: %s%n", seconds, counts);
      out.println(e.summary());
      out.println("tables links, unmatched_left, unmatched_right, rejected, report in " + db + "; report.html in "
          + reports.toAbsolutePath());
      return 0;
    } catch (SQLException e) {
      throw new InputException(db + ": " + e.getMessage(), e);
    }
  }

  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
