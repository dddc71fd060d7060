package org.linkage.cli;

import org.linkage.testkit.generate.GeneratorSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The population options {@code generate} and {@code demo} share: size, seed, name ambiguity. */
final class GeneratorOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--learners", defaultValue = "20000", description = "People in the population (default ${DEFAULT-VALUE}).")
  int learners;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--name-ambiguity-of", defaultValue = "0", paramLabel = "M",
      description = "Temper name frequencies so people share forename and surname as often as in a natural population "
          + "of M people, e.g. " + GeneratorSpec.UK_POPULATION + " (the UK LEO scale); 0, the default, keeps natural names.")
  long nameAmbiguityOf;

  /** The spec; a value the generator rejects is a usage error naming its option. */
  GeneratorSpec spec(boolean longitudinal) {
    GeneratorSpec.Builder b;
    try {
      b = GeneratorSpec.builder().learners(learners);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--learners: " + e.getMessage());
    }
    try {
      return b.seed(seed).longitudinal(longitudinal).nameAmbiguityOf(nameAmbiguityOf).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--name-ambiguity-of: " + e.getMessage());
    }
  }

  /** One line saying the names are tempered, or null in natural mode. */
  static String describe(GeneratorSpec spec) {
    if (spec.nameAmbiguityOf() == 0) {
      return null;
    }
    return String.format(java.util.Locale.ROOT,
        "name ambiguity of a %,d-person population: %,d people generated, name weights tempered by alpha = %.3f",
        spec.nameAmbiguityOf(), spec.people(), spec.nameTempering());
  }
}
