package org.linkage.internal.compare;

import java.util.ArrayList;
import java.util.List;
import org.linkage.internal.compare.strings.Packed;

/**
 * What a run's comparisons read of each right record, stored row-major in one {@code int} array:
 * the record's value codes, the per-row values derived from them (epoch days, postcode sectors…) and
 * short values packed into longs ({@link Packed}), side by side. The hot loop reads the right records
 * of a block in no useful memory order, so with one array per column every comparison paid its own
 * cache miss per pair; here a pair costs the one or two cache lines of its right record's row.
 * The left record of a pair stays in column arrays: the hot loop holds it fixed across its candidates.
 *
 * <p>Built in two steps: comparisons {@linkplain Builder#add add} the fields they read and keep the
 * offsets they get, then {@link Builder#build} copies the fields into rows. A field added twice (the
 * same arrays) is stored once. Immutable once built and thread-safe.
 */
final class RightRows {
  /**
   * Ints before row 0, so that rows start on a 64-byte boundary in a G1 humongous array (which
   * begins a heap region; the array header is 16 bytes). Elsewhere alignment is not promised and
   * the pad costs 48 bytes.
   */
  private static final int PAD = 12;

  private final int[] cells;
  private final int stride;

  private RightRows(int[] cells, int stride) {
    this.cells = cells;
    this.stride = stride;
  }

  /** The rows, {@link #stride} ints each, row {@code r} starting at {@link #start start(r)}. */
  int[] cells() {
    return cells;
  }

  /** Ints per row. */
  int stride() {
    return stride;
  }

  /** Index in {@link #cells} of row {@code r}'s first field. */
  int start(int r) {
    return PAD + r * stride;
  }

  /**
   * Reads rows {@code rights[0..n)} — the first, middle and last int of each, since a row may span
   * three cache lines — in a loop of independent reads and nothing else, so the processor has them
   * all in flight before the first returns. Returns a meaningless sum: keep it (in a field) so the
   * reads are not dropped as unused.
   */
  int touch(int[] rights, int n) {
    int last = stride - 1;
    int middle = last / 2;
    int t = 0;
    for (int i = 0; i < n; i++) {
      int at = start(rights[i]);
      t += cells[at] ^ cells[at + middle] ^ cells[at + last];
    }
    return t;
  }

  /** A builder for {@code rows} right records. */
  static Builder builder(int rows) {
    return new Builder(rows, null);
  }

  /** A builder for {@code rows} right records whose tables and rows come from {@code shared} when it has them. */
  static Builder builder(int rows, SharedBinding shared) {
    return new Builder(rows, shared);
  }

  /** Collects the fields comparisons read; not thread-safe. */
  static final class Builder {
    /**
     * One int of a row: {@code codes[r]} itself, or the per-value {@code byValue[codes[r]]}, or the
     * low or high half of {@code packed[codes[r]]}; missing codes give -1 (or the halves of
     * {@link Packed#UNPACKED}). Records compare arrays by identity, which is what dedups a field.
     */
    private record Field(int[] codes, int[] byValue, long[] packed, boolean high) {
      /** The field of rows {@code from .. to - 1} into {@code cells}, the first at {@code at}, then every {@code stride}. */
      void copy(int from, int to, int[] cells, int at, int stride) {
        int[] codes = this.codes;
        if (byValue != null) {
          int[] byValue = this.byValue;
          for (int r = from; r < to; r++, at += stride) {
            int c = codes[r];
            cells[at] = c < 0 ? -1 : byValue[c];
          }
        } else if (packed != null) {
          long[] packed = this.packed;
          int shift = high ? 32 : 0;
          for (int r = from; r < to; r++, at += stride) {
            int c = codes[r];
            cells[at] = (int) ((c < 0 ? Packed.UNPACKED : packed[c]) >>> shift);
          }
        } else {
          for (int r = from; r < to; r++, at += stride) {
            cells[at] = codes[r];
          }
        }
      }
    }

    private final int rows;
    private final List<Field> fields = new ArrayList<>();
    private final SharedBinding shared;

    private Builder(int rows, SharedBinding shared) {
      this.rows = rows;
      this.shared = shared;
    }

    /**
     * A table computed from {@code a} and {@code b} (by identity), taken from the shared binding
     * when there is one, computed here otherwise.
     */
    <T> T table(String table, Object a, Object b, java.util.function.Supplier<T> compute) {
      return shared == null ? compute.get() : shared.table(table, a, b, compute);
    }

    /** The field {@code rowValues[r]} (one value per right row); its offset in a row. */
    int add(int[] rowValues) {
      return offset(new Field(rowValues, null, null, false));
    }

    /** The field {@code byValue[codes[r]]} (-1 where the code is missing); its offset in a row. */
    int addDerived(int[] codes, int[] byValue) {
      return offset(new Field(codes, byValue, null, false));
    }

    /**
     * The two fields of {@code packed[codes[r]]} (see {@link Packed}), low half then high half; the
     * low half's offset (read the value with {@link #packedAt}).
     */
    int addPacked(int[] codes, long[] packed) {
      int low = offset(new Field(codes, null, packed, false));
      int high = offset(new Field(codes, null, packed, true));
      if (high != low + 1) {
        throw new IllegalStateException("packed halves not adjacent");
      }
      return low;
    }

    private int offset(Field f) {
      int i = fields.indexOf(f);
      if (i >= 0) {
        return i;
      }
      fields.add(f);
      return fields.size() - 1;
    }

    /**
     * Copies the fields into rows. Up to 16 fields the stride is a power of two, so an aligned row
     * sits in one cache line; above, the fields themselves (padding to 32 would cost a third more
     * memory for at most one line less).
     */
    RightRows build() {
      return shared == null ? copyRows() : shared.rows(rows, fields, this::copyRows);
    }

    private RightRows copyRows() {
      int n = Math.max(1, fields.size());
      int stride = n <= 16 ? Math.max(1, Integer.highestOneBit(n - 1) << 1) : n;
      int[] cells = new int[PAD + Math.multiplyExact(rows, stride)];
      Field[] fs = fields.toArray(new Field[0]);
      // a block of rows at a time (in cache until every field is written), a field at a time in a
      // loop of its own kind: no per-cell dispatch over the kinds of field
      for (int from = 0; from < rows; from += BLOCK) {
        int to = Math.min(rows, from + BLOCK);
        for (int f = 0; f < fs.length; f++) {
          fs[f].copy(from, to, cells, PAD + from * stride + f, stride);
        }
      }
      return new RightRows(cells, stride);
    }
  }

  /** Rows copied at a time: 16 fields of 1,024 rows are 64 KB. */
  private static final int BLOCK = 1024;

  /** The packed value whose low half is at {@code at} (see {@link Builder#addPacked}). */
  static long packedAt(int[] cells, int at) {
    return ((long) cells[at + 1] << 32) | (cells[at] & 0xFFFF_FFFFL);
  }
}
