package org.linkage.internal.state;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The blocking-key fingerprints a state saved per segment ({@code segment-NNNNNN.keys}): per
 * segment, side and keyed rule, one int per record, read from the mapped file, so that an update
 * selects the saved records sharing a new record's key without computing every saved record's key.
 *
 * <p>A fingerprint is 32 bits of the 64-bit blocking key ({@link #fingerprint}): equal keys have
 * equal fingerprints, so selecting by fingerprint selects every record a selection by key would, and
 * perhaps a few more, whose blocks then hold no new record and give no pair (see {@link
 * UpdatePairs}). Segments kept only in memory (the records an update added, not yet saved) have no
 * fingerprints here: their keys are computed. Immutable; thread-safe (reads copy out of views of
 * their own).
 */
public final class SavedKeys {
  /** No segment's fingerprints: every key is computed. */
  public static final SavedKeys NONE = new SavedKeys(new int[][] {{0}, {0}}, List.of());

  private final int[][] starts; // [side]: each segment's first row, then the rows in all
  private final List<IntBuffer[][]> segments; // per segment [side][rule], or null when not saved

  private SavedKeys(int[][] starts, List<IntBuffer[][]> segments) {
    this.starts = starts;
    this.segments = segments;
  }

  /**
   * The fingerprints of segments in row order: segment {@code i} holds {@code leftRows[i]} left and
   * {@code rightRows[i]} right records, and {@code keys.get(i)} its fingerprints ({@link
   * StateFiles#readKeys}) or {@code null} when they were not saved.
   */
  public static SavedKeys of(int[] leftRows, int[] rightRows, List<IntBuffer[][]> keys) {
    if (leftRows.length != keys.size() || rightRows.length != keys.size()) {
      throw new IllegalArgumentException("a row count per segment");
    }
    int[][] starts = new int[2][keys.size() + 1];
    for (int i = 0; i < keys.size(); i++) {
      starts[0][i + 1] = starts[0][i] + leftRows[i];
      starts[1][i + 1] = starts[1][i] + rightRows[i];
    }
    return new SavedKeys(starts, new java.util.ArrayList<>(keys));
  }

  /** 32 bits of a blocking key: equal keys, equal fingerprints. */
  public static int fingerprint(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
  }

  /** {@link #fingerprint} of {@code keys[0 .. n)} into {@code out[0 .. n)}. */
  public static void fingerprints(long[] keys, int n, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = fingerprint(keys[i]);
    }
  }

  /** The segment holding row {@code row} of side {@code side}, or -1 past the saved segments. */
  private int segmentOf(int side, int row) {
    int[] s = starts[side];
    if (row >= s[s.length - 1]) {
      return -1;
    }
    int i = Arrays.binarySearch(s, row);
    return i >= 0 ? i : -i - 2;
  }

  /** The end of the run of rows from {@code row} on that lie in one segment (or past them all: {@code Integer.MAX_VALUE}). */
  int runEnd(int side, int row) {
    int i = segmentOf(side, row);
    return i < 0 ? Integer.MAX_VALUE : starts[side][i + 1];
  }

  /**
   * Copies rule {@code rule}'s saved fingerprints of rows {@code from .. to} of side {@code side}
   * (within one segment: {@link #runEnd}) into {@code out[0 ..]}; false, copying nothing, when that
   * segment's are not saved (or the rule has none).
   */
  boolean read(int side, int rule, int from, int to, int[] out) {
    int i = segmentOf(side, from);
    if (i < 0 || segments.get(i) == null || segments.get(i)[side][rule] == null) {
      return false;
    }
    IntBuffer b = segments.get(i)[side][rule].duplicate();
    b.position(from - starts[side][i]);
    b.get(out, 0, to - from);
    return true;
  }
}
