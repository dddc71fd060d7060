package org.linkage.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linkage.Link;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.spec.MatchKeySpec;
import org.linkage.testkit.junit.GeneratedPopulation;
import org.opentest4j.AssertionFailedError;

/** The pair assertions, with the default person spec and a model trained on a shared population. */
class LinkerAssertTest {
  private static final LinkageSpec PERSON = LinkageSpec.personDefaults();

  private static final PersonRecord WILLIAM = PersonRecord.of("E1").forename("William").surname("Hughes")
    .dob("1991-03-14").sex("M").postcode("LS6 2AB");
  /** Same person, nickname at work, same home. */
  private static final PersonRecord BILL = WILLIAM.withId("L1").forename("Bill").nino("JT123456A");
  /** Another man born the same day, whose forename shares the initial: a candidate, but a weak one. */
  private static final PersonRecord WALTER = PersonRecord.of("L4").forename("Walter").surname("Price")
    .dob("1991-03-14").sex("M").postcode("CF10 3AT");
  /** Twins at one home, no NINO on either record: the independence assumption links them. */
  private static final PersonRecord TWIN_OLIVER = PersonRecord.of("E2").forename("Oliver").surname("Hughes")
    .dob("1991-03-14").sex("M").postcode("LS6 2AB");
  private static final PersonRecord TWIN_OWEN = TWIN_OLIVER.withId("L2").forename("Owen");
  private static final PersonRecord STRANGER = PersonRecord.of("L3").forename("Grace").surname("Okafor")
    .dob("1987-11-30").sex("F").postcode("BS3 4QT");
  /** Probabilities vary with the trained model; messages are checked for their shape around them. */
  private static final String P = "0\\.\\d{6}";

  private static LinkerAssert person;

  @BeforeAll
  static void train(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    person = LinkageAssertions.assertThat(Linker.create(PERSON)).trainedOn(pop);
  }

  @Test
  void links_nicknameSameHome_passesWithHighProbability() {
    person.links(WILLIAM, BILL).byMethod(Link.PROBABILISTIC).withProbabilityAtLeast(0.999)
      .and().doesNotLink(WILLIAM, STRANGER);
  }

  @Test
  void links_belowThreshold_failsWithProbabilityThresholdAndWaterfall() {
    AssertionFailedError e = fails(() -> person.links(WILLIAM, WALTER));
    assertThat(e).hasMessageMatching("(?s)expected left E1 and right L4 to link, but they do not: their match "
        + "probability " + P + " is below the threshold 0\\.7000; no match key agrees \\(nino_dob, name_dob\\)\n"
        + "comparison +level +weight\n.*")
      .hasMessageMatching("(?s).*\nforename +else +-\\d+\\.\\d{3}\n.*")
      .hasMessageMatching("(?s).*\ndob +exact +\\+\\d+\\.\\d{3}\n.*")
      .hasMessageMatching("(?s).*\nmatch probability +" + P + "\n");
    assertEquals("linked", e.getExpected().getValue());
    assertEquals("not linked", e.getActual().getValue());
  }

  @Test
  void links_noCommonBlock_failsNamingBlockingRules() {
    assertThat(fails(() -> person.links(WILLIAM, STRANGER)))
      .hasMessageStartingWith("expected left E1 and right L3 to link, but they do not: no blocking rule puts them "
        + "in one block (rules: " + org.linkage.spec.LinkageSpec.personDefaults().blockingRules().stream()
          .map(org.linkage.spec.BlockingRuleSpec::name).collect(java.util.stream.Collectors.joining(", ")))
      .hasMessageContaining("match weight");
  }

  @Test
  void withProbabilityAtLeast_aboveLinkProbability_failsWithBothValuesAndWaterfall() {
    assertThat(fails(() -> person.links(TWIN_OLIVER, TWIN_OWEN).withProbabilityAtLeast(0.99999)))
      .hasMessageMatching("(?s)expected the link of left E2 and right L2 to have match probability at least "
        + "0\\.999990, but it is " + P + " \\(linked by probabilistic\\)\n.*")
      .hasMessageMatching("(?s).*\nforename +else +-.*");
  }

  @Test
  void doesNotLink_linkedPair_failsNamingPassProbabilityAndWaterfall() {
    assertThat(fails(() -> person.doesNotLink(TWIN_OLIVER, TWIN_OWEN)))
      .hasMessageMatching("(?s)expected left E2 and right L2 not to link, but they are linked by the probabilistic "
        + "pass with match probability " + P + " \\(threshold 0\\.7000\\)\n.*")
      .hasMessageMatching("(?s).*\npostcode +exact +\\+.*");
  }

  @Test
  void byMethod_otherPass_failsNamingActualPass() {
    PersonRecord withNino = WILLIAM.nino("JT123456A");
    person.links(withNino, BILL).byMethod("nino_dob");
    assertThat(fails(() -> person.links(withNino, BILL).byMethod(Link.PROBABILISTIC)))
      .hasMessageStartingWith("expected left E1 and right L1 to be linked by probabilistic, but they are linked "
        + "by match key nino_dob (match probability");
  }

  @Test
  void links_probabilisticSpecWithoutModel_throwsIllegalState() {
    assertThatThrownBy(() -> LinkageAssertions.assertThat(Linker.create(PERSON)).links(WILLIAM, BILL))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("usingModel(model) or trainedOn(population)");
  }

  @Test
  void links_deterministicSpecWithoutModel_decidesByMatchKeys() {
    LinkageSpec keysOnly = PERSON.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC)
      .matchKeys(List.of(MatchKeySpec.of("nino_dob", "nino", "dob"))).build();
    LinkerAssert deterministic = LinkageAssertions.assertThat(Linker.create(keysOnly));
    deterministic.links(WILLIAM.nino("JT123456A"), BILL).byMethod("nino_dob");
    assertThat(fails(() -> deterministic.links(WILLIAM, BILL)))
      .hasMessage("expected left E1 and right L1 to link, but they do not: no match key agrees (nino_dob)");
    assertThat(fails(() -> deterministic.links(WILLIAM.nino("JT123456A"), BILL).withProbabilityAtLeast(0.5)))
      .hasMessageStartingWith("expected the link of left E1 and right L1 to have match probability at least "
        + "0.500000, but it is NaN (linked by nino_dob)");
  }

  @Test
  void withProbabilityAtLeast_boundOutsideUnitInterval_throwsIllegalArgument() {
    assertThatThrownBy(() -> person.links(WILLIAM, BILL).withProbabilityAtLeast(1.5))
      .isInstanceOf(IllegalArgumentException.class).hasMessage("min must be in [0, 1]: 1.5");
  }

  @Test
  void explain_unlinkedPair_sameWaterfallAsFailureMessage() {
    String text = person.explain(WILLIAM, WALTER).toText();
    assertThat(fails(() -> person.links(WILLIAM, WALTER))).hasMessageEndingWith(text);
  }

  private static AssertionFailedError fails(Runnable assertion) {
    try {
      assertion.run();
    } catch (AssertionFailedError e) {
      return e;
    }
    throw new AssertionError("the assertion passed but should have failed");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertThat(AssertionFailedError e) {
    return Assertions.assertThat((Throwable) e);
  }
}
