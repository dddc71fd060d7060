package org.linkage.internal.cluster;

import java.util.Arrays;

/**
 * Connected components of a graph on nodes {@code 0..nodes)}, each labelled by its least node, as a
 * spanning forest: a list of (node, label) edges for the nodes that are not their own label. Forests
 * of parts of a graph merge into the forest of the whole ({@link #forest} over their edges
 * together), so a distributed engine can find components part by part and merge them in any order
 * with the same result. Stateless; O(e α(n)) per call plus O(nodes) memory.
 */
public final class Components {
  private Components() {}

  /**
   * The forest of edges {@code (a[k], b[k])}, {@code k < count}: pairs (node, label) flattened as
   * {@code [node0, label0, node1, label1, ...]}, by ascending node.
   */
  public static int[] forest(int nodes, int[] a, int[] b, int count) {
    int[] parent = new int[nodes];
    Arrays.fill(parent, -1); // -1: a node no edge touches
    for (int k = 0; k < count; k++) {
      int ra = find(parent, a[k]);
      int rb = find(parent, b[k]);
      if (ra != rb) { // the lesser root stays root: a component's root is its least node
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
    int n = 0;
    for (int v = 0; v < nodes; v++) {
      n += parent[v] >= 0 && parent[v] != v ? 1 : 0;
    }
    int[] out = new int[2 * n];
    int k = 0;
    for (int v = 0; v < nodes; v++) {
      if (parent[v] >= 0 && parent[v] != v) {
        out[k++] = v;
        out[k++] = find(parent, v);
      }
    }
    return out;
  }

  /** The forest of the edges of two forests together: the components of both parts' graphs joined. */
  public static int[] merge(int nodes, int[] forestA, int[] forestB) {
    int n = (forestA.length + forestB.length) / 2;
    int[] a = new int[n];
    int[] b = new int[n];
    int k = 0;
    for (int[] f : new int[][] {forestA, forestB}) {
      for (int i = 0; i < f.length; i += 2) {
        a[k] = f[i];
        b[k++] = f[i + 1];
      }
    }
    return forest(nodes, a, b, n);
  }

  /** The label (least node of its component) of every node, from a forest. */
  public static int[] labels(int nodes, int[] forest) {
    int[] label = new int[nodes];
    for (int v = 0; v < nodes; v++) {
      label[v] = v;
    }
    for (int i = 0; i < forest.length; i += 2) {
      label[forest[i]] = forest[i + 1];
    }
    return label;
  }

  private static int find(int[] parent, int v) {
    if (parent[v] < 0) {
      parent[v] = v;
      return v;
    }
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }
}
