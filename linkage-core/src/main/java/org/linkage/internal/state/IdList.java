package org.linkage.internal.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.linkage.internal.block.LongIntHashMap;
import org.linkage.record.RecordTable;

/**
 * The record ids of one side of a state, in row order, as UTF-8 in one array (id {@code r} is bytes
 * {@code ends[r-1] .. ends[r]}): a String per id would cost four times as much at millions of
 * records. Immutable and thread-safe (the id index is built once, on first {@link #rowOf}).
 */
public final class IdList {
  private final byte[] bytes;
  private final int[] ends;
  private volatile LongIntHashMap index;

  IdList(byte[] bytes, int[] ends) {
    this.bytes = bytes;
    this.ends = ends;
  }

  /** The ids of {@code table}'s rows. */
  public static IdList of(RecordTable table) {
    int n = table.size();
    byte[][] each = new byte[n][];
    int total = 0;
    for (int r = 0; r < n; r++) {
      each[r] = table.id(r).getBytes(StandardCharsets.UTF_8);
      total += each[r].length;
    }
    byte[] bytes = new byte[total];
    int[] ends = new int[n];
    int at = 0;
    for (int r = 0; r < n; r++) {
      System.arraycopy(each[r], 0, bytes, at, each[r].length);
      at += each[r].length;
      ends[r] = at;
    }
    return new IdList(bytes, ends);
  }

  /** Number of ids. */
  public int size() {
    return ends.length;
  }

  /** The id of row {@code row}. */
  public String id(int row) {
    int from = start(row);
    return new String(bytes, from, ends[row] - from, StandardCharsets.UTF_8);
  }

  private int start(int row) {
    return row == 0 ? 0 : ends[row - 1];
  }

  /**
   * Writes the id of row {@code row} as a CSV cell and returns {@code true} if {@code CsvOutput}
   * writes it as it is (no quoting, no escaping); otherwise writes nothing and returns {@code false}.
   */
  public boolean writePlainCell(int row, java.io.OutputStream out) throws java.io.IOException {
    int from = start(row);
    if (!org.linkage.internal.io.CsvOutput.plain(bytes, from, ends[row])) {
      return false;
    }
    out.write(bytes, from, ends[row] - from);
    return true;
  }

  /** The length in bytes of row {@code row}'s id (UTF-8). */
  public int byteLength(int row) {
    return ends[row] - start(row);
  }

  /**
   * As {@link #writePlainCell(int, java.io.OutputStream)} into {@code out} at {@code at}, which has
   * room for {@link #byteLength} bytes: the end of the bytes written, or -1 (nothing written) when
   * the id is not written as it is.
   */
  public int copyPlainCell(int row, byte[] out, int at) {
    int from = start(row);
    int to = ends[row];
    if (!org.linkage.internal.io.CsvOutput.plain(bytes, from, to)) {
      return -1;
    }
    System.arraycopy(bytes, from, out, at, to - from);
    return at + to - from;
  }

  /**
   * Where row {@code row}'s id lies in this list's bytes: {@code start << 32 | end}. With {@link
   * #touch} and {@link #copyPlainCell(long, byte[], int)}, a caller visiting rows in no useful order
   * reads the bounds of several rows, then their bytes, in loops of independent reads.
   */
  public long span(int row) {
    return (long) start(row) << 32 | ends[row];
  }

  /** Reads the first byte of {@code span} (a {@link #span}), and nothing else: returns it (or 0 for an empty id). */
  public int touch(long span) {
    int from = (int) (span >>> 32);
    return from < (int) span ? bytes[from] : 0;
  }

  /** {@link #copyPlainCell(int, byte[], int)} of the id at {@code span} (a {@link #span}). */
  public int copyPlainCell(long span, byte[] out, int at) {
    int from = (int) (span >>> 32);
    int to = (int) span;
    if (!org.linkage.internal.io.CsvOutput.plain(bytes, from, to)) {
      return -1;
    }
    System.arraycopy(bytes, from, out, at, to - from);
    return at + to - from;
  }

  /** These ids, then {@code more}'s. */
  public IdList append(IdList more) {
    if (more.size() == 0) {
      return this;
    }
    int base = bytes.length;
    byte[] b = Arrays.copyOf(bytes, base + more.bytes.length);
    System.arraycopy(more.bytes, 0, b, base, more.bytes.length);
    int[] e = Arrays.copyOf(ends, ends.length + more.ends.length);
    for (int i = 0; i < more.ends.length; i++) {
      e[ends.length + i] = base + more.ends[i];
    }
    return new IdList(b, e);
  }

  /** Rows {@code from .. to} as UTF-8 bytes and their ends relative to row {@code from}. */
  byte[] bytes(int from, int to) {
    return Arrays.copyOfRange(bytes, start(from), start(to));
  }

  int[] relativeEnds(int from, int to) {
    int[] out = new int[to - from];
    int base = start(from);
    for (int r = from; r < to; r++) {
      out[r - from] = ends[r] - base;
    }
    return out;
  }

  /** Ids of the same bytes in the same order. */
  public boolean sameAs(IdList o) {
    return Arrays.equals(ends, o.ends) && Arrays.equals(bytes, o.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ends);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdList l && sameAs(l);
  }

  /**
   * Whether some id of {@code ids} may be one of these: {@code false} means none is (a scan of
   * these ids' hashes against a set of {@code ids}' hashes, no index of these); {@code true} means
   * {@link #rowOf} must tell.
   */
  public boolean mayHoldAny(List<String> ids) {
    if (ids.isEmpty()) {
      return false;
    }
    LongIntHashMap wanted = new LongIntHashMap(Math.max(16, ids.size()));
    for (String id : ids) {
      byte[] b = id.getBytes(StandardCharsets.UTF_8);
      wanted.putIfAbsent(hash(b, 0, b.length), 0);
    }
    for (int r = 0; r < size(); r++) {
      if (wanted.get(hash(bytes, start(r), ends[r])) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The row of {@code id}, or -1. The first call builds an index of 64-bit id hashes (O(ids)). */
  public int rowOf(String id) {
    LongIntHashMap ix = index;
    if (ix == null) {
      synchronized (this) {
        ix = index;
        if (ix == null) {
          ix = new LongIntHashMap(Math.max(16, size()));
          for (int r = 0; r < size(); r++) {
            ix.putIfAbsent(hash(bytes, start(r), ends[r]), r);
          }
          index = ix;
        }
      }
    }
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    int r = ix.get(hash(b, 0, b.length));
    if (r < 0) {
      return -1;
    }
    if (Arrays.equals(bytes, start(r), ends[r], b, 0, b.length)) {
      return r;
    }
    for (int row = 0; row < size(); row++) { // two ids with one 64-bit hash: vanishingly rare, so a scan
      if (Arrays.equals(bytes, start(row), ends[row], b, 0, b.length)) {
        return row;
      }
    }
    return -1;
  }

  private static long hash(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ b[i]) * 0x100000001b3L;
    }
    h ^= h >>> 29;
    return h == Long.MIN_VALUE ? 0 : h; // the map's empty-slot marker
  }
}
