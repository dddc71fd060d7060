package org.linkage.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.Population;
import org.linkage.testkit.generate.PopulationGenerator;

class GeneratedPopulationExtensionTest {
  private static PopulationTables seenInBeforeAll;

  @BeforeAll
  static void capture(@GeneratedPopulation(learners = 300, seed = 3) PopulationTables pop) {
    seenInBeforeAll = pop;
  }

  @Test
  void resolve_sameKeyInBeforeAllAndTest_sameInstance(@GeneratedPopulation(learners = 300, seed = 3) PopulationTables pop) {
    assertThat(pop).isSameAs(seenInBeforeAll);
  }

  @Test
  void resolve_sameKeyTwice_sameInstance(@GeneratedPopulation(learners = 300, seed = 3) PopulationTables a,
                       @GeneratedPopulation(learners = 300, seed = 3) PopulationTables b) {
    assertThat(a).isSameAs(b);
  }

  @Test
  void resolve_otherSeedOrMode_otherPopulation(@GeneratedPopulation(learners = 300, seed = 3) PopulationTables a,
                         @GeneratedPopulation(learners = 300, seed = 4) PopulationTables seed4,
                         @GeneratedPopulation(learners = 300, seed = 3, longitudinal = true)
                         PopulationTables longitudinal) {
    assertThat(seed4).isNotSameAs(a);
    assertThat(seed4.education().id(0)).isEqualTo(a.education().id(0));
    assertThat(seed4.population().education().get(0)).isNotEqualTo(a.population().education().get(0));
    // Longitudinal: every education record of a person pairs with every labour record of theirs.
    assertThat(longitudinal.truth().size()).isGreaterThan(3 * a.truth().size());
  }

  @Test
  void resolve_populationParameter_rowsOfTheCachedTables(@GeneratedPopulation(learners = 300, seed = 3) Population raw,
                               @GeneratedPopulation(learners = 300, seed = 3) PopulationTables pop) {
    assertThat(raw).isSameAs(pop.population());
  }

  @Test
  void resolve_annotationValues_sameRowsAsGenerator(@GeneratedPopulation(learners = 300, seed = 3) Population raw) {
    Population direct = PopulationGenerator.create(GeneratorSpec.builder().learners(300).seed(3).build()).generateInMemory();
    assertThat(raw.education()).hasSameSizeAs(direct.education());
    for (int r = 0; r < raw.education().size(); r++) {
      assertThat(raw.education().get(r)).isEqualTo(direct.education().get(r));
    }
    assertThat(raw.truth()).hasSameSizeAs(direct.truth());
  }
}
