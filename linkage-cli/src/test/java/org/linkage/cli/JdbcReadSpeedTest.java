package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.io.RecordSource;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.testkit.PostgresTestServer;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The same million person rows read from a CSV file, a DuckDB table and a PostgreSQL table, timed
 * (wall clock, best of three) with the heap in use after each read. A one-off measurement, not a
 * check: off by default; run with
 * {@code mvn -B -pl linkage-cli -am test -Dtest=JdbcReadSpeedTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlinkage.speed=true}. Figures are recorded in {@code docs/input-files.md}.
 */
class JdbcReadSpeedTest {
  private static final int ROWS = Integer.getInteger("linkage.speed.rows", 1_000_000);
  private static final String HEADER = "id,forename,middle_name,surname,dob,sex,postcode,nino";
  private static final List<ColumnSpec> COLUMNS = List.of(
      ColumnSpec.of("forename", ColumnType.NAME), ColumnSpec.of("middle_name", ColumnType.NAME),
      ColumnSpec.of("surname", ColumnType.NAME), ColumnSpec.of("dob", ColumnType.DATE),
      ColumnSpec.of("sex", ColumnType.SEX), ColumnSpec.of("postcode", ColumnType.POSTCODE),
      ColumnSpec.of("nino", ColumnType.NINO));

  @TempDir Path dir;

  @Test
  void read_millionRows_csvDuckdbPostgresTimed() throws Exception {
    assumeTrue(Boolean.getBoolean("linkage.speed"), "set -Dlinkage.speed=true to run");
    Path file = dir.resolve("people.csv");
    String[] names = {"olivia", "amelia", "isla", "ava", "noah", "oliver", "george", "arthur", "muhammad", "leo"};
    String[] surnames = {"smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies"};
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER + "\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("p" + i + "," + names[random.nextInt(names.length)] + "," + names[random.nextInt(names.length)]
            + "," + surnames[random.nextInt(surnames.length)] + "," + (1950 + random.nextInt(60)) + "-0"
            + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "," + (random.nextBoolean() ? "m" : "f")
            + ",AB" + random.nextInt(100) + " " + random.nextInt(10) + "CD,QQ" + (100000 + random.nextInt(900000))
            + "C\n");
      }
    }
    String duck = "jdbc:duckdb:" + dir.resolve("people.db");
    try (Connection c = DriverManager.getConnection(duck); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE people AS SELECT * FROM read_csv('" + file + "', header = true, all_varchar = true)");
    }
    String pg = PostgresTestServer.url();
    try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS people");
      st.execute("CREATE TABLE people (" + HEADER.replace(",", " TEXT, ") + " TEXT)");
      try (Reader r = Files.newBufferedReader(file)) {
        new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY people FROM STDIN WITH (FORMAT csv, HEADER true)",
            r);
      }
    }
    long csv = time("csv", RecordSource.csv(file));
    long duckdb = time("duckdb", RecordSource.jdbcTable(duck, "people"));
    long postgresql = time("postgresql", RecordSource.jdbcTable(pg, "people"));
    System.err.printf("JdbcReadSpeedTest: best wall time vs csv: duckdb %.2fx, postgresql %.2fx%n",
        (double) duckdb / csv, (double) postgresql / csv);
  }

  private static long time(String label, RecordSource source) {
    long best = Long.MAX_VALUE;
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= 3; run++) {
      System.gc();
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      ReadResult result = source.read("id", COLUMNS, CsvOptions.defaults());
      long millis = (System.nanoTime() - start) / 1_000_000;
      // this JVM's CPU, DuckDB's native threads included; PostgreSQL's server process is not
      long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
      best = Math.min(best, millis);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
      System.err.printf("JdbcReadSpeedTest: %s run %d: %,d rows in %,d ms wall, %,d ms JVM CPU (heap in use after"
          + " read, table held: %,d MB)%n", label, run, result.rowsRead(), millis, cpuMillis, heapMb);
      assertThat(result.table().size()).isEqualTo(ROWS);
    }
    System.err.printf("JdbcReadSpeedTest: %s best of 3: %,d ms%n", label, best);
    return best;
  }
}
