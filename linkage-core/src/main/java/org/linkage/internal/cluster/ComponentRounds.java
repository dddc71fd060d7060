package org.linkage.internal.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The rounds of competing assignment ({@link Decisions}) run per connected component of the
 * candidate graph. Within a round a pair's decision reads only its own records' candidates and
 * whether they are taken, so a round over any set of whole components decides as the round over all
 * candidates does; what ties the components together is the round's prior shift and match rates,
 * computed from the links of all components so far. So a round is run as: the same {@link Round}
 * for every block of components, each block deciding on its own, then the blocks' outcomes merged
 * back into decision order (descending weight, then left row, then right row) and counted before the
 * next round's shift is computed.
 *
 * <p>A {@link Block} keeps its candidates in candidate order and its records in row order, so its
 * sums of odds add up in the same order and its ties break as over all candidates: the result equals
 * the in-process rounds bit for bit, for any grouping of the components into blocks.
 */
public final class ComponentRounds {
  private ComponentRounds() {}

  /**
   * One round's settings, the same for every component: see {@code CompetingAssignment.assign}.
   *
   * @param minWeight the weight of the threshold probability on its own
   * @param floor the weakest weight that takes part this round
   * @param threshold the threshold probability
   * @param matchRateLeft share of the still-unlinked left records expected to have a match (whole side)
   * @param matchRateRight the same on the right
   * @param priorBits the prior shift of the still-unlinked pairs over the whole sides
   */
  public record Round(double minWeight, double floor, double threshold, double matchRateLeft, double matchRateRight,
      double priorBits) implements Serializable {}

  /**
   * Links, holds back or leaves each candidate in one round.
   *
   * @param accepted candidate indexes linked, in decision order
   * @param acceptedProbability the probability given competitors of each linked pair
   * @param ambiguous candidate indexes held back for review, in decision order
   * @param ambiguousProbability the probability given competitors of each held-back pair
   */
  public record Outcome(int[] accepted, double[] acceptedProbability, int[] ambiguous, double[] ambiguousProbability)
      implements Serializable {}

  /** Runs one round over all candidates; marks the rows it links in {@code leftTaken} and {@code rightTaken}. */
  @FunctionalInterface
  public interface Runner {
    /** The round's outcome in decision order. */
    Outcome run(Round round, boolean[] leftTaken, boolean[] rightTaken);
  }

  /**
   * Where a run's rounds run: opened once per run, after the match-key passes, over the candidates
   * that may take part in any round (weight at least {@link Candidates#floor}, both records untaken).
   */
  @FunctionalInterface
  public interface Opener {
    /** A runner for the rounds over {@code candidates}, records taken so far as given. */
    Runner open(Candidates candidates, boolean[] leftTaken, boolean[] rightTaken);
  }

  /**
   * The scored candidates of a run as the rounds read them.
   *
   * @param floor no round reads a weaker candidate (the threshold weight less the competitors' and
   *     the prior's margins)
   */
  public record Candidates(IntUnaryOperator left, IntUnaryOperator right, double[] weights, double floor,
      int leftRows, int rightRows) {
    /** Indexes, ascending, of the candidates a round may read: weight at least the floor, both records untaken. */
    public int[] taking(boolean[] leftTaken, boolean[] rightTaken) {
      return CompetingAssignment.untaken(left, right, weights, floor, leftTaken, rightTaken);
    }

    /** The component label (least node; left rows first, then right rows) of each of {@code taking}'s candidates. */
    public int[] componentOf(int[] taking, int[] labels) {
      int[] out = new int[taking.length];
      for (int k = 0; k < taking.length; k++) {
        out[k] = labels[left.applyAsInt(taking[k])];
      }
      return out;
    }

    /** The graph of candidates {@code taking}: their nodes {@code [a, b]}, a left row and the right row after the left rows. */
    public int[][] edges(int[] taking) {
      int[] a = new int[taking.length];
      int[] b = new int[taking.length];
      for (int k = 0; k < taking.length; k++) {
        a[k] = left.applyAsInt(taking[k]);
        b[k] = leftRows + right.applyAsInt(taking[k]);
      }
      return new int[][] {a, b};
    }

    /** The graph's nodes: left rows, then right rows. */
    public int nodes() {
      return leftRows + rightRows;
    }
  }

  /** All candidates in one round, here: the rounds as they always ran. */
  static Runner inProcess(Candidates c) {
    return (round, leftTaken, rightTaken) -> assign(c.left(), c.right(), c.weights(), round, leftTaken, rightTaken);
  }

  /**
   * The rounds per component in this process, the components grouped into {@code blocks} blocks by
   * label: what a distributed engine does, for tests.
   */
  public static Opener inBlocks(int blocks) {
    return inBlocks(blocks, null);
  }

  /**
   * As {@link #inBlocks(int)}, each round's blocks decided as tasks on {@code pool} ({@code null}: in
   * turn on the calling thread), which waits for them: the same outcome for any pool. The pool must
   * not be the one the caller runs on, or the wait may never end.
   */
  public static Opener inBlocks(int blocks, java.util.concurrent.ExecutorService pool) {
    return (c, leftTaken, rightTaken) -> {
      int[] taking = c.taking(leftTaken, rightTaken);
      int[][] edges = c.edges(taking);
      int[] labels = Components.labels(c.nodes(), Components.forest(c.nodes(), edges[0], edges[1], taking.length));
      Block[] state = blocks(c, taking, labels, blocks);
      return (round, lt, rt) -> {
        if (pool == null) {
          for (int g = 0; g < state.length; g++) {
            state[g] = state[g].round(round);
          }
        } else {
          List<java.util.concurrent.Future<Block>> next = new ArrayList<>();
          for (Block b : state) {
            next.add(pool.submit(() -> b.round(round)));
          }
          for (int g = 0; g < state.length; g++) {
            state[g] = org.linkage.internal.parallel.ParallelChunks.get(next.get(g));
          }
        }
        List<Outcome> parts = new ArrayList<>();
        for (Block b : state) {
          parts.add(b.outcome());
        }
        return merge(parts, c, lt, rt);
      };
    };
  }

  /**
   * The candidates {@code taking} ({@link Candidates#taking}) grouped by component into {@code count}
   * blocks: a component's candidates all in the block of its label modulo {@code count}.
   *
   * @param labels the component label of every node ({@link Components#labels} of {@link Candidates#edges})
   */
  public static Block[] blocks(Candidates c, int[] taking, int[] labels, int count) {
    int[] component = c.componentOf(taking, labels);
    int[] size = new int[count];
    for (int k = 0; k < taking.length; k++) {
      size[component[k] % count]++;
    }
    int[][] members = new int[count][];
    for (int g = 0; g < count; g++) {
      members[g] = new int[size[g]];
      size[g] = 0;
    }
    for (int k = 0; k < taking.length; k++) { // ascending within each block, as taking is
      int g = component[k] % count;
      members[g][size[g]++] = taking[k];
    }
    Block[] out = new Block[count];
    for (int g = 0; g < count; g++) {
      int[] cand = members[g];
      int[] l = new int[cand.length];
      int[] r = new int[cand.length];
      double[] w = new double[cand.length];
      for (int k = 0; k < cand.length; k++) {
        l[k] = c.left().applyAsInt(cand[k]);
        r[k] = c.right().applyAsInt(cand[k]);
        w[k] = c.weights()[cand[k]];
      }
      out[g] = Block.of(cand, l, r, w);
    }
    return out;
  }

  /**
   * The blocks' outcomes of one round as the round over all candidates gives it: in decision order,
   * the linked rows marked in {@code leftTaken} and {@code rightTaken}.
   */
  public static Outcome merge(List<Outcome> parts, Candidates c, boolean[] leftTaken, boolean[] rightTaken) {
    Outcome linked = merged(parts, true, c);
    for (int i : linked.accepted()) {
      leftTaken[c.left().applyAsInt(i)] = true;
      rightTaken[c.right().applyAsInt(i)] = true;
    }
    Outcome held = merged(parts, false, c);
    return new Outcome(linked.accepted(), linked.acceptedProbability(), held.accepted(), held.acceptedProbability());
  }

  private static Outcome merged(List<Outcome> parts, boolean accepted, Candidates c) {
    int n = 0;
    for (Outcome o : parts) {
      n += accepted ? o.accepted().length : o.ambiguous().length;
    }
    int[] index = new int[n];
    double[] probability = new double[n];
    int k = 0;
    for (Outcome o : parts) {
      int[] idx = accepted ? o.accepted() : o.ambiguous();
      double[] p = accepted ? o.acceptedProbability() : o.ambiguousProbability();
      System.arraycopy(idx, 0, index, k, idx.length);
      System.arraycopy(p, 0, probability, k, p.length);
      k += idx.length;
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    double[] w = c.weights();
    IntUnaryOperator left = c.left();
    IntUnaryOperator right = c.right();
    IndexSort.sort(order, (x, y) -> GreedyAssignment.compareByWeight(left, right, w, index[x], index[y]));
    int[] sortedIndex = new int[n];
    double[] sortedProbability = new double[n];
    for (int j = 0; j < n; j++) {
      sortedIndex[j] = index[order[j]];
      sortedProbability[j] = probability[order[j]];
    }
    return new Outcome(sortedIndex, sortedProbability, new int[0], new double[0]);
  }

  private static Outcome assign(IntUnaryOperator left, IntUnaryOperator right, double[] weights, Round r,
      boolean[] leftTaken, boolean[] rightTaken) {
    return CompetingAssignment.assign(left, right, weights, r.minWeight(), r.floor(), r.threshold(),
        r.matchRateLeft(), r.matchRateRight(), r.priorBits(), leftTaken, rightTaken);
  }

  /**
   * Whole components' candidates with their records' taken flags, after some rounds: serializable,
   * immutable ({@link #round} gives the next state), so an engine can keep it between rounds.
   */
  public static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] candidate; // candidate indexes of the run, ascending
    private final int[] left; // local left rows, numbered in the order of the run's rows
    private final int[] right;
    private final double[] weights;
    private final boolean[] leftTaken;
    private final boolean[] rightTaken;
    private final Outcome outcome;

    private Block(int[] candidate, int[] left, int[] right, double[] weights, boolean[] leftTaken,
        boolean[] rightTaken, Outcome outcome) {
      this.candidate = candidate;
      this.left = left;
      this.right = right;
      this.weights = weights;
      this.leftTaken = leftTaken;
      this.rightTaken = rightTaken;
      this.outcome = outcome;
    }

    /**
     * A block of candidates whose records are untaken and appear in no candidate of another block.
     *
     * @param candidate candidate indexes of the run, ascending
     * @param leftRows the run's left row of each
     * @param rightRows the run's right row of each
     * @param weights the weight of each
     */
    public static Block of(int[] candidate, int[] leftRows, int[] rightRows, double[] weights) {
      for (int k = 1; k < candidate.length; k++) {
        if (candidate[k] <= candidate[k - 1]) {
          throw new IllegalArgumentException("candidates out of order at " + k);
        }
      }
      int[] left = local(leftRows);
      int[] right = local(rightRows);
      return new Block(candidate, left, right, weights, new boolean[rows(left)], new boolean[rows(right)],
          new Outcome(new int[0], new double[0], new int[0], new double[0]));
    }

    /** Rows renumbered 0.. in their order, so comparing local rows compares the run's rows. */
    private static int[] local(int[] rows) {
      int[] sorted = Arrays.stream(rows).distinct().sorted().toArray();
      int[] out = new int[rows.length];
      for (int k = 0; k < rows.length; k++) {
        out[k] = Arrays.binarySearch(sorted, rows[k]);
      }
      return out;
    }

    private static int rows(int[] local) {
      int max = -1;
      for (int v : local) {
        max = Math.max(max, v);
      }
      return max + 1;
    }

    /** The state after {@code round}; its {@link #outcome} in the run's candidate indexes. */
    public Block round(Round round) {
      boolean[] lt = leftTaken.clone();
      boolean[] rt = rightTaken.clone();
      Outcome o = assign(i -> left[i], i -> right[i], weights, round, lt, rt);
      int[] accepted = new int[o.accepted().length];
      for (int k = 0; k < accepted.length; k++) {
        accepted[k] = candidate[o.accepted()[k]];
      }
      int[] ambiguous = new int[o.ambiguous().length];
      for (int k = 0; k < ambiguous.length; k++) {
        ambiguous[k] = candidate[o.ambiguous()[k]];
      }
      return new Block(candidate, left, right, weights, lt, rt,
          new Outcome(accepted, o.acceptedProbability(), ambiguous, o.ambiguousProbability()));
    }

    /** The last round's outcome (empty before the first), in the run's candidate indexes and decision order. */
    public Outcome outcome() {
      return outcome;
    }

    /** Number of candidates. */
    public int size() {
      return candidate.length;
    }
  }
}
