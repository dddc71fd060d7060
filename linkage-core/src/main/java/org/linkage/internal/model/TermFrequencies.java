package org.linkage.internal.model;

import java.util.List;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.pattern.Patterns;

/**
 * Term-frequency adjustments: when a comparison marked {@code termFrequency} agrees exactly, the
 * model's u for "exact" (the chance that two random records agree on <em>some</em> value) is
 * replaced by the frequency of <em>this</em> value, so a shared rare surname weighs more than a
 * shared common one. The adjustment added to the weight is {@code log2(u_exact / f_v)}, with
 * {@code f_v} the share of non-missing values on both sides equal to {@code v} (Splink's method).
 * Frequencies come from the data being linked.
 *
 * <p>A side table keyed by value code (the codes of the column's dictionary), one per adjusted
 * comparison: how many records hold each value and the adjustment it earns. It knows no record
 * rows: whoever scores a pair passes the pair's value codes (for exact agreement the two records
 * share the code, so the left record's). Built once per run, O(records) per adjusted comparison;
 * the lookups are allocation-free and thread-safe.
 */
public final class TermFrequencies {
  /** Frequencies are floored here so a value seen once in a huge file still gets a finite weight. */
  static final double MIN_FREQUENCY = 1e-7;

  private final int[] comparisons; // indices of adjusted comparisons, ascending
  private final String[] columns; // per adjusted comparison, the column whose value codes key its table
  private final long[][] counts; // per adjusted comparison, per value code: records holding the value
  private final double[][] adjustment; // per adjusted comparison, per value code: log2(u_exact / f_v)

  private TermFrequencies(int[] comparisons, String[] columns, long[][] counts, double[][] adjustment) {
    this.comparisons = comparisons;
    this.columns = columns;
    this.counts = counts;
    this.adjustment = adjustment;
  }

  /** No adjustment at all. */
  public static TermFrequencies none() {
    return new TermFrequencies(new int[0], new String[0], new long[0][], new double[0][]);
  }

  /** Adjustments for the comparisons of {@code specs} that ask for them, under {@code model}'s u. */
  public static TermFrequencies of(List<ComparisonSpec> specs, EncodedData data, FellegiSunterModel model) {
    int n = (int) specs.stream().filter(ComparisonSpec::termFrequency).count();
    int[] idx = new int[n];
    String[] cols = new String[n];
    long[][] cnt = new long[n][];
    double[][] adj = new double[n][];
    int k = 0;
    for (int c = 0; c < specs.size(); c++) {
      ComparisonSpec spec = specs.get(c);
      if (!spec.termFrequency()) {
        continue;
      }
      EncodedColumn column = data.column(spec.column());
      long[] counts = new long[column.dictionary() == null ? 0 : column.dictionary().size()];
      long total = count(column.left(), counts);
      if (!data.isDeduplication()) {
        total += count(column.right(), counts);
      }
      double uExact = ComparisonModel.clamp(model.comparisons().get(c).u(1));
      double[] a = new double[counts.length];
      for (int v = 0; v < a.length; v++) {
        double f = total == 0 ? uExact : Math.max(MIN_FREQUENCY, (double) counts[v] / total);
        a[v] = FellegiSunterModel.log2(uExact / f);
      }
      idx[k] = c;
      cols[k] = spec.column();
      cnt[k] = counts;
      adj[k] = a;
      k++;
    }
    return new TermFrequencies(idx, cols, cnt, adj);
  }

  private static long count(int[] codes, long[] counts) {
    long total = 0;
    for (int code : codes) {
      if (code >= 0) {
        counts[code]++;
        total++;
      }
    }
    return total;
  }

  /** True when no comparison is adjusted. */
  public boolean isEmpty() {
    return comparisons.length == 0;
  }

  /** How many comparisons are adjusted; {@code k} below runs over {@code 0..size()-1}. */
  public int size() {
    return comparisons.length;
  }

  /** The index (in the spec) of the {@code k}-th adjusted comparison. */
  public int comparison(int k) {
    return comparisons[k];
  }

  /** The column whose value codes key the {@code k}-th adjusted comparison's table. */
  public String column(int k) {
    return columns[k];
  }

  /** Records (both sides) holding value {@code code} in the {@code k}-th adjusted comparison's column. */
  public long count(int k, int code) {
    return counts[k][code];
  }

  /** The adjustment exact agreement on value {@code code} earns in the {@code k}-th adjusted comparison. */
  public double adjustment(int k, int code) {
    return adjustment[k][code];
  }

  /**
   * The total adjustment of a pair with {@code pattern}: the sum, over the adjusted comparisons that
   * agree exactly, of the adjustment of the pair's value there.
   *
   * @param codes the pair's value code in each adjusted comparison's column, by {@code k}
   */
  public double adjustment(long pattern, int[] codes) {
    double w = 0;
    for (int k = 0; k < comparisons.length; k++) {
      if (Patterns.level(pattern, comparisons[k]) == 1) {
        w += adjustment[k][codes[k]];
      }
    }
    return w;
  }

  /**
   * The adjustment of comparison {@code c} alone (0 if not adjusted or not exact).
   *
   * @param code the pair's value code in {@code c}'s column
   */
  public double adjustment(int c, long pattern, int code) {
    for (int k = 0; k < comparisons.length; k++) {
      if (comparisons[k] == c && Patterns.level(pattern, c) == 1) {
        return adjustment[k][code];
      }
    }
    return 0;
  }

  /** The value codes of {@code data}'s left rows in each adjusted comparison's column, by {@code k} then row. */
  public int[][] leftCodes(EncodedData data) {
    int[][] codes = new int[comparisons.length][];
    for (int k = 0; k < codes.length; k++) {
      codes[k] = data.column(columns[k]).left();
    }
    return codes;
  }
}
