package org.linkage.internal.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.linkage.internal.block.RuleKeys;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.pattern.Patterns;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;

/**
 * High-confidence links used as labels for m: for each comparison c, the candidate pairs whose
 * <em>other</em> comparisons leave no reasonable doubt that they are the same person, with c's own
 * level left free. The share of those pairs at each of c's levels estimates c's m.
 *
 * <p>A pair is a seed for c when
 * <ol>
 *   <li>the exact agreements of the comparisons <em>unrelated</em> to c (reading none of c's
 *       columns) are improbable by chance: the sum over them of
 *       {@code -log2(share of right records with the left record's value)} (for comparisons on a
 *       dictionary-encoded column; {@code -log2(u_exact)} otherwise) is at least
 *       {@code log2(right records) + MARGIN_BITS}, so fewer than {@code 2^-MARGIN_BITS} right records
 *       would agree that well with the left record by chance. Related comparisons (a forename
 *       comparison that reads the surname for swaps) neither count nor need to agree;
 *   <li>with one-to-one records, it is the only such pair of its left record and of its right
 *       record for c (twins and same-name strangers sharing every other field make two, so neither
 *       is used);
 *   <li>a blocking rule that reads none of the related comparisons' columns generates it, so
 *       blocking did not choose the pair by c's own agreement.
 * </ol>
 * Given the match, errors in different fields are taken as independent (the Fellegi–Sunter
 * assumption itself), so selecting on the other fields leaves c's level distribution unbiased.
 * This is identifiable where EM on candidate pairs is not: when hundreds of people share a name,
 * most candidate pairs are look-alike non-matches and EM may settle on the wrong mixture.
 *
 * <p>Stateless; one pass over the candidates, O(candidates × comparisons), plus a blocking-key
 * check per seed. Deterministic.
 */
final class SeedLinks {
  /** Safety margin of condition 1, in bits: at most 1/1024 chance agreements per left record. */
  static final double MARGIN_BITS = 10;

  private SeedLinks() {}

  /**
   * Seed pairs per comparison.
   *
   * @param counts {@code [c][level-1]}: seeds for c at each non-null level of c
   * @param seeds {@code [c]}: number of seeds for c (null levels of c excluded)
   */
  record Result(long[][] counts, long[] seeds) {}

  static Result find(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data, RuleKeys ruleKeys,
      CandidatePairs candidates, double[][] u, boolean uniqueOnBothSides) {
    return find(comparisons, data, ruleKeys, candidates, new Surprise(comparisons, specs, data, u), uniqueOnBothSides);
  }

  /**
   * Condition 1's arithmetic, prepared once: how surprising each exact agreement of a pair is.
   * Immutable and thread-safe, so a streaming pass can keep only the pairs it passes
   * ({@link #convincing}); {@link #find} on those gives what it gives on every candidate.
   */
  static final class Surprise {
    private final int nc;
    private final double needed;
    private final double[][] bitsByValue;
    private final int[][] leftCodes;
    private final double[] averageBits;

    Surprise(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data, double[][] u) {
      nc = comparisons.size();
      int rightSize = data.isDeduplication() ? data.leftSize() : data.rightSize();
      needed = log2(Math.max(2, rightSize)) + MARGIN_BITS;
      bitsByValue = new double[nc][];
      leftCodes = new int[nc][];
      averageBits = new double[nc];
      // each comparison's table on its own (a pass over a side's codes and a logarithm per value):
      // in parallel, each writing only its own slots
      java.util.stream.IntStream.range(0, nc).parallel().forEach(c -> {
        averageBits[c] = -log2(Math.max(1e-12, u[c][0]));
        EncodedColumn column = data.column(specs.get(c).column());
        if (column != null && column.dictionary() != null) {
          leftCodes[c] = column.left();
          bitsByValue[c] = surprise(data.isDeduplication() ? column.left() : column.right(),
              column.dictionary().size());
        }
      });
    }

    /** The bits of comparison {@code c}'s exact agreement for a pair whose left record is {@code left}. */
    double bits(int c, int left) {
      return bitsByValue[c] != null ? bitsByValue[c][leftCodes[c][left]] : averageBits[c];
    }

    /**
     * Whether all exact agreements of a pair together reach the bits a seed needs (else it is none),
     * given its left record's bits per comparison ({@link #bitsOf}).
     */
    boolean convincing(long pattern, double[] leftBits) {
      double total = 0;
      for (int c = 0; c < nc; c++) {
        if (Patterns.level(pattern, c) == 1) {
          total += leftBits[c];
        }
      }
      return total >= needed;
    }

    /**
     * Fills {@code out} with left row {@code left}'s bits per comparison (0 where it has no value, so
     * no exact agreement) and returns their sum, added in comparison order: no pair of the row has more
     * (bits are never negative, and rounding keeps a sum of more of them at least as large).
     */
    double bitsOf(int left, double[] out) {
      double all = 0;
      for (int c = 0; c < nc; c++) {
        out[c] = bitsByValue[c] == null ? averageBits[c]
            : leftCodes[c][left] >= 0 ? bitsByValue[c][leftCodes[c][left]] : 0;
        all += out[c];
      }
      return all;
    }

    /** Number of comparisons. */
    int comparisons() {
      return nc;
    }

    /** The bits a seed needs. */
    double needed() {
      return needed;
    }
  }

  static Result find(List<Comparison> comparisons, EncodedData data, RuleKeys ruleKeys, CandidatePairs candidates,
      Surprise surprise, boolean uniqueOnBothSides) {
    int nc = comparisons.size();
    int rightSize = data.isDeduplication() ? data.leftSize() : data.rightSize();
    double needed = surprise.needed;
    // comparisons reading a column c reads are "related" to c: their agreement may move with c's
    // (a forename/surname swap), so they neither vouch for a seed of c nor are required to agree
    int[] related = new int[nc];
    List<Set<String>> columnsOfRelated = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      Set<String> columns = new HashSet<>();
      for (int d = 0; d < nc; d++) {
        if (!Collections.disjoint(comparisons.get(c).columns(), comparisons.get(d).columns())) {
          related[c] |= 1 << d;
          columns.addAll(comparisons.get(d).columns());
        }
      }
      columnsOfRelated.add(columns);
    }
    // blocking rules that may vouch for a seed of c: those reading no column of c's related comparisons
    List<BlockingRuleSpec> rules = ruleKeys.rules();
    int[][] unbiasedRules = new int[nc][];
    for (int c = 0; c < nc; c++) {
      List<Integer> ok = new ArrayList<>();
      for (int r = 0; r < rules.size(); r++) {
        if (Collections.disjoint(columnsOfRelated.get(c), rules.get(r).columns())) {
          ok.add(r);
        }
      }
      unbiasedRules[c] = ok.stream().mapToInt(Integer::intValue).toArray();
    }

    // pass 1: which candidates the other comparisons vouch for, per comparison
    int n = candidates.size();
    byte[][] leftCount = new byte[nc][];
    byte[][] rightCount = new byte[nc][];
    for (int c = 0; c < nc; c++) {
      leftCount[c] = new byte[data.leftSize()];
      rightCount[c] = new byte[rightSize];
    }
    IntList chosen = new IntList();
    IntList chosenFor = new IntList();
    double[] bits = new double[nc];
    for (int i = 0; i < n; i++) {
      long pattern = candidates.pattern(i);
      int left = candidates.left(i);
      double total = 0;
      for (int c = 0; c < nc; c++) {
        bits[c] = 0;
        if (Patterns.level(pattern, c) == 1) {
          bits[c] = surprise.bits(c, left);
          total += bits[c];
        }
      }
      if (total < needed) {
        continue; // the common case: not even all exact agreements together are convincing
      }
      int forMask = 0;
      for (int c = 0; c < nc; c++) {
        if (Patterns.level(pattern, c) == 0) {
          continue;
        }
        double others = total;
        for (int d = 0; d < nc; d++) {
          if ((related[c] & (1 << d)) != 0) {
            others -= bits[d];
          }
        }
        if (others >= needed) {
          forMask |= 1 << c;
          saturatingIncrement(leftCount[c], left);
          saturatingIncrement(rightCount[c], candidates.right(i));
        }
      }
      if (forMask != 0) {
        chosen.add(i);
        chosenFor.add(forMask);
      }
    }

    // pass 2: count c's levels among its seeds
    long[][] counts = new long[nc][];
    for (int c = 0; c < nc; c++) {
      counts[c] = new long[comparisons.get(c).levelCount()];
    }
    long[] seeds = new long[nc];
    for (int k = 0; k < chosen.size; k++) {
      int i = chosen.values[k];
      int left = candidates.left(i);
      int right = candidates.right(i);
      long pattern = candidates.pattern(i);
      for (int c = 0; c < nc; c++) {
        if ((chosenFor.values[k] & (1 << c)) == 0) {
          continue;
        }
        // another pair of these records is as convincing (twins, same-name strangers): use neither
        if (uniqueOnBothSides && (leftCount[c][left] > 1 || rightCount[c][right] > 1)) {
          continue;
        }
        if (!vouched(ruleKeys, unbiasedRules[c], left, right)) {
          continue;
        }
        counts[c][Patterns.level(pattern, c) - 1]++;
        seeds[c]++;
      }
    }
    return new Result(counts, seeds);
  }

  private static void saturatingIncrement(byte[] count, int row) {
    if (count[row] < 2) {
      count[row]++;
    }
  }

  private static boolean vouched(RuleKeys ruleKeys, int[] rules, int left, int right) {
    for (int r : rules) {
      if (ruleKeys.shares(r, left, right)) {
        return true;
      }
    }
    return false;
  }

  /** {@code -log2} of each value's share among the non-missing codes of one side. */
  private static double[] surprise(int[] codes, int dictionarySize) {
    long[] count = new long[dictionarySize];
    long total = 0;
    for (int code : codes) {
      if (code >= 0) {
        count[code]++;
        total++;
      }
    }
    double[] bits = new double[dictionarySize];
    for (int v = 0; v < dictionarySize; v++) {
      // a value absent from this side cannot agree exactly; its entry is never read
      bits[v] = count[v] == 0 ? 0 : -log2((double) count[v] / total);
    }
    return bits;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** A growable int array. */
  private static final class IntList {
    int[] values = new int[1024];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
