package org.linkage.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.linkage.Link;
import org.linkage.error.OutputException;
import org.linkage.LinkageResult;
import org.linkage.Person;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.output.OutputTable;
import org.linkage.internal.output.OutputWriter;
import org.linkage.internal.output.InputSummary;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * The ready-made sinks and the write order behind {@link LinkSink}'s static methods, which are
 * their public face (and carry their contracts). Stateless.
 */
final class LinkSinks {
  /** Rows sent to the database per batch: few round trips, bounded driver memory. */
  static final int BATCH_SIZE = 5_000;
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z0-9_]*");

  private LinkSinks() {}

  /** See {@link LinkSink#write}. */
  static void write(LinkSink sink, LinkageResult result, List<ReadResult> inputs) {
    requireNonNull(sink, "sink");
    requireNonNull(result, "result");
    requireNonNull(inputs, "inputs");
    List<Rejection> rejections = new java.util.ArrayList<>();
    List<InputSummary> summaries = new java.util.ArrayList<>();
    for (ReadResult input : inputs) {
      rejections.addAll(input.rejections());
      summaries.add(InputSummary.of(input));
    }
    sink.rejected(rejections);
    sink.unmatchedLeft(result.unmatchedLeft());
    if (!result.isDeduplication()) {
      sink.unmatchedRight(result.unmatchedRight());
    }
    if (result.hasPersons()) {
      sink.persons(result.persons());
    }
    sink.ambiguous(result.ambiguous());
    sink.links(result.links());
    String report;
    try {
      report = OutputWriter.reportJson(result, summaries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.report(report);
  }

  /** See {@link LinkSink}'s factory of the same name. */
  static LinkSink csv(Path dir) {
    return csv(dir, true);
  }

  /** See {@link LinkSink}'s factory of the same name. */
  static LinkSink csv(Path dir, boolean escapeFormulas) {
    requireNonNull(dir, "dir");
    return new TableSink() {
      @Override
      void write(OutputTable table) {
        writeFile(dir, table.name() + ".csv", file -> {
          try (CsvOutput out = CsvOutput.open(file, escapeFormulas)) {
            out.header(table.columns().stream().map(OutputTable.Column::name).toArray(String[]::new));
            Object[] cells = new Object[table.columns().size()];
            table.forEachRow(row -> {
              for (int c = 0; c < cells.length; c++) {
                cells[c] = csvCell(row[c], table.columns().get(c));
              }
              try {
                out.row(cells);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
          }
        });
      }

      @Override
      public void report(String reportJson) {
        writeFile(dir, "report.json", file -> Files.writeString(file, reportJson + "\n"));
      }
    };
  }

  /** See {@link LinkSink}'s factory of the same name. */
  static LinkSink jdbc(String url, String prefix) {
    requireNonNull(url, "url");
    return jdbcSink(() -> RecordSource.connect(url), SqlErrors.safeUrl(url), prefix);
  }

  /** See {@link LinkSink}'s factory of the same name. */
  static LinkSink jdbc(DataSource dataSource, String prefix) {
    requireNonNull(dataSource, "dataSource");
    return jdbcSink(dataSource::getConnection, "the database", prefix);
  }

  /** See {@link LinkSink}'s factory of the same name. */
  static LinkSink callback(Consumer<Link> onLink) {
    requireNonNull(onLink, "onLink");
    return new LinkSink() {
      @Override
      public void links(Iterable<Link> links) {
        links.forEach(onLink);
      }
    };
  }

  private static LinkSink jdbcSink(RecordSource.ConnectionOpener opener, String where, String prefix) {
    requireNonNull(prefix, "prefix");
    checkArgument(PREFIX.matcher(prefix).matches(),
        "table prefix must be letters, digits and underscores, optionally after schema.");
    return new TableSink() {
      @Override
      void write(OutputTable table) {
        writeTable(opener, where, prefix + table.name(), table);
      }

      @Override
      public void report(String reportJson) {
        writeTable(opener, where, prefix + "report", OutputTable.report(reportJson));
      }
    };
  }

  /** Replaces the rows of {@code name} (creating it if missing) in one transaction. */
  private static void writeTable(RecordSource.ConnectionOpener opener, String where, String name,
      OutputTable table) {
    List<OutputTable.Column> columns = table.columns();
    StringJoiner definitions = new StringJoiner(", ", "(", ")");
    StringJoiner names = new StringJoiner(", ", "(", ")");
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    for (OutputTable.Column c : columns) {
      String type = switch (c.kind()) {
        case TEXT -> "TEXT";
        case INTEGER -> "BIGINT";
        case DECIMAL -> "DOUBLE PRECISION";
      };
      // quoted: "column" (in rejected) is a reserved word
      definitions.add("\"" + c.name() + "\" " + type);
      names.add("\"" + c.name() + "\"");
      marks.add("?");
    }
    String stage = "cannot connect";
    try (Connection connection = opener.open()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        stage = "cannot create or empty the table";
        try (Statement st = connection.createStatement()) {
          st.execute("CREATE TABLE IF NOT EXISTS " + name + " " + definitions);
          st.executeUpdate("DELETE FROM " + name);
        }
        stage = "cannot insert the rows";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " " + names
            + " VALUES " + marks)) {
          int[] pending = {0};
          table.forEachRow(row -> {
            try {
              for (int c = 0; c < row.length; c++) {
                bind(insert, c + 1, row[c], columns.get(c).kind());
              }
              insert.addBatch();
              if (++pending[0] == BATCH_SIZE) {
                insert.executeBatch();
                pending[0] = 0;
              }
            } catch (SQLException e) {
              throw new BatchFailure(e);
            }
          });
          if (pending[0] > 0) {
            insert.executeBatch();
          }
        }
        stage = "cannot commit";
        connection.commit();
      } catch (SQLException | BatchFailure e) {
        rollbackQuietly(connection);
        throw e instanceof BatchFailure b ? b.getCause() : (SQLException) e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new OutputException("cannot write table " + name + " in " + where + ": " + stage + ": "
          + SqlErrors.describe(rootOf(e)) + "; the table is unchanged", e);
    }
  }

  /**
   * The database's own reason for a failed batch: its chained exception. The batch exception's
   * message may quote the statement with the row's values (PostgreSQL's "Batch entry 0 INSERT ...
   * VALUES (...)"), so it is never shown.
   */
  private static SQLException rootOf(SQLException e) {
    SQLException next = e.getNextException();
    if (next != null && (e instanceof BatchUpdateException || e.getSQLState() == null)) {
      return next;
    }
    return e;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the user needs; a closed connection rolls back anyway
    }
  }

  private static void bind(PreparedStatement insert, int index, Object value, OutputTable.Kind kind)
      throws SQLException {
    switch (kind) {
      case TEXT -> insert.setString(index, (String) value);
      case INTEGER -> insert.setLong(index, (Long) value);
      case DECIMAL -> {
        double d = (Double) value;
        if (Double.isNaN(d)) {
          insert.setNull(index, Types.DOUBLE);
        } else {
          insert.setDouble(index, d);
        }
      }
    }
  }

  private static Object csvCell(Object value, OutputTable.Column column) {
    if (value == null) {
      return CsvOutput.raw("");
    }
    return column.kind() == OutputTable.Kind.DECIMAL ? CsvOutput.number((Double) value, column.decimals()) : value;
  }

  /** Writes one file's content to the given (temporary) path. */
  private interface FileContent {
    void writeTo(Path file) throws IOException;
  }

  private static void writeFile(Path dir, String name, FileContent content) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + name, ".tmp");
      content.writeTo(tmp);
      Path target = dir.resolve(name);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new OutputException("cannot write " + name + " in " + dir + ": "
          + (e instanceof IOException io ? OutputException.describe(io)
              : OutputException.describe(((UncheckedIOException) e).getCause())), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover hidden .tmp file is harmless and clearly named
        }
      }
    }
  }

  /** Carries a batch's SQLException out of the row loop. */
  private static final class BatchFailure extends RuntimeException {
    BatchFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** A sink that lays each output out as an {@link OutputTable} and writes it whole. */
  private abstract static class TableSink implements LinkSink {
    abstract void write(OutputTable table);

    @Override
    public void rejected(Iterable<Rejection> rejections) {
      write(OutputTable.rejected(rejections));
    }

    @Override
    public void unmatchedLeft(Iterable<String> ids) {
      write(OutputTable.ids("unmatched_left", ids));
    }

    @Override
    public void unmatchedRight(Iterable<String> ids) {
      write(OutputTable.ids("unmatched_right", ids));
    }

    @Override
    public void persons(Iterable<Person> persons) {
      write(OutputTable.persons(persons));
    }

    @Override
    public void ambiguous(Iterable<Link> pairs) {
      write(OutputTable.ambiguous(pairs));
    }

    @Override
    public void links(Iterable<Link> links) {
      write(OutputTable.links(links));
    }
  }
}
