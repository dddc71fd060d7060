package org.linkage.record;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import org.linkage.spec.ColumnSpec;

/**
 * The records of one side as read from its source, before normalisation: an id, the raw value of
 * each {@link ColumnSpec column} (or {@code null} when empty) and the source line of each record.
 *
 * <p>Stored column by column. Immutable once built and safe to share between threads, and
 * {@link java.io.Serializable} (an engine ships the tables to other processes); the
 * {@link Builder} is not thread-safe.
 */
public final class RecordTable implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final ImmutableList<ColumnSpec> columns;
  private final String[] ids;
  private final long[] lines;
  private final String[][] values; // [column][row]
  private transient volatile java.util.Map<String, Integer> rowsById; // built on first rowOf

  private RecordTable(String source, List<ColumnSpec> columns, String[] ids, long[] lines, String[][] values) {
    this.source = source;
    this.columns = ImmutableList.copyOf(columns);
    this.ids = ids;
    this.lines = lines;
    this.values = values;
  }

  /**
   * Starts a table for {@code source} (a file name used in messages) with these columns.
   *
   * <p>The builder is the low-level store and checks nothing: it accepts a repeated id, an empty
   * value or a date in any layout as given. To build a table from rows with the checks and
   * rejections of the CSV reader, read them through {@link org.linkage.io.RecordSource#rows}.
   */
  public static Builder builder(String source, List<ColumnSpec> columns) {
    return new Builder(source, columns);
  }

  /** Name of the source (usually the file name), used in messages; never a record's value. */
  public String source() {
    return source;
  }

  /** The columns held, in spec order. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /** Number of records. */
  public int size() {
    return ids.length;
  }

  /** The id of {@code row}. */
  public String id(int row) {
    return ids[row];
  }

  /** The 1-based line in the source where the record starts, or 0 if not read from a file. */
  public long line(int row) {
    return lines[row];
  }

  /** The raw value, or {@code null} when the field was empty. */
  public String value(int column, int row) {
    return values[column][row];
  }

  /** Index of the column named {@code name}, or -1. */
  public int columnIndex(String name) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  /** Accumulates records in order, unchecked (see {@link RecordTable#builder}). Not thread-safe. */
  public static final class Builder {
    private final String source;
    private final List<ColumnSpec> columns;
    private String[] ids = new String[1024];
    private long[] lines = new long[1024];
    private String[][] values;
    private int size;

    private Builder(String source, List<ColumnSpec> columns) {
      this.source = requireNonNull(source, "source");
      this.columns = ImmutableList.copyOf(columns);
      this.values = new String[columns.size()][1024];
    }

    /**
     * Adds a record.
     *
     * @param rowValues one raw value per column, in column order ({@code null} or empty = missing)
     */
    public Builder add(String id, String[] rowValues, long line) {
      requireNonNull(id, "id");
      checkArgument(rowValues.length == columns.size(),
          "expected %s values, got %s", columns.size(), rowValues.length);
      if (size == ids.length) {
        int capacity = size * 2;
        ids = Arrays.copyOf(ids, capacity);
        lines = Arrays.copyOf(lines, capacity);
        for (int c = 0; c < values.length; c++) {
          values[c] = Arrays.copyOf(values[c], capacity);
        }
      }
      ids[size] = id;
      lines[size] = line;
      for (int c = 0; c < values.length; c++) {
        String v = rowValues[c];
        values[c][size] = v == null || v.isEmpty() ? null : v;
      }
      size++;
      return this;
    }

    /** Rows added so far. */
    public int size() {
      return size;
    }

    /** The table of the rows added; the builder must not be used afterwards. */
    public RecordTable build() {
      String[][] trimmed = new String[values.length][];
      for (int c = 0; c < values.length; c++) {
        trimmed[c] = Arrays.copyOf(values[c], size);
      }
      return new RecordTable(source, columns, Arrays.copyOf(ids, size), Arrays.copyOf(lines, size), trimmed);
    }
  }

  /**
   * Row index of {@code id}, or -1. The first call builds an id index (O(records)); later calls are
   * O(1). Thread-safe. Ids are unique in tables read by {@code CsvTableReader}; with duplicates, the
   * first row wins.
   */
  public int rowOf(String id) {
    java.util.Map<String, Integer> index = rowsById;
    if (index == null) {
      synchronized (this) {
        index = rowsById;
        if (index == null) {
          java.util.Map<String, Integer> built = new java.util.HashMap<>(Math.max(16, ids.length * 2));
          for (int r = ids.length - 1; r >= 0; r--) {
            built.put(ids[r], r);
          }
          rowsById = index = built;
        }
      }
    }
    Integer row = index.get(id);
    return row == null ? -1 : row;
  }
}
