package org.linkage.testkit.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.Population;

/**
 * Resolves parameters annotated with {@link GeneratedPopulation}. Populations are kept in the root
 * {@link ExtensionContext.Store}, which lives as long as the test run, keyed by (learners, seed,
 * longitudinal); generation of one key happens once even when tests run in parallel.
 *
 * <p>Registered by the annotation; stateless and thread-safe.
 */
public final class GeneratedPopulationExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
    ExtensionContext.Namespace.create(GeneratedPopulationExtension.class);

  /** The cache key. */
  private record Key(int learners, long seed, boolean longitudinal) {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(GeneratedPopulation.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type != PopulationTables.class && type != Population.class) {
      throw new ParameterResolutionException("@GeneratedPopulation parameter " + parameter.getParameter().getName()
        + " has type " + type.getName() + "; it must be PopulationTables or Population");
    }
    GeneratedPopulation a = parameter.findAnnotation(GeneratedPopulation.class).orElseThrow();
    GeneratorSpec spec;
    try {
      spec = GeneratorSpec.builder().learners(a.learners()).seed(a.seed()).longitudinal(a.longitudinal()).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException("@GeneratedPopulation: " + e.getMessage(), e);
    }
    PopulationTables tables = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
      new Key(a.learners(), a.seed(), a.longitudinal()), k -> PopulationTables.generate(spec),
      PopulationTables.class);
    return type == Population.class ? tables.population() : tables;
  }
}
