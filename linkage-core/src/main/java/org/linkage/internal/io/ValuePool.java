package org.linkage.internal.io;

/**
 * Canonical instances of one column's frequent values, so a table of millions of rows keeps one
 * {@code "smith"} instead of thousands of copies: far less retained memory and far less garbage
 * collector work while reading. Holds at most {@code capacity} distinct values; once full, it keeps
 * returning the values it holds until as many again new values have passed through, then it
 * switches itself off, so a high-cardinality column (identifiers) costs a bounded table and little
 * time.
 *
 * <p>Hot path of {@link CsvTableReader}: expected O(1) per call; hashes are kept beside the values
 * so a probe touches a stored string only when its hash matches. Not thread-safe; one per column
 * per read.
 */
final class ValuePool {
  private final int capacity;
  private String[] values = new String[256];
  private int[] hashes = new int[256];
  private int mask = values.length - 1;
  private int size;
  private int missesWhenFull;
  private boolean off;

  ValuePool(int capacity) {
    this.capacity = capacity;
  }

  /** An instance equal to {@code value}: a pooled one if known, else {@code value} itself. */
  String canonical(String value) {
    if (off) {
      return value;
    }
    int hash = value.hashCode();
    int slot = IdRegister.spread(hash) & mask;
    while (true) {
      String known = values[slot];
      if (known == null) {
        if (size < capacity) {
          values[slot] = value;
          hashes[slot] = hash;
          if (++size * 2 > values.length) {
            grow();
          }
        } else if (++missesWhenFull > capacity) {
          off = true;
          values = null;
          hashes = null;
        }
        return value;
      }
      if (hashes[slot] == hash && known.equals(value)) {
        return known;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    String[] oldValues = values;
    int[] oldHashes = hashes;
    values = new String[oldValues.length * 2];
    hashes = new int[oldValues.length * 2];
    mask = values.length - 1;
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null) {
        int slot = IdRegister.spread(oldHashes[i]) & mask;
        while (values[slot] != null) {
          slot = (slot + 1) & mask;
        }
        values[slot] = oldValues[i];
        hashes[slot] = oldHashes[i];
      }
    }
  }
}
