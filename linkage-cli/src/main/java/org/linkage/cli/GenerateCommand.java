package org.linkage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code linkage generate}: a synthetic education / labour-market population with truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic population: education.csv, labour.csv, truth.csv, truth_persons.csv.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin
  GeneratorOptions generator;

  @Option(names = "--longitudinal", description = "Several records per person on each side (yearly education records, employment and benefit spells).")
  boolean longitudinal;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    GeneratorSpec spec = generator.spec(longitudinal);
    String mode = GeneratorOptions.describe(spec);
    if (mode != null) {
      System.err.println(mode);
    }
    long t0 = System.nanoTime();
    PopulationGenerator.create(spec).writeTo(out);
    System.err.printf("generated %d learners into %s in %.1f s%n", spec.learners(), out, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
