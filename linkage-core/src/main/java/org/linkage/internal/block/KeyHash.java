package org.linkage.internal.block;

/**
 * The one hash of a key made of several integer codes (blocking keys, match keys): 64 bits, never
 * {@link Blocker#NO_KEY}, which marks a key with a missing part. A collision can only make two
 * different keys look alike, so every user confirms equal keys on the codes themselves or accepts
 * an extra candidate pair. Allocation-free; hot path of index building.
 *
 * <pre>{@code
 * long h = KeyHash.START;
 * for (int code : codes) h = KeyHash.add(h, code);   // codes >= 0
 * long key = KeyHash.finish(h);
 * }</pre>
 */
public final class KeyHash {
  /** The state before any code is added. */
  public static final long START = 0x6A09E667F3BCC909L;

  private KeyHash() {}

  /** Mixes one non-negative code into the state. */
  public static long add(long h, int code) {
    h = (h ^ (code + 1L)) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 31);
  }

  /** The key of a state: moved off {@link Blocker#NO_KEY} if it happens to land there. */
  public static long finish(long h) {
    return h == Blocker.NO_KEY ? Blocker.NO_KEY + 1 : h;
  }
}
