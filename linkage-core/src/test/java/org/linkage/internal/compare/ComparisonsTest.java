package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.TestTables;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;

/**
 * Table-driven checks of every comparison kind's levels: each case is one left row and one right
 * row of the person profile, compared with the comparison as the person defaults configure it.
 */
class ComparisonsTest {
  /** Field order of a case side: forename, middle_name, surname, dob, sex, postcode, nino. */
  private record Case(String label, String[] left, String[] right, int expected) {}

  private static final List<Case> CASES = new ArrayList<>();

  private static String[] p(String forename, String middle, String surname, String dob, String sex, String postcode,
      String nino) {
    return new String[] {forename, middle, surname, dob, sex, postcode, nino};
  }

  private static Case c(String label, String[] left, String[] right, int expected) {
    return new Case(label, left, right, expected);
  }

  private static String[] fn(String forename) {
    return p(forename, null, "smith", null, null, null, null);
  }

  private static String[] sn(String surname) {
    return p("zed", null, surname, null, null, null, null);
  }

  private static String[] dob(String dob) {
    return p(null, null, null, dob, null, null, null);
  }

  private static String[] pc(String postcode) {
    return p(null, null, null, null, null, postcode, null);
  }

  private static String[] ni(String nino) {
    return p(null, null, null, null, null, null, nino);
  }

  /** Levels of comparison {@code name} (person defaults) for each case, in order. */
  private static List<Integer> levels(String name, List<Case> cases) {
    RecordTable.Builder l = RecordTable.builder("left.csv", TestTables.PERSON);
    RecordTable.Builder r = RecordTable.builder("right.csv", TestTables.PERSON);
    for (int i = 0; i < cases.size(); i++) {
      l.add("L" + i, cases.get(i).left(), i + 2);
      r.add("R" + i, cases.get(i).right(), i + 2);
    }
    EncodedData data = EncodedData.encode(l.build(), r.build());
    ComparisonSpec spec = LinkageSpec.personDefaults().comparisons().stream()
        .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    Comparison comparison = Comparisons.compile(spec, data);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      out.add(comparison.level(i, i));
    }
    return out;
  }

  private static void check(String comparison, List<Case> cases) {
    List<Integer> got = levels(comparison, cases);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (got.get(i) != cases.get(i).expected()) {
        wrong.add(cases.get(i).label() + ": expected level " + cases.get(i).expected() + ", got " + got.get(i));
      }
    }
    assertThat(wrong).as(comparison).isEmpty();
  }

  @Test
  void forename_levels_asSpecified() {
    check("forename", List.of(
        c("null left", fn(null), fn("john"), 0),
        c("null right", fn("john"), fn(null), 0),
        c("exact after folding", fn("Zoë"), fn("ZOE"), 1),
        c("jaro-winkler high", fn("jonathan"), fn("jonathon"), 3),
        c("jaro-winkler high, one letter dropped", fn("christopher"), fn("christoper"), 3),
        c("alias, also phonetic: alias wins", fn("stephen"), fn("steven"), 2),
        c("jaro-winkler low", fn("alison"), fn("allyson"), 4),
        c("phonetic, jaro-winkler far", fn("catherine"), fn("kathryn"), 4),
        c("middle name of left is right's forename", p("james", "robert", "smith", null, null, null, null),
            fn("robert"), 5),
        c("middle name of right is left's forename", fn("robert"),
            p("james", "robert", "smith", null, null, null, null), 5),
        c("forename and surname swapped", p("smith", null, "john", null, null, null, null),
            p("john", null, "smith", null, null, null, null), 5),
        c("initial agrees", fn("j"), fn("john"), 6),
        c("initial agrees, other side", fn("john"), fn("j"), 6),
        c("initial differs", fn("k"), fn("john"), 7),
        c("else", fn("john"), fn("mary"), 7)));
  }

  @Test
  void forename_knownNickname_aliasLevel() {
    check("forename", List.of(
        c("william/bill", fn("william"), fn("bill"), 2),
        c("elizabeth/beth", fn("elizabeth"), fn("beth"), 2),
        c("robert/bob", fn("robert"), fn("bob"), 2)));
  }

  @Test
  void surname_levels_asSpecified() {
    check("surname", List.of(
        c("null", sn(null), sn("smith"), 0),
        c("exact after folding", sn("O'Brien"), sn("OBRIEN"), 1),
        c("double-barrelled shares a part", sn("smith jones"), sn("jones"), 2),
        c("hyphenated shares a part", sn("Smith-Jones"), sn("Jones-Brown"), 2),
        c("short parts do not count", sn("le roux"), sn("le blanc"), 7),
        c("jaro-winkler high", sn("thompson"), sn("thomson"), 3),
        c("jaro-winkler or phonetic", sn("smith"), sn("smyth"), 4),
        c("swapped with forename", p("smith", null, "john", null, null, null, null),
            p("john", null, "smith", null, null, null, null), 5),
        c("else, sex unknown", sn("smith"), sn("brown"), 7)));
  }

  @Test
  void surname_differentAndFemale_elseSplitLevel() {
    // the person profile splits surname disagreement by sex (else_female = 6, else = 7)
    check("surname", List.of(
        c("female on both sides", p("zed", null, "smith", null, "F", null, null),
            p("zed", null, "brown", null, "female", null, null), 6),
        c("female on the left, missing on the right", p("zed", null, "smith", null, "f", null, null),
            sn("brown"), 6),
        c("missing on the left, female on the right", sn("smith"), p("zed", null, "brown", null, "F", null, null), 6),
        c("the left's value decides", p("zed", null, "smith", null, "M", null, null),
            p("zed", null, "brown", null, "F", null, null), 7),
        c("male", p("zed", null, "smith", null, "M", null, null), p("zed", null, "brown", null, "M", null, null), 7),
        c("female but a close spelling: not else, not split", p("zed", null, "thompson", null, "F", null, null),
            p("zed", null, "thomson", null, "F", null, null), 3)));
    assertThat(LinkageSpec.personDefaults().comparisons().get(1).levelNames())
        .containsExactly("exact", "shared_part", "jaro_winkler_high", "jaro_winkler_or_phonetic", "swapped",
            "else_female", "else");
  }

  @Test
  void dob_levels_asSpecified() {
    check("dob", List.of(
        c("null", dob(null), dob("1990-03-04"), 0),
        c("layout error is missing", dob("04/03/1990"), dob("1990-03-04"), 0),
        c("exact", dob("1990-03-04"), dob("1990-03-04"), 1),
        c("exact, invalid calendar digits", dob("1990-02-31"), dob("1990-02-31"), 1),
        c("day and month transposed", dob("1990-03-04"), dob("1990-04-03"), 2),
        c("day and month transposed, two-digit day", dob("1990-03-12"), dob("1990-12-03"), 2),
        c("one digit of the day", dob("1990-03-04"), dob("1990-03-05"), 3),
        c("one digit of the year", dob("1990-03-04"), dob("1980-03-04"), 3),
        c("adjacent digits swapped in the year", dob("1990-03-04"), dob("1909-03-04"), 3),
        c("adjacent digits swapped in the day (not a date)", dob("1990-03-14"), dob("1990-03-41"), 3),
        c("one digit, not a calendar date", dob("1990-03-04"), dob("1990-03-94"), 3),
        c("within a year", dob("1990-03-04"), dob("1990-10-20"), 4),
        c("within a year across new year", dob("1990-12-30"), dob("1991-02-11"), 4),
        c("365 days apart", dob("1992-01-01"), dob("1992-12-31"), 4),
        c("367 days apart", dob("1990-03-04"), dob("1991-03-06"), 5),
        c("four digits differ (two swapped pairs), > a year", dob("1990-03-04"), dob("1991-04-03"), 5),
        c("two digits, not adjacent, > a year", dob("1990-03-04"), dob("1992-07-04"), 5),
        c("else", dob("1990-03-04"), dob("1995-07-20"), 5)));
  }

  @Test
  void postcode_levels_asSpecified() {
    check("postcode", List.of(
        c("null", pc(null), pc("SW1A 1AA"), 0),
        c("exact after folding", pc("sw1a 1aa"), pc("SW1A1AA"), 1),
        c("one edit", pc("SW1A 1AA"), pc("SW1A 1AB"), 2),
        c("one edit (insertion)", pc("SW1A 1AA"), pc("SW1AA 1AA"), 2),
        c("same sector", pc("SW1A 1AA"), pc("SW1A 1ZZ"), 3),
        c("same district", pc("SW1A 1AA"), pc("SW1A 2BB"), 4),
        c("same area", pc("SW1A 1AA"), pc("SW7 3XX"), 5),
        c("else", pc("SW1A 1AA"), pc("M1 1AE"), 6),
        c("not UK-shaped, far apart", pc("75001"), pc("10115"), 6)));
  }

  @Test
  void nino_identifierLevels_asSpecified() {
    check("nino", List.of(
        c("null", ni(null), ni("AB123456C"), 0),
        c("exact after folding", ni("ab 12 34 56 c"), ni("AB123456C"), 1),
        c("one substitution", ni("AB123456C"), ni("AB123457C"), 2),
        c("adjacent swap", ni("AB123456C"), ni("AB123465C"), 2),
        c("adjacent swap at the start", ni("AB123456C"), ni("BA123456C"), 2),
        c("one insertion", ni("AB12345C"), ni("AB123456C"), 2),
        c("two substitutions", ni("AB123456C"), ni("AB123477C"), 3),
        c("non-adjacent swap", ni("AB123456C"), ni("AB623451C"), 3),
        c("swap plus substitution", ni("AB123456C"), ni("AB213457C"), 3),
        c("else", ni("AB123456C"), ni("ZX987654A"), 3)));
  }

  @Test
  void sex_exactLevels_asSpecified() {
    check("sex", List.of(
        c("null", p(null, null, null, null, "u", null, null), p(null, null, null, null, "m", null, null), 0),
        c("exact", p(null, null, null, null, "Male", null, null), p(null, null, null, null, "m", null, null), 1),
        c("else", p(null, null, null, null, "f", null, null), p(null, null, null, null, "m", null, null), 2)));
  }

  @Test
  void middleName_forenameKindWithoutOtherColumns_levels() {
    check("middle_name", List.of(
        c("null", p("a", null, null, null, null, null, null), p("a", "anne", null, null, null, null, null), 0),
        c("exact", p("a", "anne", null, null, null, null, null), p("a", "anne", null, null, null, null, null), 1),
        c("initial", p("a", "a", null, null, null, null, null), p("a", "anne", null, null, null, null, null), 6)));
  }

  @Test
  void compile_unknownColumnOrWrongType_invalidSpec() {
    RecordTable t = TestTables.table("t.csv", TestTables.PERSON,
        TestTables.person("A", "john", null, "smith", "1990-01-01", "m", null, null));
    EncodedData data = EncodedData.encode(t, t);
    assertThatThrownBy(() -> Comparisons.compile(ComparisonSpec.of("x", ComparisonKind.EXACT, "shoe"), data))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("shoe");
    assertThatThrownBy(() -> Comparisons.compile(ComparisonSpec.of("x", ComparisonKind.DATE, "surname"), data))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("surname");
    assertThatThrownBy(() -> Comparisons.compile(ComparisonSpec.of("x", ComparisonKind.SURNAME, "dob"), data))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("dob");
  }

  @Test
  void comparisonSpec_badThresholds_rejectedWithTheValue() {
    assertThatThrownBy(() -> new ComparisonSpec("f", ComparisonKind.FORENAME, "forename", List.of(0.8, 0.9), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("descending");
    assertThatThrownBy(() -> new ComparisonSpec("f", ComparisonKind.FORENAME, "forename", List.of(1.2, 0.9), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.2");
    assertThatThrownBy(() -> new ComparisonSpec("f", ComparisonKind.TEXT, "forename", List.of(0.9), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 thresholds");
    assertThat(ComparisonSpec.of("d", ComparisonKind.DATE, "dob").thresholds()).isEmpty();
  }

  @Test
  void pattern_levelsPackedFourBitsPerComparison() {
    RecordTable l = TestTables.table("l.csv", TestTables.PERSON,
        TestTables.person("L", "john", null, "smith", "1990-03-04", "m", "SW1A 1AA", null));
    RecordTable r = TestTables.table("r.csv", TestTables.PERSON,
        TestTables.person("R", "john", null, "smyth", "1990-04-03", "f", "SW1A 1ZZ", "AB123456C"));
    EncodedData data = EncodedData.encode(l, r);
    Comparison[] cs = LinkageSpec.personDefaults().comparisons().stream()
        .map(s -> Comparisons.compile(s, data)).toArray(Comparison[]::new);
    long pattern = PairComparer.pattern(cs, 0, 0);
    // forename exact, surname jw/phonetic, middle null, dob transposed, sex else, postcode sector, nino null
    assertThat(org.linkage.internal.pattern.Patterns.toString(pattern, cs.length)).isEqualTo("[1,4,0,2,2,3,0]");
  }

  @Test
  void rowPatternsAndPairPatterns_samePatternsAsEachComparisonsLevel_onEveryPairOfVariedRecords() {
    // names short and long (past a packed value's ten characters), nicknames, typos, swaps, a
    // hyphenated surname, a female "else" (the surname's else split), dates transposed and one digit
    // off, postcodes in and out of one sector, district and area, a non-UK one, missing values
    String[][] people = {
        p("john", "paul", "smith", "1990-03-04", "m", "SW1A 1AA", "AB123456C"),
        p("jon", null, "smyth", "1990-04-03", "m", "SW1A 1AB", "AB123456D"),
        p("paul", "john", "smith", "1990-03-14", "m", "SW1A 2AA", null),
        p("smith", null, "john", "1990-03-04", "f", "SW2 1AA", "AB123465C"),
        p("elizabeth", "ann", "taylor-jones", "1985-12-01", "f", "M1 1AE", "CD654321A"),
        p("liz", null, "jones", "1985-12-01", "f", "M1 1AF", null),
        p("beth", "anne", "taylor", "1985-01-12", "f", "M2 3BB", "CD654321B"),
        p("christopherson", null, "montgomery-smythe", "2001-07-09", "m", "EH1 1YZ", null),
        p("christophersen", null, "montgomery-smith", "2001-07-09", "m", "EH1 1YY", null),
        p("x", null, "o", "2001-09-07", null, "NOTAPOSTCODE", "ZZ000000Z"),
        p(null, null, null, null, null, null, null),
        p("mohammed", "ali", "khan", "1999-02-28", "m", "B1 1AA", "QQ123456A"),
        p("muhammad", null, "kahn", "1999-02-28", "m", "B11 1AA", "QQ123456A"),
        p("a", "b", "khan", "1999-02-08", "f", "B1 1AB", null)};
    RecordTable.Builder l = RecordTable.builder("left.csv", TestTables.PERSON);
    RecordTable.Builder r = RecordTable.builder("right.csv", TestTables.PERSON);
    for (int i = 0; i < people.length; i++) {
      l.add("L" + i, people[i], i + 2);
      r.add("R" + i, people[people.length - 1 - i], i + 2);
    }
    EncodedData data = EncodedData.encode(l.build(), r.build());
    Comparison[] cs = Comparisons.bindAll(LinkageSpec.personDefaults().comparisons(), data);
    Comparisons.RowPatterns patterns = Comparisons.rowPatterns(cs);
    assertThat(patterns).isNotNull();
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i < people.length; i++) {
      for (int j = 0; j < people.length; j++) {
        long expected = PairComparer.pattern(cs, i, j);
        assertThat(patterns.pattern(i, j)).as("pair %d, %d", i, j).isEqualTo(expected);
        distinct.add(expected);
      }
    }
    assertThat(distinct).as("the pairs exercise many patterns").hasSizeGreaterThan(30);
    // the same pairs given one by one, in batches of a few (as random pairs are)
    PairPatterns batches = new PairPatterns(cs);
    int[] lefts = new int[5];
    int[] rights = new int[5];
    long[] got = new long[5];
    for (int k = 0, n = 0; k < people.length * people.length; k++) {
      lefts[n] = k % people.length;
      rights[n] = (k * 7) % people.length;
      n++;
      if (n == lefts.length || k == people.length * people.length - 1) {
        batches.fill(lefts, rights, n, got);
        for (int i = 0; i < n; i++) {
          assertThat(got[i]).isEqualTo(PairComparer.pattern(cs, lefts[i], rights[i]));
        }
        n = 0;
      }
    }
    Comparison[] apart = LinkageSpec.personDefaults().comparisons().stream()
        .map(s -> Comparisons.compile(s, data)).toArray(Comparison[]::new);
    assertThat(Comparisons.rowPatterns(apart)).as("comparisons bound one by one share no rows").isNull();
  }
}
