/*
 * BlockingBench: the blocking index's two costs on generated person data — building it (keys for
 * every rule on both sides, the right side grouped by key with a counting sort, sorted-neighbourhood
 * ranks) and probing it (candidate pairs of a left record, each pair once across all rules, with the
 * earlier-rule checks that make that so). Rules: the person profile's defaults, and the same plus a
 * sorted-neighbourhood rule on surname, forename (window 3). Data: the synthetic generator
 * (org.linkage.testkit.generate), written to a temporary folder and read back with CsvTableReader,
 * then EncodedData.encode, exactly as a run does.
 *
 * Run (after mvn -B -pl linkage-bench -am package -DskipTests):
 *   java -jar linkage-bench/target/benchmarks.jar BlockingBench -prof gc
 * Short run used for docs/performance.md:
 *   java -jar linkage-bench/target/benchmarks.jar BlockingBench -f 1 -wi 2 -i 3 -p learners=100000 -prof gc
 * Read build in ms per index; probe in ns per left record and per pair (probe / pairs of the batch),
 * and gc.alloc.rate.norm of probe, which should be ~0 B/op.
 */
package org.linkage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.block.Blocker;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.record.CsvOptions;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@State(Scope.Benchmark)
public class BlockingBench {

  /** Left records probed per benchmark call, in a seeded random order (defeats the caches' help of row order). */
  private static final int BATCH = 1024;

  @Param({"100000"})
  int learners;

  @Param({"person", "person_sn"})
  String rules;

  EncodedData data;
  List<BlockingRuleSpec> ruleList;
  int maxBlockSize;
  Blocker blocker;
  int[] probeRows;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Files.createTempDirectory("blocking-bench");
    try {
      PopulationGenerator.create(GeneratorSpec.builder().learners(learners).seed(3).build()).writeTo(dir);
      LinkageSpec spec = LinkageSpec.personDefaults();
      CsvTableReader reader = CsvTableReader.create(spec.idColumn(), spec.columns(), CsvOptions.defaults());
      RecordTable left = reader.read(dir.resolve("education.csv")).table();
      RecordTable right = reader.read(dir.resolve("labour.csv")).table();
      data = EncodedData.encode(left, right);
      ruleList = new ArrayList<>(spec.blockingRules());
      if (rules.equals("person_sn")) {
        ruleList.add(BlockingRuleSpec.sortedNeighbourhood("sn_surname_forename", 3, "surname", "forename"));
      }
      maxBlockSize = spec.maxBlockSize();
      blocker = Blocker.build(ruleList, data, maxBlockSize);
      SplittableRandom rnd = new SplittableRandom(7);
      probeRows = new int[BATCH];
      for (int i = 0; i < BATCH; i++) {
        probeRows[i] = rnd.nextInt(data.leftSize());
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Keys for every rule on both sides and the right-side index. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Blocker build() {
    return Blocker.build(ruleList, data, maxBlockSize);
  }

  /** Candidate pairs of BATCH left records; returns the number of pairs so per-pair cost can be read off. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long probe(Blackhole bh) {
    PairCounter counter = new PairCounter(bh);
    for (int row : probeRows) {
      blocker.candidatesOf(row, counter);
    }
    return counter.pairs;
  }

  /** Sinks every pair into the Blackhole so the probe loop cannot be optimised away. */
  private static final class PairCounter implements Blocker.PairSink {
    final Blackhole bh;
    long pairs;

    PairCounter(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void accept(int left, int right, int rule) {
      bh.consume(right);
      pairs++;
    }
  }
}
