package org.linkage.internal.train;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.linkage.internal.block.RuleKeys;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonSpec;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.TrainingSpec;

/**
 * Trains a Fellegi–Sunter model on a run's data:
 *
 * <ol>
 *   <li>u by comparing random pairs ({@link RandomPairSampler});
 *   <li>m, by default, from seed links ({@link TrainingSpec.MMethod#SEED_LINKS}): for each
 *       comparison, the level shares among the candidate pairs that the other comparisons make
 *       certain by chance-agreement arithmetic; a comparison with fewer than {@link #MIN_SEEDS}
 *       seed links, or every comparison with {@link TrainingSpec.MMethod#EM}, gets m from EM once
 *       per blocking rule on the pairs sharing its key (Splink's method, with fastLink's pattern
 *       counts), leaving out rules whose fit finds more matches than the data can hold;
 *   <li>λ: the expected number of matches among the candidates, Σ P(match) with m and u fixed and
 *       term frequencies applied, iterated to its fixed point, over the number of possible pairs.
 * </ol>
 * Every comparison model records where its m and u came from; a model whose m(exact) contradicts
 * the seed links is reported in the warnings. See {@code docs/concepts.md}.
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

  /** Fewest seed links from which a comparison's m is taken; with fewer, EM estimates it. */
  static final int MIN_SEEDS = 50;

  /**
   * Trains on the given candidates.
   *
   * @param comparisons the compiled comparisons, in spec order
   * @param specs the comparisons' specs (for the columns whose value frequencies weigh seed links)
   * @param data the encoded records of the run
   * @param oneToOne whether a record has at most one true match on the other side; seed links are
   *     then required to be the only convincing pair of both their records
   */
  public static Outcome train(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, CandidatePairs candidates, boolean oneToOne, TrainingSpec spec, long seed,
      ExecutorService pool) {
    long[][] uCounts = sampleU(comparisons, data, spec, seed, pool);
    CandidateSummary summary = CandidateSummary.of(candidates, CandidateSummary.forTraining(comparisons, specs, data,
        ruleKeys, RandomPairSampler.uFromCounts(uCounts), spec));
    return train(comparisons, specs, data, ruleKeys, summary, uCounts, oneToOne, spec, seed);
  }

  /**
   * The level counts of random pairs that u comes from (the first step of training, before the
   * candidates are looked at). Deterministic for a given seed, whatever the thread count.
   */
  public static long[][] sampleU(List<Comparison> comparisons, EncodedData data, TrainingSpec spec, long seed,
      ExecutorService pool) {
    return RandomPairSampler.levelCounts(comparisons, data.leftSize(), data.rightSize(), data.isDeduplication(),
        spec.uSampleSize(), seed, pool);
  }

  /** u of random pairs from their level counts ({@link #sampleU}). */
  public static double[][] uFromCounts(long[][] uCounts) {
    return RandomPairSampler.uFromCounts(uCounts);
  }

  /**
   * Whether training on {@code candidates} will run EM per blocking rule, and so needs the pattern
   * counts of the pairs sharing each training rule's key: with m from seed links, only when some
   * comparison has fewer than {@link #MIN_SEEDS} seeds. A run can leave those counts out of its first
   * pass and gather them in another only when this says so.
   */
  public static boolean needsRuleCounts(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, CandidateSummary candidates, long[][] uCounts, boolean oneToOne, TrainingSpec spec) {
    if (spec.mMethod() == TrainingSpec.MMethod.EM) {
      return true;
    }
    SeedLinks.Result seeds = SeedLinks.find(comparisons, specs, data, ruleKeys, candidates.seedCandidates(),
        RandomPairSampler.uFromCounts(uCounts), oneToOne && !data.isDeduplication());
    for (int c = 0; c < comparisons.size(); c++) {
      if (seeds.seeds()[c] < MIN_SEEDS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Trains on a summary of the candidates gathered under {@link CandidateSummary#forTraining} with
   * u from {@code uCounts}: the model {@link #train(List, List, EncodedData, RuleKeys, CandidatePairs,
   * boolean, TrainingSpec, long, ExecutorService)} gives on the held pairs ({@code seed} is the one u
   * was sampled with, for the report).
   */
  public static Outcome train(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, CandidateSummary candidates, long[][] uCounts, boolean oneToOne, TrainingSpec spec,
      long seed) {
    return train(comparisons, specs, data, ruleKeys, candidates, candidates.pairWeights(), uCounts, oneToOne, spec,
        seed);
  }

  /**
   * Every candidate pair's weight, given to a visitor: what the λ fit reads. Either the summary's
   * weight groups ({@link CandidateSummary#pairWeights}) or the pairs themselves read back one by
   * one (a count of one each); the fit bins the weights into a histogram of counts, so both give
   * the same λ.
   */
  @FunctionalInterface
  public interface PairWeights {
    /** Gives every candidate pair to {@code visitor}, alone or in a group of pairs of equal weight. */
    void forEach(CandidateSummary.GroupVisitor visitor);
  }

  /**
   * As above, the λ fit reading the candidates' weights from {@code weights} (the summary may then
   * have been gathered without weight groups).
   */
  public static Outcome train(List<Comparison> comparisons, List<ComparisonSpec> specs, EncodedData data,
      RuleKeys ruleKeys, CandidateSummary candidates, PairWeights weights, long[][] uCounts, boolean oneToOne,
      TrainingSpec spec, long seed) {
    int nc = comparisons.size();
    int leftSize = data.leftSize();
    int rightSize = data.rightSize();
    boolean deduplication = data.isDeduplication();
    List<String> warnings = new ArrayList<>();
    double[][] u = RandomPairSampler.uFromCounts(uCounts);
    long uDraws = 0;
    for (long x : uCounts[0]) {
      uDraws += x;
    }

    SeedLinks.Result seeds = SeedLinks.find(comparisons, specs, data, ruleKeys, candidates.seedCandidates(), u,
        oneToOne && !deduplication);
    double[][] seedM = new double[nc][];
    for (int c = 0; c < nc; c++) {
      seedM[c] = seeds.seeds()[c] >= MIN_SEEDS ? smoothed(seeds.counts()[c]) : null;
    }
    boolean needEm = spec.mMethod() == TrainingSpec.MMethod.EM;
    for (int c = 0; c < nc; c++) {
      needEm |= seedM[c] == null;
    }
    EmByRule em = needEm ? emByRule(comparisons, ruleKeys, candidates, leftSize, rightSize, u, spec, warnings)
        : new EmByRule(new double[nc][], List.of());

    double[][] m = new double[nc][];
    String[] mSource = new String[nc];
    for (int c = 0; c < nc; c++) {
      String name = comparisons.get(c).name();
      if (spec.mMethod() == TrainingSpec.MMethod.SEED_LINKS && seedM[c] != null) {
        m[c] = seedM[c];
        mSource[c] = "m: " + seeds.seeds()[c] + " seed links";
      } else if (em.m()[c] != null) {
        m[c] = em.m()[c];
        mSource[c] = "m: EM on blocking rules" + (spec.mMethod() == TrainingSpec.MMethod.SEED_LINKS
            ? " (only " + seeds.seeds()[c] + " seed links)" : "");
      } else {
        m[c] = defaultM(comparisons.get(c).levelCount());
        mSource[c] = "m: default (no seed links, and every blocking rule reads its column)";
        warnings.add("comparison " + name + ": too few seed links (" + seeds.seeds()[c] + ") and it reads a column of "
            + "every blocking rule, so its m could not be estimated: default m used");
      }
      // the guard: a model that contradicts what the confident links show is not to be trusted quietly
      if (seedM[c] != null && m[c] != seedM[c]) {
        warnExactContradiction(warnings, name, m[c][0], seedM[c][0], seeds.seeds()[c]);
      }
    }
    if (spec.estimateU()) {
      for (int c = 0; c < nc; c++) {
        if (em.u()[c] != null) {
          u[c] = em.u()[c];
        }
      }
    }

    List<ComparisonModel> models = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      Comparison comp = comparisons.get(c);
      String uSource = spec.estimateU() && em.u()[c] != null ? "u: EM on blocking rules" : "u: " + uDraws + " random pairs";
      models.add(new ComparisonModel(comp.name(), comp.levelNames(), m[c], u[c], mSource[c] + "; " + uSource));
    }
    FellegiSunterModel unscaled = new FellegiSunterModel(models, 0.5);
    double possiblePairs = deduplication ? (double) leftSize * (leftSize - 1) / 2 : (double) leftSize * rightSize;
    // one-to-one: no more matches than the smaller side has records; otherwise (one person's many
    // records on each side) only the trivial bound
    double maxMatches = oneToOne && !deduplication ? Math.min(leftSize, rightSize) : possiblePairs / 2;
    MatchScorer scorer = MatchScorer.of(specs, data, unscaled);
    LambdaFit fit = fitLambda(weights, candidates.size(), scorer, possiblePairs, maxMatches, spec);
    if (candidates.size() == 0) {
      warnings.add("no candidate pairs: λ set to one match in all possible pairs");
    }
    FellegiSunterModel model = new FellegiSunterModel(models, fit.lambda(), String.format(java.util.Locale.ROOT,
        "expected matches among %d candidate pairs (%.1f) over %.6g possible pairs", candidates.size(),
        fit.expectedMatches(), possiblePairs));
    for (int c = 0; c < nc; c++) {
      boolean fromSeeds = spec.mMethod() == TrainingSpec.MMethod.SEED_LINKS && seedM[c] != null;
      collapseWarnings(warnings, comparisons.get(c), m[c], u[c], uCounts[c], fromSeeds ? seeds.seeds()[c] : -1);
    }
    List<SeedCount> seedCounts = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      seedCounts.add(new SeedCount(comparisons.get(c).name(), seeds.seeds()[c], mSource[c]));
    }
    TrainingReport report = new TrainingReport(spec, seed, candidates.size(), fit.distinctWeights(),
        ImmutableList.copyOf(em.runs()), fit.iterations(), ImmutableList.copyOf(seedCounts),
        ImmutableList.copyOf(warnings));
    return new Outcome(model, report);
  }

  /**
   * Seed links found for one comparison and where its m came from.
   *
   * @param comparison the comparison's name
   * @param seedLinks high-confidence links whose other comparisons vouch for them
   * @param source where m came from, in words
   */
  public record SeedCount(String comparison, long seedLinks, String source) {}

  /**
   * Checks a model trained elsewhere (e.g. {@code link --model}) against the seed links of the data
   * at hand: one warning per comparison whose exact-level m is more than {@link #CONTRADICTION}
   * from the share of its seed links that agree exactly.
   */
  public static List<String> contradictions(FellegiSunterModel model, List<Comparison> comparisons,
      List<ComparisonSpec> specs, EncodedData data, RuleKeys ruleKeys, CandidatePairs candidates, boolean oneToOne) {
    int nc = comparisons.size();
    SeedLinks.Result seeds = SeedLinks.find(comparisons, specs, data, ruleKeys, candidates, uOf(model),
        oneToOne && !data.isDeduplication());
    List<String> warnings = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      if (seeds.seeds()[c] >= MIN_SEEDS) {
        warnExactContradiction(warnings, comparisons.get(c).name(), model.comparisons().get(c).m(1),
            smoothed(seeds.counts()[c])[0], seeds.seeds()[c]);
      }
    }
    return warnings;
  }

  /** A model's u, per comparison. */
  static double[][] uOf(FellegiSunterModel model) {
    double[][] u = new double[model.comparisons().size()][];
    for (int c = 0; c < u.length; c++) {
      u[c] = model.comparisons().get(c).uValues();
    }
    return u;
  }

  /** Warns when a comparison's exact-level m is far from the share the seed links show. */
  static void warnExactContradiction(List<String> warnings, String name, double fitted, double fromSeeds, long seeds) {
    if (Math.abs(fitted - fromSeeds) > CONTRADICTION) {
      warnings.add(String.format(java.util.Locale.ROOT,
          "comparison %s: the model's m(exact) = %.3f contradicts the %d high-confidence links, which agree "
              + "exactly %.3f of the time — its weights are not to be trusted on these data", name, fitted, seeds,
          fromSeeds));
    }
  }

  /** Largest tolerated gap between a model's m(exact) and the seed links' share before warning. */
  static final double CONTRADICTION = 0.1;

  /** Level shares with a half-count per level, so no level has m = 0 from a finite sample. */
  static double[] smoothed(long[] counts) {
    double total = 0;
    for (long x : counts) {
      total += x + 0.5;
    }
    double[] m = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      m[k] = (counts[k] + 0.5) / total;
    }
    return m;
  }

  /** λ with what its fit saw. */
  record LambdaFit(double lambda, double expectedMatches, int iterations, int distinctWeights) {}

  /** Bins per bit in the weight histogram of the λ fit: 1/64 bit changes no probability that matters. */
  private static final int BINS_PER_BIT = 64;
  /** Weights beyond ±this many bits are binned at the edge: their probability is 0 or 1 either way. */
  private static final int MAX_BITS = 256;

  /**
   * λ by maximum likelihood with m and u fixed: λ = Σ P(match | pair) / possible pairs over the
   * candidates (pairs never compared are taken as non-matches), iterated to its fixed point. The
   * scores include term frequencies, as links do; the expected matches are capped at what the
   * assignment allows.
   */
  static LambdaFit fitLambda(PairWeights groups, long candidates, MatchScorer scorer,
      double possiblePairs, double maxMatches, TrainingSpec spec) {
    double prior = scorer.model().priorWeight(); // 0 for λ = 0.5: the scores are pure evidence
    // a histogram of weights in 1/64-bit bins over ±MAX_BITS (beyond, a pair is certain either way);
    // every pair of a group has its weight
    long[] histogram = new long[2 * MAX_BITS * BINS_PER_BIT + 1];
    groups.forEach((pattern, left, count) -> {
      double w = scorer.weight(pattern, left) - prior;
      long bin = Math.round(Math.max(-MAX_BITS, Math.min(MAX_BITS, w)) * BINS_PER_BIT);
      histogram[(int) bin + MAX_BITS * BINS_PER_BIT] += count;
    });
    int used = 0;
    for (long n : histogram) {
      used += n > 0 ? 1 : 0;
    }
    double[] weight = new double[used];
    double[] count = new double[used];
    int b = 0;
    for (int k = 0; k < histogram.length; k++) {
      if (histogram[k] > 0) {
        weight[b] = (double) (k - MAX_BITS * BINS_PER_BIT) / BINS_PER_BIT;
        count[b] = histogram[k];
        b++;
      }
    }
    double cap = Math.max(1, maxMatches);
    double lambda = Math.min(0.5, Math.max(1, Math.min(cap, candidates / 10.0)) / possiblePairs);
    double expected = 0;
    int iteration = 0;
    while (iteration < spec.maxIterations()) {
      iteration++;
      double priorWeight = FellegiSunterModel.weightOf(lambda);
      expected = 0;
      for (int k = 0; k < weight.length; k++) {
        expected += count[k] * FellegiSunterModel.probability(priorWeight + weight[k]);
      }
      double next = Math.min(0.5, Math.max(1e-12, Math.min(Math.max(expected, 1), cap) / possiblePairs));
      boolean done = Math.abs(next - lambda) <= spec.tolerance() * lambda;
      lambda = next;
      if (done) {
        break;
      }
    }
    return new LambdaFit(lambda, expected, iteration, weight.length);
  }

  /** m (and u, if asked) from EM per training rule, and what each run did. */
  record EmByRule(double[][] m, double[][] u, List<TrainingReport.RuleRun> runs) {
    EmByRule(double[][] m, List<TrainingReport.RuleRun> runs) {
      this(m, new double[m.length][], runs);
    }
  }

  /**
   * Splink's method: EM once per blocking rule on the candidate pairs sharing its key, u fixed,
   * leaving out comparisons that read the rule's columns; each comparison's m is the average over
   * rules weighted by expected matches. A rule whose expected matches exceed what the data can hold
   * (more than either side has records) has fitted something other than matches and is left out.
   */
  private static EmByRule emByRule(List<Comparison> comparisons, RuleKeys ruleKeys, CandidateSummary candidates,
      int leftSize, int rightSize, double[][] u, TrainingSpec spec, List<String> warnings) {
    int nc = comparisons.size();
    double[][] m0 = new double[nc][];
    double[][] mSum = new double[nc][];
    double[][] uSum = new double[nc][];
    double[] weightSum = new double[nc];
    double[] uWeightSum = new double[nc];
    for (int c = 0; c < nc; c++) {
      m0[c] = defaultM(comparisons.get(c).levelCount());
      mSum[c] = new double[m0[c].length];
      uSum[c] = new double[u[c].length];
    }
    List<TrainingReport.RuleRun> runs = new ArrayList<>();
    List<BlockingRuleSpec> rules = ruleKeys.rules();
    double plausible = Math.min(leftSize, rightSize);
    for (int r = 0; r < rules.size(); r++) {
      BlockingRuleSpec rule = rules.get(r);
      PatternCounts counts = candidates.sharingKey(r);
      if (counts == null) {
        continue;
      }
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
      if (expectedMatches > plausible) {
        warnings.add(String.format(java.util.Locale.ROOT, "EM on blocking rule %s found %.0f matches, more than "
            + "either side has records (%.0f): its fit is not of matches and is left out", rule.name(),
            expectedMatches, plausible));
        runs.add(new TrainingReport.RuleRun(rule.name(), counts.total(), counts.distinct(), List.of(),
            em.iterations(), em.converged(), em.lambda()));
        continue;
      }
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
    double[][] uOut = new double[nc][];
    for (int c = 0; c < nc; c++) {
      if (weightSum[c] > 0) {
        m[c] = new double[mSum[c].length];
        for (int k = 0; k < m[c].length; k++) {
          m[c][k] = mSum[c][k] / weightSum[c];
        }
      }
      if (uWeightSum[c] > 0) {
        uOut[c] = new double[uSum[c].length];
        for (int k = 0; k < uOut[c].length; k++) {
          uOut[c][k] = uSum[c][k] / uWeightSum[c];
        }
      }
    }
    return new EmByRule(m, uOut, runs);
  }

  /**
   * Warnings for levels whose m or u is near 0 or 1 where that is not expected.
   *
   * @param seeds the seed links m was counted from, or -1 if m did not come from seed links
   */
  private static void collapseWarnings(List<String> warnings, Comparison comp, double[] m, double[] u, long[] uCounts,
      long seeds) {
    for (int k = 0; k < m.length; k++) {
      String level = "comparison " + comp.name() + " level " + comp.levelNames().get(k);
      // a level matches never reach is expected only for the last ("else") level
      if (m[k] <= 1e-5 && uCounts[k + 1] > 0 && k < m.length - 1) {
        // from seeds, ~0 is a count: no high-confidence link was at this level (data that never
        // abbreviates a name has no "initial" pairs), which is worth knowing but not a failed fit
        warnings.add(level + (seeds >= 0
            ? ": m ~0 (none of " + seeds + " seed links is at this level), pairs at this level will be strongly"
                + " pushed apart; expected if the data never shows it"
            : ": m collapsed to ~0, pairs at this level will be strongly pushed apart"));
      }
      // near-certain m on the strongest level and near-certain u on "else" are what a good
      // comparison looks like; the same on any other level means the comparison is not working
      if (m[k] >= 0.999 && k > 0) {
        warnings.add(level + ": m collapsed to ~1 — matches almost never agree better than this, so "
            + "the comparison's stronger levels are not doing their job (check the column)");
      }
      if (u[k] >= 0.999 && k < u.length - 1) {
        warnings.add(level + ": u collapsed to ~1 — almost every non-match agrees this well, so the "
            + "comparison can barely tell matches apart (a constant or near-constant column?)");
      }
    }
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


}
