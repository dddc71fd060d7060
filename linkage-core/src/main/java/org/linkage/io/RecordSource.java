package org.linkage.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.linkage.error.InputException;
import org.linkage.error.LinkageException;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.ColumnSpec;
import org.linkage.record.RecordTable;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.internal.io.RowIntake;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * Where one side's records come from: a CSV file, rows held in memory (an {@link Iterable}, a
 * {@link Stream} or a callback that pushes rows), or a JDBC query or table. Every source is read
 * through the same checks as {@link CsvTableReader} — column mapping, id present and unique, date
 * layouts, field length — so a database or in-memory row is rejected for the same reasons as a CSV
 * line, and the result is the same {@link ReadResult}.
 *
 * <pre>{@code
 * ReadResult npd = RecordSource.jdbc("jdbc:duckdb:leo.db", "SELECT * FROM npd WHERE cohort = 2012")
 *     .read(spec, CsvOptions.defaults());
 * ReadResult mem = RecordSource.rows("etl batch", List.of("id", "given_name", "dob"), rows)
 *     .read(spec, CsvOptions.defaults());
 * }</pre>
 *
 * <p>Positions: for a CSV file a rejection's {@link Rejection#line() line} is the physical line;
 * for every other source it is the 1-based row number in the order the rows arrive (and a
 * duplicate's reason says "first seen on row N"). Values are trimmed; {@code null} and empty
 * values are missing. {@link CsvOptions} apply to every source (its delimiter only to CSV).
 *
 * <p>JDBC: each value is read with {@link ResultSet#getString(int)}, so a SQL {@code DATE} reads
 * as {@code yyyy-MM-dd} and needs that format in the spec (or cast it to text in the query).
 * Column labels match column sources exactly. The query runs in a read-only transaction that is
 * rolled back afterwards, with a fetch size of {@value #FETCH_SIZE} rows so PostgreSQL streams
 * through a cursor; a DuckDB URL is opened with streaming results. The driver is read on a second
 * thread while the calling thread checks the rows already fetched (in order; a few thousand rows
 * in flight at most), so fetching overlaps the checks; the result, rejections and row numbers are
 * the same as reading on one thread. Errors name the URL without its parameters or credentials and
 * never quote a row.
 *
 * <p>Instances are immutable and thread-safe. Reading an {@link Iterable}, CSV or JDBC source
 * again reads it again; a {@link Stream} source can be read once. Memory is linear in the
 * accepted values, never in the rows a database has not yet sent.
 */
public final class RecordSource {
  /** Rows a JDBC driver fetches per round trip: streams without a round trip per row. */
  public static final int FETCH_SIZE = 10_000;

  private final String name;
  private final Reading reading;

  /** How a source feeds its header and rows to the shared checks. */
  private interface Reading {
    ReadResult read(String name, String idColumn, List<ColumnSpec> columns, CsvOptions options);
  }

  private RecordSource(String name, Reading reading) {
    this.name = name;
    this.reading = reading;
  }

  /** A CSV file read by {@link CsvTableReader}; named by {@code file.toString()}. */
  public static RecordSource csv(Path file) {
    requireNonNull(file, "file");
    return new RecordSource(file.toString(),
        (name, id, columns, options) -> CsvTableReader.create(id, columns, options).read(file));
  }

  /**
   * Rows from memory: {@code header} names the columns, each row holds one value per header
   * column ({@code null} = missing). A row of another length is rejected like a CSV line with the
   * wrong number of fields. The arrays are not kept.
   *
   * @param name how messages and rejections name this source
   */
  public static RecordSource rows(String name, List<String> header, Iterable<String[]> rows) {
    requireNonNull(rows, "rows");
    List<String> names = header(name, header);
    return new RecordSource(name, (n, id, columns, options) -> {
      RowIntake intake = intake(n, names, id, columns, options);
      long position = 0;
      for (String[] row : rows) {
        intake.row(row.length, i -> row[i], ++position);
      }
      return intake.result();
    });
  }

  /**
   * Like {@link #rows(String, List, Iterable)} for a stream, consumed in order and closed; it can be
   * read once (a second read throws {@link IllegalStateException}).
   */
  public static RecordSource rows(String name, List<String> header, Stream<String[]> rows) {
    requireNonNull(rows, "rows");
    AtomicBoolean used = new AtomicBoolean();
    return callback(name, header, row -> {
      checkState(!used.getAndSet(true), "%s: a stream source can be read once", name);
      try (rows) {
        rows.forEachOrdered(row);
      }
    });
  }

  /**
   * Rows pushed by a callback, for code that produces rows in a loop of its own (a message consumer,
   * a file format linkage does not read): {@code producer} is given a sink and calls it once per row,
   * in order, each array holding one value per header column. An exception from {@code producer}
   * (wrap a checked one, e.g. in {@link java.io.UncheckedIOException}) stops the read with an
   * {@link InputException} naming this source (a {@link LinkageException} passes through).
   */
  public static RecordSource callback(String name, List<String> header, Consumer<Consumer<String[]>> producer) {
    requireNonNull(producer, "producer");
    List<String> names = header(name, header);
    return new RecordSource(name, (n, id, columns, options) -> {
      RowIntake intake = intake(n, names, id, columns, options);
      long[] position = {0};
      try {
        producer.accept(row -> {
          requireNonNull(row, "row");
          intake.row(row.length, i -> row[i], ++position[0]);
        });
      } catch (LinkageException | IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InputException(n + ": the row producer failed after row " + position[0] + " ("
            + e.getClass().getSimpleName() + ")", e);
      }
      return intake.result();
    });
  }

  /** The rows of {@code query} over a connection to {@code url}; named by the URL without its parameters. */
  public static RecordSource jdbc(String url, String query) {
    requireNonNull(url, "url");
    requireNonNull(query, "query");
    return new RecordSource(SqlErrors.safeUrl(url) + " query", jdbcReading(() -> connect(url), query));
  }

  /** The rows of {@code query} over a connection from {@code dataSource} (closed afterwards). */
  public static RecordSource jdbc(DataSource dataSource, String query) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(query, "query");
    return new RecordSource("jdbc query", jdbcReading(dataSource::getConnection, query));
  }

  /**
   * Every row of {@code table} ({@code SELECT * FROM table}) over a connection to {@code url}.
   *
   * @throws IllegalArgumentException if {@code table} is not a plain, optionally schema-qualified,
   *     identifier (letters, digits, underscores)
   */
  public static RecordSource jdbcTable(String url, String table) {
    requireNonNull(url, "url");
    checkArgument(SqlErrors.isIdentifier(table), "not a plain table name (letters, digits, _, one optional schema.)");
    return new RecordSource(SqlErrors.safeUrl(url) + " table " + table,
        jdbcReading(() -> connect(url), "SELECT * FROM " + table));
  }

  /** This source under another name (used in messages, rejections and the report). */
  public RecordSource named(String newName) {
    requireNonNull(newName, "name");
    checkArgument(!newName.isBlank(), "name must not be blank");
    return new RecordSource(newName, reading);
  }

  /** The name used in messages, rejections and the report; for JDBC never includes credentials. */
  public String name() {
    return name;
  }

  /** Reads the spec's id column and columns. */
  public ReadResult read(LinkageSpec spec, CsvOptions options) {
    return read(spec.idColumn(), spec.columns(), options);
  }

  /**
   * Reads the source: accepted rows into the result's {@link RecordTable}, the others into its
   * rejections ({@link CsvOptions#strict() strict}: the first one throws).
   *
   * @throws org.linkage.error.InvalidSpecException if two columns share a name, the id column is missing,
   *     or a requested column appears twice
   * @throws InputException if the source cannot be read (file, connection, query) or, strict, at
   *     the first bad row
   */
  public ReadResult read(String idColumn, List<ColumnSpec> columns, CsvOptions options) {
    requireNonNull(idColumn, "idColumn");
    requireNonNull(columns, "columns");
    requireNonNull(options, "options");
    checkArgument(!idColumn.isBlank(), "idColumn must not be blank");
    RowIntake.checkColumns(columns);
    return reading.read(name, idColumn, columns, options);
  }

  private static List<String> header(String name, List<String> header) {
    requireNonNull(name, "name");
    checkArgument(!name.isBlank(), "name must not be blank");
    List<String> names = new ArrayList<>(header.size());
    header.forEach(h -> names.add(requireNonNull(h, "header name").trim()));
    return List.copyOf(names);
  }

  private static RowIntake intake(String name, List<String> header, String idColumn, List<ColumnSpec> columns,
      CsvOptions options) {
    RowIntake intake = new RowIntake(name, idColumn, columns, options, "row");
    intake.header(header);
    return intake;
  }

  /** Opens a connection; the caller closes it. */
  @FunctionalInterface
  interface ConnectionOpener {
    Connection open() throws SQLException;
  }

  /** A DuckDB URL gets streaming results, so a large query is not materialised before the first row. */
  static Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    if (url.startsWith("jdbc:duckdb:")) {
      properties.setProperty("jdbc_stream_results", "true");
    }
    return DriverManager.getConnection(url, properties);
  }

  private static Reading jdbcReading(ConnectionOpener opener, String query) {
    return (name, idColumn, columns, options) -> {
      RowIntake intake = new RowIntake(name, idColumn, columns, options, "row");
      String stage = "cannot connect";
      try (Connection connection = opener.open()) {
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams with a cursor only inside a transaction; nothing here writes.
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY)) {
          statement.setFetchSize(FETCH_SIZE);
          stage = "query failed";
          List<String> packedLabels = isDuckDb(connection) ? labels(connection, query) : null;
          if (packedLabels != null) {
            intake.header(packedLabels);
            stage = "reading rows failed";
            readPacked(statement, query, packedLabels.size(), intake);
          } else {
            try (ResultSet rs = statement.executeQuery(query)) {
              ResultSetMetaData meta = rs.getMetaData();
              int n = meta.getColumnCount();
              List<String> names = new ArrayList<>(n);
              for (int i = 1; i <= n; i++) {
                names.add(meta.getColumnLabel(i).trim());
              }
              intake.header(names);
              stage = "reading rows failed";
              FetchAhead.read(n, (into, offset) -> {
                if (!rs.next()) {
                  return false;
                }
                for (int i = 0; i < n; i++) {
                  into[offset + i] = rs.getString(i + 1);
                }
                return true;
              }, intakeOf(intake, n));
            }
          }
        } finally {
          connection.rollback();
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        throw new InputException(name + ": " + stage + ": " + SqlErrors.describe(e), e);
      }
      return intake.result();
    };
  }

  private static boolean isDuckDb(Connection connection) throws SQLException {
    return connection.getMetaData().getURL() != null && connection.getMetaData().getURL().startsWith("jdbc:duckdb:");
  }

  /** Unit separator: joins a DuckDB row's values into one string (escaped inside values). */
  private static final char PACK_SEPARATOR = '\u001f';

  /**
   * The column labels of a DuckDB query, or null if it cannot be wrapped as a sub-query (then it
   * is read value by value).
   */
  private static List<String> labels(Connection connection, String query) {
    // a statement of its own: DuckDB closes a statement whose query failed
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM (" + subquery(query) + ") AS q LIMIT 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>(meta.getColumnCount());
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i).trim());
      }
      return names;
    } catch (SQLException e) {
      try {
        connection.rollback(); // DuckDB aborts the transaction of a failed query
      } catch (SQLException ignored) {
        // the plain read that follows reports any real problem
      }
      return null;
    }
  }

  private static String subquery(String query) {
    return query.strip().replaceAll(";+$", "");
  }

  /**
   * Reads a DuckDB query with each row packed into one value by DuckDB itself: its JDBC driver
   * spends far more per value fetched than per character, so one value per row reads about four
   * times faster than eight, and as bytes ({@code encode}, a BLOB) it skips the driver's per-string
   * decoding, which halves the fetching thread's time again. Values are DuckDB's text form
   * ({@code CAST(... AS VARCHAR)}), decoded from UTF-8 here; a backslash and the separator inside a
   * value are escaped and restored here, and NULL packs as empty (both mean missing).
   */
  private static void readPacked(Statement statement, String query, int n, RowIntake intake) throws SQLException {
    StringJoiner packed = new StringJoiner(", ", "SELECT encode(concat_ws(chr(31), ",
        ")) FROM (" + subquery(query) + ") AS q");
    for (int i = 1; i <= n; i++) {
      packed.add("coalesce(replace(replace(CAST(#" + i + " AS VARCHAR), '\\', '\\\\'), chr(31), '\\u'), '')");
    }
    try (ResultSet rs = statement.executeQuery(packed.toString())) {
      FetchAhead.read(n, (into, offset) -> {
        if (!rs.next()) {
          return false;
        }
        unpack(rs.getBytes(1), into, offset, n);
        return true;
      }, intakeOf(intake, n));
    }
  }

  /** Hands each fetched row to {@code intake}, numbering rows from 1 in the order they arrive. */
  private static FetchAhead.RowConsumer intakeOf(RowIntake intake, int n) {
    long[] position = {0};
    return (values, offset) -> intake.row(n, i -> values[offset + i], ++position[0]);
  }

  /**
   * Splits a packed row's UTF-8 bytes into {@code n} values in {@code into} from {@code offset},
   * undoing the escapes of {@link #readPacked}. The separator is ASCII, so it never occurs inside a
   * multi-byte character.
   */
  static void unpack(byte[] packed, String[] into, int offset, int n) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      int end = start;
      boolean escaped = false;
      while (end < packed.length && packed[end] != PACK_SEPARATOR) {
        escaped |= packed[end] == '\\';
        end++;
      }
      String value = new String(packed, start, end - start, StandardCharsets.UTF_8);
      into[offset + i] = escaped ? unescape(value) : value;
      start = end + 1;
    }
  }

  private static String unescape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        b.append(next == 'u' ? PACK_SEPARATOR : next);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "RecordSource{" + name + "}";
  }
}
