package org.linkage.internal.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnSpec;

/**
 * The binary files of a {@code linkage-state/5} folder (layouts in {@code docs/incremental.md}):
 *
 * <ul>
 *   <li>a <b>segment</b> ({@code segment-NNNNNN.bin}) holds the records one save added: their ids,
 *       per column the values appended to the column's dictionary (so codes of earlier segments
 *       never change), the records' codes and the column's derived tables for the appended values. Segments are append-only: a later save links the
 *       file into the new folder instead of writing it again;
 *   <li>a segment's <b>blocking keys</b> ({@code segment-NNNNNN.keys}): per keyed blocking rule and
 *       record, 32 bits of the record's level-0 key ({@link SavedKeys}), read by an update from the
 *       mapped file to select the saved records sharing a new record's key;
 *   <li>a segment's <b>raw values</b> ({@code segment-NNNNNN.values}), read only when the records
 *       as read are asked for ({@code LinkageState.left()}), never by an update;
 *   <li>{@code persons.bin}: the person number of every record, rewritten whole by each save (8
 *       bytes a record), since a merge renumbers saved records;
 *   <li>{@code dictionaries.bin}: each column dictionary's hash table (a hash per value and the
 *       table of codes), rewritten whole by each save, so reading a state does not hash every
 *       saved value again.
 * </ul>
 *
 * <p>Every file starts with an 8-byte magic and ends with a CRC-32C, checked on reading: a damaged
 * file is an {@link org.linkage.error.InputException} naming it. Stateless; thread-safe.
 */
public final class StateFiles {
  static final String SEGMENT_MAGIC = "LKSEG004";
  static final String VALUES_MAGIC = "LKVAL003";
  static final String PERSONS_MAGIC = "LKPER003";
  static final String DICTIONARIES_MAGIC = "LKDIC001";
  static final String KEYS_MAGIC = "LKKEY001";

  private StateFiles() {}

  /** The file name of segment {@code number} (from 1). */
  public static String segmentName(int number) {
    return String.format(java.util.Locale.ROOT, "segment-%06d.bin", number);
  }

  /** The raw-values file beside segment {@code segmentName}. */
  public static String valuesName(String segmentName) {
    return segmentName.replace(".bin", ".values");
  }

  /** The blocking-key fingerprints file beside segment {@code segmentName}. */
  public static String keysName(String segmentName) {
    return segmentName.replace(".bin", ".keys");
  }

  /** Whether {@code name} is a file a state folder may hold beside its fixed files. */
  public static boolean isSegmentFile(String name) {
    return name.matches("segment-\\d{6}\\.(bin|values|keys)");
  }

  /**
   * Rows {@code leftFrom..leftTo} and {@code rightFrom..rightTo} of the state: their ids and codes,
   * with each column's dictionary values {@code dictFrom[c]..dictTo[c]} and their derived codes
   * (every table the column holds, with the derived values they add).
   */
  public static void writeSegment(Path file, IdList leftIds, IdList rightIds, int leftFrom, int leftTo, int rightFrom,
      int rightTo, List<EncodedColumn> columns, int[] dictFrom, int[] dictTo) throws IOException {
    try (BinaryFile.Out out = new BinaryFile.Out(file, SEGMENT_MAGIC)) {
      out.putInt(leftTo - leftFrom);
      out.putInt(rightTo - rightFrom);
      out.putInt(columns.size());
      ids(out, leftIds, leftFrom, leftTo);
      ids(out, rightIds, rightFrom, rightTo);
      for (int c = 0; c < columns.size(); c++) {
        EncodedColumn col = columns.get(c);
        Dictionary d = col.dictionary();
        int added = d == null ? 0 : dictTo[c] - dictFrom[c];
        out.putInt(d == null ? -1 : dictFrom[c]);
        values(out, d, dictFrom[c], added);
        out.ints(col.left(), leftFrom, leftTo);
        out.ints(col.right(), rightFrom, rightTo);
        Map<String, Dictionary.Derived> derived = d == null ? Map.of() : col.derivedCodes();
        out.putInt(derived.size());
        for (Map.Entry<String, Dictionary.Derived> e : derived.entrySet()) {
          byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
          out.putInt(key.length);
          out.bytes(key, 0, key.length);
          Dictionary.Derived t = e.getValue();
          int targetFrom = t.derivedCount(dictFrom[c]);
          out.putInt(targetFrom);
          values(out, t.dictionary(), targetFrom, t.derivedCount(dictTo[c]) - targetFrom);
          out.ints(t.codes(), dictFrom[c], dictTo[c]);
        }
      }
    }
  }

  /** {@code n} values of {@code d} from code {@code from}: the count, each one's end offset, the characters. */
  private static void values(BinaryFile.Out out, Dictionary d, int from, int n) throws IOException {
    out.putInt(n);
    int[] ends = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += d.chars(from + i).length;
      ends[i] = total;
    }
    out.ints(ends, 0, n);
    for (int i = 0; i < n; i++) {
      char[] v = d.chars(from + i);
      out.chars(v, 0, v.length);
    }
  }

  private static void ids(BinaryFile.Out out, IdList ids, int from, int to) throws IOException {
    byte[] b = ids.bytes(from, to);
    out.putInt(b.length);
    out.ints(ids.relativeEnds(from, to), 0, to - from);
    out.bytes(b, 0, b.length);
  }

  /**
   * One segment read back.
   *
   * @param dictFrom per column, the dictionary size the segment continues (-1 for a date column)
   * @param added per column, the values it appends to the dictionary, in code order
   * @param derived per column, its derived tables by key
   */
  public record Segment(IdList leftIds, IdList rightIds, int[][] leftCodes, int[][] rightCodes, int[] dictFrom,
      List<Dictionary.Values> added, List<Map<String, DerivedPart>> derived) {
    /** Left records in the segment. */
    public int leftRows() {
      return leftIds.size();
    }

    /** Right records in the segment. */
    public int rightRows() {
      return rightIds.size();
    }
  }

  /**
   * A segment's part of one derived table: the derived values it appends (continuing a table of
   * {@code derivedFrom} values) and the derived codes of the dictionary values the segment appends.
   */
  public record DerivedPart(int derivedFrom, Dictionary.Values added, int[] codes) {}

  /** Reads a segment of a state with {@code columns} (the spec's, in order). */
  public static Segment readSegment(Path file, List<ColumnSpec> columns) {
    BinaryFile.In in = new BinaryFile.In(file, SEGMENT_MAGIC);
    int nl = in.count(Integer.MAX_VALUE);
    int nr = in.count(Integer.MAX_VALUE);
    if (in.getInt() != columns.size()) {
      throw in.damaged("written under another spec's columns");
    }
    IdList left = ids(in, nl);
    IdList right = ids(in, nr);
    int[][] lc = new int[columns.size()][];
    int[][] rc = new int[columns.size()][];
    int[] dictFrom = new int[columns.size()];
    List<Dictionary.Values> added = new ArrayList<>();
    List<Map<String, DerivedPart>> derived = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      dictFrom[c] = in.getInt();
      Dictionary.Values values = values(in);
      boolean date = columns.get(c).type() == org.linkage.spec.ColumnType.DATE;
      if (date != (dictFrom[c] == -1) || (date && values.size() > 0)) {
        throw in.damaged("column " + columns.get(c).name() + " does not match the spec's type");
      }
      added.add(values);
      lc[c] = in.ints(nl);
      rc[c] = in.ints(nr);
      int tables = in.count(date ? 0 : 64);
      Map<String, DerivedPart> byKey = new LinkedHashMap<>();
      for (int t = 0; t < tables; t++) {
        String key = new String(in.bytes(in.count(1024)), StandardCharsets.UTF_8);
        int from = in.count(Integer.MAX_VALUE);
        Dictionary.Values derivedValues = values(in);
        byKey.put(key, new DerivedPart(from, derivedValues, in.ints(values.size())));
      }
      derived.add(byKey);
    }
    in.end();
    return new Segment(left, right, lc, rc, dictFrom, added, derived);
  }

  /** Values as {@link #values(BinaryFile.Out, Dictionary, int, int)} wrote them: kept as read, no array per value. */
  private static Dictionary.Values values(BinaryFile.In in) {
    int n = in.count(Integer.MAX_VALUE);
    int[] ends = in.ints(n);
    int total = n == 0 ? 0 : ends[n - 1];
    if (total < 0) {
      throw in.damaged("a count out of range");
    }
    char[] chars = in.chars(total);
    int at = 0;
    for (int i = 0; i < n; i++) {
      if (ends[i] < at || ends[i] > total) {
        throw in.damaged("a value length out of range");
      }
      at = ends[i];
    }
    return new Dictionary.Values(chars, ends);
  }

  private static IdList ids(BinaryFile.In in, int n) {
    int length = in.count(Integer.MAX_VALUE);
    int[] ends = in.ints(n);
    int previous = 0;
    for (int e : ends) {
      if (e < previous || e > length) {
        throw in.damaged("an id length out of range");
      }
      previous = e;
    }
    if (previous != length) {
      throw in.damaged("an id length out of range");
    }
    return new IdList(in.bytes(length), ends);
  }

  /** Rows {@code from..to} of each table's raw values (the tables must hold values). */
  public static void writeValues(Path file, RecordTable left, int leftFrom, int leftTo, RecordTable right, int rightFrom,
      int rightTo) throws IOException {
    try (BinaryFile.Out out = new BinaryFile.Out(file, VALUES_MAGIC)) {
      for (int side = 0; side < 2; side++) {
        RecordTable t = side == 0 ? left : right;
        int from = side == 0 ? leftFrom : rightFrom;
        int to = side == 0 ? leftTo : rightTo;
        out.putInt(to - from);
        out.putInt(t.columns().size());
        for (int c = 0; c < t.columns().size(); c++) {
          for (int r = from; r < to; r++) {
            String v = t.value(c, r);
            if (v == null) {
              out.putInt(-1);
            } else {
              byte[] b = v.getBytes(StandardCharsets.UTF_8);
              out.putInt(b.length);
              out.bytes(b, 0, b.length);
            }
          }
        }
      }
    }
  }

  /** Adds the raw values of a segment's records to {@code left} and {@code right}, with their ids. */
  public static void readValues(Path file, IdList leftIds, int leftFrom, int leftTo, IdList rightIds, int rightFrom,
      int rightTo, RecordTable.Builder left, RecordTable.Builder right, int columns) {
    BinaryFile.In in = new BinaryFile.In(file, VALUES_MAGIC);
    for (int side = 0; side < 2; side++) {
      IdList idList = side == 0 ? leftIds : rightIds;
      int from = side == 0 ? leftFrom : rightFrom;
      int n = in.getInt();
      if (n != (side == 0 ? leftTo - leftFrom : rightTo - rightFrom) || in.getInt() != columns) {
        throw in.damaged("does not match its segment");
      }
      String[][] values = new String[columns][n];
      for (int c = 0; c < columns; c++) {
        for (int r = 0; r < n; r++) {
          int len = in.getInt();
          values[c][r] = len < 0 ? null : new String(in.bytes(len), StandardCharsets.UTF_8);
        }
      }
      String[] row = new String[columns];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < columns; c++) {
          row[c] = values[c][r];
        }
        (side == 0 ? left : right).add(idList.id(from + r), row, 0);
      }
    }
    in.end();
  }

  /** The person number of every record: the left rows', then the right rows'. */
  public static void writePersons(Path file, long[] left, long[] right) throws IOException {
    try (BinaryFile.Out out = new BinaryFile.Out(file, PERSONS_MAGIC)) {
      out.putInt(left.length);
      out.putInt(right.length);
      out.longs(left, 0, left.length);
      out.longs(right, 0, right.length);
    }
  }

  /** Reads {@code persons.bin} of a state of {@code leftRows} + {@code rightRows} records: {left, right}. */
  public static long[][] readPersons(Path file, int leftRows, int rightRows, long nextPersonId) {
    BinaryFile.In in = new BinaryFile.In(file, PERSONS_MAGIC);
    if (in.getInt() != leftRows || in.getInt() != rightRows) {
      throw in.damaged("its record counts differ from the segments'");
    }
    long[] l = in.longs(leftRows);
    long[] r = in.longs(rightRows);
    in.end();
    for (long[] side : new long[][] {l, r}) {
      for (long p : side) {
        if (p < 0 || p >= nextPersonId) {
          throw in.damaged("a person number outside 0 .. nextPersonId");
        }
      }
    }
    return new long[][] {l, r};
  }

  /**
   * Each column's dictionary hash table ({@link Dictionary#hashes()}, {@link Dictionary#table()}),
   * in column order; a column without a dictionary (a date) is marked as such.
   */
  public static void writeDictionaries(Path file, List<EncodedColumn> columns) throws IOException {
    try (BinaryFile.Out out = new BinaryFile.Out(file, DICTIONARIES_MAGIC)) {
      out.putInt(columns.size());
      for (EncodedColumn c : columns) {
        Dictionary d = c.dictionary();
        if (d == null) {
          out.putInt(-1);
          continue;
        }
        int[] hashes = d.hashes();
        int[] table = d.table();
        out.putInt(hashes.length);
        out.putInt(table.length);
        out.ints(hashes, 0, hashes.length);
        out.ints(table, 0, table.length);
      }
    }
  }

  /** One column's saved hash table: {@link Dictionary#of(Dictionary.Values, int[], int[])}'s arrays. */
  public record HashTable(int[] hashes, int[] table) {}

  /**
   * Reads {@code dictionaries.bin}: per column of {@code sizes} (each column's dictionary size, -1
   * for a column without one), its {@link HashTable} or {@code null} for a column without a
   * dictionary. A file whose columns or sizes differ from {@code sizes} is damaged.
   */
  public static HashTable[] readDictionaries(Path file, int[] sizes) {
    BinaryFile.In in = new BinaryFile.In(file, DICTIONARIES_MAGIC);
    if (in.getInt() != sizes.length) {
      throw in.damaged("its column count differs from the spec's");
    }
    HashTable[] out = new HashTable[sizes.length];
    for (int c = 0; c < sizes.length; c++) {
      int n = in.getInt();
      if (n != sizes[c]) {
        throw in.damaged("a dictionary size differs from the segments'");
      }
      if (n < 0) {
        continue;
      }
      int length = in.count(1 << 30);
      out[c] = new HashTable(in.ints(n), in.ints(length));
    }
    in.end();
    return out;
  }

  /** Rows keyed at a time when a keys file is written: each rule's fingerprints of a range of rows. */
  private static final int KEY_ROWS = 1 << 16;

  /**
   * Writes the blocking-key fingerprints ({@link SavedKeys#fingerprint}) of rows {@code leftFrom ..
   * leftTo} and {@code rightFrom .. rightTo} of {@code data} under each of {@code rules}: the rule
   * count, the two row counts, then per rule its name, whether it is keyed (a sorted-neighbourhood
   * rule has no keys and selects every record) and, if so, the left rows' fingerprints and the right
   * rows'. Ranges of rows are keyed as tasks on {@code pool}.
   */
  public static void writeKeys(Path file, List<org.linkage.spec.BlockingRuleSpec> rules,
      org.linkage.internal.normalize.EncodedData data, int leftFrom, int leftTo, int rightFrom, int rightTo,
      java.util.concurrent.ExecutorService pool) throws IOException {
    try (BinaryFile.Out out = new BinaryFile.Out(file, KEYS_MAGIC)) {
      out.putInt(rules.size());
      out.putInt(leftTo - leftFrom);
      out.putInt(rightTo - rightFrom);
      for (org.linkage.spec.BlockingRuleSpec rule : rules) {
        byte[] name = rule.name().getBytes(StandardCharsets.UTF_8);
        out.putInt(name.length);
        out.bytes(name, 0, name.length);
        boolean keyed = !rule.isSortedNeighbourhood();
        out.putInt(keyed ? 1 : 0);
        if (!keyed) {
          continue;
        }
        org.linkage.internal.block.KeyFunction function = org.linkage.internal.block.KeyFunction.of(rule);
        for (int side = 0; side < 2; side++) {
          int from = side == 0 ? leftFrom : rightFrom;
          int n = (side == 0 ? leftTo : rightTo) - from;
          int s = side;
          List<int[]> parts = org.linkage.internal.parallel.ParallelChunks.map(pool, n, KEY_ROWS,
              (start, end) -> fingerprints(function, data, s, from + start, from + end));
          for (int[] fp : parts) {
            out.ints(fp, 0, fp.length);
          }
        }
      }
    }
  }

  /** The fingerprints of rows {@code from .. to} of side {@code side} under a rule's key function. */
  private static int[] fingerprints(org.linkage.internal.block.KeyFunction function,
      org.linkage.internal.normalize.EncodedData data, int side, int from, int to) {
    long[] keys = new long[to - from];
    function.keyer(data, side).keys(from, to, keys);
    int[] fp = new int[keys.length];
    SavedKeys.fingerprints(keys, keys.length, fp);
    return fp;
  }

  /**
   * Reads a keys file of a segment of {@code leftRows} + {@code rightRows} records written under
   * {@code rules}: per rule and side a view of the fingerprints in the mapped file (not copied; {@code
   * null} for a sorted-neighbourhood rule). A file of other rules or counts is damaged.
   */
  public static java.nio.IntBuffer[][] readKeys(Path file, List<org.linkage.spec.BlockingRuleSpec> rules,
      int leftRows, int rightRows) {
    BinaryFile.In in = new BinaryFile.In(file, KEYS_MAGIC);
    if (in.getInt() != rules.size() || in.getInt() != leftRows || in.getInt() != rightRows) {
      throw in.damaged("its rules or record counts differ from the state's");
    }
    java.nio.IntBuffer[][] out = new java.nio.IntBuffer[2][rules.size()];
    for (int q = 0; q < rules.size(); q++) {
      String name = new String(in.bytes(in.count(1 << 16)), StandardCharsets.UTF_8);
      int keyed = in.getInt();
      if (!name.equals(rules.get(q).name()) || keyed != (rules.get(q).isSortedNeighbourhood() ? 0 : 1)) {
        throw in.damaged("its rules differ from the state's");
      }
      if (keyed == 1) {
        out[0][q] = in.intView(leftRows);
        out[1][q] = in.intView(rightRows);
      }
    }
    in.end();
    return out;
  }
}
