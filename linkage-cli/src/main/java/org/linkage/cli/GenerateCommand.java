package org.linkage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linkage generate}: a synthetic education / labour-market population with truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic population: education.csv, labour.csv, truth.csv, truth_persons.csv.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--learners", defaultValue = "20000", description = "People in the population (default ${DEFAULT-VALUE}).")
  int learners;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--longitudinal", description = "Several records per person on each side (yearly education records, employment and benefit spells).")
  boolean longitudinal;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    GeneratorSpec spec = GeneratorSpec.builder().learners(learners).seed(seed).longitudinal(longitudinal).build();
    long t0 = System.nanoTime();
    PopulationGenerator.create(spec).writeTo(out);
    System.err.printf("generated %d learners into %s in %.1f s%n", learners, out, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
