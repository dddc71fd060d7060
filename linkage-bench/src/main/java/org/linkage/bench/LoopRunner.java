package org.linkage.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.RuleKeys;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.compare.PairSpill;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.internal.train.CandidateSummary;
import org.linkage.internal.train.Training;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * One build's hot loop for {@link TwoBuilds}: the person profile's candidate pairs of generated
 * learners, compared as a run compares them ({@link PairComparer#compareRows}). Loaded once per build
 * in a class loader of its own, so its static state is that build's. Not thread-safe.
 *
 * <p>With the system property {@code linkage.loop.summary=true} each chunk's pairs also go where a
 * run's first pass sends them: a training summary of the chunk ({@link CandidateSummary}, with u
 * from the run's random sample, and without weight groups, as in a run that spills its pairs) and
 * the chunk's record for the spill, the summary then appended to the run's in chunk order.
 */
public final class LoopRunner {
  private static Blocker blocker;
  private static Comparison[] comparisons;
  private static long pairs;
  private static long checksum;
  private static long chunkDigest;
  private static CandidateSummary.Plan summaryPlan;
  private static CandidateSummary summary;

  private LoopRunner() {}

  /** Generates {@code learners} learners (seed {@code seed}), encodes and indexes them; the left rows. */
  public static int setUp(int learners, long seed) {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(learners).seed(seed).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    comparisons = LinkagePlan.compile(spec).bindComparisons(data);
    blocker = Blocker.build(spec, data);
    if (Boolean.getBoolean("linkage.loop.summary")) {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        double[][] u = Training.uFromCounts(
            Training.sampleU(List.of(comparisons), data, spec.training(), spec.seed(), pool));
        RuleKeys keys = RuleKeys.of(LinkagePlan.compile(spec).blockingKeys(), data);
        summaryPlan = CandidateSummary.forTraining(List.of(comparisons), spec.comparisons(), data, keys, u,
            spec.training(), false, false);
        summary = summaryPlan.start();
      } finally {
        pool.shutdown();
      }
    }
    return data.leftSize();
  }

  /** Compares the pairs of left rows {@code [from, to)}; the pairs compared so far. */
  public static long compare(int from, int to) {
    chunkDigest = from;
    PairSpill.Recording<CandidateSummary> chunk = summaryPlan == null ? null
        : new PairSpill.Recording<>(summaryPlan.start());
    PairComparer.compareRows(blocker, comparisons, from, to, (left, right, pattern, rule) -> {
      pairs++;
      chunkDigest = chunkDigest * 31 + pattern * 17 + right;
      if (chunk != null) {
        chunk.pair(left, right, pattern, rule);
      }
    });
    if (chunk != null) {
      summary.append(chunk.sink());
      chunkDigest += chunk.sink().seedCandidateCount();
    }
    checksum += chunkDigest; // a sum, so the order the chunks are taken in does not matter
    return pairs;
  }

  /** A digest of every pair and pattern compared: in order within a call, summed over calls. */
  public static long checksum() {
    return checksum;
  }
}
