package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formula injection: dangerous text cells get a leading quote, numbers do not, and the change reverses. */
class CsvOutputTest {
  static final List<String> DANGEROUS = List.of("=cmd|'/c calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR",
      "'quoted", "''", "'=x");
  static final List<String> HARMLESS = List.of("E1", "", "a=b", "1-2", "x@y", "O'Neil");

  @Test
  void escape_dangerousStart_quotePrefixedAndUnescapeRestores() {
    for (String v : DANGEROUS) {
      assertThat(CsvOutput.escape(v)).as(v).isEqualTo("'" + v);
      assertThat(CsvOutput.unescape(CsvOutput.escape(v))).as(v).isEqualTo(v);
    }
  }

  @Test
  void numberText_reusedFormatter_sameTextAsStringFormat() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    double[] edges = {0.0, -0.0, 1.0, -1.0, 0.5, 0.0000005, -0.0000004, 1.0005, 2.5e-7, 123456.7890125, 1e300,
        -1e-300, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < 20_000 + edges.length; i++) {
      double v = i < edges.length ? edges[i] : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 9));
      for (int decimals : new int[] {0, 4, 6, 17}) {
        assertThat(CsvOutput.numberText(v, decimals)).as("%s, %s decimals", v, decimals)
            .isEqualTo(String.format(java.util.Locale.ROOT, "%." + decimals + "f", v));
      }
    }
    assertThat(CsvOutput.numberText(Double.NaN, 6)).isEmpty();
  }

  @Test
  void escape_harmlessValue_unchangedBothWays() {
    for (String v : HARMLESS) {
      assertThat(CsvOutput.escape(v)).as(v).isEqualTo(v);
      assertThat(CsvOutput.unescape(v)).as(v).isEqualTo(v);
    }
    assertThat(CsvOutput.unescape("'abc")).isEqualTo("'abc"); // not something escape produces
  }

  @Test
  void row_textEscapedNumbersRaw_onlyTextChanged(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.csv");
    try (CsvOutput p = CsvOutput.open(f, true)) {
      p.header("id", "weight", "n");
      p.row("-2+3", CsvOutput.number(-3.25, 4), 7);
    }
    assertThat(Files.readString(f)).isEqualTo("id,weight,n\n'-2+3,-3.2500,7\n");
  }

  /**
   * Rows of awkward cells (empty anywhere, leading and trailing specials, separators, quotes, line
   * breaks), written through {@code row} (its plain shortcut where it applies), against commons-csv's
   * printer writing the same cells.
   */
  @Test
  void row_awkwardCells_sameTextAsThePrinter(@TempDir Path dir) throws IOException {
    List<String> palette = List.of("", "E1", "a b", " lead", "trail ", "#x", "!x", "\"q\"", "a,b", "a\nb", "x;y",
        "1 new record(s) linked; 2 person(s)", "P0000001 P0000002", "~", "é");
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    List<Object[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Object[] cells = new Object[1 + random.nextInt(5)];
      for (int k = 0; k < cells.length; k++) {
        String v = palette.get(random.nextInt(palette.size()));
        cells[k] = random.nextInt(4) == 0 ? CsvOutput.raw(v) : v;
      }
      rows.add(cells);
    }
    Path ours = dir.resolve("ours.csv");
    try (CsvOutput out = CsvOutput.open(ours, false)) {
      for (Object[] r : rows) {
        out.row(r);
      }
    }
    java.io.StringWriter expected = new java.io.StringWriter();
    try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(expected,
        org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      for (Object[] r : rows) {
        p.printRecord(java.util.Arrays.stream(r).map(c -> c instanceof CsvOutput.Raw w ? w.text() : c).toArray());
      }
    }
    assertThat(Files.readString(ours)).isEqualTo(expected.toString());
  }

  @Test
  void row_escapingOff_writtenAsIs(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.csv");
    try (CsvOutput p = CsvOutput.open(f, false)) {
      p.row("=1+1", "@x");
    }
    assertThat(Files.readString(f)).isEqualTo("=1+1,@x\n");
  }

  @org.junit.jupiter.api.Test
  void fixed_manyValues_sameTextAsStringFormat() {
    java.util.Random random = new java.util.Random(7);
    java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(0.0, -0.0, 0.5, -0.5, 1.0, 0.3,
        0.00005, 0.000005, 0.0000005, 0.12345, 0.123455, 0.1234565, -0.00001, -0.00000049, 2.5, 1e7, 1e-3, 9.99995,
        0.99999949999, 1e20, 1.0E22, 123456789.123456789, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
        4.35, 0.045, 1.005, 2.675, 1e-7, 5e-5, 5e-7));
    for (int i = 0; i < 100_000; i++) {
      values.add(random.nextDouble()); // probabilities
      values.add((random.nextDouble() - 0.5) * 100); // weights
      values.add(Math.round(random.nextDouble() * 2e6) / 2e6); // near the sixth decimal's half-way points
      values.add((Math.round(random.nextDouble() * 2e4) + 1) / 2e4 * (random.nextBoolean() ? 1 : -1)); // the fourth's
      values.add(Double.longBitsToDouble(random.nextLong())); // any double
    }
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      for (int d : new int[] {0, 1, 4, 6, 8}) {
        String expected = String.format(java.util.Locale.ROOT, "%." + d + "f", v);
        if (!expected.equals(CsvOutput.fixed(v, d))) {
          org.assertj.core.api.Assertions.assertThat(CsvOutput.fixed(v, d)).as("%s with %s decimals", v, d)
              .isEqualTo(expected);
        }
      }
    }
  }
}
