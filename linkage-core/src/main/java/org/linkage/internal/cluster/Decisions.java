package org.linkage.internal.cluster;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.rules.DeterministicCascade;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.MatchKeySpec;
import org.linkage.spec.LinkageSpec.Assignment;

/**
 * The decision stage of a run: the deterministic cascade, then the probabilistic pass over the
 * scored candidate pairs, under an {@link Assignment} rule and with competing pairs weighed against
 * each other ({@link CompetingAssignment}) — or, to find the links within one side for clustering
 * ({@code everyPair}), every pair at or above the threshold.
 *
 * <p>Holds the accepted links as rows. Single-threaded and deterministic: the result depends only
 * on the data, the candidates (whose order is fixed) and the settings. Immutable once built.
 */
public final class Decisions {
  /** Pass index of a probabilistic link. */
  public static final int PROBABILISTIC = Integer.MAX_VALUE;

  private final int[] left;
  private final int[] right;
  private final int[] pass;
  private final double[] probability;
  private final int[] candidate;
  private final int size;
  private final boolean[] leftLinked;
  private final boolean[] rightLinked;
  private final Map<String, Long> byMethod;
  private final long above;
  private final double[] candidateWeights;
  private final int[] ambiguous;
  private final double[] ambiguousProbability;
  private final double floorUsed;

  private Decisions(int[] left, int[] right, int[] pass, double[] probability, int[] candidate, int size,
      boolean[] leftLinked, boolean[] rightLinked,
      Map<String, Long> byMethod, long above, double[] candidateWeights, int[] ambiguous,
      double[] ambiguousProbability, double floorUsed) {
    this.floorUsed = floorUsed;
    this.left = left;
    this.right = right;
    this.pass = pass;
    this.probability = probability;
    this.candidate = candidate;
    this.size = size;
    this.leftLinked = leftLinked;
    this.rightLinked = rightLinked;
    this.byMethod = byMethod;
    this.above = above;
    this.candidateWeights = candidateWeights;
    this.ambiguous = ambiguous;
    this.ambiguousProbability = ambiguousProbability;
  }

  /**
   * Candidate indexes of the pairs held back for clerical review: at or above the threshold on
   * their own, but not once their competitors are taken into account ({@link CompetingAssignment}).
   * In decision order. Shared array: do not modify.
   */
  public int[] ambiguous() {
    return ambiguous;
  }

  /** For each {@link #ambiguous()} pair, its match probability given its competitors. Shared: do not modify. */
  public double[] ambiguousProbability() {
    return ambiguousProbability;
  }

  /** The match weight of every candidate pair, in candidate order (empty without a probabilistic pass). */
  public double[] candidateWeights() {
    return candidateWeights;
  }

  /**
   * Decides which pairs link.
   *
   * @param passes match keys run first ({@code null} or empty for none)
   * @param comparisons the compiled comparisons, to score the pairs a pass would link (see
   *     {@link DeterministicCascade.PairCheck}); {@code null} links every pair a pass finds
   * @param scorer scores the candidates; {@code null} skips the probabilistic pass
   * @param threshold smallest match probability of a probabilistic link
   * @param assignment how many links a record may be in (ignored with {@code everyPair})
   * @param everyPair accept every pair at or above the threshold, whether or not its records are
   *     already linked — the within-side links of clustering, where one person has many records
   * @param sidesRepeat whether a side may hold one person several times (a run that also groups
   *     each side's records into persons): a record's candidates are then not rivals, and pairs are
   *     decided on their own probability even one-to-one
   * @param probabilisticName the method name of probabilistic links, for {@link #byMethod}
   */
  public static Decisions decide(List<MatchKeySpec> passes, EncodedData data, Comparison[] comparisons,
      CandidatePairs cands, MatchScorer scorer, double threshold, Assignment assignment, boolean everyPair,
      boolean sidesRepeat, String probabilisticName) {
    return decide(passes, data, comparisons, cands, scorer, threshold, assignment, everyPair, sidesRepeat,
        probabilisticName, null, null, null, null);
  }

  /**
   * As {@link #decide(List, EncodedData, Comparison[], CandidatePairs, MatchScorer, double, Assignment,
   * boolean, boolean, String)}, the match-key passes run over some rows only ({@code null} for all;
   * see {@link DeterministicCascade#run(List, EncodedData, boolean[], boolean[], DeterministicCascade.Mode,
   * DeterministicCascade.PairCheck, int[], int[])}; grouped by key by {@code cascadeGroups} when not
   * {@code null}), and the rounds of competing assignment opened
   * by {@code rounds} ({@code null}: over all candidates in this thread; see {@link ComponentRounds}).
   */
  public static Decisions decide(List<MatchKeySpec> passes, EncodedData data, Comparison[] comparisons,
      CandidatePairs cands, MatchScorer scorer, double threshold, Assignment assignment, boolean everyPair,
      boolean sidesRepeat, String probabilisticName, int[] cascadeLeftRows, int[] cascadeRightRows,
      DeterministicCascade.KeyGroups cascadeGroups, ComponentRounds.Opener rounds) {
    int nl = data.leftSize();
    boolean[] leftLinked = new boolean[nl];
    boolean[] rightLinked = data.isDeduplication() ? leftLinked : new boolean[data.rightSize()];
    Map<String, Long> byMethod = new LinkedHashMap<>();
    Rows rows = new Rows();
    double minWeight = FellegiSunterModel.weightOf(threshold);
    double[] weights = scorer == null ? new double[0] : weightsOf(cands, scorer);
    boolean competing = competing(scorer != null, assignment, everyPair, data.isDeduplication(), sidesRepeat);
    double floorUsed = scorer == null ? Double.POSITIVE_INFINITY : minWeight;
    double expected = scorer == null ? 0 : scorer.model().lambda() * data.leftSize() * data.rightSize();
    if (passes != null && !passes.isEmpty()) {
      for (MatchKeySpec k : passes) {
        byMethod.put(k.name(), 0L);
      }
      DeterministicCascade.Mode mode = assignment == Assignment.MANY_TO_ONE
          ? DeterministicCascade.Mode.MANY_TO_ONE : DeterministicCascade.Mode.ONE_TO_ONE;
      // a key shared by chance is not an identifier: where a model is trained, a pass links only
      // pairs the model finds likely enough — one-to-one, given the other candidates of both
      // records; otherwise on their own
      DeterministicCascade.PairCheck check;
      PairComparer.PatternOf patterns = scorer == null || comparisons == null ? null
          : PairComparer.patterns(comparisons);
      if (patterns == null) {
        check = DeterministicCascade.PairCheck.ANY;
      } else if (competing) {
        floorUsed = Math.min(floorUsed, minWeight - CompetingAssignment.COMPETITOR_BITS);
        check = CompetingAssignment.matchKeyCheck(cands::left, cands::right, weights, minWeight, threshold,
            expected / Math.max(1, data.leftSize()), expected / Math.max(1, data.rightSize()), data.leftSize(),
            data.rightSize(), (l, r) -> scorer.weight(patterns.of(l, r), l));
      } else {
        check = (l, r) -> scorer.weight(patterns.of(l, r), l) >= minWeight;
      }
      long[] perPass = new long[passes.size()]; // counted here: a boxed sum per link was garbage
      for (DeterministicCascade.Link link : DeterministicCascade.run(passes, data, leftLinked, rightLinked, mode,
          check, cascadeLeftRows, cascadeRightRows, cascadeGroups)) {
        rows.add(link.left(), link.right(), link.pass(), Double.NaN, -1);
        perPass[link.pass()]++;
      }
      for (int p = 0; p < perPass.length; p++) {
        byMethod.merge(passes.get(p).name(), perPass[p], Long::sum);
      }
    }
    long above = 0;
    int[] ambiguous = new int[0];
    double[] ambiguousProbability = new double[0];
    if (scorer != null) {
      byMethod.put(probabilisticName, 0L);
      int[] eligible = atLeast(weights, minWeight);
      int n = eligible.length;
      above = n;
      int[] accepted;
      double[] acceptedProbability = null;
      if (everyPair) {
        java.util.Set<Long> cascade = new java.util.HashSet<>();
        for (int i = 0; i < rows.size; i++) {
          cascade.add(pairKey(rows.left[i], rows.right[i], data.isDeduplication()));
        }
        int kept = 0;
        accepted = new int[n];
        for (int k = 0; k < n; k++) { // candidate order: already deterministic
          int i = eligible[k];
          if (!cascade.contains(pairKey(cands.left(i), cands.right(i), data.isDeduplication()))) {
            accepted[kept++] = i;
          }
        }
        accepted = Arrays.copyOf(accepted, kept);
        for (int i : accepted) {
          leftLinked[cands.left(i)] = true;
          rightLinked[cands.right(i)] = true;
        }
      } else if (!competing) {
        // a right record's candidates are not rival explanations here: one person's many education
        // records are all true matches of it, so each pair is decided on its own probability
        accepted = GreedyAssignment.assign(cands::left, cands::right, weights, eligible, n, assignment, leftLinked,
            rightLinked);
      } else {
        Rounds decided = competingRounds(cands::left, cands::right, weights, minWeight, threshold, expected,
            rows.size, data.leftSize(), data.rightSize(), leftLinked, rightLinked, rounds);
        floorUsed = Math.min(floorUsed, decided.floorUsed);
        accepted = decided.accepted.indexes();
        acceptedProbability = decided.accepted.probabilities();
        ambiguous = decided.ambiguous;
        ambiguousProbability = decided.ambiguousProbability;
      }
      for (int k = 0; k < accepted.length; k++) {
        int i = accepted[k];
        rows.add(cands.left(i), cands.right(i), PROBABILISTIC,
            acceptedProbability == null ? Double.NaN : acceptedProbability[k], i);
      }
      byMethod.put(probabilisticName, (long) accepted.length);
    }
    return new Decisions(rows.left, rows.right, rows.pass, rows.probability, rows.candidate, rows.size, leftLinked,
        rightLinked, byMethod, above, weights, ambiguous, ambiguousProbability, floorUsed);
  }

  // the loops over every candidate are methods of their own: a loop in a long method is compiled
  // on the stack with all of the method after it, which costs the compiler seconds

  /** Every candidate's match weight, in candidate order. */
  private static double[] weightsOf(CandidatePairs cands, MatchScorer scorer) {
    double[] weights = new double[cands.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = scorer.weight(cands.pattern(i), cands.left(i));
    }
    return weights;
  }

  /** The candidates whose weight is at least {@code minWeight}, in candidate order. */
  private static int[] atLeast(double[] weights, double minWeight) {
    int[] eligible = new int[16];
    int n = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] >= minWeight) {
        if (n == eligible.length) {
          eligible = Arrays.copyOf(eligible, n * 2);
        }
        eligible[n++] = i;
      }
    }
    return Arrays.copyOf(eligible, n);
  }

  /** At most this many rounds of competing assignment; each after the first only follows up on the last. */
  static final int MAX_ROUNDS = 8;

  /** The outcome of the competing rounds: links and the pairs held back, in decision order. */
  record Rounds(CompetingAssignment.Picks accepted, int[] ambiguous, double[] ambiguousProbability,
      double floorUsed) {}

  /**
   * Competing assignment in rounds over the records still unlinked. A weight carries the prior of a
   * pair from the whole sides. Once some records are explained by links, a true pair whose pattern
   * could not link in an earlier round is still among the unlinked records, while the non-matching
   * pairs of its pattern thin out with the unlinked pairs: its odds there are its whole-side odds
   * times (left rows × right rows) / (unlinked left × unlinked right). So each round scores with that
   * shift ({@code priorBits}, at most {@link #MAX_PRIOR_BITS}) and the next round takes up what the
   * last one left, until a round links nothing more. Pairs held back for review are those still
   * held, with both records unlinked, at the end.
   *
   * @param expected the trained λ's expected matches over the whole sides
   * @param linkedBefore links the match-key passes made
   */
  static Rounds competingRounds(IntUnaryOperator left, IntUnaryOperator right, double[] weights, double minWeight,
      double threshold, double expected, int linkedBefore, int leftRows, int rightRows, boolean[] leftLinked,
      boolean[] rightLinked) {
    return competingRounds(left, right, weights, minWeight, threshold, expected, linkedBefore, leftRows, rightRows,
        leftLinked, rightLinked, null);
  }

  /**
   * As {@link #competingRounds(IntUnaryOperator, IntUnaryOperator, double[], double, double, double, int, int,
   * int, boolean[], boolean[])}, each round run by the runner {@code opener} opens before the first
   * ({@code null}: over all candidates here). The shift and match rates of a round come from the
   * links of every component so far, summed here between rounds.
   */
  static Rounds competingRounds(IntUnaryOperator left, IntUnaryOperator right, double[] weights, double minWeight,
      double threshold, double expected, int linkedBefore, int leftRows, int rightRows, boolean[] leftLinked,
      boolean[] rightLinked, ComponentRounds.Opener opener) {
    ComponentRounds.Candidates candidates = new ComponentRounds.Candidates(left, right, weights,
        minWeight - CompetingAssignment.COMPETITOR_BITS - PRIOR_MARGIN_BITS, leftRows, rightRows);
    ComponentRounds.Runner runner = null;
    CompetingAssignment.Picks accepted = new CompetingAssignment.Picks();
    Map<Integer, Double> held = new LinkedHashMap<>();
    double floorUsed = Double.POSITIVE_INFINITY;
    int linked = linkedBefore;
    int freeLeft = leftRows - count(leftLinked);
    int freeRight = rightRows - count(rightLinked);
    for (int round = 0; round < MAX_ROUNDS && freeLeft > 0 && freeRight > 0; round++) {
      // the share of still-unlinked records with a match: the trained λ's expected matches, less the links so far
      double remaining = expected - linked;
      if (remaining <= 0) {
        break;
      }
      double priorBits = Math.min(MAX_PRIOR_BITS,
          log2((double) leftRows / freeLeft) + log2((double) rightRows / freeRight));
      double floor = Math.max(minWeight - priorBits - CompetingAssignment.COMPETITOR_BITS,
          minWeight - CompetingAssignment.COMPETITOR_BITS - PRIOR_MARGIN_BITS);
      floorUsed = Math.min(floorUsed, floor);
      if (runner == null) { // opened only if a round runs: an engine's components cost a pass over the pairs
        runner = opener == null ? ComponentRounds.inProcess(candidates)
            : opener.open(candidates, leftLinked, rightLinked);
      }
      ComponentRounds.Outcome outcome = runner.run(new ComponentRounds.Round(minWeight, floor, threshold,
          remaining / freeLeft, remaining / freeRight, priorBits), leftLinked, rightLinked);
      for (int k = 0; k < outcome.accepted().length; k++) {
        accepted.add(outcome.accepted()[k], outcome.acceptedProbability()[k]);
      }
      for (int k = 0; k < outcome.ambiguous().length; k++) {
        held.put(outcome.ambiguous()[k], outcome.ambiguousProbability()[k]);
      }
      int n = outcome.accepted().length;
      if (n == 0) {
        break;
      }
      linked += n;
      freeLeft -= n;
      freeRight -= n;
    }
    int[] ambiguous = new int[held.size()];
    double[] ambiguousProbability = new double[held.size()];
    int n = 0;
    for (Map.Entry<Integer, Double> e : held.entrySet()) {
      int i = e.getKey();
      if (!leftLinked[left.applyAsInt(i)] && !rightLinked[right.applyAsInt(i)]) {
        ambiguous[n] = i;
        ambiguousProbability[n++] = e.getValue();
      }
    }
    return new Rounds(accepted, Arrays.copyOf(ambiguous, n), Arrays.copyOf(ambiguousProbability, n),
        floorUsed == Double.POSITIVE_INFINITY ? minWeight : floorUsed);
  }

  /**
   * The largest shift of the prior of still-unlinked pairs ({@link #competingRounds}): 8 bits, a
   * pool 256 times thinner than the whole sides. It bounds how far the model's tail, the patterns
   * whose probabilities the independence of fields is least sure of, is ever amplified.
   */
  static final double MAX_PRIOR_BITS = 8;

  /**
   * Bits below the threshold weight, beyond {@link CompetingAssignment#COMPETITOR_BITS}, of the
   * weakest candidate that competes: a streamed run keeps pairs down to there. Under a larger prior
   * shift, the candidates below it would add at most 2^-(COMPETITOR_BITS + PRIOR_MARGIN_BITS -
   * MAX_PRIOR_BITS) of the threshold odds each to a record's competitors; they are left out in every
   * run alike, so streamed and in-memory runs decide the same.
   */
  static final double PRIOR_MARGIN_BITS = 4;

  /**
   * Whether a run's sides may each hold one person several times: it groups records into persons
   * and links each side with itself.
   */
  public static boolean sidesRepeat(LinkageSpec spec) {
    return spec.clustering().enabled() && spec.clustering().deduplicateSides();
  }

  /**
   * Whether one-to-one decisions weigh each pair against its competitors (and so read candidates
   * below the threshold weight).
   */
  public static boolean competing(boolean scored, Assignment assignment, boolean everyPair, boolean deduplication,
      boolean sidesRepeat) {
    return scored && !everyPair && !deduplication && !sidesRepeat && assignment == Assignment.ONE_TO_ONE;
  }

  /**
   * The weight floor a run that does not hold every candidate keeps pairs at first: the threshold
   * weight, less what competing decisions may read. If {@link #floorUsed} of the decisions turns
   * out lower, the pairs must be kept again down to it.
   */
  public static double keepFloor(double threshold, boolean competing) {
    double minWeight = FellegiSunterModel.weightOf(threshold);
    return competing ? minWeight - CompetingAssignment.COMPETITOR_BITS - PRIOR_MARGIN_BITS : minWeight;
  }

  /**
   * The lowest candidate weight these decisions read: deciding on only the candidates at or above
   * any floor no higher than this gives the same decisions (and {@link #above()}) as on all.
   */
  public double floorUsed() {
    return floorUsed;
  }

  private static long pairKey(int l, int r, boolean unordered) {
    if (unordered && r < l) {
      int t = l;
      l = r;
      r = t;
    }
    return (long) l << 32 | (r & 0xFFFFFFFFL);
  }

  /** Number of accepted links. */
  public int size() {
    return size;
  }

  /** Left row of accepted link {@code i}. */
  public int left(int i) {
    return left[i];
  }

  /** Right row of accepted link {@code i}. */
  public int right(int i) {
    return right[i];
  }

  /**
   * The probability of probabilistic link {@code i} given its competitors (see
   * {@link CompetingAssignment}); NaN for a match-key link and for links within one side.
   */
  public double probability(int i) {
    return probability[i];
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  /**
   * The candidate index of probabilistic link {@code i}, whose weight is in {@link #candidateWeights()};
   * {@code -1} for a match-key link (its pair need not be a candidate).
   */
  public int candidate(int i) {
    return candidate[i];
  }

  /** Index of the pass that made link {@code i}, or {@link #PROBABILISTIC}. */
  public int pass(int i) {
    return pass[i];
  }

  /** Whether each left row is in a link. Shared array: do not modify. */
  public boolean[] leftLinked() {
    return leftLinked;
  }

  /** Whether each right row is in a link (the left array in deduplication). Shared: do not modify. */
  public boolean[] rightLinked() {
    return rightLinked;
  }

  /** Links per pass name and the probabilistic pass, in pass order. */
  public Map<String, Long> byMethod() {
    return byMethod;
  }

  /** Candidate pairs at or above the threshold, before assignment. */
  public long above() {
    return above;
  }

  /** Link indexes ordered by left row, then right row. */
  public int[] sortedByRows() {
    return sortedByRows(0, 0);
  }

  /**
   * The indexes of the links with a left row from {@code fromLeft} or a right row from {@code
   * fromRight}, ordered as {@link #sortedByRows()} orders them (an update's new links: the others
   * are not sorted at all).
   */
  public int[] sortedByRows(int fromLeft, int fromRight) {
    int[] order = new int[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (left[i] >= fromLeft || right[i] >= fromRight) {
        order[n++] = i;
      }
    }
    order = n == size ? order : java.util.Arrays.copyOf(order, n);
    IndexSort.sort(order, (a, b) -> {
      int c = Integer.compare(left[a], left[b]);
      return c != 0 ? c : Integer.compare(right[a], right[b]);
    });
    return order;
  }

  private static final class Rows {
    int[] left = new int[1024];
    int[] right = new int[1024];
    int[] pass = new int[1024];
    double[] probability = new double[1024];
    int[] candidate = new int[1024];
    int size;

    void add(int l, int r, int p, double prob, int cand) {
      if (size == left.length) {
        left = Arrays.copyOf(left, size * 2);
        right = Arrays.copyOf(right, size * 2);
        pass = Arrays.copyOf(pass, size * 2);
        probability = Arrays.copyOf(probability, size * 2);
        candidate = Arrays.copyOf(candidate, size * 2);
      }
      left[size] = l;
      right[size] = r;
      pass[size] = p;
      probability[size] = prob;
      candidate[size] = cand;
      size++;
    }
  }
}
