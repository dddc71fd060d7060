package org.linkage.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures each corruption rate on the generator's own output and checks it against the documented
 * rate. The population and the corruption are drawn from separate streams, so generating with
 * {@link ErrorModel#none()} and the same seed gives the same records uncorrupted: each noisy row is
 * compared with its clean twin, field by field.
 *
 * <p>Tolerance: |observed − expected| ≤ 5 standard errors (binomial) + 10% of the expected count.
 * "Expected" multiplies the documented rate by the chance that no earlier operation in the fixed
 * order (see {@code docs/generator.md}) masked the error, where that chance matters.
 */
class CorruptionRatesTest {
  private static final long SEED = 20240611L;
  private static final ErrorModel M = ErrorModel.defaults();
  private static final List<Row> ROWS = new ArrayList<>();
  private static final List<Row> ROWS_WITHOUT_MOVES = new ArrayList<>();

  /** One record: noisy values, clean values, side. */
  private record Row(String[] noisy, String[] clean, boolean labour) {
  }

  @BeforeAll
  static void generate() {
    GeneratorSpec spec = GeneratorSpec.builder().learners(30_000).seed(SEED).build();
    collect(spec, M, ROWS);
    ErrorModel noMoves = M.toBuilder().childMovePerYear(0).adultMovePerYear(0).build();
    collect(spec, noMoves, ROWS_WITHOUT_MOVES);
  }

  private static void collect(GeneratorSpec spec, ErrorModel model, List<Row> out) {
    Population noisy = PopulationGenerator.create(spec.toBuilder().errorModel(model).build()).generateInMemory();
    Population clean = PopulationGenerator.create(spec.toBuilder().errorModel(ErrorModel.none()).build()).generateInMemory();
    assertThat(noisy.education()).hasSameSizeAs(clean.education());
    assertThat(noisy.labour()).hasSameSizeAs(clean.labour());
    for (int i = 0; i < clean.education().size(); i++) {
      assertThat(noisy.education().get(i)[0]).isEqualTo(clean.education().get(i)[0]);
      out.add(new Row(noisy.education().get(i), clean.education().get(i), false));
    }
    for (int i = 0; i < clean.labour().size(); i++) {
      out.add(new Row(noisy.labour().get(i), clean.labour().get(i), true));
    }
  }

  /** Counts events against per-trial expected probabilities. */
  private static final class Rate {
    final String name;
    long events;
    long trials;
    double expected;
    double variance;

    Rate(String name) {
      this.name = name;
    }

    void trial(boolean event, double p) {
      trials++;
      events += event ? 1 : 0;
      expected += p;
      variance += p * (1 - p);
    }

    void check() {
      assertThat(trials).as("%s: trials", name).isGreaterThan(100);
      double tolerance = 5 * Math.sqrt(variance) + 0.10 * expected;
      if (Boolean.getBoolean("generator.printRates")) { // -Dgenerator.printRates=true for the docs table
        System.out.printf("%-60s observed %.4f expected %.4f (n=%d)%n", name, events / (double) trials, expected / trials, trials);
      }
      assertThat((double) events)
        .as("%s: observed %d of %d (%.4f), expected %.1f (%.4f) ± %.1f", name, events, trials,
          events / (double) trials, expected, expected / trials, tolerance)
        .isBetween(expected - tolerance, expected + tolerance);
    }
  }

  @Test
  void dob_defaultModel_missingSwapDigitAndImputedAtDocumentedRates() {
    Rate missing = new Rate("dobMissing");
    Rate swap = new Rate("dobDayMonthSwap");
    Rate digit = new Rate("dobDigitError");
    Rate imputed = new Rate("dobDayImputed");
    for (Row r : ROWS) {
      String clean = r.clean[4];
      String noisy = r.noisy[4];
      int day = Integer.parseInt(clean.substring(8));
      int month = Integer.parseInt(clean.substring(5, 7));
      String swapped = clean.substring(0, 5) + clean.substring(8) + "-" + clean.substring(5, 7);
      String first = clean.substring(0, 8) + "01";
      missing.trial(noisy.isEmpty(), M.dobMissing());
      if (day <= 12 && day != month) {
        swap.trial(noisy.equals(swapped), M.dobDayMonthSwap());
      }
      if (day != 1) {
        imputed.trial(noisy.equals(first), M.dobDayImputed());
      }
      digit.trial(!noisy.isEmpty() && !noisy.equals(clean) && !noisy.equals(swapped) && !noisy.equals(first)
        && differingChars(noisy, clean) == 1, M.dobDigitError());
    }
    missing.check();
    swap.check();
    digit.check();
    imputed.check();
  }

  @Test
  void sexAndNino_defaultModel_missingAndWrongDigitAtDocumentedRates() {
    Rate sex = new Rate("sexMissing");
    Rate ninoEducation = new Rate("ninoMissingEducation");
    Rate ninoLabour = new Rate("ninoMissingLabour");
    Rate wrongDigit = new Rate("ninoWrongDigit");
    for (Row r : ROWS) {
      sex.trial(r.noisy[5].isEmpty(), M.sexMissing());
      (r.labour ? ninoLabour : ninoEducation).trial(r.noisy[7].isEmpty(),
        r.labour ? M.ninoMissingLabour() : M.ninoMissingEducation());
      if (!r.noisy[7].isEmpty()) {
        wrongDigit.trial(differingChars(r.noisy[7], r.clean[7]) == 1, M.ninoWrongDigit());
      }
    }
    sex.check();
    ninoEducation.check();
    ninoLabour.check();
    wrongDigit.check();
  }

  @Test
  void postcode_defaultModel_missingFormatAndTypoAtDocumentedRates() {
    Rate missing = new Rate("postcodeMissing");
    Rate noSpace = new Rate("postcodeNoSpace");
    Rate lower = new Rate("postcodeLowerCaseLabour");
    for (Row r : ROWS) {
      String pc = r.noisy[6];
      missing.trial(pc.isEmpty(), M.postcodeMissing());
      if (!pc.isEmpty()) {
        noSpace.trial(pc.indexOf(' ') < 0, M.postcodeNoSpace());
        if (r.labour) {
          lower.trial(!pc.equals(pc.toUpperCase(Locale.ROOT)), M.postcodeLowerCaseLabour());
        }
      }
    }
    Rate typo = new Rate("postcodeTypo");
    for (Row r : ROWS_WITHOUT_MOVES) {
      if (!r.noisy[6].isEmpty()) {
        String noisy = r.noisy[6].replace(" ", "").toUpperCase(Locale.ROOT);
        typo.trial(!noisy.equals(r.clean[6].replace(" ", "")), M.postcodeTypo());
      }
    }
    missing.check();
    noSpace.check();
    lower.check();
    typo.check();
  }

  @Test
  void names_defaultModel_typoCaseWhitespaceAndMissingMiddleAtDocumentedRates() {
    Rate typo = new Rate("nameTypo (surname)");
    Rate upper = new Rate("upperCase");
    Rate whitespace = new Rate("whitespace (surname)");
    Rate middleMissing = new Rate("middle name empty = middleNameAsForename + (1 - it) * middleNameMissing");
    double survivesStructure = 1 - M.nameOrderSwap();
    for (Row r : ROWS_WITHOUT_MOVES) {
      String clean = r.clean[3];
      String noisy = fold(r.noisy[3]);
      if (clean.indexOf('-') < 0) {
        int d = osa(noisy, fold(clean));
        typo.trial(d >= 1 && d <= 2, M.nameTypo() * survivesStructure);
      }
      String raw = r.noisy[3].strip();
      upper.trial(raw.equals(raw.toUpperCase(Locale.ROOT)) && !clean.equals(clean.toUpperCase(Locale.ROOT)), M.upperCase());
      whitespace.trial(!r.noisy[3].equals(r.noisy[3].strip()) || r.noisy[3].contains("  "), M.whitespace());
      if (!r.clean[2].isEmpty()) {
        middleMissing.trial(r.noisy[2].isEmpty(),
          M.middleNameAsForename() + (1 - M.middleNameAsForename()) * M.middleNameMissing());
      }
    }
    typo.check();
    upper.check();
    whitespace.check();
    middleMissing.check();
  }

  @Test
  void names_defaultModel_nicknameSwapsAndHyphenDropAtDocumentedRates() {
    NameTables names = NameTables.INSTANCE;
    Rate nickname = new Rate("nickname");
    Rate orderSwap = new Rate("nameOrderSwap");
    Rate middleAsForename = new Rate("middleNameAsForename");
    Rate forenameMiddleSwap = new Rate("forenameMiddleSwap");
    Rate hyphen = new Rate("hyphenatedPartDropped");
    double noTypo = 1 - M.nameTypo();
    for (Row r : ROWS_WITHOUT_MOVES) {
      String f = fold(r.noisy[1]);
      String m = fold(r.noisy[2]);
      String s = fold(r.noisy[3]);
      String cf = fold(r.clean[1]);
      String cm = fold(r.clean[2]);
      String cs = fold(r.clean[3]);
      boolean hasMiddle = !cm.isEmpty();
      String[] alts = names.alternatives(r.clean[1]);
      if (alts.length > 0) {
        int differing = 0;
        boolean used = false;
        for (String a : alts) {
          if (!fold(a).equals(cf)) {
            differing++;
            used |= fold(a).equals(f);
          }
        }
        double reach = (1 - M.nameOrderSwap())
          * (1 - (hasMiddle ? M.middleNameAsForename() + M.forenameMiddleSwap() : 0)) * noTypo;
        nickname.trial(used, M.nickname() * reach * differing / alts.length);
      }
      if (!cs.equals(cf)) {
        orderSwap.trial(f.equals(cs) && s.equals(cf), M.nameOrderSwap() * noTypo * noTypo
          * (cs.indexOf('-') >= 0 ? 1 - M.hyphenatedPartDropped() : 1)
          * (names.alternatives(r.clean[3]).length > 0 ? 1 - M.nickname() : 1));
      }
      if (hasMiddle && !cm.equals(cf)) {
        double stay = (1 - M.nameOrderSwap()) * noTypo
          * (names.alternatives(r.clean[2]).length > 0 ? 1 - M.nickname() : 1);
        middleAsForename.trial(f.equals(cm) && m.isEmpty(), M.middleNameAsForename() * stay);
        forenameMiddleSwap.trial(f.equals(cm) && m.equals(cf),
          M.forenameMiddleSwap() * stay * noTypo * (1 - M.middleNameMissing()));
      }
      int dash = cs.indexOf('-');
      if (dash > 0) {
        hyphen.trial(s.equals(cs.substring(0, dash)) || s.equals(cs.substring(dash + 1)),
          M.hyphenatedPartDropped() * (1 - M.nameOrderSwap()) * noTypo);
      }
    }
    nickname.check();
    orderSwap.check();
    middleAsForename.check();
    forenameMiddleSwap.check();
    hyphen.check();
  }

  @Test
  void accents_defaultModel_strippedAtDocumentedRate() {
    Rate accents = new Rate("accentStripped (forename)");
    for (Row r : ROWS_WITHOUT_MOVES) {
      String clean = r.clean[1];
      if (!Corruptor.isAscii(clean) && NameTables.INSTANCE.alternatives(clean).length == 0) {
        String noisy = r.noisy[1].strip().toLowerCase(Locale.ROOT);
        String stripped = Corruptor.stripAccents(clean).toLowerCase(Locale.ROOT);
        double keep = (1 - M.nameOrderSwap()) * (1 - M.nameTypo())
          * (r.clean[2].isEmpty() ? 1 : 1 - M.middleNameAsForename() - M.forenameMiddleSwap());
        accents.trial(noisy.equals(stripped), M.accentStripped() * keep);
      }
    }
    accents.check();
  }

  /** Case, accents and whitespace folded away, so only spelling differences remain. */
  private static String fold(String s) {
    return Corruptor.stripAccents(s).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static int differingChars(String a, String b) {
    if (a.length() != b.length()) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < a.length(); i++) {
      n += a.charAt(i) != b.charAt(i) ? 1 : 0;
    }
    return n;
  }

  /** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
  private static int osa(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
