package org.linkage.bench;

import java.util.concurrent.TimeUnit;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.model.TextbookModel;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full person comparison of one candidate pair — all seven person-profile comparisons giving
 * the packed agreement pattern — and scoring that pattern, over the real candidate pairs that the
 * default blocking rules produce on 20,000 generated learners (so the mix of exact, close and
 * different values is the one the hot loop sees). Expect ~0 B/op with {@code -prof gc}.
 *
 * <p>Run: {@code java -jar linkage-bench/target/benchmarks.jar PairComparisonBench -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PairComparisonBench {
  private Comparison[] comparisons;
  private FellegiSunterModel model;
  private MatchScorer scorer;
  private int[] left;
  private int[] right;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(20_000).seed(5).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    comparisons = spec.comparisons().stream().map(c -> Comparisons.compile(c, data)).toArray(Comparison[]::new);
    model = TextbookModel.of(spec.comparisons(), 1e-4);
    scorer = MatchScorer.of(spec.comparisons(), data, model);
    Blocker blocker = Blocker.build(spec, data);
    int[][] pairs = BenchPairs.candidates(blocker, 1 << 20, 1);
    left = pairs[0];
    right = pairs[1];
  }

  /** One candidate pair: seven comparisons to a packed pattern. */
  @Benchmark
  public long comparePair() {
    int i = next++;
    if (next == left.length) {
      next = 0;
    }
    return PairComparer.pattern(comparisons, left[i], right[i]);
  }

  /** One candidate pair compared and scored (pattern → match weight). */
  @Benchmark
  public double compareAndScorePair() {
    int i = next++;
    if (next == left.length) {
      next = 0;
    }
    return model.matchWeight(PairComparer.pattern(comparisons, left[i], right[i]));
  }

  /** One candidate pair compared and scored as a run scores it: with the term-frequency adjustments of its values. */
  @Benchmark
  public double compareAndScorePairWithTermFrequencies() {
    int i = next++;
    if (next == left.length) {
      next = 0;
    }
    return scorer.weight(PairComparer.pattern(comparisons, left[i], right[i]), left[i]);
  }
}
