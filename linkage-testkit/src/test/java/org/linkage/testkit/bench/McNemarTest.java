package org.linkage.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linkage.eval.PairSet;

class McNemarTest {

  @Test
  void exactTwoSided_binomialTails_matchTextbookValues() {
    // Binomial(10, 1/2): P(X <= 1) = 11/1024; P(X <= 0) for n = 5 is 1/32
    assertThat(McNemar.exactTwoSided(1, 9)).isCloseTo(2 * 11 / 1024.0, within(1e-15));
    assertThat(McNemar.exactTwoSided(0, 5)).isCloseTo(2 / 32.0, within(1e-15));
    // Binomial(20, 1/2): P(X <= 5) = 21700/1048576
    assertThat(McNemar.exactTwoSided(15, 5)).isCloseTo(2 * 21_700 / 1_048_576.0, within(1e-15));
    assertThat(McNemar.exactTwoSided(4, 4)).isEqualTo(1.0);
    assertThat(McNemar.exactTwoSided(0, 0)).isEqualTo(1.0);
  }

  @Test
  void chiSquareOneDfSurvival_criticalValues_giveTheirLevels() {
    assertThat(McNemar.chiSquareOneDfSurvival(3.841459)).isCloseTo(0.05, within(1e-6));
    assertThat(McNemar.chiSquareOneDfSurvival(6.634897)).isCloseTo(0.01, within(1e-7));
    assertThat(McNemar.chiSquareOneDfSurvival(10.827566)).isCloseTo(0.001, within(1e-8));
    assertThat(McNemar.chiSquareOneDfSurvival(0)).isEqualTo(1.0);
    assertThat(McNemar.erfc(-1)).isCloseTo(1.8427007929, within(1e-7));
  }

  @Test
  void of_agrestiPresidentialApproval_givesCorrectedChiSquarePValue() {
    // Agresti, Categorical Data Analysis, table 10.1: discordant 150 and 86; corrected chi-square 16.82
    McNemar.Result r = McNemar.of(150, 86);
    assertThat(r.exact()).isFalse();
    assertThat(r.pValue()).isCloseTo(4.114e-5, offset(0.01e-5));
    assertThat(r.significant()).isTrue();
    assertThat(r.secondSignificantlyWorse()).isTrue();
  }

  @Test
  void of_fewDiscordantCases_usesTheExactTest() {
    McNemar.Result r = McNemar.of(3, 1);
    assertThat(r.exact()).isTrue();
    assertThat(r.pValue()).isCloseTo(0.625, within(1e-12));
    assertThat(r.significant()).isFalse();
    assertThat(McNemar.of(12, 12).exact()).isTrue();
    assertThat(McNemar.of(13, 12).exact()).isFalse();
  }

  @Test
  void test_linksDifferingByAHandful_isNotSignificant() {
    PairSet truth = pairs(0, 1000);
    PairSet a = pairs(0, 950);            // misses 50
    PairSet b = pairs(0, 947, 2000, 2002); // misses 53 and adds 2 false links
    McNemar.Result r = McNemar.test(a, b, truth);
    assertThat(r.firstOnlyRight()).isEqualTo(5);
    assertThat(r.secondOnlyRight()).isZero();
    assertThat(r.pValue()).isCloseTo(2 / 32.0, within(1e-12));
    assertThat(r.significant()).isFalse();
  }

  @Test
  void test_linksDifferingByHundreds_isSignificant() {
    PairSet truth = pairs(0, 1000);
    PairSet a = pairs(0, 950);
    PairSet b = pairs(0, 700); // 250 more missed pairs
    McNemar.Result r = McNemar.test(a, b, truth);
    assertThat(r.firstOnlyRight()).isEqualTo(250);
    assertThat(r.secondOnlyRight()).isZero();
    assertThat(r.pValue()).isLessThan(1e-50);
    assertThat(r.secondSignificantlyWorse()).isTrue();
    assertThat(McNemar.test(b, a, truth).secondSignificantlyWorse()).isFalse();
  }

  @Test
  void test_overlappingLinkSets_countsEachDiscordantCaseOnce() {
    PairSet truth = pairs(0, 1000);
    PairSet a = pairs(0, 950, 2000, 2010);
    PairSet b = pairs(30, 990, 2005, 2030);
    PairCodes codes = new PairCodes();
    McNemar.Result onCodes = McNemar.test(codes.encode(a.pairs()), codes.encode(b.pairs()), codes.encode(truth.pairs()));
    assertThat(onCodes).isEqualTo(McNemar.test(a, b, truth));
    assertThat(onCodes.firstOnlyRight()).isEqualTo(30 + 20); // L0-L29 linked by a only; b's own false links 2010-2029
    assertThat(onCodes.secondOnlyRight()).isEqualTo(40 + 5); // L950-L989 linked by b only; a's own false links 2000-2004
  }

  /** Pairs (Li, Ri) for i in [from, to), plus false pairs (Li, Xi) for i in the optional second range. */
  private static PairSet pairs(int from, int to, int... falseRange) {
    Set<PairSet.Pair> s = new HashSet<>();
    for (int i = from; i < to; i++) {
      s.add(new PairSet.Pair("L" + i, "R" + i));
    }
    if (falseRange.length == 2) {
      for (int i = falseRange[0]; i < falseRange[1]; i++) {
        s.add(new PairSet.Pair("L" + i, "X" + i));
      }
    }
    return PairSet.of(s);
  }
}
