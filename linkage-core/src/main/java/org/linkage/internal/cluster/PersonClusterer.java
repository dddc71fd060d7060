package org.linkage.internal.cluster;

import java.util.Arrays;

/**
 * Groups records (nodes) into persons: the connected components of the accepted links, under
 * {@link PersonConstraints}. Links are taken strongest first — deterministic passes in pass order,
 * then probabilistic links by descending match weight, ties by node numbers — and a link whose two
 * ends already belong to groups that together would break a constraint (two NINOs, dates of birth
 * with no common centre) is dropped. So a component that would violate a constraint is split by
 * removing its weakest links, and only those needed: a component with no conflict is kept whole.
 *
 * <p>Persons are numbered in order of their lowest node (left records in input order first, then
 * right records): the same input, spec and seed always give the same numbering.
 *
 * <p>Single-threaded, O(e log e) in the number of links plus near-linear union–find. Not
 * thread-safe; each call is independent.
 */
public final class PersonClusterer {
  /** Largest number of distinct dates one person may hold per date column. */
  static final int MAX_DISTINCT_DATES = 16;

  private PersonClusterer() {}

  /** A growable list of links between nodes. Not thread-safe. */
  public static final class Edges {
    private int[] a = new int[1024];
    private int[] b = new int[1024];
    private int[] pass = new int[1024];
    private double[] weight = new double[1024];
    private int size;

    /**
     * Adds a link.
     *
     * @param pass index of the deterministic pass that made it, or {@link Integer#MAX_VALUE} for a
     *     probabilistic link: lower passes are taken first
     * @param weight match weight (NaN when there is no model), which orders links of one pass
     */
    public void add(int nodeA, int nodeB, int pass, double weight) {
      if (size == a.length) {
        int cap = size * 2;
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        this.pass = Arrays.copyOf(this.pass, cap);
        this.weight = Arrays.copyOf(this.weight, cap);
      }
      a[size] = Math.min(nodeA, nodeB);
      b[size] = Math.max(nodeA, nodeB);
      this.pass[size] = pass;
      this.weight[size] = Double.isNaN(weight) ? Double.NEGATIVE_INFINITY : weight;
      size++;
    }

    /** Number of edges added. */
    public int size() {
      return size;
    }

    /** First node of edge {@code i}. */
    public int nodeA(int i) {
      return a[i];
    }

    /** Second node of edge {@code i}. */
    public int nodeB(int i) {
      return b[i];
    }

    /** The pass of edge {@code i}, as added. */
    public int pass(int i) {
      return pass[i];
    }

    /** The weight of edge {@code i} ({@code -Infinity} where added as NaN). */
    public double weight(int i) {
      return weight[i];
    }
  }

  /**
   * The persons.
   *
   * @param personOf person number (0-based, by lowest node) of each node
   * @param persons number of persons
   * @param kept per link: true if it lies inside one person
   * @param dropped links dropped because they would have broken a constraint
   */
  public record Result(int[] personOf, int persons, boolean[] kept, int dropped) {}

  /** Clusters {@code constraints.nodes()} nodes over {@code edges}. */
  public static Result cluster(Edges edges, PersonConstraints constraints) {
    int n = constraints.nodes();
    int[] parent = new int[n];
    int[] size = new int[n];
    int ex = constraints.exclusiveColumns();
    int dc = constraints.dateColumns();
    int[][] code = new int[ex][n];
    int[][][] dates = new int[dc][n][];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
      size[v] = 1;
      for (int c = 0; c < ex; c++) {
        code[c][v] = constraints.exclusive(c, v);
      }
      for (int c = 0; c < dc; c++) {
        int d = constraints.date(c, v);
        dates[c][v] = d < 0 ? new int[0] : new int[] {d};
      }
    }
    int[] order = new int[edges.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    IndexSort.sort(order, (x, y) -> {
      int c = Integer.compare(edges.pass[x], edges.pass[y]);
      if (c == 0) {
        c = Double.compare(edges.weight[y], edges.weight[x]);
      }
      if (c == 0) {
        c = Integer.compare(edges.a[x], edges.a[y]);
      }
      return c != 0 ? c : Integer.compare(edges.b[x], edges.b[y]);
    });
    boolean[] kept = new boolean[edges.size];
    int dropped = 0;
    int[] scratch = new int[2 * MAX_DISTINCT_DATES];
    for (int e : order) {
      int ra = find(parent, edges.a[e]);
      int rb = find(parent, edges.b[e]);
      if (ra == rb) {
        kept[e] = true;
        continue;
      }
      boolean ok = true;
      for (int c = 0; c < ex && ok; c++) {
        ok = code[c][ra] < 0 || code[c][rb] < 0 || code[c][ra] == code[c][rb];
      }
      int[][] merged = new int[dc][];
      for (int c = 0; c < dc && ok; c++) {
        merged[c] = union(dates[c][ra], dates[c][rb], scratch);
        ok = merged[c] != null;
      }
      if (!ok) {
        dropped++;
        continue;
      }
      kept[e] = true;
      int root = size[ra] >= size[rb] ? ra : rb;
      int child = root == ra ? rb : ra;
      parent[child] = root;
      size[root] += size[child];
      for (int c = 0; c < ex; c++) {
        if (code[c][root] < 0) {
          code[c][root] = code[c][child];
        }
      }
      for (int c = 0; c < dc; c++) {
        dates[c][root] = merged[c];
        dates[c][child] = null;
      }
    }
    int[] personOf = new int[n];
    int[] numberOfRoot = new int[n];
    Arrays.fill(numberOfRoot, -1);
    int persons = 0;
    for (int v = 0; v < n; v++) {
      int r = find(parent, v);
      if (numberOfRoot[r] < 0) {
        numberOfRoot[r] = persons++;
      }
      personOf[v] = numberOfRoot[r];
    }
    return new Result(personOf, persons, kept, dropped);
  }

  /** The distinct dates of both, or null if they have no common centre (or are too many). */
  private static int[] union(int[] x, int[] y, int[] scratch) {
    if (y.length == 0) {
      return x;
    }
    if (x.length == 0) {
      return y;
    }
    int n = 0;
    for (int d : x) {
      scratch[n++] = d;
    }
    for (int d : y) {
      boolean seen = false;
      for (int i = 0; i < x.length && !seen; i++) {
        seen = x[i] == d;
      }
      if (!seen) {
        scratch[n++] = d;
      }
    }
    if (n > MAX_DISTINCT_DATES || !DateCompatibility.haveCentre(scratch, n)) {
      return null;
    }
    return n == x.length ? x : Arrays.copyOf(scratch, n);
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }
}
