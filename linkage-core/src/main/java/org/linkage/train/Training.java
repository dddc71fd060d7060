package org.linkage.train;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.linkage.block.Blocker;
import org.linkage.block.BlockingRuleSpec;
import org.linkage.compare.CandidatePairs;
import org.linkage.compare.Comparison;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.model.PatternCounts;

/**
 * Trains a Fellegi–Sunter model on a run's data, the way Splink does it, with fastLink's pattern
 * counts:
 *
 * <ol>
 *   <li>u by comparing random pairs ({@link RandomPairSampler});
 *   <li>m by EM, once per blocking rule, on the candidate pairs sharing that rule's key, with u
 *       fixed; comparisons reading a column of the rule's key are left out of that rule's EM (the
 *       key forces them to agree, so they carry no information there). Each comparison's m is the
 *       average over the rules that estimated it, weighted by their expected matches;
 *   <li>λ: the expected number of matches among all candidates (EM with m fixed, u free, so the
 *       candidates' own non-match distribution is used) divided by the number of possible pairs.
 * </ol>
 *
 * <p>Deterministic for a given seed, whatever the thread count.
 */
public final class Training {
  private Training() {}

  /**
   * A trained model with what training saw.
   *
   * @param model the model
   * @param report per-rule EM outcomes and warnings
   */
  public record Outcome(FellegiSunterModel model, TrainingReport report) {}

  /** Trains on the given candidates. */
  public static Outcome train(List<Comparison> comparisons, Blocker blocker, CandidatePairs candidates,
      int leftSize, int rightSize, boolean deduplication, TrainingSpec spec, long seed, ExecutorService pool) {
    int nc = comparisons.size();
    List<String> warnings = new ArrayList<>();
    long[][] uCounts = RandomPairSampler.levelCounts(comparisons, leftSize, rightSize, deduplication,
        spec.uSampleSize(), seed, pool);
    double[][] u = RandomPairSampler.uFromCounts(uCounts);

    double[][] m0 = new double[nc][];
    for (int c = 0; c < nc; c++) {
      m0[c] = defaultM(comparisons.get(c).levelCount());
    }
    double[][] mSum = new double[nc][];
    double[] weightSum = new double[nc];
    for (int c = 0; c < nc; c++) {
      mSum[c] = new double[m0[c].length];
    }
    double[][] uSum = new double[nc][];
    double[] uWeightSum = new double[nc];
    for (int c = 0; c < nc; c++) {
      uSum[c] = new double[u[c].length];
    }
    List<TrainingReport.RuleRun> runs = new ArrayList<>();
    List<BlockingRuleSpec> rules = blocker.rules();
    // each training rule's pattern counts, counted in parallel (one task per rule, so the result
    // does not depend on the thread count)
    List<Future<PatternCounts>> ruleCounts = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      final int rule = r;
      ruleCounts.add(spec.trainsOn(rules.get(r).name())
          ? pool.submit(() -> countSharingKey(blocker, rule, candidates)) : null);
    }
    for (int r = 0; r < rules.size(); r++) {
      BlockingRuleSpec rule = rules.get(r);
      if (ruleCounts.get(r) == null) {
        continue;
      }
      PatternCounts counts = get(ruleCounts.get(r));
      boolean[] active = new boolean[nc];
      List<String> estimated = new ArrayList<>();
      for (int c = 0; c < nc; c++) {
        active[c] = Collections.disjoint(comparisons.get(c).columns(), rule.columns());
        if (active[c]) {
          estimated.add(comparisons.get(c).name());
        }
      }
      if (counts.total() == 0 || estimated.isEmpty()) {
        runs.add(new TrainingReport.RuleRun(rule.name(), counts.total(), counts.distinct(), List.of(), 0, true, 0));
        continue;
      }
      ExpectationMaximisation.Result em = ExpectationMaximisation.run(counts, m0, u, 0.1, active, true,
          spec.estimateU(), spec.maxIterations(), spec.tolerance());
      double expectedMatches = em.lambda() * counts.total();
      double expectedNonMatches = counts.total() - expectedMatches;
      for (int c = 0; c < nc; c++) {
        if (active[c]) {
          weightSum[c] += expectedMatches;
          uWeightSum[c] += expectedNonMatches;
          for (int k = 0; k < mSum[c].length; k++) {
            mSum[c][k] += expectedMatches * em.m()[c][k];
            uSum[c][k] += expectedNonMatches * em.u()[c][k];
          }
        }
      }
      runs.add(new TrainingReport.RuleRun(rule.name(), counts.total(), counts.distinct(), estimated,
          em.iterations(), em.converged(), em.lambda()));
      if (!em.converged()) {
        warnings.add("EM on blocking rule " + rule.name() + " did not converge in " + em.iterations()
            + " iterations (last change " + em.maxChange() + ")");
      }
    }
    double[][] m = new double[nc][];
    for (int c = 0; c < nc; c++) {
      if (weightSum[c] > 0) {
        m[c] = new double[mSum[c].length];
        for (int k = 0; k < m[c].length; k++) {
          m[c][k] = mSum[c][k] / weightSum[c];
        }
      } else {
        m[c] = m0[c].clone();
        warnings.add("comparison " + comparisons.get(c).name()
            + " reads a column of every blocking rule, so its m could not be estimated: default m used");
      }
    }

    if (spec.estimateU()) {
      for (int c = 0; c < nc; c++) {
        if (uWeightSum[c] > 0) {
          for (int k = 0; k < u[c].length; k++) {
            u[c][k] = uSum[c][k] / uWeightSum[c];
          }
        }
      }
    }
    PatternCounts all = new PatternCounts();
    for (int i = 0; i < candidates.size(); i++) {
      all.add(candidates.pattern(i), 1);
    }
    double possiblePairs = deduplication ? (double) leftSize * (leftSize - 1) / 2 : (double) leftSize * rightSize;
    double lambda;
    ExpectationMaximisation.Result lambdaFit = null;
    if (all.total() > 0) {
      boolean[] allActive = new boolean[nc];
      java.util.Arrays.fill(allActive, true);
      lambdaFit = ExpectationMaximisation.run(all, m, u, 0.1, allActive, false, true,
          spec.maxIterations(), spec.tolerance());
      double expectedMatches = lambdaFit.lambda() * all.total();
      lambda = Math.max(expectedMatches, 1) / possiblePairs;
    } else {
      lambda = 1 / possiblePairs;
      warnings.add("no candidate pairs: λ set to one match in all possible pairs");
    }
    lambda = Math.min(0.5, Math.max(1e-12, lambda));

    List<ComparisonModel> models = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      Comparison comp = comparisons.get(c);
      models.add(new ComparisonModel(comp.name(), comp.levelNames(), m[c], u[c]));
      for (int k = 0; k < m[c].length; k++) {
        String level = "comparison " + comp.name() + " level " + comp.levelNames().get(k);
        // a level matches never reach is expected only for the last ("else") level
        if (m[c][k] <= 1e-5 && uCounts[c][k + 1] > 0 && k < m[c].length - 1) {
          warnings.add(level + ": m collapsed to ~0, pairs at this level will be strongly pushed apart");
        }
        // near-certain m on the strongest level and near-certain u on "else" are what a good
        // comparison looks like; the same on any other level means the comparison is not working
        if (m[c][k] >= 0.999 && k > 0) {
          warnings.add(level + ": m collapsed to ~1 — matches almost never agree better than this, so "
              + "the comparison's stronger levels are not doing their job (check the column)");
        }
        if (u[c][k] >= 0.999 && k < u[c].length - 1) {
          warnings.add(level + ": u collapsed to ~1 — almost every non-match agrees this well, so the "
              + "comparison can barely tell matches apart (a constant or near-constant column?)");
        }
      }
    }
    FellegiSunterModel model = new FellegiSunterModel(models, lambda);
    TrainingReport report = new TrainingReport(spec, seed, candidates.size(), all.distinct(),
        ImmutableList.copyOf(runs), lambdaFit == null ? 0 : lambdaFit.iterations(), ImmutableList.copyOf(warnings));
    return new Outcome(model, report);
  }

  /** Pattern counts of the candidate pairs that share rule {@code rule}'s key. */
  private static PatternCounts countSharingKey(Blocker blocker, int rule, CandidatePairs candidates) {
    PatternCounts counts = new PatternCounts();
    for (int i = 0; i < candidates.size(); i++) {
      if (blocker.sharesKey(rule, candidates.left(i), candidates.right(i))) {
        counts.add(candidates.pattern(i), 1);
      }
    }
    return counts;
  }

  /** Starting m: 0.85 on the strongest level, the rest spread with decreasing shares. */
  static double[] defaultM(int levels) {
    double[] m = new double[levels];
    m[0] = levels == 1 ? 1 : 0.85;
    double sum = 0;
    for (int k = 1; k < levels; k++) {
      sum += 1.0 / k;
    }
    for (int k = 1; k < levels; k++) {
      m[k] = 0.15 * (1.0 / k) / sum;
    }
    return m;
  }

  static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
