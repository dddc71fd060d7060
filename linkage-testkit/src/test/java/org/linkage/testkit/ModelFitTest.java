package org.linkage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.TextbookModel;
import org.linkage.testkit.generate.GeneratorSpec;
import org.opentest4j.AssertionFailedError;

/**
 * Training recovers the m of the data, on sparse names and on names as concentrated as in a
 * 39-million-person population, where EM on candidate pairs may fit a look-alike mixture.
 */
class ModelFitTest {
  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();

  private static PopulationTables population(GeneratorSpec.Builder b) {
    return PopulationTables.generate(b.seed(5).build());
  }

  @Test
  void modelFor_defaultPopulation_everyCommonLevelWithin003OfEmpiricalM() {
    PopulationTables pop = population(GeneratorSpec.builder().learners(20_000));
    LinkageAssertions.assertThat(pop.modelFor(SPEC)).against(pop, SPEC).hasMWithin(0.03);
  }

  @Test
  void modelFor_nationalAmbiguity_everyCommonLevelWithin003OfEmpiricalM() {
    PopulationTables pop = population(GeneratorSpec.nationalAmbiguity(20_000));
    LinkageAssertions.assertThat(pop.modelFor(SPEC)).against(pop, SPEC).hasMWithin(0.03);
  }

  @Test
  void link_nationalAmbiguity_preciseWithFewHeldBack() {
    PopulationTables pop = population(GeneratorSpec.nationalAmbiguity(20_000));
    LinkageResult result = Linker.create(SPEC).withThreads(2).link(pop.education(SPEC), pop.labour(SPEC));
    LinkageAssertions.assertThat(result).against(pop.truth()).hasPrecisionAtLeast(0.997).hasF1AtLeast(0.985);
    // ambiguity is real at this concentration: some pairs are held back, far fewer than are linked
    assertThat(result.ambiguous()).isNotEmpty().hasSizeLessThan(result.links().size() / 100);
    PairSet held = PairSet.of(result.ambiguous().stream()
        .map(a -> new PairSet.Pair(a.leftId(), a.rightId())).collect(java.util.stream.Collectors.toSet()));
    Evaluation heldVersusTruth = Evaluation.of(held, pop.truth());
    assertThat(heldVersusTruth.precision()).as("held pairs are a mix, not sure links").isLessThan(0.9);
  }

  @Test
  void hasMWithin_textbookModel_failsNamingTheLevels() {
    PopulationTables pop = population(GeneratorSpec.builder().learners(3_000));
    FellegiSunterModel textbook = TextbookModel.of(SPEC.comparisons(), 1e-5);
    assertThatThrownBy(() -> LinkageAssertions.assertThat(textbook).against(pop, SPEC).hasMWithin(0.03))
        .isInstanceOf(AssertionFailedError.class).hasMessageContaining("fitted").hasMessageContaining("empirical")
        .hasMessageContaining("dob");
  }

  @Test
  void link_modelContradictingTheData_warnsNamingTheComparison() {
    PopulationTables pop = population(GeneratorSpec.builder().learners(5_000));
    FellegiSunterModel trained = pop.modelFor(SPEC);
    // the dob comparison's m swapped end to end: exact agreement now "rare among matches"
    List<org.linkage.model.ComparisonModel> comps = new java.util.ArrayList<>(trained.comparisons());
    int dob = 3;
    org.linkage.model.ComparisonModel cm = comps.get(dob);
    double[] m = cm.mValues();
    double[] reversed = new double[m.length];
    for (int k = 0; k < m.length; k++) {
      reversed[k] = m[m.length - 1 - k];
    }
    comps.set(dob, new org.linkage.model.ComparisonModel(cm.name(), cm.levels(), reversed, cm.uValues()));
    FellegiSunterModel broken = new FellegiSunterModel(comps, trained.lambda());
    LinkageResult result = Linker.create(SPEC).withThreads(2).link(pop.education(SPEC), pop.labour(SPEC), broken);
    assertThat(result.report().warnings()).anySatisfy(w -> assertThat(w).contains("comparison dob")
        .contains("contradicts"));
    LinkageResult sound = Linker.create(SPEC).withThreads(2).link(pop.education(SPEC), pop.labour(SPEC), trained);
    assertThat(sound.report().warnings()).noneSatisfy(w -> assertThat(w).contains("contradicts"));
  }
}
