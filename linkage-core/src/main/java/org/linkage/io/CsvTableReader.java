package org.linkage.io;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.linkage.InputException;
import org.linkage.InvalidSpecException;
import org.linkage.record.ColumnSpec;
import org.linkage.record.ColumnType;
import org.linkage.record.RecordTable;

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
  /** Distinct values pooled per column: covers names, dates and codes, bounds memory for ids. */
  private static final int POOL_CAPACITY = 1 << 16;

  private final String idColumn;
  private final ImmutableList<ColumnSpec> columns;
  private final CsvOptions options;
  private final CSVFormat format;
  /** Per column: the date layout ('d' = digit, other chars literal), or null if not a date. */
  private final char[][] dateLayouts;
  private final String[] dateReasons;

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
    this.dateLayouts = new char[columns.size()][];
    this.dateReasons = new String[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      ColumnSpec column = columns.get(c);
      if (column.type() == ColumnType.DATE) {
        String pattern = column.format();
        char[] layout = new char[pattern.length()];
        for (int i = 0; i < layout.length; i++) {
          char ch = pattern.charAt(i);
          layout[i] = Character.isLetter(ch) ? 'd' : ch;
        }
        dateLayouts[c] = layout;
        dateReasons[c] = "not a date (expected " + pattern.toLowerCase(Locale.ROOT) + ")";
      }
    }
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
    Set<String> names = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (ColumnSpec column : columns) {
      if (!names.add(column.name())) {
        problems.add("column \"" + column.name() + "\" is defined more than once");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
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
    requireNonNull(file, "file");
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
    return read(new InputStreamReader(in, decoder), name);
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

  /** The mutable state of one read. */
  private final class Pass {
    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RecordTable.Builder table;
    private final List<Rejection> rejections = new ArrayList<>();
    private final IdRegister seen = new IdRegister();
    private final String[] row = new String[columns.size()];
    private final ValuePool[] pools = new ValuePool[columns.size()];
    private int[] sourceIndex;
    private String[] sourceName;
    private int idIndex;
    private int fieldCount;
    private long rowsRead;
    private long startLine;

    Pass(String file, CSVParser parser) {
      this.file = file;
      this.parser = parser;
      this.records = parser.iterator();
      this.table = RecordTable.builder(file, columns);
      for (int c = 0; c < pools.length; c++) {
        pools[c] = new ValuePool(POOL_CAPACITY);
      }
    }

    ReadResult run() {
      List<String> absent = readHeader();
      while (advance()) {
        CSVRecord record = records.next();
        if (isBlank(record)) {
          continue;
        }
        rowsRead++;
        Rejection rejection = check(record);
        if (rejection == null) {
          table.add(field(record, idIndex), row, startLine);
        } else if (options.strict()) {
          throw new InputException(rejection.message());
        } else {
          rejections.add(rejection);
        }
      }
      return new ReadResult(table.build(), rejections, rowsRead, absent);
    }

    /** Reads the first non-blank record as the header and maps columns onto it. */
    private List<String> readHeader() {
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
      for (String name : header) {
        if (name == null) {
          continue;
        }
        // NULs come from UTF-16 read as UTF-8; U+FFFD from a header saved in a legacy encoding.
        if (name.indexOf('\0') >= 0 || name.indexOf(REPLACEMENT) >= 0) {
          throw new InputException(file + ": the header line is not UTF-8 text (is the file saved"
              + " as UTF-16 or Latin-1?); save it as UTF-8");
        }
      }
      fieldCount = header.size();
      Map<String, Integer> index = new HashMap<>();
      Map<String, Integer> occurrences = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String h = field(header, i);
        index.putIfAbsent(h, i);
        occurrences.merge(h, 1, Integer::sum);
      }
      List<String> problems = new ArrayList<>();
      if (!index.containsKey(idColumn)) {
        problems.add(file + ": no column \"" + idColumn + "\" (the id column); columns found: "
            + header.size());
      }
      Set<String> requested = new LinkedHashSet<>();
      requested.add(idColumn);
      columns.forEach(c -> requested.add(c.source()));
      for (String source : requested) {
        int n = occurrences.getOrDefault(source, 0);
        if (n > 1) {
          problems.add(file + ": column \"" + source + "\" appears " + n + " times in the header");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidSpecException(problems);
      }
      idIndex = index.get(idColumn);
      sourceIndex = new int[columns.size()];
      sourceName = new String[columns.size()];
      Set<String> absent = new LinkedHashSet<>();
      for (int c = 0; c < columns.size(); c++) {
        String source = columns.get(c).source();
        sourceIndex[c] = index.getOrDefault(source, -1);
        sourceName[c] = source;
        if (sourceIndex[c] < 0) {
          absent.add(source);
        }
      }
      return List.copyOf(absent);
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

    /** Fills {@link #row} and returns null if the record is usable, else why not. */
    private Rejection check(CSVRecord record) {
      if (record.size() != fieldCount) {
        return reject(null, "expected " + fieldCount + " fields, found " + record.size());
      }
      String id = field(record, idIndex);
      String reason = fieldProblem(id);
      if (reason != null) {
        return reject(idColumn, reason);
      }
      if (id.isEmpty()) {
        return reject(idColumn, "empty id");
      }
      for (int c = 0; c < row.length; c++) {
        int i = sourceIndex[c];
        if (i < 0) {
          row[c] = null;
          continue;
        }
        String value = field(record, i);
        if (i != idIndex && (reason = fieldProblem(value)) != null) {
          return reject(sourceName[c], reason);
        }
        char[] layout = dateLayouts[c];
        if (layout != null && !value.isEmpty() && !fitsLayout(value, layout)) {
          return reject(sourceName[c], dateReasons[c]);
        }
        row[c] = value.isEmpty() ? null : pools[c].canonical(value);
      }
      if (!options.allowDuplicateIds()) {
        long first = seen.putIfAbsent(id, startLine);
        if (first != 0) {
          return reject(idColumn, "duplicate id (first seen on line " + first + ")");
        }
      }
      return null;
    }

    private String fieldProblem(String value) {
      if (value.length() > options.maxFieldLength()) {
        return "field too long (more than " + options.maxFieldLength() + " characters)";
      }
      if (value.indexOf(REPLACEMENT) >= 0) {
        return "invalid UTF-8";
      }
      return null;
    }

    private Rejection reject(String column, String reason) {
      return new Rejection(file, startLine, column, reason);
    }
  }

  /** A blank line: parsed as no field or one unquoted empty field (null, see the format). */
  private static boolean isBlank(CSVRecord record) {
    return record.size() == 0 || (record.size() == 1 && record.get(0) == null);
  }

  /** Field {@code i} without surrounding spaces of any kind ({@link #strip}); "" if absent. */
  private static String field(CSVRecord record, int i) {
    String v = record.get(i);
    return v == null ? "" : strip(v);
  }

  /**
   * {@code value} without leading and trailing white space, including the no-break spaces
   * (U+00A0, U+2007, U+202F) that {@link String#trim()} and {@link String#strip()} keep: an id of
   * no-break spaces is empty, and {@code E1} followed by one is {@code E1}.
   */
  static String strip(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** Hand-checked instead of a regex: this runs once per date value. */
  private static boolean fitsLayout(String value, char[] layout) {
    if (value.length() != layout.length) {
      return false;
    }
    for (int i = 0; i < layout.length; i++) {
      char ch = value.charAt(i);
      if (layout[i] == 'd' ? ch < '0' || ch > '9' : ch != layout[i]) {
        return false;
      }
    }
    return true;
  }
}
