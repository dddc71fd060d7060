package org.linkage.internal.normalize;

import java.text.Normalizer;
import java.util.Locale;
import org.linkage.spec.ColumnType;

/**
 * Folds raw values into the form every comparison sees. Applied once per record before any pair is
 * formed; pure functions, thread-safe.
 *
 * <p>Every method returns {@code null} for a value that is missing after folding (empty, only
 * punctuation, or a common "unknown" placeholder).
 */
public final class Normalizers {
  private Normalizers() {}

  /** Dates are encoded as the integer {@code yyyymmdd}; this marks a missing one. */
  public static final int MISSING_DATE = -1;

  /** Folds a value of the given type; dates use {@link #date(String, String)} instead. */
  public static String fold(ColumnType type, String raw) {
    if (raw == null) {
      return null;
    }
    return switch (type) {
      case NAME -> name(raw);
      case TEXT -> text(raw);
      case SEX -> sex(raw);
      case POSTCODE -> postcode(raw);
      case NINO -> nino(raw);
      case IDENTIFIER -> identifier(raw);
      case DATE -> throw new IllegalArgumentException("dates are encoded with date()");
    };
  }

  /**
   * A name: accents removed, lower case, hyphens and other separators turned into single spaces,
   * apostrophes and other punctuation dropped ({@code "O'Brien-Smith "} → {@code "obrien smith"}).
   */
  public static String name(String raw) {
    return foldLetters(raw, false);
  }

  /** Free text: like {@link #name} but digits are kept. */
  public static String text(String raw) {
    return foldLetters(raw, true);
  }

  private static String foldLetters(String raw, boolean keepDigits) {
    String s = raw;
    if (!isPlainAscii(s)) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKD);
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      boolean keep = (c >= 'a' && c <= 'z') || (keepDigits && c >= '0' && c <= '9');
      if (!keep && c > 127 && Character.isLetter(c)) {
        c = Character.toLowerCase(c);
        keep = true;
      }
      if (keep) {
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        out.append(c);
      } else if (c == '\'' || c == '\u2019' || c == '.' || Character.getType(c) == Character.NON_SPACING_MARK) {
        // apostrophes, full stops and combining accents vanish: o'brien -> obrien, st. -> st
      } else {
        pendingSpace = true;
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  /** {@code m}, {@code f}, or the folded value for other codes; {@code null} for unknown. */
  public static String sex(String raw) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.equals("u") || s.equals("unknown") || s.equals("9") || s.equals("0")) {
      return null;
    }
    if (s.equals("m") || s.equals("male") || s.equals("1")) {
      return "m";
    }
    if (s.equals("f") || s.equals("female") || s.equals("2")) {
      return "f";
    }
    return s;
  }

  /** Upper case with all whitespace removed: {@code "sw1a 1aa"} → {@code "SW1A1AA"}. */
  public static String postcode(String raw) {
    return compact(raw, true);
  }

  /** Upper case with spaces removed: {@code "ab 12 34 56 c"} → {@code "AB123456C"}. */
  public static String nino(String raw) {
    return compact(raw, true);
  }

  /** Lower case with spaces and separators removed. */
  public static String identifier(String raw) {
    return compact(raw, false);
  }

  private static String compact(String raw, boolean upper) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  /**
   * A date as the integer {@code yyyymmdd}, read in {@code format} ({@code yyyy-MM-dd},
   * {@code yyyyMMdd} or {@code dd/MM/yyyy}). The digits are kept even when they are not a real
   * calendar date (month 13, day 93): corrupted dates still carry information for the comparison.
   *
   * @return the encoded date, or {@link #MISSING_DATE} if blank; {@code -2} if the layout is wrong
   */
  public static int date(String raw, String format) {
    if (raw == null) {
      return MISSING_DATE;
    }
    String s = raw.trim();
    if (s.isEmpty()) {
      return MISSING_DATE;
    }
    int y;
    int m;
    int d;
    switch (format) {
      case "yyyy-MM-dd" -> {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
          return LAYOUT_ERROR;
        }
        y = digits(s, 0, 4);
        m = digits(s, 5, 7);
        d = digits(s, 8, 10);
      }
      case "yyyyMMdd" -> {
        if (s.length() != 8) {
          return LAYOUT_ERROR;
        }
        y = digits(s, 0, 4);
        m = digits(s, 4, 6);
        d = digits(s, 6, 8);
      }
      case "dd/MM/yyyy" -> {
        if (s.length() != 10 || s.charAt(2) != '/' || s.charAt(5) != '/') {
          return LAYOUT_ERROR;
        }
        d = digits(s, 0, 2);
        m = digits(s, 3, 5);
        y = digits(s, 6, 10);
      }
      default -> throw new IllegalArgumentException("unsupported date format " + format);
    }
    if (y < 0 || m < 0 || d < 0) {
      return LAYOUT_ERROR;
    }
    return y * 10000 + m * 100 + d;
  }

  /** Returned by {@link #date} when the value does not have the format's layout. */
  public static final int LAYOUT_ERROR = -2;

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * Epoch day of an encoded date, or {@code Integer.MIN_VALUE} when it is not a calendar date (year
   * 1 or later, month 1-12, day within the month of the proleptic Gregorian calendar): as
   * {@code LocalDate.of(y, m, d).toEpochDay()}, by arithmetic (days from the civil date), since
   * binding a date comparison converts every record's date.
   */
  public static int epochDay(int yyyymmdd) {
    if (yyyymmdd < 0) {
      return Integer.MIN_VALUE;
    }
    // quotients by 100 as a multiply and shift (exact for every int from 0): the client compiler,
    // which compiles a short update, divides by a constant with a divide instruction
    int yyyymm = hundredth(yyyymmdd);
    int d = yyyymmdd - yyyymm * 100;
    int y = hundredth(yyyymm);
    int m = yyyymm - y * 100;
    if (y < 1 || m < 1 || m > 12 || d < 1 || (d > 28 && d > monthLength(y, m))) {
      return Integer.MIN_VALUE;
    }
    // March-based year: the leap day is the last day of the year; y >= 1, so no negative eras
    int ym = m <= 2 ? y - 1 : y;
    int century = hundredth(ym);
    int era = century >> 2;
    int yoe = ym - era * 400; // 0..399
    int doe = yoe * 365 + (yoe >> 2) - (century & 3) + MARCH_DAY[m - 1] + d - 1;
    return era * 146097 + doe - 719468;
  }

  /** {@code x / 100} for {@code x >= 0}. */
  private static int hundredth(int x) {
    return (int) ((x * 0x51EB851FL) >>> 37);
  }

  /** Days in month {@code m} (1-12) of year {@code y} (proleptic Gregorian). */
  private static int monthLength(int y, int m) {
    if (m != 2) {
      return MONTH_DAYS[m - 1];
    }
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
  }

  private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Day of the March-based year on which month {@code m} (index m - 1, January = 0) starts: (153 mp + 2) / 5. */
  private static final int[] MARCH_DAY = {306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275};

}
