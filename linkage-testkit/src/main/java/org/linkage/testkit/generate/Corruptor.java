package org.linkage.testkit.generate;

import java.text.Normalizer;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Applies an {@link ErrorModel} to one record's true values, drawing only from that record's own
 * random stream. The order of operations is fixed and documented in {@code docs/generator.md}:
 * name structure (order swap, middle-name use, missing middle), nickname, hyphen drop, typos,
 * accents, case, whitespace; then dob, sex, postcode and NINO.
 */
final class Corruptor {

  /** One record's values, corrupted in place. dob as year/month/day; 0 year means missing. */
  static final class Draft {
    String forename;
    String middle;
    String surname;
    int year;
    int month;
    int day;
    String sex;
    String postcode;
    String nino;
  }

  private static final String[][] OCR = {
    {"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"d", "cl"}, {"vv", "w"}, {"w", "vv"}, {"li", "h"},
    {"h", "li"}, {"O", "0"}, {"o", "0"}, {"l", "1"}, {"I", "1"}, {"e", "c"}, {"S", "5"}, {"B", "8"},
    {"g", "q"}, {"nn", "m"}, {"u", "ii"},
  };
  private static final String[] KEYBOARD = new String[26];
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  static {
    String[] rows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    for (int row = 0; row < rows.length; row++) {
      for (int col = 0; col < rows[row].length(); col++) {
        StringBuilder n = new StringBuilder();
        for (int dr = -1; dr <= 1; dr++) {
          int rr = row + dr;
          if (rr < 0 || rr >= rows.length) {
            continue;
          }
          for (int dc = -1; dc <= 1; dc++) {
            int cc = col + dc;
            if ((dr != 0 || dc != 0) && cc >= 0 && cc < rows[rr].length()) {
              n.append(rows[rr].charAt(cc));
            }
          }
        }
        KEYBOARD[rows[row].charAt(col) - 'a'] = n.toString();
      }
    }
  }

  private final NameTables names;
  private final double nameTypo;
  private final double ocrShare;
  private final double nickname;
  private final double middleAsForename;
  private final double forenameMiddleSwap;
  private final double nameOrderSwap;
  private final double middleMissing;
  private final double hyphenDropped;
  private final double accentStripped;
  private final double upperCase;
  private final double whitespace;
  private final double dobMissing;
  private final double dobSwap;
  private final double dobDigit;
  private final double dobImputed;
  private final double sexMissing;
  private final double postcodeMissing;
  private final double postcodeTypo;
  private final double postcodeNoSpace;
  private final double postcodeLower;
  private final double ninoMissingEducation;
  private final double ninoMissingLabour;
  private final double ninoWrongDigit;

  Corruptor(ErrorModel m, NameTables names) {
    this.names = names;
    nameTypo = m.nameTypo();
    ocrShare = m.ocrShareOfTypos();
    nickname = m.nickname();
    middleAsForename = m.middleNameAsForename();
    forenameMiddleSwap = m.forenameMiddleSwap();
    nameOrderSwap = m.nameOrderSwap();
    middleMissing = m.middleNameMissing();
    hyphenDropped = m.hyphenatedPartDropped();
    accentStripped = m.accentStripped();
    upperCase = m.upperCase();
    whitespace = m.whitespace();
    dobMissing = m.dobMissing();
    dobSwap = m.dobDayMonthSwap();
    dobDigit = m.dobDigitError();
    dobImputed = m.dobDayImputed();
    sexMissing = m.sexMissing();
    postcodeMissing = m.postcodeMissing();
    postcodeTypo = m.postcodeTypo();
    postcodeNoSpace = m.postcodeNoSpace();
    postcodeLower = m.postcodeLowerCaseLabour();
    ninoMissingEducation = m.ninoMissingEducation();
    ninoMissingLabour = m.ninoMissingLabour();
    ninoWrongDigit = m.ninoWrongDigit();
  }

  /**
   * Corrupts {@code d} in place. Every decision draws from {@code r} whether or not it fires, so a
   * change to one rate does not shift the draws of the others.
   */
  void corrupt(Draft d, SplittableRandom r, boolean labour) {
    // Name structure.
    if (r.nextDouble() < nameOrderSwap) {
      String t = d.forename;
      d.forename = d.surname;
      d.surname = t;
    }
    double u = r.nextDouble();
    if (!d.middle.isEmpty()) {
      if (u < middleAsForename) {
        d.forename = d.middle;
        d.middle = "";
      } else if (u < middleAsForename + forenameMiddleSwap) {
        String t = d.forename;
        d.forename = d.middle;
        d.middle = t;
      }
    }
    if (r.nextDouble() < middleMissing) {
      d.middle = "";
    }
    u = r.nextDouble();
    int pick = r.nextInt(1 << 16);
    String[] alts = names.alternatives(d.forename);
    if (u < nickname && alts.length > 0) {
      d.forename = alts[pick % alts.length];
    }
    u = r.nextDouble();
    pick = r.nextInt(2);
    int hyphen = d.surname.indexOf('-');
    if (u < hyphenDropped && hyphen > 0) {
      d.surname = pick == 0 ? d.surname.substring(0, hyphen) : d.surname.substring(hyphen + 1);
    }
    // Typos, one draw per field.
    d.forename = maybeTypo(d.forename, r);
    d.middle = maybeTypo(d.middle, r);
    d.surname = maybeTypo(d.surname, r);
    d.forename = maybeStripAccents(d.forename, r);
    d.middle = maybeStripAccents(d.middle, r);
    d.surname = maybeStripAccents(d.surname, r);
    if (r.nextDouble() < upperCase) {
      d.forename = d.forename.toUpperCase(java.util.Locale.ROOT);
      d.middle = d.middle.toUpperCase(java.util.Locale.ROOT);
      d.surname = d.surname.toUpperCase(java.util.Locale.ROOT);
    }
    d.forename = maybeWhitespace(d.forename, r);
    d.middle = maybeWhitespace(d.middle, r);
    d.surname = maybeWhitespace(d.surname, r);

    corruptDob(d, r);
    if (r.nextDouble() < sexMissing) {
      d.sex = "";
    }
    corruptPostcode(d, r, labour);
    u = r.nextDouble();
    if (u < (labour ? ninoMissingLabour : ninoMissingEducation)) {
      d.nino = "";
    }
    u = r.nextDouble();
    int pos = 2 + r.nextInt(6);
    int delta = 1 + r.nextInt(9);
    if (u < ninoWrongDigit && !d.nino.isEmpty()) {
      char[] c = d.nino.toCharArray();
      c[pos] = (char) ('0' + (c[pos] - '0' + delta) % 10);
      d.nino = new String(c);
    }
  }

  private void corruptDob(Draft d, SplittableRandom r) {
    double u = r.nextDouble();
    int which = r.nextInt(3);
    int alt = r.nextInt(1 << 16);
    if (u < dobMissing) {
      d.year = 0;
      return;
    }
    u -= dobMissing;
    if (u < dobSwap) {
      if (d.day <= 12 && d.day != d.month) {
        int t = d.day;
        d.day = d.month;
        d.month = t;
      }
      return;
    }
    u -= dobSwap;
    if (u < dobDigit) {
      digitError(d, which, alt);
      return;
    }
    u -= dobDigit;
    if (u < dobImputed) {
      d.day = 1;
    }
  }

  /** Changes one digit of day, month or year (last two digits), keeping the date valid and different. */
  private static void digitError(Draft d, int which, int alt) {
    for (int attempt = 0; attempt < 12; attempt++) {
      int w = (which + attempt) % 3;
      int value = w == 0 ? d.day : w == 1 ? d.month : d.year % 100;
      int digit = (alt + attempt) & 1; // 0 = units, 1 = tens
      int delta = 1 + ((alt >>> 1) + attempt) % 9;
      int units = value % 10;
      int tens = value / 10;
      int changed = digit == 0 ? tens * 10 + (units + delta) % 10 : ((tens + delta) % 10) * 10 + units;
      if (w == 0 && changed >= 1 && changed <= daysIn(d.year, d.month)) {
        d.day = changed;
        return;
      }
      if (w == 1 && changed >= 1 && changed <= 12 && d.day <= daysIn(d.year, changed)) {
        d.month = changed;
        return;
      }
      if (w == 2) {
        int year = d.year - d.year % 100 + changed;
        if (year >= 1950 && year <= 2010 && d.day <= daysIn(year, d.month)) {
          d.year = year;
          return;
        }
      }
    }
    d.year = d.year + 1 <= 2010 ? d.year + 1 : d.year - 1; // fallback: never leave it unchanged
    if (d.day > daysIn(d.year, d.month)) {
      d.day = daysIn(d.year, d.month);
    }
  }

  static int daysIn(int year, int month) {
    return java.time.YearMonth.of(year, month).lengthOfMonth();
  }

  private void corruptPostcode(Draft d, SplittableRandom r, boolean labour) {
    double missing = r.nextDouble();
    double typo = r.nextDouble();
    int kind = r.nextInt(10);
    int a = r.nextInt(1 << 16);
    double noSpace = r.nextDouble();
    double lower = r.nextDouble();
    if (missing < postcodeMissing) {
      d.postcode = "";
      return;
    }
    if (typo < postcodeTypo) {
      d.postcode = postcodeTypo(d.postcode, kind, a);
    }
    if (noSpace < postcodeNoSpace) {
      d.postcode = d.postcode.replace(" ", "");
    }
    if (labour && lower < postcodeLower) {
      d.postcode = d.postcode.toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String postcodeTypo(String pc, int kind, int a) {
    char[] c = pc.toCharArray();
    int n = c.length;
    if (kind < 5) {
      // a digit of district or sector
      int[] digits = new int[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (Character.isDigit(c[i])) {
          digits[k++] = i;
        }
      }
      int i = digits[a % k];
      c[i] = (char) ('0' + (c[i] - '0' + 1 + (a >>> 4) % 9) % 10);
    } else if (kind < 8 || c[n - 1] == c[n - 2]) {
      int i = n - 1 - (a & 1);
      char now = c[i];
      char next = Postcodes.UNIT_LETTERS.charAt((a >>> 1) % 20);
      c[i] = next == now ? Postcodes.UNIT_LETTERS.charAt(((a >>> 1) + 1) % 20) : next;
    } else {
      char t = c[n - 1];
      c[n - 1] = c[n - 2];
      c[n - 2] = t;
    }
    return new String(c);
  }

  private String maybeTypo(String s, SplittableRandom r) {
    double u = r.nextDouble();
    double ocr = r.nextDouble();
    int op = r.nextInt(4);
    int p1 = r.nextInt(1 << 20);
    int p2 = r.nextInt(1 << 20);
    if (u >= nameTypo || s.length() < 2) {
      return s;
    }
    if (ocr < ocrShare) {
      String o = ocrTypo(s, p1, p2);
      if (o != null) {
        return o;
      }
    }
    return Typos.apply(s, op, p1, p2);
  }

  private static String ocrTypo(String s, int p1, int p2) {
    int applicable = 0;
    for (String[] pair : OCR) {
      if (s.contains(pair[0])) {
        applicable++;
      }
    }
    if (applicable == 0) {
      return null;
    }
    int choice = p1 % applicable;
    for (String[] pair : OCR) {
      if (s.contains(pair[0]) && choice-- == 0) {
        int count = 0;
        for (int i = s.indexOf(pair[0]); i >= 0; i = s.indexOf(pair[0], i + 1)) {
          count++;
        }
        int nth = p2 % count;
        int at = s.indexOf(pair[0]);
        while (nth-- > 0) {
          at = s.indexOf(pair[0], at + 1);
        }
        return s.substring(0, at) + pair[1] + s.substring(at + pair[0].length());
      }
    }
    return null;
  }

  private String maybeStripAccents(String s, SplittableRandom r) {
    double u = r.nextDouble();
    if (u >= accentStripped || isAscii(s)) {
      return s;
    }
    return stripAccents(s);
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  static String stripAccents(String s) {
    String t = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    return t.replace('ł', 'l').replace('Ł', 'L').replace('ø', 'o').replace('Ø', 'O');
  }

  private String maybeWhitespace(String s, SplittableRandom r) {
    double u = r.nextDouble();
    int kind = r.nextInt(3);
    if (u >= whitespace || s.isEmpty()) {
      return s;
    }
    switch (kind) {
      case 0:
        return " " + s;
      case 1:
        return s + " ";
      default:
        int inner = s.indexOf(' ') > 0 ? s.indexOf(' ') : s.indexOf('-');
        return inner > 0 ? s.substring(0, inner) + "  " + s.substring(inner + 1) : s + "  ";
    }
  }

  /** Keyboard-like edit operations. */
  static final class Typos {
    private Typos() {
    }

    static String apply(String s, int op, int p1, int p2) {
      int n = s.length();
      switch (op) {
        case 0: { // insert a neighbour of the letter before, or a doubled letter
          int at = 1 + p1 % n;
          char prev = s.charAt(at - 1);
          char ins = (p2 & 1) == 0 ? Character.toLowerCase(prev) : neighbour(prev, p2 >>> 1);
          return s.substring(0, at) + ins + s.substring(at);
        }
        case 1: { // delete, never the first letter (people rarely get it wrong)
          if (n < 3) {
            return apply(s, 2, p1, p2);
          }
          int at = 1 + p1 % (n - 1);
          return s.substring(0, at) + s.substring(at + 1);
        }
        case 2: { // substitute with a keyboard neighbour
          int at = p1 % n;
          char c = s.charAt(at);
          char sub = neighbour(c, p2);
          if (sub == Character.toLowerCase(c) || !Character.isLetter(c)) {
            sub = c == 'x' ? 'z' : 'x';
          }
          if (Character.isUpperCase(c)) {
            sub = Character.toUpperCase(sub);
          }
          return s.substring(0, at) + sub + s.substring(at + 1);
        }
        default: { // transpose two adjacent, different characters
          for (int k = 0; k < n - 1; k++) {
            int at = (p1 + k) % (n - 1);
            char a = s.charAt(at);
            char b = s.charAt(at + 1);
            if (Character.toLowerCase(a) != Character.toLowerCase(b)) {
              boolean upperFirst = at == 0 && Character.isUpperCase(a);
              if (upperFirst) {
                a = Character.toLowerCase(a);
                b = Character.toUpperCase(b);
              }
              return s.substring(0, at) + b + a + s.substring(at + 2);
            }
          }
          return apply(s, 2, p1, p2);
        }
      }
    }

    static char neighbour(char c, int pick) {
      char lower = Character.toLowerCase(c);
      if (lower < 'a' || lower > 'z') {
        return 'e';
      }
      String n = KEYBOARD[lower - 'a'];
      return n.charAt(pick % n.length());
    }
  }
}
