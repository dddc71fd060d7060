package org.linkage.internal.train;

import java.util.List;
import org.linkage.internal.block.RuleKeys;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.pattern.Patterns;
import org.linkage.model.FellegiSunterModel;
import org.linkage.spec.ComparisonSpec;
import org.linkage.spec.TrainingSpec;

/**
 * What training needs of the candidate pairs, gathered pair by pair so the pairs themselves need not
 * be held: how many there are (per blocking rule), the pattern counts of the pairs sharing each
 * training rule's key (EM per rule), the few pairs that may be seed links ({@link SeedLinks}), and
 * the pairs grouped by everything their match weight depends on — pattern and the term-frequency
 * values of exact agreements — for the λ fit. Training on a summary gives the model training on
 * every held pair gives.
 *
 * <p>One summary per chunk of left rows, filled by one thread ({@link #pair}), then appended to the
 * run's summary in chunk order ({@link #append}); not thread-safe. The shared {@link Plan} is.
 */
public final class CandidateSummary implements PairComparer.ComparedSink, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  // not shipped: a summary filled by another process is only appended to one of this process
  private final transient Plan plan;
  private long size;
  private final long[] byRule;
  private final PatternCounts[] sharingKey;
  private final CandidatePairs.Buffer seeds = new CandidatePairs.Buffer();
  private final WeightGroups groups;
  /** {@link #convincing}'s left record, its bits per comparison (0 where it has no value) and their sum. */
  private transient int bitsLeft = -1;
  private transient double[] leftBits;
  private transient double leftAllBits;

  private CandidateSummary(Plan plan) {
    this.plan = plan;
    this.byRule = new long[plan.ruleKeys.size()];
    this.sharingKey = new PatternCounts[byRule.length];
    for (int r = 0; r < byRule.length; r++) {
      sharingKey[r] = plan.trainRule[r] ? new PatternCounts() : null;
    }
    this.groups = plan.tfCodes == null ? null : new WeightGroups(plan.tfComparisons.length);
  }

  /**
   * What to gather, prepared once per run: immutable and thread-safe.
   */
  public static final class Plan {
    private final RuleKeys ruleKeys;
    private final boolean[] trainRule;
    /** The rules with {@link #trainRule} set, in order. */
    private final int[] trainRules;
    private final SeedLinks.Surprise surprise;
    private final int[] tfComparisons;
    private final int[][] tfCodes;

    private Plan(RuleKeys ruleKeys, boolean[] trainRule, SeedLinks.Surprise surprise, int[] tfComparisons,
        int[][] tfCodes) {
      this.ruleKeys = ruleKeys;
      this.trainRule = trainRule;
      this.trainRules = java.util.stream.IntStream.range(0, trainRule.length).filter(r -> trainRule[r]).toArray();
      this.surprise = surprise;
      this.tfComparisons = tfComparisons;
      this.tfCodes = tfCodes;
    }

    /** A fresh, empty summary under this plan (one per chunk). */
    public CandidateSummary start() {
      return new CandidateSummary(this);
    }
  }

  /**
   * Everything training needs ({@link Training#train}); {@code u} from random pairs
   * ({@link Training#sampleU}) judges which pairs may be seed links.
   */
  public static Plan forTraining(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, double[][] u, TrainingSpec spec) {
    return forTraining(comparisons, specs, data, ruleKeys, u, spec, true);
  }

  /**
   * As above; without {@code ruleCounts} the pattern counts per training rule (EM's input) are left
   * out, which saves a key test per training rule per pair (see {@link Training#needsRuleCounts}).
   */
  public static Plan forTraining(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, double[][] u, TrainingSpec spec, boolean ruleCounts) {
    return forTraining(comparisons, specs, data, ruleKeys, u, spec, ruleCounts, true);
  }

  /**
   * As above; without {@code weightGroups} the weight groups are left out too, for a run that
   * gives the λ fit every pair again instead ({@link Training.PairWeights}): inserting each pair
   * into them is about a third of what a pass costs per pair.
   */
  public static Plan forTraining(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, double[][] u, TrainingSpec spec, boolean ruleCounts, boolean weightGroups) {
    boolean[] trainRule = new boolean[ruleKeys.size()];
    for (int r = 0; r < trainRule.length; r++) {
      trainRule[r] = ruleCounts && spec.trainsOn(ruleKeys.rules().get(r).name());
    }
    if (!weightGroups) {
      return new Plan(ruleKeys, trainRule, new SeedLinks.Surprise(comparisons, specs, data, u), new int[0], null);
    }
    int adjusted = (int) specs.stream().filter(ComparisonSpec::termFrequency).count();
    int[] tfComparisons = new int[adjusted];
    int[][] codes = new int[adjusted][];
    int k = 0;
    for (int c = 0; c < specs.size(); c++) {
      if (specs.get(c).termFrequency()) { // the columns TermFrequencies adjusts, in its order
        tfComparisons[k] = c;
        codes[k] = data.column(specs.get(c).column()).left();
        k++;
      }
    }
    return new Plan(ruleKeys, trainRule, new SeedLinks.Surprise(comparisons, specs, data, u), tfComparisons, codes);
  }

  /**
   * Only the counts and the possible seed links under a given model's u, to check the model
   * ({@link Training#contradictions}).
   */
  public static Plan forModel(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, FellegiSunterModel model) {
    return new Plan(ruleKeys, new boolean[ruleKeys.size()],
        new SeedLinks.Surprise(comparisons, specs, data, Training.uOf(model)), new int[0], null);
  }

  /** Only the counts per blocking rule (no model to train or check). */
  public static Plan countsOnly(RuleKeys ruleKeys) {
    return new Plan(ruleKeys, new boolean[ruleKeys.size()], null, new int[0], null);
  }

  /** The summary of held pairs, in their order. */
  public static CandidateSummary of(CandidatePairs candidates, Plan plan) {
    CandidateSummary s = plan.start();
    for (int i = 0; i < candidates.size(); i++) {
      s.pair(candidates.left(i), candidates.right(i), candidates.pattern(i), candidates.rule(i));
    }
    return s;
  }

  @Override
  public void pair(int left, int right, long pattern, int rule) {
    size++;
    byRule[rule]++;
    for (int r : plan.trainRules) {
      if (plan.ruleKeys.shares(r, left, right)) {
        sharingKey[r].add(pattern, 1);
      }
    }
    if (plan.surprise != null && convincing(pattern, left)) {
      seeds.add(left, right, pattern, rule);
    }
    if (groups != null) {
      groups.add(pattern, left, plan, 1);
    }
  }

  /**
   * {@link SeedLinks.Surprise#convincing} of the pair, the left record's bits read once for all its
   * candidates (they come together): a pair cannot convince when even all the record's bits fall
   * short, and else the exact agreements' bits add up in the same order, so to the same total.
   */
  private boolean convincing(long pattern, int left) {
    if (left != bitsLeft) {
      if (leftBits == null) {
        leftBits = new double[plan.surprise.comparisons()];
      }
      leftAllBits = plan.surprise.bitsOf(left, leftBits);
      bitsLeft = left;
    }
    return leftAllBits >= plan.surprise.needed() && plan.surprise.convincing(pattern, leftBits);
  }

  /** Adds the next chunk's summary: its possible seed links come after this one's. */
  public void append(CandidateSummary next) {
    size += next.size;
    for (int r = 0; r < byRule.length; r++) {
      byRule[r] += next.byRule[r];
      if (sharingKey[r] != null) {
        sharingKey[r].addAll(next.sharingKey[r]);
      }
    }
    seeds.addAll(next.seeds);
    if (groups != null) {
      groups.addAll(next.groups);
    }
  }

  /** Number of candidate pairs. */
  public long size() {
    return size;
  }

  /** Candidate pairs per blocking rule (the rule that found each); a copy. */
  public long[] countsByRule() {
    return byRule.clone();
  }

  /** Pattern counts of the pairs sharing rule {@code r}'s key; {@code null} if it is no training rule. */
  PatternCounts sharingKey(int r) {
    return sharingKey[r];
  }

  /** The pairs that may be seed links, in candidate order (every other pair cannot be one). */
  public CandidatePairs seedCandidates() {
    return seeds.build();
  }

  /** Number of pairs that may be seed links. */
  public int seedCandidateCount() {
    return seeds.size();
  }

  /**
   * The pairs' weights for the λ fit from the weight groups: each group once, with its number of
   * pairs.
   *
   * @throws IllegalStateException if the plan left the groups out
   */
  public Training.PairWeights pairWeights() {
    if (groups == null) {
      throw new IllegalStateException("the weight groups were not gathered");
    }
    return visitors -> groups.forEach(visitors.get());
  }

  /**
   * Pairs counted by what their match weight depends on: the pattern and, for each
   * term-frequency-adjusted comparison agreeing exactly, the left record's value. Each group keeps
   * one left row of its own, so {@code scorer.weight(pattern, row)} is every member's weight.
   */
  static final class WeightGroups implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    // slots of an open-addressing table: pattern, one int code per adjusted comparison (-1 unless
    // it agrees exactly), count, left row + 1 (0: free): 20 + 4 bytes per adjusted comparison. The
    // λ fit bins the groups' weights into a histogram of counts, so neither the order groups are
    // visited in nor which member's row a group keeps changes the model.
    private final int adjusted;
    private long[] patterns;
    private int[] codes;
    private long[] counts;
    private int[] rows;
    private int size;
    private final int[] probe;

    WeightGroups(int adjusted) {
      this.adjusted = adjusted;
      probe = new int[adjusted];
      allocate(256);
    }

    private void allocate(int capacity) {
      patterns = new long[capacity];
      codes = new int[capacity * adjusted];
      counts = new long[capacity];
      rows = new int[capacity];
      size = 0;
    }

    void add(long pattern, int left, Plan plan, long n) {
      for (int k = 0; k < adjusted; k++) {
        probe[k] = Patterns.level(pattern, plan.tfComparisons[k]) == 1 ? plan.tfCodes[k][left] : -1;
      }
      add(pattern, probe, 0, left, n);
    }

    /** Adds {@code n} pairs of {@code pattern} whose adjusted comparisons' codes are {@code keyCodes[at..]}. */
    void add(long pattern, int[] keyCodes, int at, int row, long n) {
      int mask = counts.length - 1;
      int i = hash(pattern, keyCodes, at) & mask;
      while (rows[i] != 0 && !(patterns[i] == pattern && sameCodes(i, keyCodes, at))) {
        i = (i + 1) & mask;
      }
      if (rows[i] == 0) {
        patterns[i] = pattern;
        System.arraycopy(keyCodes, at, codes, i * adjusted, adjusted);
        rows[i] = row + 1;
        size++;
      }
      counts[i] += n;
      if (size * 4L > counts.length * 3L) { // three quarters full: a third fewer slots than half full
        grow();
      }
    }

    /** Slot {@code i}'s codes equal {@code keyCodes[at..]}: a plain loop, since there are only a few. */
    private boolean sameCodes(int i, int[] keyCodes, int at) {
      for (int k = 0, from = i * adjusted; k < adjusted; k++) {
        if (codes[from + k] != keyCodes[at + k]) {
          return false;
        }
      }
      return true;
    }

    private int hash(long pattern, int[] keyCodes, int at) {
      long h = pattern * 0x9E3779B97F4A7C15L;
      for (int k = 0; k < adjusted; k++) {
        h = (h + keyCodes[at + k]) * 0x9E3779B97F4A7C15L;
      }
      return (int) (h ^ (h >>> 29));
    }

    private void grow() {
      long[] op = patterns;
      int[] oc = codes;
      long[] on = counts;
      int[] or = rows;
      allocate(on.length * 2);
      for (int i = 0; i < on.length; i++) {
        if (or[i] != 0) {
          add(op[i], oc, i * adjusted, or[i] - 1, on[i]);
        }
      }
    }

    void addAll(WeightGroups other) {
      for (int i = 0; i < other.counts.length; i++) {
        if (other.rows[i] != 0) {
          add(other.patterns[i], other.codes, i * adjusted, other.rows[i] - 1, other.counts[i]);
        }
      }
    }

    /** Number of groups. */
    int size() {
      return size;
    }

    /** Visits every group: its pattern, a left row of it and its number of pairs. */
    void forEach(GroupVisitor visitor) {
      for (int i = 0; i < counts.length; i++) {
        if (rows[i] != 0) {
          visitor.group(patterns[i], rows[i] - 1, counts[i]);
        }
      }
    }
  }

  /** Receives one weight group: pairs with the same match weight. */
  @FunctionalInterface
  public interface GroupVisitor {
    /**
     * {@code count} pairs whose pattern is {@code pattern}, each with the weight of a pair of that
     * pattern whose left record is row {@code left}.
     */
    void group(long pattern, int left, long count);
  }
}
