package org.linkage.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnType;

/**
 * What may not be in one person, read per record (node): two different values of an
 * <em>exclusive</em> column (every {@link ColumnType#NINO} column — a person has one National
 * Insurance number), or dates of a <em>date</em> column (every {@link ColumnType#DATE} column — the
 * date of birth) with no common centre, i.e. no date among them that is
 * {@linkplain DateCompatibility#compatible compatible} with all the others. Missing values
 * constrain nothing.
 *
 * <p>Nodes are numbered left rows first, then right rows (none for deduplication). Immutable.
 */
public final class PersonConstraints {
  private final int nodes;
  private final int[][] exclusive; // [column][node] code, -1 missing
  private final int[][] dates; // [column][node] yyyymmdd, -1 missing

  private PersonConstraints(int nodes, int[][] exclusive, int[][] dates) {
    this.nodes = nodes;
    this.exclusive = exclusive;
    this.dates = dates;
  }

  /**
   * Constraints from explicit per-node values ({@code -1} = missing).
   *
   * @param exclusive per column, one code per node: two different codes may not share a person
   * @param dates per column, one {@code yyyymmdd} per node: a person's dates need a common centre
   */
  public static PersonConstraints of(int nodes, int[][] exclusive, int[][] dates) {
    for (int[] c : exclusive) {
      if (c.length != nodes) {
        throw new IllegalArgumentException("expected " + nodes + " values per column, got " + c.length);
      }
    }
    for (int[] c : dates) {
      if (c.length != nodes) {
        throw new IllegalArgumentException("expected " + nodes + " values per column, got " + c.length);
      }
    }
    return new PersonConstraints(nodes, exclusive.clone(), dates.clone());
  }

  /** No constraints at all: clusters are plain connected components. */
  public static PersonConstraints none(int nodes) {
    return new PersonConstraints(nodes, new int[0][], new int[0][]);
  }

  /**
   * Constraints from the NINO and date columns of encoded data. Codes of one column share a
   * dictionary across both sides, so equal codes mean equal normalised values.
   */
  public static PersonConstraints from(EncodedData data) {
    int nl = data.leftSize();
    int nodes = data.isDeduplication() ? nl : nl + data.rightSize();
    List<int[]> exclusive = new ArrayList<>();
    List<int[]> dates = new ArrayList<>();
    for (EncodedColumn c : data.columns().values()) {
      if (c.type() != ColumnType.NINO && c.type() != ColumnType.DATE) {
        continue;
      }
      int[] v = new int[nodes];
      System.arraycopy(c.left(), 0, v, 0, nl);
      if (!data.isDeduplication()) {
        System.arraycopy(c.right(), 0, v, nl, data.rightSize());
      }
      (c.type() == ColumnType.NINO ? exclusive : dates).add(v);
    }
    return new PersonConstraints(nodes, exclusive.toArray(int[][]::new), dates.toArray(int[][]::new));
  }

  /** Number of nodes (records of both sides) the constraints cover. */
  public int nodes() {
    return nodes;
  }

  int exclusiveColumns() {
    return exclusive.length;
  }

  int dateColumns() {
    return dates.length;
  }

  int exclusive(int column, int node) {
    return exclusive[column][node];
  }

  int date(int column, int node) {
    return dates[column][node];
  }
}
