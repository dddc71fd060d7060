package org.linkage.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linkage.spec.ColumnType;

class NormalizersTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", value = {
      "Zoë|zoe",
      "ZOË|zoe",
      "José|jose",
      "Łukasz|łukasz",
      "Ørsted|ørsted",
      "\"O'Brien-Smith \"|obrien smith",
      "o’brien|obrien",
      "\"  MARY   ANNE  \"|mary anne",
      "St. John|st john",
      "Smith--Jones|smith jones",
      "McDONALD|mcdonald",
      "\"   \"|NULL",
      "---|NULL",
      "\"'.'\"|NULL",
  })
  void name_variousSpellings_foldsToLowerCaseLettersAndSingleSpaces(String raw, String expected) {
    assertThat(Normalizers.name(raw)).isEqualTo(expected);
  }

  @Test
  void name_decomposedAccent_sameAsPrecomposed() {
    assertThat(Normalizers.name("Zoe\u0308")).isEqualTo(Normalizers.name("Zo\u00eb")).isEqualTo("zoe");
  }

  @Test
  void text_digits_kept() {
    assertThat(Normalizers.text("Flat 3B, 12 High St.")).isEqualTo("flat 3b 12 high st");
    assertThat(Normalizers.name("Flat 3B")).isEqualTo("flat b");
  }

  @Test
  void fold_nullRaw_null() {
    for (ColumnType t : ColumnType.values()) {
      if (t != ColumnType.DATE) {
        assertThat(Normalizers.fold(t, null)).as(t.name()).isNull();
      }
    }
  }

  @Test
  void fold_date_rejected() {
    assertThatThrownBy(() -> Normalizers.fold(ColumnType.DATE, "2000-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "m|m", "M|m", "' Male '|m", "1|m", "f|f", "FEMALE|f", "2|f", "u|NULL", "Unknown|NULL", "9|NULL", "0|NULL",
      "'  '|NULL", "x|x"})
  void sex_codes_foldedToMOrF(String raw, String expected) {
    assertThat(Normalizers.sex(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "sw1a 1aa|SW1A1AA", "' SW1A  1AA '|SW1A1AA", "sw1a-1aa|SW1A1AA", "M1 1AE|M11AE", "' - '|NULL"})
  void postcode_spacesAndCase_compacted(String raw, String expected) {
    assertThat(Normalizers.postcode(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "ab 12 34 56 c|AB123456C", "AB123456C|AB123456C", "ab-12-34-56-c|AB123456C", "'  '|NULL"})
  void nino_spacesAndCase_compacted(String raw, String expected) {
    assertThat(Normalizers.nino(raw)).isEqualTo(expected);
  }

  @Test
  void identifier_separators_removedAndLowerCased() {
    assertThat(Normalizers.identifier(" AB-12 cd ")).isEqualTo("ab12cd");
  }

  @ParameterizedTest(name = "[{index}] {0} as {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "1945-04-03|yyyy-MM-dd|19450403",
      "' 1945-04-03 '|yyyy-MM-dd|19450403",
      "1945-04-93|yyyy-MM-dd|19450493",
      "1945-13-01|yyyy-MM-dd|19451301",
      "19450403|yyyyMMdd|19450403",
      "19450493|yyyyMMdd|19450493",
      "03/04/1945|dd/MM/yyyy|19450403",
      "93/04/1945|dd/MM/yyyy|19450493",
      // layout errors
      "1945/04/03|yyyy-MM-dd|-2",
      "1945-4-3|yyyy-MM-dd|-2",
      "1945-0a-03|yyyy-MM-dd|-2",
      "45-04-03|yyyy-MM-dd|-2",
      "1945-04-03T00|yyyy-MM-dd|-2",
      "1945043|yyyyMMdd|-2",
      "194504031|yyyyMMdd|-2",
      "1945-4-03|yyyyMMdd|-2",
      "1945040x|yyyyMMdd|-2",
      "1945-04-03|dd/MM/yyyy|-2",
      "3/4/1945|dd/MM/yyyy|-2",
      "03/04/19x5|dd/MM/yyyy|-2",
  })
  void date_threeFormats_encodesDigitsOrLayoutError(String raw, String format, int expected) {
    assertThat(Normalizers.date(raw, format)).isEqualTo(expected);
  }

  @Test
  void date_blankOrNull_missing() {
    for (String f : new String[] {"yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy"}) {
      assertThat(Normalizers.date(null, f)).isEqualTo(Normalizers.MISSING_DATE);
      assertThat(Normalizers.date("", f)).isEqualTo(Normalizers.MISSING_DATE);
      assertThat(Normalizers.date("   ", f)).isEqualTo(Normalizers.MISSING_DATE);
    }
    assertThat(Normalizers.LAYOUT_ERROR).isNotEqualTo(Normalizers.MISSING_DATE);
  }

  @Test
  void date_unknownFormat_rejected() {
    assertThatThrownBy(() -> Normalizers.date("1945-04-03", "MM/dd/yyyy")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void epochDay_calendarDates_matchLocalDate() {
    LocalDate d = LocalDate.of(1899, 12, 25);
    LocalDate end = LocalDate.of(2031, 3, 1);
    while (d.isBefore(end)) {
      int encoded = d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
      assertThat(Normalizers.epochDay(encoded)).as(d.toString()).isEqualTo((int) d.toEpochDay());
      d = d.plusDays(13);
    }
    assertThat(Normalizers.epochDay(19700101)).isZero();
    assertThat(Normalizers.epochDay(20000229)).isEqualTo((int) LocalDate.of(2000, 2, 29).toEpochDay());
  }

  /** Every encoded value from 1800-01-00 to 2200-12-99 (so every calendar day and the invalid ones between), against LocalDate. */
  @Test
  void epochDay_everyValue1800To2200_asLocalDate() {
    for (int v = 18000100; v <= 22001299; v++) {
      assertThat(Normalizers.epochDay(v)).as("%d", v).isEqualTo(reference(v));
    }
    for (int v : new int[] {0, 1, 99, 100, 101, 10101, 9999_12_31, 1_00000_229, 2_00000_229, 2_00400_229,
        2_00100_229, 2_00100_228, 214747_12_31, Integer.MAX_VALUE, Integer.MIN_VALUE, -19450403}) {
      assertThat(Normalizers.epochDay(v)).as("%d", v).isEqualTo(reference(v));
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) { // anywhere in the int range (the quotients by 100 are exact for all)
      int v = random.nextInt() & Integer.MAX_VALUE;
      assertThat(Normalizers.epochDay(v)).as("%d", v).isEqualTo(reference(v));
    }
    for (int y = 1; y <= 214747; y += 7) { // leap days and month ends across the whole range
      for (int md : new int[] {101, 228, 229, 230, 331, 430, 431, 1231, 1232}) {
        int v = y * 10000 + md;
        assertThat(Normalizers.epochDay(v)).as("%d", v).isEqualTo(reference(v));
      }
    }
  }

  /** The conversion through java.time: the reference for the arithmetic one. */
  private static int reference(int yyyymmdd) {
    if (yyyymmdd < 0) {
      return Integer.MIN_VALUE;
    }
    int y = yyyymmdd / 10000;
    int m = (yyyymmdd / 100) % 100;
    int d = yyyymmdd % 100;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
      return Integer.MIN_VALUE;
    }
    return (int) LocalDate.of(y, m, d).toEpochDay();
  }

  @ParameterizedTest
  @CsvSource({"19450493", "19451301", "19450000", "19450400", "19000229", "20230229", "20230431", "00000101", "-1", "-2"})
  void epochDay_notACalendarDate_minValue(int encoded) {
    assertThat(Normalizers.epochDay(encoded)).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void postcodeParts_ukPostcode_splitIntoAreaDistrictSector() {
    assertThat(PostcodeParts.area("SW1A1AA")).isEqualTo("SW");
    assertThat(PostcodeParts.district("SW1A1AA")).isEqualTo("SW1A");
    assertThat(PostcodeParts.sector("SW1A1AA")).isEqualTo("SW1A 1");
    assertThat(PostcodeParts.area("M11AE")).isEqualTo("M");
    assertThat(PostcodeParts.district("M11AE")).isEqualTo("M1");
    assertThat(PostcodeParts.sector("M11AE")).isEqualTo("M1 1");
    assertThat(PostcodeParts.district("NOTAPOSTCODE")).isNull();
    assertThat(PostcodeParts.area("12345")).isNull();
  }
}
