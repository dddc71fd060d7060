package org.linkage.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a generated population into a test or lifecycle method parameter of type
 * {@link org.linkage.testkit.PopulationTables} (or the raw {@link org.linkage.testkit.generate.Population}):
 *
 * <pre>{@code
 * @Test
 * void stricterSpec_keepsQuality(@GeneratedPopulation(learners = 5_000, seed = 7) PopulationTables pop) { ... }
 * }</pre>
 *
 * <p>The population is generated with the default error model and rates of
 * {@link org.linkage.testkit.generate.GeneratorSpec}, and cached for the whole test run per
 * (learners, seed, longitudinal): every parameter with the same three values, in any test class,
 * receives the same instance — and so shares the models it has trained
 * ({@link org.linkage.testkit.PopulationTables#modelFor}). The annotation registers
 * {@link GeneratedPopulationExtension} itself; no {@code @ExtendWith} is needed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(GeneratedPopulationExtension.class)
public @interface GeneratedPopulation {
  /** People with at least one education record, 1 to 50,000,000. Tests run fastest with 2,000–10,000. */
  int learners() default 10_000;

  /** The generator's seed: same values, same population. */
  long seed() default 1;

  /** Keep every record of each person (many:many truth) instead of the most recent one per side. */
  boolean longitudinal() default false;
}
