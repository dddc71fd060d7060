package org.linkage.internal.block;

/**
 * Rows grouped by a dense group number, by a counting sort: the rows of group {@code g} are {@code
 * rows()[start(g) .. start(g + 1))}, ascending; rows of group -1 are in none. Shared, not copied:
 * immutable by convention once built, and then thread-safe.
 */
public final class RowGroups {
  private final int[] starts;
  private final int[] rows;

  private RowGroups(int[] starts, int[] rows) {
    this.starts = starts;
    this.rows = rows;
  }

  /** The rows {@code r} grouped by {@code groupOfRow[r]}, a group in {@code 0 .. groups - 1} or -1. */
  public static RowGroups of(int[] groupOfRow, int groups) {
    int[] starts = new int[groups + 1];
    for (int g : groupOfRow) {
      if (g >= 0) {
        starts[g + 1]++;
      }
    }
    for (int g = 0; g < groups; g++) {
      starts[g + 1] += starts[g];
    }
    int[] fill = java.util.Arrays.copyOf(starts, groups);
    int[] rows = new int[starts[groups]];
    for (int row = 0; row < groupOfRow.length; row++) {
      int g = groupOfRow[row];
      if (g >= 0) {
        rows[fill[g]++] = row;
      }
    }
    return new RowGroups(starts, rows);
  }

  /** Each group's first index in {@link #rows}, and past the last group the number of rows grouped. */
  public int[] starts() {
    return starts;
  }

  /** The rows, group by group. */
  public int[] rows() {
    return rows;
  }
}
