package org.linkage.bench;

import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * One build's hot loop for {@link TwoBuilds}: the person profile's candidate pairs of generated
 * learners, compared as a run compares them ({@link PairComparer#compareRows}). Loaded once per build
 * in a class loader of its own, so its static state is that build's. Not thread-safe.
 */
public final class LoopRunner {
  private static Blocker blocker;
  private static Comparison[] comparisons;
  private static long pairs;
  private static long checksum;
  private static long chunkDigest;

  private LoopRunner() {}

  /** Generates {@code learners} learners (seed {@code seed}), encodes and indexes them; the left rows. */
  public static int setUp(int learners, long seed) {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(learners).seed(seed).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    comparisons = LinkagePlan.compile(spec).bindComparisons(data);
    blocker = Blocker.build(spec, data);
    return data.leftSize();
  }

  /** Compares the pairs of left rows {@code [from, to)}; the pairs compared so far. */
  public static long compare(int from, int to) {
    chunkDigest = from;
    PairComparer.compareRows(blocker, comparisons, from, to, (left, right, pattern, rule) -> {
      pairs++;
      chunkDigest = chunkDigest * 31 + pattern * 17 + right;
    });
    checksum += chunkDigest; // a sum, so the order the chunks are taken in does not matter
    return pairs;
  }

  /** A digest of every pair and pattern compared: in order within a call, summed over calls. */
  public static long checksum() {
    return checksum;
  }
}
