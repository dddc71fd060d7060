package org.linkage.internal.compare.strings;

/**
 * Short strings packed into one {@code long}, and the hot comparisons on them without reading any
 * characters from memory: a run stores each right record's packed values beside its codes, so a
 * postcode's one-edit test or a name's Jaro–Winkler needs no random read of the value's characters.
 *
 * <p>Format: up to {@link #MAX_LENGTH} characters of {@link #ALPHABET} (space, digits, letters of
 * either case and the hyphen: what the name, postcode and identifier normalisers produce), character
 * {@code i} as its index in the alphabet in bits {@code 6i..6i+5}, the length in bits 60–63. Equal
 * strings pack equal and unequal strings unequal. A string that does not fit packs to
 * {@link #UNPACKED}; callers then compare characters.
 *
 * <p>Each comparison returns exactly (bit for bit) what its {@code char[]} kernel returns on the
 * unpacked strings ({@code PackedTest} checks it differentially): {@link #withinOneEdit} as
 * {@link OneEdit#within}, {@link #jaroWinkler} as {@link JaroWinkler#similarity(char[], char[])}.
 * Stateless, allocation-free, thread-safe.
 */
public final class Packed {
  /** Most characters a packed value holds. */
  public static final int MAX_LENGTH = 10;
  /** The packing of a value that does not fit (length nibble 15, which no packed value has). */
  public static final long UNPACKED = -1L;

  /** The characters a packed value may hold, each as its index here (64 of them: six bits). */
  public static final String ALPHABET =
      " 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";
  private static final byte[] SYMBOLS = new byte[128];

  static {
    java.util.Arrays.fill(SYMBOLS, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      SYMBOLS[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private static final int BITS = 6;
  private static final long SYMBOL = (1L << BITS) - 1;
  private static final int LENGTH_SHIFT = 60;
  /** The lowest bit of each of the ten six-bit fields, and the highest. */
  private static final long LANE_LOW = 0x0041041041041041L;
  private static final long LANE_HIGH = LANE_LOW << (BITS - 1);
  private static final double SCALING_FACTOR = 0.1;
  private static final double BOOST_THRESHOLD = 0.7;
  private static final int MAX_PREFIX = 4;

  private Packed() {}

  /** {@code s} packed, or {@link #UNPACKED} when it is longer than {@link #MAX_LENGTH} or has another character. */
  public static long pack(char[] s) {
    return pack(s, s.length);
  }

  /** {@link #pack(char[])} of the first {@code length} characters of {@code s}. */
  public static long pack(char[] s, int length) {
    if (length > MAX_LENGTH) {
      return UNPACKED;
    }
    long p = (long) length << LENGTH_SHIFT;
    for (int i = 0; i < length; i++) {
      char ch = s[i];
      int c = ch < SYMBOLS.length ? SYMBOLS[ch] : -1;
      if (c < 0) {
        return UNPACKED;
      }
      p |= (long) c << (BITS * i);
    }
    return p;
  }

  /** The first character of a packed value of at least one character. */
  public static char first(long p) {
    return ALPHABET.charAt((int) (p & SYMBOL));
  }

  /** The number of characters of a packed value. */
  public static int length(long p) {
    return (int) (p >>> LENGTH_SHIFT);
  }

  private static int at(long p, int i) {
    return (int) ((p >>> (BITS * i)) & SYMBOL);
  }

  /** Whether packed value {@code p} (not {@link #UNPACKED}) holds character {@code c} of {@link #ALPHABET}. */
  public static boolean contains(long p, char c) {
    int symbol = SYMBOLS[c];
    int length = length(p);
    // each of the value's fields XOR the symbol is zero where they are equal; fields past the length
    // are set to one so they never read as zero
    long x = (p ^ (LANE_LOW * symbol)) & ((1L << (BITS * length)) - 1) | (LANE_LOW & -(1L << (BITS * length)));
    return ((x - LANE_LOW) & ~x & LANE_HIGH) != 0;
  }

  /** Length of the common prefix of two packed values, at most {@code limit}. */
  private static int commonPrefix(long a, long b, int limit) {
    long x = (a ^ b) & ((1L << LENGTH_SHIFT) - 1);
    int p = x == 0 ? MAX_LENGTH : Long.numberOfTrailingZeros(x) / BITS;
    return Math.min(p, limit);
  }

  /** {@link OneEdit#within} of two packed values (neither {@link #UNPACKED}). */
  public static boolean withinOneEdit(long a, long b) {
    int la = length(a);
    int lb = length(b);
    int diff = la - lb;
    if (diff > 1 || diff < -1) {
      return false;
    }
    int shorter = Math.min(la, lb);
    int prefix = commonPrefix(a, b, shorter);
    if (prefix == shorter) {
      return true;
    }
    int suffix = 0;
    while (suffix < shorter - prefix && at(a, la - 1 - suffix) == at(b, lb - 1 - suffix)) {
      suffix++;
    }
    int middleA = la - prefix - suffix;
    int middleB = lb - prefix - suffix;
    if (middleA <= 1 && middleB <= 1) {
      return true;
    }
    return middleA == 2 && middleB == 2 && at(a, prefix) == at(b, prefix + 1) && at(a, prefix + 1) == at(b, prefix);
  }

  /**
   * True only when {@link #jaroWinkler}{@code (a, b)} is below {@code floor} (neither value
   * {@link #UNPACKED}): a bound that costs a few bit operations a character, so that a comparison that
   * only tests the similarity against thresholds can skip the kernel for most differing names. A
   * character of the shorter value that the longer lacks cannot match, so the matches are at most
   * the shorter value's characters found in the longer's set; the Jaro similarity is largest with no
   * transpositions, and the prefix boost is at most the actual common prefix's. False says nothing.
   */
  public static boolean jaroWinklerBelow(long a, long b, double floor) {
    if (a == b) {
      return false;
    }
    int la = length(a);
    int lb = length(b);
    long min = la <= lb ? a : b;
    long max = la <= lb ? b : a;
    int minLength = Math.min(la, lb);
    // branch-free over all ten fields (a shift by a long's field takes its low six bits, the symbol):
    // a field past the length is symbol 0, which can only over-count, and is taken off again below
    long present = 0;
    for (int i = 0; i < MAX_LENGTH; i++) {
      present |= 1L << (max >>> (BITS * i));
    }
    int matches = 0;
    for (int i = 0; i < MAX_LENGTH; i++) {
      matches += (int) (present >>> (min >>> (BITS * i))) & 1;
    }
    matches -= (MAX_LENGTH - minLength) * (int) (present & 1);
    if (matches == 0) {
      return true;
    }
    double m = matches;
    double j = (m / la + m / lb + 1) / 3;
    double bound = j < BOOST_THRESHOLD ? j
        : j + SCALING_FACTOR * commonPrefix(a, b, Math.min(MAX_PREFIX, minLength)) * (1d - j);
    // a margin far above rounding, so that a bound equal to the similarity never decides
    return bound < floor - 1e-9;
  }

  /** {@link JaroWinkler#similarity(char[], char[])} of two packed values (neither {@link #UNPACKED}). */
  public static double jaroWinkler(long a, long b) {
    if (a == b) {
      return 1d;
    }
    int la = length(a);
    int lb = length(b);
    // the shorter string (the first on a tie) is scanned, as in JaroWinkler
    long min;
    long max;
    if (la > lb) {
      max = a;
      min = b;
    } else {
      max = b;
      min = a;
    }
    int minLength = length(min);
    int maxLength = length(max);
    int range = Math.max(maxLength / 2 - 1, 0);
    int prefix = commonPrefix(min, max, minLength);
    long minFlags = prefix == 0 ? 0L : -1L >>> (Long.SIZE - prefix);
    long maxFlags = minFlags;
    int matches = prefix;
    for (int mi = prefix; mi < minLength; mi++) {
      int lo = Math.max(mi - range, 0);
      int hi = Math.min(mi + range + 1, maxLength);
      if (lo >= hi) {
        continue;
      }
      long free = ((-1L >>> (Long.SIZE - (hi - lo))) << lo) & ~maxFlags;
      int c = at(min, mi);
      while (free != 0) {
        int xi = Long.numberOfTrailingZeros(free);
        if (at(max, xi) == c) {
          maxFlags |= 1L << xi;
          minFlags |= 1L << mi;
          matches++;
          break;
        }
        free &= free - 1;
      }
    }
    if (matches == 0) {
      return 0d;
    }
    int halfTranspositions = 0;
    while (minFlags != 0) {
      if (at(min, Long.numberOfTrailingZeros(minFlags)) != at(max, Long.numberOfTrailingZeros(maxFlags))) {
        halfTranspositions++;
      }
      minFlags &= minFlags - 1;
      maxFlags &= maxFlags - 1;
    }
    // the arithmetic of JaroWinkler (and Commons Text), so the results are bit-identical
    double m = matches;
    double j = (m / la + m / lb + (m - (double) halfTranspositions / 2) / m) / 3;
    if (j < BOOST_THRESHOLD) {
      return j;
    }
    return j + SCALING_FACTOR * commonPrefix(a, b, Math.min(MAX_PREFIX, Math.min(la, lb))) * (1d - j);
  }
}
