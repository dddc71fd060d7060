package org.linkage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.cli.Main;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * {@code link --engine spark} and {@code dedup --engine spark} write the files the in-process engine
 * writes, byte for byte (links, unmatched, persons, model). The class's session is the process's
 * default session, which the command line uses and leaves running.
 */
class SparkCliTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("linkage-cli-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(1000).seed(17).longitudinal(true).build())
        .writeTo(data);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void link_engineSparkWithPersons_sameFilesAsInProcess() throws Exception {
    Path local = run("local", "link", "--persons");
    Path onSpark = run("spark", "link", "--persons", "--engine", "spark", "--master", "local[2]");
    for (String f : List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv", "persons.csv", "model.json",
        "ambiguous.csv")) {
      assertThat(Files.mismatch(onSpark.resolve(f), local.resolve(f))).as(f).isEqualTo(-1L);
    }
    assertThat(Files.readAllLines(local.resolve("links.csv"))).hasSizeGreaterThan(200);
    assertThat(spark.sparkContext().isStopped()).as("the test's session is left running").isFalse();
  }

  @Test
  void dedup_engineSpark_sameFilesAsInProcess() throws Exception {
    Path local = run("dedup-local", "dedup");
    Path onSpark = run("dedup-spark", "dedup", "--engine=spark");
    for (String f : List.of("links.csv", "persons.csv")) {
      assertThat(Files.mismatch(onSpark.resolve(f), local.resolve(f))).as(f).isEqualTo(-1L);
    }
  }

  private static Path run(String name, String command, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of(command));
    if (command.equals("link")) {
      args.addAll(List.of("--left", data.resolve("education.csv").toString(), "--right",
          data.resolve("labour.csv").toString()));
    } else {
      args.addAll(List.of("--input", data.resolve("labour.csv").toString()));
    }
    args.addAll(List.of("--out", out.toString(), "--threads", "2", "--quiet"));
    args.addAll(List.of(extra));
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return out;
  }
}
