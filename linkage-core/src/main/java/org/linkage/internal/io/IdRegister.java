package org.linkage.internal.io;

/**
 * The ids already accepted from one file and the line each was first seen on: an open-addressing
 * hash table of strings to lines, so a 1.5-million-row file costs two arrays instead of a boxed
 * {@code Long} and a map node per row. Each slot packs the id's hash (high 32 bits) with its line
 * (low 32 bits, unsigned), so a probe reads one array and touches a stored string only when the
 * hashes match — the table is far larger than the CPU caches, and each avoided read is a miss.
 *
 * <p>Lines beyond 2³² − 1 are recorded as 2³² − 1 (only the "first seen on line" text is affected).
 *
 * <p>Hot path of {@link CsvTableReader}: expected O(1) per call. Not thread-safe; one per read.
 */
final class IdRegister {
  private static final long MAX_LINE = 0xFFFF_FFFFL;

  private String[] keys = new String[1 << 12];
  private long[] hashAndLine = new long[1 << 12];
  private int mask = keys.length - 1;
  private int size;

  /**
   * Records {@code id} as first seen on {@code line} (at least 1) unless it is already known.
   *
   * @return 0 if the id is new (and now registered), else the line it was first seen on
   */
  long putIfAbsent(String id, long line) {
    int hash = id.hashCode();
    int slot = spread(hash) & mask;
    while (true) {
      long packed = hashAndLine[slot];
      if (packed == 0 && keys[slot] == null) {
        keys[slot] = id;
        hashAndLine[slot] = ((long) hash << 32) | Math.min(line, MAX_LINE);
        if (++size * 2 > keys.length) {
          grow();
        }
        return 0;
      }
      if ((int) (packed >>> 32) == hash && keys[slot].equals(id)) {
        return packed & MAX_LINE;
      }
      slot = (slot + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    String[] oldKeys = keys;
    long[] oldPacked = hashAndLine;
    keys = new String[oldKeys.length * 2];
    hashAndLine = new long[oldKeys.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = spread((int) (oldPacked[i] >>> 32)) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        hashAndLine[slot] = oldPacked[i];
      }
    }
  }

  // Similar ids ("rec-1-org", "rec-2-org") have String hashes that differ weakly; mix the bits.
  static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
