package org.linkage.io;

import java.util.Arrays;

/**
 * The ids already accepted from one file and the line each was first seen on: an open-addressing
 * hash table of strings to lines, so a 1.5-million-row file costs two arrays instead of a boxed
 * {@code Long} and a map node per row.
 *
 * <p>Hot path of {@link CsvTableReader}: expected O(1) per call. Not thread-safe; one per read.
 */
final class IdRegister {
  private String[] keys;
  private long[] lines;
  private int size;
  private int mask;

  IdRegister() {
    keys = new String[1 << 12];
    lines = new long[1 << 12];
    mask = keys.length - 1;
  }

  /**
   * Records {@code id} as first seen on {@code line} unless it is already known.
   *
   * @return 0 if the id is new (and now registered), else the line it was first seen on
   */
  long putIfAbsent(String id, long line) {
    int slot = spread(id.hashCode()) & mask;
    while (true) {
      String k = keys[slot];
      if (k == null) {
        keys[slot] = id;
        lines[slot] = line;
        if (++size * 2 > keys.length) {
          grow();
        }
        return 0;
      }
      if (k.equals(id)) {
        return lines[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    String[] oldKeys = keys;
    long[] oldLines = lines;
    keys = new String[oldKeys.length * 2];
    lines = new long[oldKeys.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      String k = oldKeys[i];
      if (k != null) {
        int slot = spread(k.hashCode()) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = k;
        lines[slot] = oldLines[i];
      }
    }
    Arrays.fill(oldKeys, null);
  }

  // String hashes of similar ids ("rec-1-org", "rec-2-org") differ in low bits only weakly; mix them.
  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
