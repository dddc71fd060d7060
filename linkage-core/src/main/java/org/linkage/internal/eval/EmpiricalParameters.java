package org.linkage.internal.eval;

import org.linkage.internal.stage.LinkagePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.pattern.Patterns;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.eval.PairSet;

/**
 * The m and u a model <em>should</em> have, measured from the truth: for every comparison level,
 * the empirical m is the share of true pairs at that level (among true pairs where the comparison
 * is not null), and the empirical u the share of random non-matching pairs at that level. Set
 * beside a fitted model, it shows how far training landed from the parameters of the data.
 *
 * <pre>{@code
 * EmpiricalParameters e = EmpiricalParameters.measure(spec, model, left, right, truth, 200_000, 42);
 * System.out.println(e.toTable());
 * double gap = e.largestMGap(0.01);   // worst |fitted m - empirical m| over levels with empirical m >= 1%
 * }</pre>
 *
 * <p>Immutable and thread-safe once built. Building normalises both tables once and compares every
 * true pair and {@code uSample} random pairs: O(records + truth + uSample).
 */
public final class EmpiricalParameters {
  private final List<Level> levels;

  /**
   * One level of one comparison, fitted against empirical.
   *
   * @param comparison the comparison's name
   * @param level the level's name
   * @param fittedM the model's m
   * @param empiricalM share of true pairs at this level, among true pairs where the comparison is not null
   * @param truePairs true pairs at this level
   * @param fittedU the model's u
   * @param empiricalU share of sampled non-matching pairs at this level (comparison not null)
   */
  public record Level(String comparison, String level, double fittedM, double empiricalM, long truePairs,
      double fittedU, double empiricalU) {}

  private EmpiricalParameters(List<Level> levels) {
    this.levels = List.copyOf(levels);
  }

  /**
   * Measures the empirical parameters of {@code spec}'s comparisons on two tables with known truth,
   * beside {@code model}'s.
   *
   * @param truth the true pairs (left id, right id); ids absent from the tables are skipped
   * @param uSample random left-right pairs drawn (seeded) for u; true pairs among them are skipped
   */
  public static EmpiricalParameters measure(LinkageSpec spec, FellegiSunterModel model, RecordTable left,
      RecordTable right, PairSet truth, int uSample, long seed) {
    model.checkFits(spec);
    EncodedData data = EncodedData.encode(left, right);
    Comparison[] comparisons = LinkagePlan.compile(spec).bindComparisons(data);
    int nc = comparisons.length;
    long[][] mCounts = new long[nc][];
    long[][] uCounts = new long[nc][];
    for (int c = 0; c < nc; c++) {
      mCounts[c] = new long[comparisons[c].levelCount() + 1];
      uCounts[c] = new long[comparisons[c].levelCount() + 1];
    }
    for (PairSet.Pair p : truth.pairs()) {
      int l = data.leftTable().rowOf(p.left());
      int r = data.rightTable().rowOf(p.right());
      if (l >= 0 && r >= 0) {
        add(mCounts, PairComparer.pattern(comparisons, l, r));
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    if (data.leftSize() > 0 && data.rightSize() > 0) {
      for (int k = 0; k < uSample; k++) {
        int l = random.nextInt(data.leftSize());
        int r = random.nextInt(data.rightSize());
        if (!truth.contains(data.leftTable().id(l), data.rightTable().id(r))) {
          add(uCounts, PairComparer.pattern(comparisons, l, r));
        }
      }
    }
    List<Level> out = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      ComparisonModel cm = model.comparisons().get(c);
      long mTotal = total(mCounts[c]);
      long uTotal = total(uCounts[c]);
      for (int k = 1; k <= comparisons[c].levelCount(); k++) {
        out.add(new Level(cm.name(), cm.levels().get(k - 1), cm.m(k), share(mCounts[c][k], mTotal), mCounts[c][k],
            cm.u(k), share(uCounts[c][k], uTotal)));
      }
    }
    return new EmpiricalParameters(out);
  }

  private static void add(long[][] counts, long pattern) {
    for (int c = 0; c < counts.length; c++) {
      counts[c][Patterns.level(pattern, c)]++;
    }
  }

  /** Pairs where the comparison is not null. */
  private static long total(long[] counts) {
    long t = 0;
    for (int k = 1; k < counts.length; k++) {
      t += counts[k];
    }
    return t;
  }

  private static double share(long n, long total) {
    return total == 0 ? Double.NaN : (double) n / total;
  }

  /** Every level of every comparison, in spec and level order. */
  public List<Level> levels() {
    return levels;
  }

  /** The largest |fitted m − empirical m| over levels whose empirical m is at least {@code minEmpiricalM}. */
  public double largestMGap(double minEmpiricalM) {
    double gap = 0;
    for (Level l : levels) {
      if (l.empiricalM() >= minEmpiricalM) {
        gap = Math.max(gap, Math.abs(l.fittedM() - l.empiricalM()));
      }
    }
    return gap;
  }

  /** The levels whose |fitted m − empirical m| exceeds {@code tolerance}, among those with empirical m ≥ {@code minEmpiricalM}. */
  public List<Level> mGapsAbove(double tolerance, double minEmpiricalM) {
    return levels.stream().filter(l -> l.empiricalM() >= minEmpiricalM
        && Math.abs(l.fittedM() - l.empiricalM()) > tolerance).toList();
  }

  /** A fixed-width text table: comparison, level, fitted and empirical m and u, and the m gap. */
  public String toTable() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %-26s %9s %9s %7s %10s %10s%n",
        "comparison", "level", "m fitted", "m truth", "m gap", "u fitted", "u truth"));
    for (Level l : levels) {
      b.append(String.format(Locale.ROOT, "%-14s %-26s %9.4f %9.4f %+7.3f %10.3g %10.3g%n", l.comparison(), l.level(),
          l.fittedM(), l.empiricalM(), l.fittedM() - l.empiricalM(), l.fittedU(), l.empiricalU()));
    }
    return b.toString();
  }
}
