package org.linkage.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.linkage.internal.cluster.ComponentPersons;
import org.linkage.internal.cluster.ComponentRounds;
import org.linkage.internal.cluster.Components;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;

/**
 * The decisions' rounds and the persons per connected component, on the executors. The components
 * are found there: each partition of the graph's edges gives its spanning forest
 * ({@link Components#forest}), and the forests merge pairwise in a tree on the executors into the
 * forest of the whole graph, whose labels come back to the driver. The driver groups the kept pairs
 * (or the links) by component into one block (part) per partition, the same grouping as the core's
 * ({@link ComponentRounds#blocks}, {@link ComponentPersons#parts}).
 *
 * <p>Competing assignment: the blocks stay in the session between rounds; each round maps them to
 * their next state under the round's settings (one prior shift and match rate for all components,
 * from the links of all of them so far), and the driver merges their outcomes back into decision
 * order ({@link ComponentRounds#merge}) and counts them before the next round. Persons: each part is
 * clustered on its own, and the driver numbers the persons ({@link ComponentPersons#merge}). Both
 * give the in-process result exactly, for any number of partitions.
 *
 * <p>One run at a time, from the thread running it; {@link #close} releases the blocks kept.
 */
final class ComponentWork implements ComponentRounds.Opener, ComponentPersons.Clusterer, AutoCloseable {
  /** Edges per slice of the graph shipped to find components. */
  private static final int EDGES_PER_SLICE = 1 << 17;
  private final JavaSparkContext sc;
  private final int partitions;
  private final List<JavaRDD<?>> kept = new ArrayList<>();
  private int rounds;
  private int clusterings;

  ComponentWork(JavaSparkContext sc, int partitions) {
    this.sc = sc;
    this.partitions = partitions;
  }

  @Override
  public ComponentRounds.Runner open(ComponentRounds.Candidates c, boolean[] leftTaken, boolean[] rightTaken) {
    int[] taking = c.taking(leftTaken, rightTaken);
    int[][] edges = c.edges(taking);
    int[] labels = labels(c.nodes(), edges[0], edges[1]);
    List<ComponentRounds.Block> blocks = Arrays.asList(ComponentRounds.blocks(c, taking, labels, partitions));
    JavaRDD<ComponentRounds.Block>[] state = new JavaRDD[] {sc.parallelize(blocks, partitions)};
    return (round, lt, rt) -> {
      rounds++;
      JavaRDD<ComponentRounds.Block> next = state[0].map(b -> b.round(round)).persist(StorageLevel.MEMORY_AND_DISK());
      List<ComponentRounds.Outcome> outcomes = next.map(ComponentRounds.Block::outcome).collect();
      state[0].unpersist(false);
      kept.remove(state[0]);
      kept.add(next);
      state[0] = next;
      return ComponentRounds.merge(outcomes, c, lt, rt);
    };
  }

  @Override
  public PersonClusterer.Result cluster(PersonClusterer.Edges edges, PersonConstraints constraints) {
    clusterings++;
    int nodes = constraints.nodes();
    int[][] graph = ComponentPersons.graph(edges);
    int[] labels = labels(nodes, graph[0], graph[1]);
    List<ComponentPersons.Part> parts = Arrays.asList(ComponentPersons.parts(edges, constraints, labels, partitions));
    List<ComponentPersons.Clustered> clustered = sc.parallelize(parts, partitions)
        .map(ComponentPersons.Part::cluster).collect();
    return ComponentPersons.merge(clustered, nodes, edges.size());
  }

  /** The component label of every node, the forests of slices of the edges merged on the executors. */
  private int[] labels(int nodes, int[] a, int[] b) {
    int n = a.length;
    if (n == 0) {
      return Components.labels(nodes, new int[0]);
    }
    List<int[][]> slices = new ArrayList<>();
    for (int from = 0; from < n; from += EDGES_PER_SLICE) {
      int to = Math.min(n, from + EDGES_PER_SLICE);
      slices.add(new int[][] {Arrays.copyOfRange(a, from, to), Arrays.copyOfRange(b, from, to)});
    }
    int[] forest = sc.parallelize(slices, Math.min(slices.size(), partitions))
        .map(s -> Components.forest(nodes, s[0], s[1], s[0].length))
        .treeReduce((x, y) -> Components.merge(nodes, x, y));
    return Components.labels(nodes, forest);
  }

  /** Rounds run on the executors so far. */
  int roundsRun() {
    return rounds;
  }

  /** Clusterings into persons run on the executors so far. */
  int clusteringsRun() {
    return clusterings;
  }

  @Override
  public void close() {
    for (JavaRDD<?> rdd : kept) {
      rdd.unpersist(false);
    }
    kept.clear();
  }
}
