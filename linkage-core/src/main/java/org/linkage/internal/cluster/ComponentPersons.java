package org.linkage.internal.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Persons ({@link PersonClusterer}) found per connected component of the links. The clusterer
 * takes links strongest first and merges two groups unless the constraints forbid it; whether it
 * does reads only the two groups, which lie in one component. So clustering each component on its
 * own, its links in the run's order and its nodes numbered in the run's order, gives the persons,
 * kept links and dropped links of clustering all at once; the persons are then numbered by their
 * lowest node across all components, as {@link PersonClusterer} numbers them.
 */
public final class ComponentPersons {
  private ComponentPersons() {}

  /** Clusters records into persons: {@link PersonClusterer#cluster} or an engine's per-component equivalent. */
  @FunctionalInterface
  public interface Clusterer {
    /** The persons of {@code constraints.nodes()} nodes over {@code edges}, as {@link PersonClusterer#cluster}. */
    PersonClusterer.Result cluster(PersonClusterer.Edges edges, PersonConstraints constraints);
  }

  /** The links as a graph: their nodes {@code [a, b]}. */
  public static int[][] graph(PersonClusterer.Edges edges) {
    int n = edges.size();
    int[] a = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = edges.nodeA(i);
      b[i] = edges.nodeB(i);
    }
    return new int[][] {a, b};
  }

  /**
   * The part of a run's clustering over some whole components: their links (in the run's order)
   * and their nodes' constraint values. Serializable, so an engine can cluster it elsewhere.
   */
  public static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] edge; // the run's edge indexes, ascending
    private final int[] a; // local nodes, numbered in the order of the run's nodes
    private final int[] b;
    private final int[] pass;
    private final double[] weight;
    private final int[] node; // the run's node of each local node, ascending
    private final int[][] exclusive; // [column][local node]
    private final int[][] dates;

    private Part(int[] edge, int[] a, int[] b, int[] pass, double[] weight, int[] node, int[][] exclusive,
        int[][] dates) {
      this.edge = edge;
      this.a = a;
      this.b = b;
      this.pass = pass;
      this.weight = weight;
      this.node = node;
      this.exclusive = exclusive;
      this.dates = dates;
    }

    /** The part made of links {@code edgeIndexes} (ascending; whole components) of {@code edges}. */
    public static Part of(PersonClusterer.Edges edges, int[] edgeIndexes, PersonConstraints constraints) {
      int n = edgeIndexes.length;
      int[] nodes = new int[2 * n];
      for (int k = 0; k < n; k++) {
        nodes[2 * k] = edges.nodeA(edgeIndexes[k]);
        nodes[2 * k + 1] = edges.nodeB(edgeIndexes[k]);
      }
      int[] node = Arrays.stream(nodes).distinct().sorted().toArray();
      int[] a = new int[n];
      int[] b = new int[n];
      int[] pass = new int[n];
      double[] weight = new double[n];
      for (int k = 0; k < n; k++) {
        int i = edgeIndexes[k];
        a[k] = Arrays.binarySearch(node, edges.nodeA(i));
        b[k] = Arrays.binarySearch(node, edges.nodeB(i));
        pass[k] = edges.pass(i);
        weight[k] = edges.weight(i);
      }
      int[][] exclusive = new int[constraints.exclusiveColumns()][node.length];
      int[][] dates = new int[constraints.dateColumns()][node.length];
      for (int v = 0; v < node.length; v++) {
        for (int c = 0; c < exclusive.length; c++) {
          exclusive[c][v] = constraints.exclusive(c, node[v]);
        }
        for (int c = 0; c < dates.length; c++) {
          dates[c][v] = constraints.date(c, node[v]);
        }
      }
      return new Part(edgeIndexes.clone(), a, b, pass, weight, node, exclusive, dates);
    }

    /** Clusters this part on its own. */
    public Clustered cluster() {
      PersonClusterer.Edges local = new PersonClusterer.Edges();
      for (int k = 0; k < a.length; k++) {
        local.add(a[k], b[k], pass[k], weight[k]); // -Infinity stays -Infinity: the order is unchanged
      }
      PersonClusterer.Result r = PersonClusterer.cluster(local, PersonConstraints.of(node.length, exclusive, dates));
      int[] lowest = new int[r.persons()];
      Arrays.fill(lowest, -1);
      int[] personNode = new int[node.length];
      for (int v = 0; v < node.length; v++) { // ascending: the first node of a person is its lowest
        int p = r.personOf()[v];
        if (lowest[p] < 0) {
          lowest[p] = node[v];
        }
        personNode[v] = lowest[p];
      }
      int keptCount = 0;
      for (boolean k : r.kept()) {
        keptCount += k ? 1 : 0;
      }
      int[] kept = new int[keptCount];
      int j = 0;
      for (int k = 0; k < a.length; k++) {
        if (r.kept()[k]) {
          kept[j++] = edge[k];
        }
      }
      return new Clustered(node, personNode, kept, r.dropped());
    }
  }

  /**
   * A part's persons.
   *
   * @param nodes the run's nodes of the part
   * @param lowestOfPerson for each of {@code nodes}, the lowest node of its person
   * @param keptEdges the run's edge indexes of the links kept inside a person
   * @param dropped links dropped by the constraints
   */
  public record Clustered(int[] nodes, int[] lowestOfPerson, int[] keptEdges, int dropped) implements Serializable {}

  /** The parts' persons as {@link PersonClusterer#cluster} gives them over all {@code nodes} and {@code edges} links. */
  public static PersonClusterer.Result merge(List<Clustered> parts, int nodes, int edges) {
    int[] lowest = new int[nodes];
    for (int v = 0; v < nodes; v++) {
      lowest[v] = v; // a node without links is a person of its own
    }
    boolean[] kept = new boolean[edges];
    int dropped = 0;
    for (Clustered c : parts) {
      for (int k = 0; k < c.nodes().length; k++) {
        lowest[c.nodes()[k]] = c.lowestOfPerson()[k];
      }
      for (int e : c.keptEdges()) {
        kept[e] = true;
      }
      dropped += c.dropped();
    }
    int[] personOf = new int[nodes];
    int persons = 0;
    for (int v = 0; v < nodes; v++) { // numbered by lowest node, as PersonClusterer numbers them
      personOf[v] = lowest[v] == v ? persons++ : personOf[lowest[v]];
    }
    return new PersonClusterer.Result(personOf, persons, kept, dropped);
  }

  /**
   * The links grouped by component into {@code count} parts: a component's links all in the part of
   * its label modulo {@code count}, in the run's order.
   *
   * @param labels the component label of every node ({@link Components#labels} of {@link #graph})
   */
  public static Part[] parts(PersonClusterer.Edges edges, PersonConstraints constraints, int[] labels, int count) {
    int[] size = new int[count];
    for (int i = 0; i < edges.size(); i++) {
      size[labels[edges.nodeA(i)] % count]++;
    }
    int[][] members = new int[count][];
    for (int g = 0; g < count; g++) {
      members[g] = new int[size[g]];
      size[g] = 0;
    }
    for (int i = 0; i < edges.size(); i++) {
      int g = labels[edges.nodeA(i)] % count;
      members[g][size[g]++] = i;
    }
    Part[] out = new Part[count];
    for (int g = 0; g < count; g++) {
      out[g] = Part.of(edges, members[g], constraints);
    }
    return out;
  }

  /** Per component in this process, the components grouped into {@code parts} parts: what an engine does, for tests. */
  public static Clusterer inParts(int parts) {
    return (edges, constraints) -> {
      int[][] g = graph(edges);
      int nodes = constraints.nodes();
      int[] labels = Components.labels(nodes, Components.forest(nodes, g[0], g[1], edges.size()));
      List<Clustered> out = new ArrayList<>();
      for (Part part : parts(edges, constraints, labels, parts)) {
        out.add(part.cluster());
      }
      return merge(out, constraints.nodes(), edges.size());
    };
  }
}
