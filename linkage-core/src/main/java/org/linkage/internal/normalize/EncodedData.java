package org.linkage.internal.normalize;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;

/**
 * Both sides of a linkage job, normalised once into columns of primitive codes. This is what the
 * comparison and blocking stages read; no pair ever touches a raw string.
 *
 * <p>Encoding is single-threaded and deterministic: dictionary codes are assigned in order of
 * first appearance, left side first. Immutable and thread-safe once built (see
 * {@link EncodedColumn#derived} for derived codes).
 */
public final class EncodedData {
  private final RecordTable left;
  private final RecordTable right;
  private final ImmutableMap<String, EncodedColumn> columns;
  private final int leftSize;
  private final int rightSize;
  private final boolean deduplication;

  private EncodedData(RecordTable left, RecordTable right, Map<String, EncodedColumn> columns) {
    this(left, right, columns, left.size(), right.size(), left == right);
  }

  private EncodedData(RecordTable left, RecordTable right, Map<String, EncodedColumn> columns, int leftSize,
      int rightSize, boolean deduplication) {
    this.left = left;
    this.right = right;
    this.columns = ImmutableMap.copyOf(columns);
    this.leftSize = leftSize;
    this.rightSize = rightSize;
    this.deduplication = deduplication;
  }

  /**
   * Columns of {@code specs} with the given dictionaries ({@code null} for a date column) and no rows: what
   * an engine rebuilds from shipped dictionaries, to compare rows shipped as codes ({@link #withRows}).
   */
  public static EncodedData ofDictionaries(List<ColumnSpec> specs, List<Dictionary> dictionaries) {
    checkArgument(specs.size() == dictionaries.size(), "one dictionary (or null) per column");
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    for (int c = 0; c < specs.size(); c++) {
      out.put(specs.get(c).name(), new EncodedColumn(specs.get(c), dictionaries.get(c), new int[0], new int[0]));
    }
    return new EncodedData(null, null, out, 0, 0, false);
  }

  /**
   * Other rows under this data's dictionaries: {@code left[c]} and {@code right[c]} are the codes of
   * column {@code c} (in {@link #columns()} order) of {@code leftSize} left and {@code rightSize} right
   * rows. The columns share this data's derived codes, so comparisons bound to the result give each
   * pair of rows the levels they give the same values here. It has no tables ({@link #leftTable} is
   * null) and is never a deduplication.
   */
  public EncodedData withRows(int leftSize, int rightSize, int[][] left, int[][] right) {
    checkArgument(left.length == columns.size() && right.length == columns.size(), "codes of every column");
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    int c = 0;
    for (Map.Entry<String, EncodedColumn> e : columns.entrySet()) {
      out.put(e.getKey(), e.getValue().withRows(left[c], right[c]));
      c++;
    }
    return new EncodedData(null, null, out, leftSize, rightSize, false);
  }
  /**
   * Data of columns encoded earlier (a saved state read back, with new records appended), without
   * record tables: {@link #leftTable()} and {@link #rightTable()} are {@code null}. Every column's
   * sides must hold {@code leftSize} and {@code rightSize} codes.
   */
  public static EncodedData ofColumns(Map<String, EncodedColumn> columns, int leftSize, int rightSize) {
    for (EncodedColumn c : columns.values()) {
      checkArgument(c.left().length == leftSize && c.right().length == rightSize, "column %s: %s + %s codes, "
          + "expected %s + %s", c.name(), c.left().length, c.right().length, leftSize, rightSize);
    }
    return new EncodedData(null, null, columns, leftSize, rightSize, false);
  }

  /**
   * Some rows of this data, in the order given (ascending keeps pair order), sharing its
   * dictionaries and derived codes: {@code leftRows} of the left side and {@code rightRows} of the
   * right; of a deduplication, pass one array for both. Record tables are {@code null}. Row
   * {@code i} of the view is row {@code leftRows[i]} (or {@code rightRows[i]}) here.
   */
  public EncodedData rows(int[] leftRows, int[] rightRows) {
    return rows(leftRows, rightRows, columns.keySet());
  }

  /** As {@link #rows(int[], int[])} with only the columns named in {@code names} (the others are left out). */
  public EncodedData rows(int[] leftRows, int[] rightRows, java.util.Collection<String> names) {
    checkArgument(!deduplication || leftRows == rightRows, "a deduplication view takes one array of rows");
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    columns.forEach((name, c) -> {
      if (names.contains(name)) {
        out.put(name, c.rows(leftRows, rightRows));
      }
    });
    return new EncodedData(null, null, out, leftRows.length, rightRows.length, deduplication);
  }

  /**
   * Normalises and encodes every column of {@code left} and {@code right}, which must have the same
   * columns in the same order. For deduplication, pass the same table as both sides.
   */
  public static EncodedData encode(RecordTable left, RecordTable right) {
    return encode(left, right, null);
  }

  /**
   * As {@link #encode(RecordTable, RecordTable)}, one column per task on {@code pool} (the calling
   * thread when null): a column's codes depend on that column alone, so the result is the same.
   */
  public static EncodedData encode(RecordTable left, RecordTable right, ExecutorService pool) {
    checkArgument(left.columns().equals(right.columns()), "left and right must have the same columns");
    List<ColumnSpec> specs = left.columns();
    List<EncodedColumn> encoded = new ArrayList<>();
    if (pool == null) {
      for (int c = 0; c < specs.size(); c++) {
        encoded.add(encodeColumn(specs.get(c), c, left, right));
      }
    } else {
      encoded = ParallelChunks.map(pool, specs.size(), 1, (c, end) -> encodeColumn(specs.get(c), c, left, right));
    }
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    for (int c = 0; c < specs.size(); c++) {
      out.put(specs.get(c).name(), encoded.get(c));
    }
    return new EncodedData(left, right, out);
  }

  private static EncodedColumn encodeColumn(ColumnSpec spec, int c, RecordTable left, RecordTable right) {
    if (spec.type() == ColumnType.DATE) {
      return new EncodedColumn(spec, null, dates(spec, c, left), dates(spec, c, right));
    }
    Dictionary dict = new Dictionary();
    int[] l = strings(spec, c, left, dict);
    int[] r = left == right ? l : strings(spec, c, right, dict);
    dict.freeze();
    return new EncodedColumn(spec, dict, l, r);
  }

  private static int[] dates(ColumnSpec spec, int c, RecordTable t) {
    int[] out = new int[t.size()];
    for (int row = 0; row < out.length; row++) {
      int d = Normalizers.date(t.value(c, row), spec.format());
      out[row] = d < 0 ? EncodedColumn.MISSING : d;
    }
    return out;
  }

  private static int[] strings(ColumnSpec spec, int c, RecordTable t, Dictionary dict) {
    int[] out = new int[t.size()];
    for (int row = 0; row < out.length; row++) {
      String v = Normalizers.fold(spec.type(), t.value(c, row));
      out[row] = v == null ? EncodedColumn.MISSING : dict.intern(v);
    }
    return out;
  }

  /**
   * One side of this data linked within itself (deduplication), without normalising again: the
   * columns are views sharing this data's dictionaries and derived codes. A view's codes keep their
   * meaning (equal code, equal value) and every comparison level and blocking key depends on values
   * alone, so linking the view gives what linking {@code encode(table, table)} gives.
   *
   * @param side {@code 0} left, {@code 1} right
   */
  public EncodedData side(int side) {
    checkArgument(side == 0 || side == 1, "side must be 0 or 1: %s", side);
    RecordTable table = side == 0 ? left : right;
    int size = side == 0 ? leftSize : rightSize;
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    columns.forEach((name, c) -> out.put(name, c.sideView(side)));
    return new EncodedData(table, table, out, size, size, true);
  }

  /** The left table as read; {@code null} for data of {@link #ofColumns} or {@link #rows}. */
  public RecordTable leftTable() {
    return left;
  }

  /** The right table as read (the left one when deduplicating). */
  public RecordTable rightTable() {
    return right;
  }

  /** Records on the left side. */
  public int leftSize() {
    return leftSize;
  }

  /** Records on the right side. */
  public int rightSize() {
    return rightSize;
  }

  /** True when both sides are the same table (deduplication). */
  public boolean isDeduplication() {
    return deduplication;
  }

  /** The column named {@code name}, or {@code null}. */
  public EncodedColumn column(String name) {
    return columns.get(name);
  }

  /** The encoded columns by name. */
  public ImmutableMap<String, EncodedColumn> columns() {
    return columns;
  }
}
