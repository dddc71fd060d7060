package org.linkage.internal.block;

import java.util.Arrays;

/**
 * Open-addressing map from long keys (any but {@code Long.MIN_VALUE}) to int values, on primitive
 * arrays: the blocking index and the deterministic cascade key millions of records with it. Not
 * thread-safe during puts; safe to read from many threads once filled.
 */
public final class LongIntHashMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  /** An empty map sized for about {@code expected} keys without resizing. */
  public LongIntHashMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(keys, EMPTY);
    mask = cap - 1;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The value for {@code key}, or -1. */
  public int get(long key) {
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Reads the slot where a lookup of {@code key} starts, and nothing else: a caller with many keys
   * to look up reads their slots in one loop first, so that the misses of a table larger than the
   * caches are in flight together. Returns a meaningless number: keep it (in a field) so the read
   * is not dropped as unused.
   */
  public int touch(long key) {
    int i = mix(key) & mask;
    return (int) keys[i] ^ values[i];
  }

  /** Returns the existing value for {@code key}, or stores {@code value} and returns -1. */
  public int putIfAbsent(long key, int value) {
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Stores {@code value} for an existing {@code key}; no-op when absent. */
  public void replace(long key, int value) {
    int i = mix(key) & mask;
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes every key, keeping the table's size. */
  public void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  /** Number of keys held. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        putIfAbsent(oldKeys[i], oldValues[i]);
      }
    }
  }
}
