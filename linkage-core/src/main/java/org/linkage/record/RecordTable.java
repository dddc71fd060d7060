package org.linkage.record;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
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
  // ids as UTF-8 in one array (id r is bytes idEnds[r-1] .. idEnds[r]): a String per id costs
  // four times as much, and a run keeps the ids to the end for its outputs
  private final byte[] idBytes;
  private final int[] idEnds;
  private final long[] lines;
  private volatile String[][] values; // [column][row]; null once released
  private transient volatile java.util.Map<String, Integer> rowsById; // built on first rowOf

  private RecordTable(String source, List<ColumnSpec> columns, byte[] idBytes, int[] idEnds, long[] lines,
      String[][] values) {
    this.source = source;
    this.columns = ImmutableList.copyOf(columns);
    this.idBytes = idBytes;
    this.idEnds = idEnds;
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
    return idEnds.length;
  }

  /** The id of {@code row}. */
  public String id(int row) {
    int from = row == 0 ? 0 : idEnds[row - 1];
    return new String(idBytes, from, idEnds[row] - from, StandardCharsets.UTF_8);
  }

  /** The 1-based line in the source where the record starts, or 0 if not read from a file. */
  public long line(int row) {
    return lines[row];
  }

  /**
   * The raw value, or {@code null} when the field was empty.
   *
   * @throws IllegalStateException once the values were {@linkplain #releaseValues released}
   */
  public String value(int column, int row) {
    String[][] v = values;
    if (v == null) {
      throw new IllegalStateException("the raw values of " + source + " were released after encoding");
    }
    return v[column][row];
  }

  /** False once the raw values were {@linkplain #releaseValues released}: ids and lines only. */
  public boolean hasValues() {
    return values != null;
  }

  /**
   * Drops the raw values, keeping ids and lines, so that a large run holds only their encoding:
   * afterwards {@link #value} throws. The one exception to this class's immutability, for the
   * owner of the table ({@link org.linkage.Linker#releasingRawValues}); call it only when no other
   * thread reads values.
   */
  public void releaseValues() {
    values = null;
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
    private byte[] idBytes = new byte[8192];
    private int idLength;
    private int[] idEnds = new int[1024];
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
      if (size == idEnds.length) {
        int capacity = size * 2;
        idEnds = Arrays.copyOf(idEnds, capacity);
        lines = Arrays.copyOf(lines, capacity);
        for (int c = 0; c < values.length; c++) {
          values[c] = Arrays.copyOf(values[c], capacity);
        }
      }
      byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
      if (idLength + bytes.length > idBytes.length) {
        long capacity = Math.max((long) idBytes.length * 2, (long) idLength + bytes.length);
        checkArgument(capacity <= Integer.MAX_VALUE - 8, "ids of %s exceed 2 GB in all", source);
        idBytes = Arrays.copyOf(idBytes, (int) capacity);
      }
      System.arraycopy(bytes, 0, idBytes, idLength, bytes.length);
      idLength += bytes.length;
      idEnds[size] = idLength;
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
      return new RecordTable(source, columns, Arrays.copyOf(idBytes, idLength), Arrays.copyOf(idEnds, size),
          Arrays.copyOf(lines, size), trimmed);
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
          java.util.Map<String, Integer> built = new java.util.HashMap<>(Math.max(16, size() * 2));
          for (int r = size() - 1; r >= 0; r--) {
            built.put(id(r), r);
          }
          rowsById = index = built;
        }
      }
    }
    Integer row = index.get(id);
    return row == null ? -1 : row;
  }
}
