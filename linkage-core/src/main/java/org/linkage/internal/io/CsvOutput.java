package org.linkage.internal.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one place CSV outputs are written: RFC 4180, UTF-8, {@code \n} line ends, and text cells
 * guarded against spreadsheet formula injection.
 *
 * <p>A text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage
 * return or a single quote is written with one {@code '} in front (the OWASP advice): a
 * spreadsheet then shows it as text instead of running it. The change is reversible: drop one
 * leading {@code '} from a cell that starts with {@code '} followed by one of those characters
 * ({@link #unescape}); because a leading quote is itself escaped, no original value is ambiguous. Numbers passed as {@link Number} or
 * {@link #raw} (match weights are negative) are written as they are.
 *
 * <p>Not thread-safe: one writer per file.
 */
public final class CsvOutput implements Closeable {
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private final CSVPrinter printer;
  private final boolean escapeFormulas;
  /** The line {@link #row} assembles for the plain case, reused. */
  private final StringBuilder line = new StringBuilder(128);

  private CsvOutput(CSVPrinter printer, boolean escapeFormulas) {
    this.printer = printer;
    this.escapeFormulas = escapeFormulas;
  }

  /** A cell written exactly as given: formatted numbers, fixed words. */
  public record Raw(String text) {}

  /** Opens {@code file} for writing (replacing it), escaping text cells unless told not to. */
  public static CsvOutput open(Path file, boolean escapeFormulas) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CsvOutput(new CSVPrinter(w, CSV), escapeFormulas);
  }

  /** A cell written as it is, never escaped. */
  public static Raw raw(String text) {
    return new Raw(text);
  }

  /** Formats a probability or weight the same way everywhere (empty for NaN). */
  public static String numberText(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return NUMBERS.get().format(v, decimals);
    }
    return fixed(v, decimals);
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<decimals>f", v)} of a finite {@code v} without a
   * {@link java.util.Formatter} (which parses its pattern on every call): the formatter rounds the
   * decimal digits of {@link Double#toString} half up and writes a sign for every negative value,
   * zero and minus zero included; so does this ({@code CsvOutputTest} compares the two on millions of
   * values).
   */
  static String fixed(double v, int decimals) {
    boolean negative = Double.compare(v, 0.0) < 0;
    String digits = new java.math.BigDecimal(Double.toString(Math.abs(v)))
        .setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    return negative ? "-" + digits : digits;
  }

  /**
   * One {@link java.util.Formatter} per thread, reused: {@code String.format} made a new one per
   * number, with its locale's symbols looked up again each time (most of the time of writing a
   * links file). The same formatter code and locale, so the same text.
   */
  private static final ThreadLocal<NumberFormatter> NUMBERS = ThreadLocal.withInitial(NumberFormatter::new);

  private static final class NumberFormatter {
    private final StringBuilder text = new StringBuilder(32);
    private final java.util.Formatter formatter = new java.util.Formatter(text, Locale.ROOT);
    private final String[] patterns = new String[16];

    String format(double v, int decimals) {
      String pattern = decimals < patterns.length ? patterns[decimals] : null;
      if (pattern == null) {
        pattern = "%." + decimals + "f";
        if (decimals < patterns.length) {
          patterns[decimals] = pattern;
        }
      }
      text.setLength(0);
      formatter.format(pattern, v);
      return text.toString();
    }
  }

  /** A number formatted by {@link #numberText}, written as it is. */
  public static Raw number(double value, int decimals) {
    return new Raw(numberText(value, decimals));
  }

  /** Writes a header line (never escaped: the names are ours). */
  public void header(String... names) throws IOException {
    printer.printRecord((Object[]) names);
  }

  /** Writes one row; {@link String} cells are escaped, {@link Raw} and {@link Number} cells are not. */
  public void row(Object... cells) throws IOException {
    if (plain(cells)) {
      // the common case (ids, codes, numbers): written as the printer would, without its per-cell work
      // the line assembled, then written at once (each write to the writer takes its lock)
      StringBuilder b = line;
      b.setLength(0);
      for (int i = 0; i < cells.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(cells[i] instanceof Raw r ? r.text() : (String) cells[i]);
      }
      b.append('\n');
      printer.getOut().append(b);
      return;
    }
    printer.printRecord(printed(cells, escapeFormulas));
  }

  /** The cells as the printer gets them: raw text as it is, text escaped when asked. */
  private static Object[] printed(Object[] cells, boolean escapeFormulas) {
    Object[] out = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      Object c = cells[i];
      if (c instanceof Raw r) {
        out[i] = r.text();
      } else if (c instanceof String s && escapeFormulas) {
        out[i] = escape(s);
      } else {
        out[i] = c;
      }
    }
    return out;
  }

  /**
   * One row as {@link #row} writes it (quoted and escaped as needed, with its line end), for
   * writers that stream bytes and leave the rare awkward cell to this.
   */
  public static String line(boolean escapeFormulas, Object... cells) {
    StringBuilder b = new StringBuilder();
    try (CSVPrinter p = new CSVPrinter(b, CSV)) {
      p.printRecord(printed(cells, escapeFormulas));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
    }
    return b.toString();
  }

  /**
   * Whether the UTF-8 text in {@code bytes[from..to)} is a cell {@link #row} writes unquoted and
   * unchanged (the rule of its fast path, on bytes: a multi-byte character never holds an ASCII byte).
   */
  public static boolean plain(byte[] bytes, int from, int to) {
    if (to <= from || (bytes[from] & 0xff) <= '#' || (bytes[to - 1] & 0xff) <= ' ') {
      return false;
    }
    switch (bytes[from]) {
      case '=', '+', '-', '@', '\t', '\r', '\'' -> {
        return false;
      }
      default -> { }
    }
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == ',' || b == '"' || b == '\n' || b == '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every cell is text the printer writes unquoted and unchanged: non-empty, first
   * character past {@code #} (the printer quotes lower ones) and not one escaping changes, last
   * past a space, and no comma, quote or line break.
   */
  private static boolean plain(Object[] cells) {
    for (int k = 0; k < cells.length; k++) {
      Object c = cells[k];
      String s = c instanceof Raw r ? r.text() : c instanceof String t ? t : null;
      if (s != null && s.isEmpty() && k > 0) {
        continue; // an empty cell after the first is written as nothing (the first would be quoted)
      }
      if (s == null || s.isEmpty() || s.charAt(0) <= '#' || s.charAt(s.length() - 1) <= ' ') {
        return false;
      }
      if (c instanceof String && escape(s) != s) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code value} with a {@code '} in front if a spreadsheet could read it as a formula (or it starts with {@code '}). */
  public static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + value;
      default -> value;
    };
  }

  /**
   * The original of an {@link #escape escaped} cell: one leading {@code '} removed when what
   * follows is one of the escaped characters; any other cell is returned as it is (so reading an
   * unescaped file, e.g. a truth file, through this changes nothing but such cells).
   */
  public static String unescape(String cell) {
    if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
      return cell;
    }
    return switch (cell.charAt(1)) {
      case '=', '+', '-', '@', '\t', '\r', '\'' -> cell.substring(1);
      default -> cell;
    };
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
