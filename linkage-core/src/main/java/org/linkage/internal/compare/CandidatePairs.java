package org.linkage.internal.compare;

import java.util.Arrays;

/**
 * The candidate pairs of a run with their agreement patterns, as parallel primitive arrays in a
 * deterministic order (left row, then blocking rule, then right row). Immutable once built by
 * {@link PairComparer}; thread-safe to read.
 */
public final class CandidatePairs {
  private final int[] left;
  private final int[] right;
  private final long[] patterns;
  private final byte[] rules;
  private final int size;

  CandidatePairs(int[] left, int[] right, long[] patterns, byte[] rules, int size) {
    this.left = left;
    this.right = right;
    this.patterns = patterns;
    this.rules = rules;
    this.size = size;
  }

  /** Number of candidate pairs. */
  public int size() {
    return size;
  }

  /** Left row of pair {@code i}. */
  public int left(int i) {
    return left[i];
  }

  /** Right row of pair {@code i}. */
  public int right(int i) {
    return right[i];
  }

  /** The packed agreement pattern of pair {@code i}: one level per comparison. */
  public long pattern(int i) {
    return patterns[i];
  }

  /** Index of the blocking rule that produced pair {@code i}. */
  public int rule(int i) {
    return rules[i];
  }

  /** Pairs produced by each rule. */
  public long[] countsByRule(int ruleCount) {
    long[] out = new long[ruleCount];
    for (int i = 0; i < size; i++) {
      out[rules[i]]++;
    }
    return out;
  }

  /**
   * A growable run of pairs in the order added: one chunk's pairs while comparing, or the pairs a
   * streaming pass keeps. Not thread-safe.
   */
  public static final class Buffer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    int[] left;
    int[] right;
    long[] patterns;
    byte[] rules;
    int size;

    /** An empty buffer that grows as pairs are added. */
    public Buffer() {
      this(1024);
    }

    /** An empty buffer holding {@code capacity} pairs before it grows (at least 16). */
    public Buffer(int capacity) {
      int cap = Math.max(16, capacity);
      left = new int[cap];
      right = new int[cap];
      patterns = new long[cap];
      rules = new byte[cap];
    }

    /** Appends one pair. */
    public void add(int l, int r, long pattern, int rule) {
      if (size == left.length) {
        if (size > Integer.MAX_VALUE / 2 - 8) {
          throw new IllegalStateException("more than 2^30 pairs kept: tighten the blocking rules");
        }
        int cap = size * 2;
        left = Arrays.copyOf(left, cap);
        right = Arrays.copyOf(right, cap);
        patterns = Arrays.copyOf(patterns, cap);
        rules = Arrays.copyOf(rules, cap);
      }
      left[size] = l;
      right[size] = r;
      patterns[size] = pattern;
      rules[size] = (byte) rule;
      size++;
    }

    /** Appends every pair of {@code other}, in its order. */
    public void addAll(Buffer other) {
      long n = (long) size + other.size;
      if (n > left.length) {
        if (n > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("more than 2^31 pairs kept: tighten the blocking rules");
        }
        int cap = (int) Math.max(n, Math.min(Integer.MAX_VALUE - 8, 2L * size));
        left = Arrays.copyOf(left, cap);
        right = Arrays.copyOf(right, cap);
        patterns = Arrays.copyOf(patterns, cap);
        rules = Arrays.copyOf(rules, cap);
      }
      System.arraycopy(other.left, 0, left, size, other.size);
      System.arraycopy(other.right, 0, right, size, other.size);
      System.arraycopy(other.patterns, 0, patterns, size, other.size);
      System.arraycopy(other.rules, 0, rules, size, other.size);
      size += other.size;
    }

    // shipped between processes without the unused capacity (a chunk's buffer is mostly empty)
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeInt(left[i]);
        out.writeInt(right[i]);
        out.writeLong(patterns[i]);
        out.writeByte(rules[i]);
      }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
      int n = in.readInt();
      int cap = Math.max(16, n);
      left = new int[cap];
      right = new int[cap];
      patterns = new long[cap];
      rules = new byte[cap];
      for (int i = 0; i < n; i++) {
        left[i] = in.readInt();
        right[i] = in.readInt();
        patterns[i] = in.readLong();
        rules[i] = in.readByte();
      }
      size = n;
    }

    /** Number of pairs added. */
    public int size() {
      return size;
    }

    /** The pairs added, as an immutable copy. */
    public CandidatePairs build() {
      return concat(java.util.List.of(this));
    }

    /**
     * The pairs added, taking this buffer's arrays when they hold exactly the pairs (no copy); the
     * buffer must not be used afterwards.
     */
    public CandidatePairs buildAndClear() {
      if (size != left.length) {
        return build();
      }
      CandidatePairs out = new CandidatePairs(left, right, patterns, rules, size);
      left = right = new int[0];
      patterns = new long[0];
      rules = new byte[0];
      size = 0;
      return out;
    }
  }

  static CandidatePairs concat(java.util.List<Buffer> parts) {
    long total = 0;
    for (Buffer b : parts) {
      total += b.size;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 candidate pairs: tighten the blocking rules");
    }
    int n = (int) total;
    int[] l = new int[n];
    int[] r = new int[n];
    long[] p = new long[n];
    byte[] ru = new byte[n];
    int at = 0;
    for (Buffer b : parts) {
      System.arraycopy(b.left, 0, l, at, b.size);
      System.arraycopy(b.right, 0, r, at, b.size);
      System.arraycopy(b.patterns, 0, p, at, b.size);
      System.arraycopy(b.rules, 0, ru, at, b.size);
      at += b.size;
    }
    return new CandidatePairs(l, r, p, ru, n);
  }
}
