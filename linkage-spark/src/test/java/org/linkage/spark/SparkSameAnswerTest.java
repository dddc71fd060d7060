package org.linkage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.Linker;
import org.linkage.Person;
import org.linkage.io.RecordSource;
import org.linkage.record.CsvOptions;
import org.linkage.record.RecordTable;
import org.linkage.spec.ClusteringSpec;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * The Spark engine on {@code local[2]} gives the in-process engine's answer: the same links (left
 * id, right id, method, probability to 1e-9), unmatched records and persons, on FEBRL4 and on
 * generated learners. One session for the class. Where the engine rebuilds the index on its
 * executors as on a cluster, the records travel through Java serialization and are encoded again.
 */
class SparkSameAnswerTest {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("linkage-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void link_febrl4OnSparkEngine_sameLinksAsInProcess() throws Exception {
    Path febrl = Path.of("..", "datasets", "febrl4"); // tests run from the module folder
    LinkageSpec spec = LinkageSpec.fromJson(Path.of("..", "docs", "examples", "febrl4.json"));
    RecordTable left = read(febrl.resolve("dataset4a.csv"), spec);
    RecordTable right = read(febrl.resolve("dataset4b.csv"), spec);

    LinkageResult local = Linker.create(spec).withThreads(2).link(left, right);
    LinkageResult onSpark;
    try (SparkPairEngine engine = SparkPairEngine.on(spark).rebuildingIndexes()) {
      onSpark = Linker.create(spec).withEngine(engine).link(left, right);
      assertThat(engine.passesRun()).as("compare and score ran on Spark").isEqualTo(2);
    }

    assertThat(local.links()).hasSizeGreaterThan(4000);
    assertSameAnswer(onSpark, local);
  }

  @Test
  void link_generatedLearnersAsDatasets_sameLinksAndUnmatchedAsInProcess() {
    Path data = dir.resolve("learners");
    PopulationGenerator.create(GeneratorSpec.builder().learners(LEARNERS).seed(11).build()).writeTo(data);
    LinkageSpec spec = LinkageSpec.personDefaults();
    RecordTable left = read(data.resolve("education.csv"), spec);
    RecordTable right = read(data.resolve("labour.csv"), spec);

    LinkageResult local = Linker.create(spec).withThreads(2).link(left, right);
    SparkLinkage onSpark = SparkLinker.create(spark, spec).link(csv(data.resolve("education.csv")),
        csv(data.resolve("labour.csv")));

    assertThat(local.links()).hasSizeGreaterThan(LEARNERS / 2);
    assertSameAnswer(onSpark.result(), local);
    assertThat(onSpark.links().count()).isEqualTo(local.links().size());
    assertThat(onSpark.unmatchedRight().count()).isEqualTo(local.unmatchedRight().size());
  }

  @Test
  void link_longitudinalLearnersWithPersons_samePersonsAsInProcess() {
    Path data = dir.resolve("longitudinal");
    PopulationGenerator.create(GeneratorSpec.builder().learners(1000).seed(5).longitudinal(true).build())
        .writeTo(data);
    LinkageSpec defaults = LinkageSpec.personDefaults();
    LinkageSpec spec = defaults.toBuilder()
        .clustering(new ClusteringSpec(true, true, defaults.clustering().birthDateColumn())).build();
    RecordTable left = read(data.resolve("education.csv"), spec);
    RecordTable right = read(data.resolve("labour.csv"), spec);

    LinkageResult local = Linker.create(spec).withThreads(2).link(left, right);
    LinkageResult onSpark;
    try (SparkPairEngine engine = SparkPairEngine.on(spark).withPartitions(5).inWavesOf(2).rebuildingIndexes()) {
      onSpark = Linker.create(spec).withEngine(engine).link(left, right);
      assertThat(engine.passesRun()).as("compare, score and each side's pass ran on Spark").isGreaterThanOrEqualTo(4);
    }

    assertThat(local.clusteringReport().personsWithSeveralRecords()).isGreaterThan(100);
    assertSameAnswer(onSpark, local);
    assertThat(onSpark.persons()).containsExactlyElementsOf(local.persons());
  }

  @Test
  void deduplicate_generatedLearners_sameDuplicateLinksAsInProcess() {
    Path data = dir.resolve("dedup");
    PopulationGenerator.create(GeneratorSpec.builder().learners(800).seed(7).longitudinal(true).build())
        .writeTo(data);
    LinkageSpec spec = LinkageSpec.personDefaults();
    RecordTable table = read(data.resolve("labour.csv"), spec);

    LinkageResult local = Linker.create(spec).withThreads(2).deduplicate(table);
    SparkLinkage onSpark = SparkLinker.create(spark, spec).deduplicate(csv(data.resolve("labour.csv")));

    assertSameAnswer(onSpark.result(), local);
    assertThat(onSpark.persons().count()).isEqualTo(
        local.persons().stream().mapToLong(p -> p.leftIds().size()).sum());
  }

  private static final int LEARNERS = Integer.getInteger("linkage.spark.learners", 5_000);

  private static void assertSameAnswer(LinkageResult actual, LinkageResult expected) {
    List<Link> a = actual.links();
    List<Link> e = expected.links();
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      assertThat(a.get(i).leftId()).isEqualTo(e.get(i).leftId());
      assertThat(a.get(i).rightId()).isEqualTo(e.get(i).rightId());
      assertThat(a.get(i).method()).isEqualTo(e.get(i).method());
      assertThat(a.get(i).matchProbability()).isCloseTo(e.get(i).matchProbability(),
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(actual.unmatchedLeft()).isEqualTo(expected.unmatchedLeft());
    assertThat(actual.unmatchedRight()).isEqualTo(expected.unmatchedRight());
    assertThat(actual.report().candidatePairs()).isEqualTo(expected.report().candidatePairs());
    assertThat(actual.model().lambda()).isEqualTo(expected.model().lambda());
  }

  private static RecordTable read(Path file, LinkageSpec spec) {
    return RecordSource.csv(file).read(spec, CsvOptions.defaults()).table();
  }

  private Dataset<Row> csv(Path file) {
    return spark.read().option("header", "true").csv(file.toString());
  }
}
