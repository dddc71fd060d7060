package org.linkage.testkit.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.linkage.testkit.LinkageAssertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.spec.MatchKeySpec;
import org.linkage.testkit.PersonRecord;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.junit.GeneratedPopulation;
import org.opentest4j.AssertionFailedError;

/**
 * The worked example of docs/testing-rules.md: a stricter person spec, unit-tested pair by pair and
 * on a generated population. Keep the two in step.
 */
class StricterSpecTest {
  /**
   * The rule under test: the person profile with a 0.999 threshold and NINO + date of birth as the
   * only match key. Dropping the name + date-of-birth key stops two different John Smiths born on
   * the same day from being linked outright.
   */
  static final LinkageSpec STRICT = LinkageSpec.personDefaults().toBuilder()
    .threshold(0.999)
    .matchKeys(List.of(MatchKeySpec.of("nino_dob", "nino", "dob")))
    .build();

  // One person: William at school, "Bill" at work, same home.
  static final PersonRecord WILLIAM = PersonRecord.of("E1")
    .forename("William").surname("Hughes").dob("1991-03-14").sex("M").postcode("LS6 2AB");
  static final PersonRecord BILL = WILLIAM.withId("L1").forename("Bill").nino("JT123456A");

  // Hard negatives: twins at the same home, no NINO on either record...
  static final PersonRecord OLIVER = PersonRecord.of("E2")
    .forename("Oliver").surname("Hughes").dob("1991-03-14").sex("M").postcode("LS6 2AB");
  static final PersonRecord OWEN = OLIVER.withId("L2").forename("Owen");

  // ...and two John Smiths born on the same day, whose NINOs disagree.
  static final PersonRecord JOHN_PAUL = PersonRecord.of("E3").forename("John").middleName("Paul")
    .surname("Smith").dob("1990-06-01").sex("M").postcode("B12 9QH").nino("JT112233A");
  static final PersonRecord JOHN_MICHAEL = PersonRecord.of("L3").forename("John").middleName("Michael")
    .surname("Smith").dob("1990-06-01").sex("M").postcode("NE4 7SU").nino("PR445566C");

  @Test
  void strict_nicknameAtSameHome_linked(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    assertThat(Linker.create(STRICT)).trainedOn(pop)
      .links(WILLIAM, BILL).byMethod(Link.PROBABILISTIC).withProbabilityAtLeast(0.999);
  }

  @Test
  void strict_hardNegatives_notLinked(@GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    assertThat(Linker.create(STRICT)).trainedOn(pop)
      .doesNotLink(OLIVER, OWEN)
      .doesNotLink(JOHN_PAUL, JOHN_MICHAEL);
  }

  @Test
  void defaults_twinsAtSameHome_linkedButNinoVetoesJohnSmiths(
      @GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    // Why the stricter rule exists: judged on their own, the defaults link the twins...
    var defaults = assertThat(Linker.create(LinkageSpec.personDefaults())).trainedOn(pop);
    assertThrows(AssertionFailedError.class, () -> defaults.doesNotLink(OLIVER, OWEN));
    // ...while the name + date-of-birth key is vetoed by the differing NINOs (mustNotDiffer)
    defaults.doesNotLink(JOHN_PAUL, JOHN_MICHAEL);
  }

  @Test
  void strict_generatedPopulation_keepsPrecisionAndMostRecall(
      @GeneratedPopulation(learners = 3_000, seed = 7) PopulationTables pop) {
    LinkageResult result = Linker.create(STRICT).link(pop.education(STRICT), pop.labour(STRICT), pop.modelFor(STRICT));
    assertThat(result).against(pop.truth())
      .hasPrecisionAtLeast(0.995)
      .hasRecallAtLeast(0.96);   // the price of strictness: the defaults reach 0.98 here
  }
}
