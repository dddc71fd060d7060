package org.linkage.internal.pattern;

import java.util.Arrays;

/**
 * How many pairs showed each distinct agreement pattern. Millions of pairs collapse to a few
 * thousand patterns, so training on these counts costs the same whatever the number of pairs
 * (fastLink's method). Open addressing on primitive arrays.
 *
 * <p>Not thread-safe while adding; build one per thread and {@link #addAll merge} them. Iteration
 * order ({@link #patterns()}) is ascending pattern value, so results do not depend on insertion order.
 */
public final class PatternCounts implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final long EMPTY = -1L; // a valid pattern never has all 64 bits set
  private long[] keys = new long[64];
  private long[] counts = new long[64];
  private int size;
  private long total;

  /** An empty count. */
  public PatternCounts() {
    Arrays.fill(keys, EMPTY);
  }

  /** Adds {@code n} pairs with {@code pattern}. */
  public void add(long pattern, long n) {
    int mask = keys.length - 1;
    int i = mix(pattern) & mask;
    while (keys[i] != EMPTY && keys[i] != pattern) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = pattern;
      if (++size * 2 > keys.length) {
        counts[i] += n;
        total += n;
        grow();
        return;
      }
    }
    counts[i] += n;
    total += n;
  }

  /** Adds every count of {@code other} to this one. */
  public void addAll(PatternCounts other) {
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != EMPTY) {
        add(other.keys[i], other.counts[i]);
      }
    }
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  private void grow() {
    long[] ok = keys;
    long[] oc = counts;
    keys = new long[ok.length * 2];
    counts = new long[ok.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    total = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ok[i] != EMPTY) {
        add(ok[i], oc[i]);
      }
    }
  }

  /** Number of distinct patterns. */
  public int distinct() {
    return size;
  }

  /** Number of pairs counted. */
  public long total() {
    return total;
  }

  /** The distinct patterns in ascending order. */
  public long[] patterns() {
    long[] out = new long[size];
    int n = 0;
    for (long k : keys) {
      if (k != EMPTY) {
        out[n++] = k;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Count of {@code pattern} (0 if absent). */
  public long count(long pattern) {
    int mask = keys.length - 1;
    int i = mix(pattern) & mask;
    while (keys[i] != EMPTY) {
      if (keys[i] == pattern) {
        return counts[i];
      }
      i = (i + 1) & mask;
    }
    return 0;
  }
}
