package org.linkage.internal.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.io.RecordSource;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * The one row-validation path every {@link RecordSource} goes through (CSV files, in-memory rows,
 * JDBC results): maps the header onto the requested columns, checks each row and either adds it to
 * the {@link RecordTable} or records why not, so a database or in-memory row gets the same checks
 * and the same rejection reasons as a CSV line.
 *
 * <p>Checks, in order, the first failure wins: the number of fields; in the id column and each
 * requested column, U+FFFD (invalid UTF-8) and the field length limit; an empty id; a date that
 * does not fit its column's layout; an id already accepted (unless duplicates are allowed). Values
 * are trimmed of white space including no-break spaces ({@link #strip}); empty values become
 * {@code null}. Reasons never contain a value.
 *
 * <p>Mutable, one per read, not thread-safe. Expected O(1) per row.
 */
public final class RowIntake {
  private static final char REPLACEMENT = '\uFFFD';
  /** Distinct values pooled per column: covers names, dates and codes, bounds memory for ids. */
  private static final int POOL_CAPACITY = 1 << 16;

  private final String source;
  private final String idColumn;
  private final List<ColumnSpec> columns;
  private final CsvOptions options;
  private final String unit;
  private final RecordTable.Builder table;
  private final List<Rejection> rejections = new ArrayList<>();
  private final IdRegister seen = new IdRegister();
  private final String[] row;
  private final ValuePool[] pools;
  /** Per column: the date layout ('d' = digit, other chars literal), or null if not a date. */
  private final char[][] dateLayouts;
  private final String[] dateReasons;
  private int[] sourceIndex;
  private String[] sourceName;
  private int idIndex = -1;
  private int fieldCount;
  private long rowsRead;
  private List<String> absent = List.of();

  /**
   * @param source the source's name, used in messages and rejections
   * @param unit what a position counts, {@code "line"} for files and {@code "row"} otherwise
   */
  public RowIntake(String source, String idColumn, List<ColumnSpec> columns, CsvOptions options, String unit) {
    this.source = source;
    this.idColumn = idColumn;
    this.columns = columns;
    this.options = options;
    this.unit = unit;
    this.table = RecordTable.builder(source, columns);
    this.row = new String[columns.size()];
    this.pools = new ValuePool[columns.size()];
    this.dateLayouts = new char[columns.size()][];
    this.dateReasons = new String[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      pools[c] = new ValuePool(POOL_CAPACITY);
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
   * Checks that no two requested columns share a name.
   *
   * @throws InvalidSpecException naming each repeated column
   */
  public static void checkColumns(List<ColumnSpec> columns) {
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
  }

  /**
   * Maps the source's column names (already trimmed) onto the requested columns. Requested columns
   * the header lacks read as null and are listed in the result's absent columns.
   *
   * @throws InvalidSpecException if the id column is missing or a requested name appears twice
   */
  public void header(List<String> names) {
    fieldCount = names.size();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> occurrences = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String h = names.get(i);
      index.putIfAbsent(h, i);
      occurrences.merge(h, 1, Integer::sum);
    }
    List<String> problems = new ArrayList<>();
    if (!index.containsKey(idColumn)) {
      problems.add(source + ": no column \"" + idColumn + "\" (the id column); columns found: " + names.size());
    }
    Set<String> requested = new LinkedHashSet<>();
    requested.add(idColumn);
    columns.forEach(c -> requested.add(c.source()));
    for (String name : requested) {
      int n = occurrences.getOrDefault(name, 0);
      if (n > 1) {
        problems.add(source + ": column \"" + name + "\" appears " + n + " times in the header");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    idIndex = index.get(idColumn);
    sourceIndex = new int[columns.size()];
    sourceName = new String[columns.size()];
    Set<String> missing = new LinkedHashSet<>();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).source();
      sourceIndex[c] = index.getOrDefault(name, -1);
      sourceName[c] = name;
      if (sourceIndex[c] < 0) {
        missing.add(name);
      }
    }
    absent = List.copyOf(missing);
  }

  /**
   * Takes one data row: adds it to the table, or records (strict mode: throws) why not.
   *
   * @param size the number of fields the row has
   * @param field the raw field at a position below {@code size}; {@code null} reads as empty
   * @param position where the row starts (a 1-based line or row number), used in messages
   * @throws InputException in strict mode, for the first bad row
   */
  public void row(int size, IntFunction<String> field, long position) {
    rowsRead++;
    Rejection rejection = check(size, field, position);
    if (rejection == null) {
      table.add(value(field, idIndex), row, position);
    } else if (options.strict()) {
      throw new InputException(rejection.message());
    } else {
      rejections.add(rejection);
    }
  }

  /** The records and rejections so far; conservation holds by construction. */
  public ReadResult result() {
    return new ReadResult(table.build(), rejections, rowsRead, absent);
  }

  private Rejection check(int size, IntFunction<String> field, long position) {
    if (size != fieldCount) {
      return new Rejection(source, position, null, "expected " + fieldCount + " fields, found " + size);
    }
    String id = value(field, idIndex);
    String reason = fieldProblem(id);
    if (reason != null) {
      return new Rejection(source, position, idColumn, reason);
    }
    if (id.isEmpty()) {
      return new Rejection(source, position, idColumn, "empty id");
    }
    for (int c = 0; c < row.length; c++) {
      int i = sourceIndex[c];
      if (i < 0) {
        row[c] = null;
        continue;
      }
      String value = value(field, i);
      if (i != idIndex && (reason = fieldProblem(value)) != null) {
        return new Rejection(source, position, sourceName[c], reason);
      }
      char[] layout = dateLayouts[c];
      if (layout != null && !value.isEmpty() && !fitsLayout(value, layout)) {
        return new Rejection(source, position, sourceName[c], dateReasons[c]);
      }
      row[c] = value.isEmpty() ? null : pools[c].canonical(value);
    }
    if (!options.allowDuplicateIds()) {
      long first = seen.putIfAbsent(id, position);
      if (first != 0) {
        return new Rejection(source, position, idColumn, "duplicate id (first seen on " + unit + " " + first + ")");
      }
    }
    return null;
  }

  private static String value(IntFunction<String> field, int i) {
    String v = field.apply(i);
    return v == null ? "" : strip(v);
  }

  /**
   * {@code value} without leading and trailing white space, including the no-break spaces
   * (U+00A0, U+2007, U+202F) that {@link String#trim()} and {@link String#strip()} keep: an id of
   * no-break spaces is empty, and {@code E1} followed by one is {@code E1}.
   */
  public static String strip(String value) {
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

  private String fieldProblem(String value) {
    if (value.length() > options.maxFieldLength()) {
      return "field too long (more than " + options.maxFieldLength() + " characters)";
    }
    if (value.indexOf(REPLACEMENT) >= 0) {
      return "invalid UTF-8";
    }
    return null;
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
