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
 * <p>Built once per run, O(records) per adjusted comparison; {@link #adjustment} is a table
 * lookup per adjusted comparison, allocation-free and thread-safe.
 */
public final class TermFrequencies {
  /** Frequencies are floored here so a value seen once in a huge file still gets a finite weight. */
  static final double MIN_FREQUENCY = 1e-7;

  private final int[] comparisons; // indices of adjusted comparisons
  private final int[][] leftCodes; // per adjusted comparison, the left rows' value codes
  private final double[][] adjustment; // per adjusted comparison, per value code: log2(u_exact / f_v)

  private TermFrequencies(int[] comparisons, int[][] leftCodes, double[][] adjustment) {
    this.comparisons = comparisons;
    this.leftCodes = leftCodes;
    this.adjustment = adjustment;
  }

  /** No adjustment at all. */
  public static TermFrequencies none() {
    return new TermFrequencies(new int[0], new int[0][], new double[0][]);
  }

  /** Adjustments for the comparisons of {@code specs} that ask for them, under {@code model}'s u. */
  public static TermFrequencies of(List<ComparisonSpec> specs, EncodedData data, FellegiSunterModel model) {
    int n = (int) specs.stream().filter(ComparisonSpec::termFrequency).count();
    int[] idx = new int[n];
    int[][] codes = new int[n][];
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
      codes[k] = column.left();
      adj[k] = a;
      k++;
    }
    return new TermFrequencies(idx, codes, adj);
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

  /** The total adjustment of a pair whose left record is {@code left} and pattern {@code pattern}. */
  public double adjustment(long pattern, int left) {
    double w = 0;
    for (int k = 0; k < comparisons.length; k++) {
      if (Patterns.level(pattern, comparisons[k]) == 1) {
        w += adjustment[k][leftCodes[k][left]];
      }
    }
    return w;
  }

  /** The adjustment of comparison {@code c} alone (0 if not adjusted or not exact). */
  public double adjustment(int c, long pattern, int left) {
    for (int k = 0; k < comparisons.length; k++) {
      if (comparisons[k] == c && Patterns.level(pattern, c) == 1) {
        return adjustment[k][leftCodes[k][left]];
      }
    }
    return 0;
  }
}
