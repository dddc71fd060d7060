package org.linkage.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnType;

/**
 * What may not be in one person, read per record (node): two different values of an
 * <em>exclusive</em> column (every {@link ColumnType#NINO} column — a person has one National
 * Insurance number), or dates of the <em>birth-date</em> column (the one the plan designates, see
 * {@link org.linkage.spec.ClusteringSpec#birthDateColumn()}; other date columns, such as a start date, constrain
 * nothing) with no common centre, i.e. no date among them that is
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
   * Constraints from the NINO columns and the birth-date column of encoded data. Codes of one column
   * share a dictionary across both sides, so equal codes mean equal normalised values.
   *
   * @param birthDateColumn the date column holding the date of birth, or {@code null} for no date
   *     constraint
   */
  public static PersonConstraints from(EncodedData data, String birthDateColumn) {
    return from(data, birthDateColumn, null);
  }

  /**
   * As {@link #from(EncodedData, String)} for some records only: node {@code i} is record {@code
   * nodes[i]}, a left row below {@code data.leftSize()}, else right row {@code nodes[i] - leftSize}
   * ({@code null} for every record, as numbered there).
   */
  public static PersonConstraints from(EncodedData data, String birthDateColumn, int[] nodes) {
    int nl = data.leftSize();
    int n = nodes != null ? nodes.length : data.isDeduplication() ? nl : nl + data.rightSize();
    List<int[]> exclusive = new ArrayList<>();
    List<int[]> dates = new ArrayList<>();
    for (EncodedColumn c : data.columns().values()) {
      boolean birthDate = c.type() == ColumnType.DATE && c.name().equals(birthDateColumn);
      if (c.type() != ColumnType.NINO && !birthDate) {
        continue;
      }
      int[] v = new int[n];
      if (nodes == null) {
        System.arraycopy(c.left(), 0, v, 0, nl);
        if (!data.isDeduplication()) {
          System.arraycopy(c.right(), 0, v, nl, data.rightSize());
        }
      } else {
        for (int i = 0; i < n; i++) {
          v[i] = nodes[i] < nl ? c.left()[nodes[i]] : c.right()[nodes[i] - nl];
        }
      }
      (c.type() == ColumnType.NINO ? exclusive : dates).add(v);
    }
    return new PersonConstraints(n, exclusive.toArray(int[][]::new), dates.toArray(int[][]::new));
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
