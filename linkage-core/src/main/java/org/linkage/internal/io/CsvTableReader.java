package org.linkage.internal.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.progress.ProgressListener;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * Reads one side's records from a CSV file into a {@link RecordTable}, putting every row that
 * cannot be used into a {@link Rejection} (or, in {@link CsvOptions#strict() strict} mode,
 * stopping at the first).
 *
 * <pre>{@code
 * CsvTableReader reader = CsvTableReader.create("rec_id", List.of(
 *     new ColumnSpec("forename", "given_name", ColumnType.NAME, null),
 *     new ColumnSpec("dob", "date_of_birth", ColumnType.DATE, "yyyyMMdd")), CsvOptions.defaults());
 * ReadResult result = reader.read(Path.of("dataset4a.csv"));
 * }</pre>
 *
 * <p>What it accepts: RFC 4180 CSV in UTF-8 with a header line, parsed by Apache Commons CSV (quoted
 * fields may hold delimiters, doubled quotes and line breaks); a byte-order mark; CRLF, LF or a mix;
 * a missing final line break; spaces around fields and header names (FEBRL's {@code a, b, c}),
 * including no-break spaces; blank lines anywhere (they are not rows; a line holding only a quoted
 * empty field {@code ""} or a quoted line break is a row, and is rejected like any short row). Header names match column sources exactly after trimming
 * (case-sensitive). Requested columns the file lacks are not an error: they read as {@code null}
 * and are listed in {@link ReadResult#absentColumns()}.
 *
 * <p>What it rejects, one {@link Rejection} per row, the first problem found, checked in this
 * order: a wrong number of fields; then, in the id column and each requested column, invalid
 * UTF-8 or a field longer than {@link CsvOptions#maxFieldLength()}; an empty id; a date whose
 * layout does not match the column's format; an id already accepted earlier in the file (unless
 * {@link CsvOptions#allowDuplicateIds()}). A date with the right layout is kept even if it is not
 * a calendar date ({@code 19450493}) or lies outside 1900–2100: corrupted dates still carry
 * information, and the engine decides what to do with them. Rejection reasons never contain a
 * value from the file. See {@code docs/input-files.md}.
 *
 * <p>What stops the read (an exception, never a partial result): a missing or unreadable file, an
 * empty file or a header line that is not UTF-8 text, e.g. a UTF-16 file ({@link InputException},
 * exit code 3); a header without the id column, or with a
 * requested column named twice ({@link InvalidSpecException}, exit code 2); quoting that breaks
 * the file's row structure, i.e. a quoted field that is never closed or has text after its closing
 * quote ({@link InputException}), because the rows after it cannot be told apart reliably.
 *
 * <p>Line numbers are 1-based, count physical lines (the header is line 1) and give the line where
 * a row starts, also when a quoted field spans lines.
 *
 * <p>Instances are immutable and thread-safe; each {@code read} is independent. A read takes time
 * linear in the file's size and memory linear in the accepted values.
 */
public final class CsvTableReader {
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';

  private final String idColumn;
  private final ImmutableList<ColumnSpec> columns;
  private final CsvOptions options;
  private final CSVFormat format;

  private CsvTableReader(String idColumn, List<ColumnSpec> columns, CsvOptions options) {
    this.idColumn = idColumn;
    this.columns = ImmutableList.copyOf(columns);
    this.options = options;
    this.format = CSVFormat.RFC4180.builder()
        .setDelimiter(options.delimiter())
        .setQuote('"')
        .setIgnoreEmptyLines(false) // keeps physical line numbers recoverable; blank rows skipped here
        // unquoted empty fields read as null, quoted ones as "": a blank line is skipped, a row that
        // is only "" (or a quoted line break) is a row, counted and rejected
        .setQuoteMode(QuoteMode.ALL_NON_NULL)
        .setIgnoreSurroundingSpaces(true)
        .setTrailingData(false)
        .setLenientEof(false)
        .get();
  }

  /**
   * A reader for files whose id is in the header column {@code idColumn}, reading {@code columns}
   * (each from its {@link ColumnSpec#source()} header).
   *
   * @throws InvalidSpecException if two columns share a name
   * @throws IllegalArgumentException if {@code idColumn} is blank
   */
  public static CsvTableReader create(String idColumn, List<ColumnSpec> columns, CsvOptions options) {
    requireNonNull(idColumn, "idColumn");
    requireNonNull(columns, "columns");
    requireNonNull(options, "options");
    checkArgument(!idColumn.isBlank(), "idColumn must not be blank");
    RowIntake.checkColumns(columns);
    return new CsvTableReader(idColumn, columns, options);
  }

  /**
   * Reads {@code file} as UTF-8. Messages and rejections name the file as {@code file.toString()}.
   *
   * @throws InputException if the file is missing, unreadable or empty, if its quoting breaks the
   *     row structure, or (strict mode) at the first bad row; exit code 3
   * @throws InvalidSpecException if the header lacks the id column; exit code 2
   */
  public ReadResult read(Path file) {
    return read(file, ProgressListener.NONE);
  }

  /**
   * As {@link #read(Path)}, reporting stage {@code read} to {@code progress}: the file's size in
   * bytes as the total, then the bytes read so far after each 256 KiB, then the rows read.
   *
   * @throws InputException as {@link #read(Path)}
   * @throws InvalidSpecException as {@link #read(Path)}
   */
  public ReadResult read(Path file, ProgressListener progress) {
    requireNonNull(file, "file");
    requireNonNull(progress, "progress");
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new InputException(name + ": is a folder, not a file");
    }
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": file not found", e);
    } catch (AccessDeniedException e) {
      throw new InputException(name + ": permission denied", e);
    } catch (IOException e) {
      throw new InputException(name + ": cannot open (" + e.getClass().getSimpleName() + ")", e);
    }
    // Malformed bytes become U+FFFD (one per bad sequence, never swallowing a line break), so the
    // parser keeps its line count and the row holding them is rejected as invalid UTF-8.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0; // not a regular file (a pipe): no total to show
    }
    progress.started("read", size, "bytes");
    ReadResult result = read(new InputStreamReader(new CountingInputStream(in, progress), decoder), name);
    progress.finished("read", "read " + result.rowsRead() + " rows of " + name);
    return result;
  }

  /** Counts the bytes read and reports them to the listener every 256 KiB. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private static final long REPORT_EVERY = 1 << 18;
    private final ProgressListener progress;
    private long count;
    private long reported;

    CountingInputStream(InputStream in, ProgressListener progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      counted(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      counted(Math.max(n, 0));
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count - reported >= REPORT_EVERY) {
        reported = count;
        progress.advanced("read", count);
      }
    }
  }

  /**
   * Reads CSV text from {@code reader}, which is read to its end and closed. Any U+FFFD character
   * in a read column counts as invalid UTF-8 (the replacement a decoder leaves for bad bytes).
   *
   * @param fileName the name used in messages and rejections
   * @throws InputException if the text is empty, its quoting breaks the row structure, it cannot
   *     be read, or (strict mode) at the first bad row; exit code 3
   * @throws InvalidSpecException if the header lacks the id column; exit code 2
   */
  public ReadResult read(Reader reader, String fileName) {
    requireNonNull(reader, "reader");
    requireNonNull(fileName, "fileName");
    try (BufferedReader buffered = new BufferedReader(reader, 1 << 16)) {
      skipByteOrderMark(buffered);
      try (CSVParser parser = format.parse(buffered)) {
        return new Pass(fileName, parser).run();
      }
    } catch (IOException e) {
      throw new InputException(fileName + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != BYTE_ORDER_MARK) {
      reader.reset();
    }
  }

  /** The mutable state of one read: the parser's position; every row check is {@link RowIntake}'s. */
  private final class Pass {
    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RowIntake intake;
    private long startLine;

    Pass(String file, CSVParser parser) {
      this.file = file;
      this.parser = parser;
      this.records = parser.iterator();
      this.intake = new RowIntake(file, idColumn, columns, options, "line");
    }

    ReadResult run() {
      readHeader();
      while (advance()) {
        CSVRecord record = records.next();
        if (isBlank(record)) {
          continue;
        }
        intake.row(record.size(), record::get, startLine);
      }
      return intake.result();
    }

    /** Reads the first non-blank record as the header and maps columns onto it. */
    private void readHeader() {
      CSVRecord header = null;
      while (advance()) {
        CSVRecord record = records.next();
        if (!isBlank(record)) {
          header = record;
          break;
        }
      }
      if (header == null) {
        throw new InputException(file + ": empty file, expected a header line");
      }
      List<String> names = new ArrayList<>(header.size());
      for (String name : header) {
        // NULs come from UTF-16 read as UTF-8; U+FFFD from a header saved in a legacy encoding.
        if (name != null && (name.indexOf('\0') >= 0 || name.indexOf(REPLACEMENT) >= 0)) {
          throw new InputException(file + ": the header line is not UTF-8 text (is the file saved"
              + " as UTF-16 or Latin-1?); save it as UTF-8");
        }
        names.add(name == null ? "" : RowIntake.strip(name));
      }
      intake.header(names);
    }

    /** Parses the next record, remembering the line it starts on; false at the end. */
    private boolean advance() {
      // The parser has consumed every line break before the next record, so it starts one line on.
      startLine = parser.getCurrentLineNumber() + 1;
      try {
        return records.hasNext();
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof CSVException) {
          // No cause attached: keep the parser's own wording (positions) out of user-facing chains.
          throw new InputException(file + " line " + startLine + ": malformed quoting (a quoted field"
              + " is not closed, or text follows its closing quote); the rows after it cannot be"
              + " told apart, so reading stops");
        }
        throw new InputException(file + ": cannot read after line " + (startLine - 1) + " ("
            + e.getCause().getClass().getSimpleName() + ")", e.getCause());
      }
    }
  }

  /** A blank line: parsed as no field or one unquoted empty field (null, see the format). */
  private static boolean isBlank(CSVRecord record) {
    return record.size() == 0 || (record.size() == 1 && record.get(0) == null);
  }
}
