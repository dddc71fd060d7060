package org.linkage.testkit.generate;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: times {@link PopulationGenerator#writeTo} for a number of learners (default 1,000,000).
 * Run after {@code mvn test-compile} with
 * {@code java -cp linkage-testkit/target/classes:linkage-testkit/target/test-classes org.linkage.testkit.generate.GeneratorTiming 1000000 /tmp/gen}.
 */
public final class GeneratorTiming {
  private GeneratorTiming() {
  }

  public static void main(String[] args) throws Exception {
    int learners = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("linkage-gen");
    boolean longitudinal = args.length > 2 && Boolean.parseBoolean(args[2]);
    GeneratorSpec spec = GeneratorSpec.builder().learners(learners).seed(42).longitudinal(longitudinal).build();
    for (int run = 0; run < 2; run++) {
      long t0 = System.nanoTime();
      PopulationGenerator.create(spec).writeTo(dir);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("run %d: %,d learners (longitudinal=%s) written to %s in %,d ms%n", run, learners, longitudinal, dir, ms);
    }
    for (String f : new String[] {"education.csv", "labour.csv", "truth.csv", "truth_persons.csv"}) {
      Path p = dir.resolve(f);
      try (var lines = Files.lines(p)) {
        System.out.printf("%-18s %,12d bytes %,10d rows%n", f, Files.size(p), lines.count() - 1);
      }
    }
  }
}
