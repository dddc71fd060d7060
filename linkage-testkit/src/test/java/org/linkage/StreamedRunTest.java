package org.linkage;

import org.linkage.internal.stage.Scoring;
import org.linkage.internal.stage.ComparedPairs;
import org.linkage.internal.stage.LinkagePlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.ClusteringSpec;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * A run streams its candidate pairs in two passes and keeps only those the decisions read; these
 * tests hold it to what holding every pair gives, on name-concentrated data (many same-name
 * strangers, so competing pairs and held-back pairs occur).
 */
class StreamedRunTest {
  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();
  private static PopulationTables population;

  @BeforeAll
  static void generate() {
    population = PopulationTables.generate(GeneratorSpec.nationalAmbiguity(4_000).seed(3).build());
  }

  private static LinkageResult link(Linker linker) {
    return linker.link(population.education(SPEC), population.labour(SPEC));
  }

  /** Links, held-back pairs and unmatched records of both sides are equal. */
  private static void assertSameDecisions(LinkageResult expected, LinkageResult actual) {
    assertEquals(expected.links(), actual.links());
    assertEquals(expected.ambiguous(), actual.ambiguous());
    assertEquals(expected.unmatchedLeft(), actual.unmatchedLeft());
    assertEquals(expected.unmatchedRight(), actual.unmatchedRight());
  }

  @Test
  void link_keptFloorAgainstEveryPairKept_sameDecisions() {
    Linker linker = Linker.create(SPEC).withThreads(2);
    LinkageResult streamed = link(linker);
    LinkageResult every = link(linker.keepingEveryPair());

    assertSameDecisions(every, streamed);
    assertEquals(every.report().pairsAboveThreshold(), streamed.report().pairsAboveThreshold());
    assertEquals(every.candidateWeightHistogram(), streamed.candidateWeightHistogram());
    // the floor dropped pairs, so the comparison above is not between two identical runs
    assertEquals(every.report().candidatePairs(), every.report().pairsKept());
    assertTrue(streamed.report().pairsKept() < streamed.report().candidatePairs(),
        streamed.report().pairsKept() + " of " + streamed.report().candidatePairs());
    assertTrue(!streamed.ambiguous().isEmpty() && streamed.links().size() > 1_000, "a run with competitors");
  }

  @Test
  void link_floorAboveWhatDecisionsRead_scoresAgainAndDecidesAsOnEveryPair() {
    Linker linker = Linker.create(SPEC).withThreads(2);
    // from the threshold weight: the competing decisions read lower, so the pass must run again
    LinkageResult again = link(linker.keepingFrom(FellegiSunterModel.weightOf(SPEC.threshold())));
    LinkageResult every = link(linker.keepingEveryPair());

    assertEquals(2 * again.report().candidatePairs(), again.report().pairsByPass().get("score"), "scored twice");
    assertEquals(every.links(), again.links());
    assertEquals(every.ambiguous(), again.ambiguous());
    assertEquals(every.unmatchedLeft(), again.unmatchedLeft());
    assertEquals(every.unmatchedRight(), again.unmatchedRight());
  }

  @Test
  void link_personsKeptFloorAgainstEveryPairKept_samePersons() {
    LinkageSpec persons = SPEC.toBuilder().clustering(ClusteringSpec.persons()).build();
    // a panel: several records of one person on a side, so the sides link within themselves
    PopulationTables panel = PopulationTables.generate(GeneratorSpec.builder().learners(2_000).seed(7)
        .longitudinal(true).build());
    Linker linker = Linker.create(persons).withThreads(2);
    LinkageResult streamed = linker.link(panel.education(persons), panel.labour(persons));
    LinkageResult every = linker.keepingEveryPair().link(panel.education(persons), panel.labour(persons));

    assertEquals(every.persons(), streamed.persons());
    assertEquals(every.clusteringReport(), streamed.clusteringReport());
    assertEquals(every.links(), streamed.links());
    assertTrue(streamed.clusteringReport().leftLinks() + streamed.clusteringReport().rightLinks() > 0,
        "links within a side: " + streamed.clusteringReport());
  }

  @Test
  void link_spilledPairsAgainstComparingTwice_sameDecisions() {
    Linker linker = Linker.create(SPEC).withThreads(2);
    LinkageResult spilled = link(linker);
    LinkageResult twice = link(linker.comparingTwice());

    // without a spill pass 1 groups the pairs by weight for the λ fit; with one the fit reads them back
    assertEquals(twice.model().toJson(), spilled.model().toJson());
    assertEquals(twice.model().lambda(), spilled.model().lambda(), 0.0);
    assertSameDecisions(twice, spilled);
    assertEquals(twice.report().pairsKept(), spilled.report().pairsKept());
    assertEquals(twice.candidateWeightHistogram(), spilled.candidateWeightHistogram());
    // with a floor above what the decisions read, pass 2 reads the spill twice
    LinkageResult again = link(linker.keepingFrom(FellegiSunterModel.weightOf(SPEC.threshold())));
    assertSameDecisions(twice, again);
  }

  @Test
  void link_spillFailingPartWay_comparesAgainWithTheSameModelAndDecisions() {
    Linker linker = Linker.create(SPEC).withThreads(2);
    LinkageResult twice = link(linker.comparingTwice());
    // the spill file gives up after a few chunks, as on a full disk: pass 1 gathered no weight
    // groups, so a pass groups them for the λ fit, and pass 2 compares again
    LinkageResult failed = link(linker.spillFailingAfter(10_000));

    assertTrue(failed.report().candidatePairs() > 10_000, "the spill failed part way");
    assertEquals(twice.model().toJson(), failed.model().toJson());
    assertSameDecisions(twice, failed);
    assertEquals(twice.candidateWeightHistogram(), failed.candidateWeightHistogram());
  }

  @Test
  void link_releasingRawValues_sameOutputAndTablesKeepIdsOnly() {
    LinkageSpec persons = SPEC.toBuilder().clustering(ClusteringSpec.persons()).build();
    PopulationTables panel = PopulationTables.generate(GeneratorSpec.builder().learners(2_000).seed(7)
        .longitudinal(true).build());
    Linker linker = Linker.create(persons).withThreads(2);
    RecordTable left = panel.education(persons);
    RecordTable right = panel.labour(persons);
    LinkageResult kept = linker.link(panel.education(persons), panel.labour(persons));
    LinkageResult released = linker.releasingRawValues().link(left, right);

    assertSameDecisions(kept, released);
    assertEquals(kept.persons(), released.persons());
    assertTrue(!left.hasValues() && !right.hasValues(), "values released");
    assertTrue(left.size() > 0 && left.id(0).equals(panel.education(persons).id(0)), "ids kept");
  }

  @Test
  void train_streamedSummary_sameModelAsTrainingOnHeldPairs() {
    LinkagePlan plan = LinkagePlan.compile(SPEC);
    FellegiSunterModel streamed = Linker.create(SPEC).withThreads(2)
        .train(population.education(SPEC), population.labour(SPEC)).model();
    ComparedPairs held = ComparedPairs.compare(plan, population.education(SPEC), population.labour(SPEC), 2);
    FellegiSunterModel fromHeld = Scoring.train(plan, held, 2).model();

    assertEquals(fromHeld.lambda(), streamed.lambda(), 0.0);
    assertEquals(fromHeld.lambdaSource(), streamed.lambdaSource());
    for (int c = 0; c < fromHeld.comparisons().size(); c++) {
      assertArrayEquals(fromHeld.comparisons().get(c).mValues(), streamed.comparisons().get(c).mValues(), 0.0);
      assertArrayEquals(fromHeld.comparisons().get(c).uValues(), streamed.comparisons().get(c).uValues(), 0.0);
      assertEquals(fromHeld.comparisons().get(c).source(), streamed.comparisons().get(c).source());
    }
  }

  @Test
  void link_oneAndTwoThreads_identicalOutput() {
    LinkageResult one = link(Linker.create(SPEC).withThreads(1));
    LinkageResult two = link(Linker.create(SPEC).withThreads(2));

    assertEquals(one.links(), two.links());
    assertEquals(one.ambiguous(), two.ambiguous());
    assertEquals(one.unmatchedLeft(), two.unmatchedLeft());
    assertEquals(one.unmatchedRight(), two.unmatchedRight());
    assertEquals(one.model().lambda(), two.model().lambda(), 0.0);
    assertEquals(one.report().pairsKept(), two.report().pairsKept());
    assertEquals(one.candidateWeightHistogram(), two.candidateWeightHistogram());
  }
}
