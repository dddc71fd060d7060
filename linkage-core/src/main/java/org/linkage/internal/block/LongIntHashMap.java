package org.linkage.internal.block;

/**
 * Open-addressing map from long keys (any but {@code Long.MIN_VALUE}) to int values, on primitive
 * arrays: the blocking index and the deterministic cascade key millions of records with it. A key
 * and its value share one array, side by side, so a lookup in a table far larger than the caches
 * waits on one cache line rather than two (one in the keys' array, one in the values'). Not
 * thread-safe during puts; safe to read from many threads once filled.
 */
public final class LongIntHashMap {
  private static final long EMPTY = Long.MIN_VALUE;
  /** Slot i: its key at {@code 2i}, its value at {@code 2i + 1}. */
  private long[] slots;
  private int size;
  private int mask;

  /** An empty map sized for about {@code expected} keys without resizing. */
  public LongIntHashMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    slots = emptySlots(cap);
    mask = cap - 1;
  }

  private static long[] emptySlots(int cap) {
    long[] slots = new long[2 * cap];
    for (int i = 0; i < slots.length; i += 2) {
      slots[i] = EMPTY;
    }
    return slots;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The value for {@code key}, or -1. */
  public int get(long key) {
    int i = mix(key) & mask;
    while (true) {
      long k = slots[2 * i];
      if (k == key) {
        return (int) slots[2 * i + 1];
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Returns the existing value for {@code key}, or stores {@code value} and returns -1. */
  public int putIfAbsent(long key, int value) {
    int i = mix(key) & mask;
    while (true) {
      long k = slots[2 * i];
      if (k == key) {
        return (int) slots[2 * i + 1];
      }
      if (k == EMPTY) {
        slots[2 * i] = key;
        slots[2 * i + 1] = value;
        if (++size * 2 > mask + 1) {
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
    while (slots[2 * i] != EMPTY) {
      if (slots[2 * i] == key) {
        slots[2 * i + 1] = value;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Number of keys held. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    int cap = 2 * (mask + 1);
    slots = emptySlots(cap);
    mask = cap - 1;
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != EMPTY) {
        putIfAbsent(old[i], (int) old[i + 1]);
      }
    }
  }
}
