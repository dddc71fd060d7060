package org.linkage.internal.compare.strings;

import java.util.Arrays;

/**
 * Per-thread, growable work arrays for the string kernels, so that steady-state calls allocate
 * nothing. Arrays only ever grow; a thread that once compared a 10,000-character string keeps
 * arrays of that size until it dies.
 *
 * <p>Hot-path class. Not thread-safe by design: each instance is confined to one thread through
 * {@link #get()}. The kernels never call each other while holding a scratch array, so one
 * instance can serve all of them. With virtual threads each virtual thread gets its own instance
 * (a small allocation the first time it runs a kernel).
 */
final class Scratch {

  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  /** Pattern-match masks for Latin-1 chars, kept all-zero between calls. */
  final long[] peq = new long[256];

  private int[] ints0 = new int[64];
  private int[] ints1 = new int[64];
  private int[] ints2 = new int[64];
  private long[] longs0 = new long[4];
  private long[] longs1 = new long[4];

  private Scratch() {
  }

  static Scratch get() {
    return LOCAL.get();
  }

  int[] ints0(int size) {
    if (ints0.length < size) {
      ints0 = new int[grow(size)];
    }
    return ints0;
  }

  int[] ints1(int size) {
    if (ints1.length < size) {
      ints1 = new int[grow(size)];
    }
    return ints1;
  }

  int[] ints2(int size) {
    if (ints2.length < size) {
      ints2 = new int[grow(size)];
    }
    return ints2;
  }

  /** A zeroed bit set of at least {@code bits} bits. */
  long[] bits0(int bits) {
    int words = (bits + 63) >>> 6;
    if (longs0.length < words) {
      longs0 = new long[grow(words)];
    } else {
      Arrays.fill(longs0, 0, words, 0L);
    }
    return longs0;
  }

  /** A second zeroed bit set of at least {@code bits} bits. */
  long[] bits1(int bits) {
    int words = (bits + 63) >>> 6;
    if (longs1.length < words) {
      longs1 = new long[grow(words)];
    } else {
      Arrays.fill(longs1, 0, words, 0L);
    }
    return longs1;
  }

  private static int grow(int size) {
    // Grow geometrically so that a slowly lengthening stream of inputs does not reallocate each call.
    return (int) Math.min(Integer.MAX_VALUE - 8L, size + (size >> 1) + 1L);
  }
}
