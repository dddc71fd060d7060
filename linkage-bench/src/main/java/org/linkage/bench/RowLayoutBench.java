package org.linkage.bench;

import java.util.concurrent.TimeUnit;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot loop's memory layout: the person profile's seven comparisons of candidate pairs, in
 * candidate order (left rows in turn, right rows wherever their blocks put them), on 300,000
 * generated learners, whose records outgrow the caches as a large run's do. {@code shared} binds the
 * comparisons together, as a run does, so a right record's fields share one row; {@code
 * perComparison} binds each alone, so each comparison reads its own table, as the column arrays did
 * before rows. Same code, same pairs, same run: the ratio is the layout's.
 *
 * <p>Run: {@code java -jar linkage-bench/target/benchmarks.jar RowLayoutBench -f 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx3g")
public class RowLayoutBench {
  private static final int BATCH = 4096;

  @Param({"shared", "perComparison"})
  public String layout;

  private static final int LEFT_ROWS = 256;

  private Comparison[] comparisons;
  private Blocker blocker;
  private int leftSize;
  private int nextLeft;
  private long seen;
  private int[] left;
  private int[] right;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(300_000).seed(5).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    comparisons = layout.equals("shared") ? LinkagePlan.compile(spec).bindComparisons(data)
        : spec.comparisons().stream().map(c -> Comparisons.compile(c, data)).toArray(Comparison[]::new);
    blocker = Blocker.build(spec, data);
    leftSize = data.leftSize() / LEFT_ROWS * LEFT_ROWS;
    int[][] pairs = BenchPairs.candidates(blocker, 1 << 22, BATCH);
    left = pairs[0];
    right = pairs[1];
  }

  /** A batch of consecutive candidate pairs, each compared to its packed pattern; time per pair. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long comparePairs() {
    int from = next;
    next = from + BATCH == left.length ? 0 : from + BATCH;
    long x = 0;
    for (int i = from; i < from + BATCH; i++) {
      x ^= PairComparer.pattern(comparisons, left[i], right[i]);
    }
    return x;
  }

  /**
   * The candidate pairs of 256 left rows as the index offers them, each compared as it comes; time
   * per 256 left rows (about 5,000 pairs). Against {@link #leftRowsBatched}: the gain of reading
   * right rows a batch ahead.
   */
  @Benchmark
  public long leftRowsOneByOne() {
    int from = advance();
    for (int l = from; l < from + LEFT_ROWS; l++) {
      blocker.candidatesOf(l, (a, b, rule) -> seen ^= PairComparer.pattern(comparisons, a, b));
    }
    return seen;
  }

  /** The same left rows' pairs through {@link PairComparer#compareRows}, as a run compares them. */
  @Benchmark
  public long leftRowsBatched() {
    int from = advance();
    PairComparer.compareRows(blocker, comparisons, from, from + LEFT_ROWS, (a, b, pattern, rule) -> seen ^= pattern);
    return seen;
  }

  private int advance() {
    int from = nextLeft;
    nextLeft = from + LEFT_ROWS == leftSize ? 0 : from + LEFT_ROWS;
    return from;
  }
}
