package org.linkage.bench;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.linkage.internal.compare.strings.Packed;
import org.linkage.record.RecordTable;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A forename or surname comparison's Jaro–Winkler levels (at or above 0.92, at or above 0.85, below)
 * on packed generated names (forenames and surnames drawn together), paired as candidates mostly
 * are: different people, one pair in 20 a name and its record's own. {@code kernel} computes every similarity; {@code bounded} first asks
 * {@link Packed#jaroWinklerBelow} whether the similarity is certainly below the lower threshold, as a
 * run does. Same pairs, same levels (checked at setup), same run: the ratio is the figure.
 * {@code java -jar linkage-bench/target/benchmarks.jar NameSimilarityBench -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NameSimilarityBench {
  private static final int PAIRS = 8192;
  private static final double HIGH = 0.92;
  private static final double LOW = 0.85;

  private long[] left;
  private long[] right;

  /** Forenames and surnames of 20,000 generated learners and their labour records. */
  @Setup
  public void setUp() {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(20_000).seed(3).build());
    long[] education = names(population.education());
    long[] labour = names(population.labour());
    Random rnd = new Random(1);
    left = new long[PAIRS];
    right = new long[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      int a = rnd.nextInt(Math.min(education.length, labour.length));
      left[i] = education[a];
      right[i] = rnd.nextInt(20) == 0 ? labour[a] : labour[rnd.nextInt(labour.length)];
    }
    if (kernel() != bounded()) {
      throw new IllegalStateException("the bound changed a level");
    }
  }

  private static long[] names(RecordTable table) {
    int forename = table.columnIndex("forename");
    int surname = table.columnIndex("surname");
    long[] out = new long[table.size() * 2];
    int n = 0;
    for (int row = 0; row < table.size(); row++) {
      for (int column : new int[] {forename, surname}) {
        String v = table.value(column, row);
        long p = v == null ? Packed.UNPACKED : Packed.pack(v.toLowerCase(Locale.ROOT).toCharArray());
        if (p != Packed.UNPACKED) {
          out[n++] = p;
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static int level(double jw) {
    return jw >= HIGH ? 2 : jw >= LOW ? 1 : 0;
  }

  /** Every pair's similarity, then its level. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public long kernel() {
    long sum = 0;
    for (int i = 0; i < PAIRS; i++) {
      sum = sum * 3 + level(Packed.jaroWinkler(left[i], right[i]));
    }
    return sum;
  }

  /** The bound first; the similarity only where the bound leaves the level open. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public long bounded() {
    long sum = 0;
    for (int i = 0; i < PAIRS; i++) {
      sum = sum * 3 + (Packed.jaroWinklerBelow(left[i], right[i], LOW) ? 0 : level(Packed.jaroWinkler(left[i], right[i])));
    }
    return sum;
  }
}
