package org.linkage.cli;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.record.CsvOptions;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage demo}: generate a population, link it with the defaults, print quality vs truth. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a synthetic education / labour-market population, link it with the default person "
        + "profile and print precision, recall and F1 against the generator's truth.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  GeneratorOptions generator;

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--out", description = "Keep the generated data and the outputs in this folder (default: a "
      + "temporary folder, removed at the end unless --duckdb).")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Option(names = "--duckdb", description = "Go through an embedded DuckDB database (leo.duckdb in the output folder): "
      + "load the generated files with DuckDB's read_csv, link its tables into its tables, evaluate its links table.")
  boolean duckdb;

  @Override
  public Integer call() throws IOException {
    Path dir = out != null ? out : Files.createTempDirectory("linkage-demo-");
    try {
      return demo(dir);
    } finally {
      if (out == null && !duckdb) { // --duckdb prints where its database is: keep it
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
      }
    }
  }

  private int demo(Path dir) throws IOException {
    Path data = dir.resolve("data");
    Path links = dir.resolve("links");
    GeneratorSpec population = generator.spec(false);
    String mode = GeneratorOptions.describe(population);
    if (mode != null) {
      spec.commandLine().getOut().println(mode);
    }
    long t0 = System.nanoTime();
    PopulationGenerator.create(population).writeTo(data);
    if (!quiet) {
      System.err.printf("generated %d learners in %.1f s%n", population.learners(), (System.nanoTime() - t0) / 1e9);
    }
    if (duckdb) {
      return DuckDbDemo.run(spec.commandLine().getOut(), data, dir, threads);
    }
    long t1 = System.nanoTime();
    LinkageResult result;
    try (ProgressLine progress = ProgressLine.open(quiet)) {
      result = LinkCommand.run(LinkageSpec.personDefaults(), data.resolve("education.csv"),
          data.resolve("labour.csv"), links, null, threads, CsvOptions.defaults(), true, progress, true);
    }
    double seconds = (System.nanoTime() - t1) / 1e9;
    Evaluation e = Evaluation.of(PairSet.read(links.resolve("links.csv")), PairSet.read(data.resolve("truth.csv")));
    var o = spec.commandLine().getOut();
    o.printf("linked %d education and %d labour-market records in %.1f s: %d links %s%n",
        result.report().leftRecords(), result.report().rightRecords(), seconds, result.links().size(),
        result.report().linksByMethod());
    o.println(e.summary());
    o.println(out == null ? "outputs removed (keep them with --out DIR)" : "outputs in " + links.toAbsolutePath());
    return 0;
  }
}
