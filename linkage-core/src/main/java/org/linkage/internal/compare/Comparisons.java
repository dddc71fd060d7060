package org.linkage.internal.compare;


import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Arrays;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.normalize.Derivations;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.normalize.Normalizers;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;

/**
 * Binds comparisons to {@link EncodedData}: everything a comparison needs per distinct value
 * (phonetic codes, name parts, postcode sectors, epoch days) is computed here, once, so
 * {@link Comparison#level} only reads arrays. Each kind returns its {@link Level}s by name, looked
 * up once in {@link ComparisonKind}, so the numbers cannot drift from the kind's list.
 *
 * <p>Binding is not thread-safe for the same data; the bound comparisons are.
 */
public final class Comparisons {
  private Comparisons() {}

  /** {@code spec}'s {@link LevelFunction} bound to {@code data}; {@link InvalidSpecException} if a column is absent. */
  public static Comparison compile(ComparisonSpec spec, EncodedData data) {
    return LevelFunction.of(spec).bind(data);
  }

  static Comparison bind(ComparisonSpec spec, EncodedData data) {
    Comparison unsplit = bindKind(spec, data);
    ComparisonSpec.ElseSplit split = spec.elseSplit();
    if (split == null) {
      return unsplit;
    }
    EncodedColumn by = data.column(split.column());
    if (by == null || by.dictionary() == null) {
      throw new InvalidSpecException("comparison " + spec.name() + ": elseSplit column " + split.column()
          + (by == null ? " is unknown" : " is a date column"));
    }
    String value = Normalizers.fold(by.type(), split.value());
    return new SplitElse(unsplit, Level.of(spec.kind(), "else").number(), by.left(), by.right(),
        value == null ? -1 : by.dictionary().codeOf(value));
  }

  private static Comparison bindKind(ComparisonSpec spec, EncodedData data) {
    EncodedColumn main = column(spec, spec.column(), data);
    return switch (spec.kind()) {
      case EXACT -> new Exact(spec, main);
      case FORENAME -> new Forename(spec, main,
          spec.otherColumn() == null ? null : column(spec, spec.otherColumn(), data),
          spec.swapColumn() == null ? null : column(spec, spec.swapColumn(), data));
      case SURNAME -> new Surname(spec, main,
          spec.otherColumn() == null ? null : column(spec, spec.otherColumn(), data));
      case DATE -> new DateComparison(spec, main);
      case POSTCODE -> new Postcode(spec, main);
      case IDENTIFIER -> new Identifier(spec, main);
      case TEXT -> new Text(spec, main);
    };
  }

  private static EncodedColumn column(ComparisonSpec spec, String name, EncodedData data) {
    EncodedColumn c = data.column(name);
    if (c == null) {
      throw new InvalidSpecException("comparison " + spec.name() + ": unknown column " + name);
    }
    boolean needsDate = spec.kind() == ComparisonKind.DATE;
    if (needsDate != (c.dictionary() == null)) {
      throw new InvalidSpecException("comparison " + spec.name() + " (" + spec.kind() + "): column "
          + name + " is " + c.type());
    }
    return c;
  }

  /**
   * A comparison whose kind's {@code else} level is split by another column's value (see {@link
   * ComparisonSpec.ElseSplit}): the split level takes the kind's else number and else moves one up.
   */
  private static final class SplitElse implements Comparison {
    private final Comparison kind;
    private final int elseLevel;
    private final int[] byLeft;
    private final int[] byRight;
    private final int code; // -1 when no record holds the value: nothing is split off

    SplitElse(Comparison kind, int elseLevel, int[] byLeft, int[] byRight, int code) {
      this.kind = kind;
      this.elseLevel = elseLevel;
      this.byLeft = byLeft;
      this.byRight = byRight;
      this.code = code;
    }

    @Override
    public String name() {
      return kind.name();
    }

    @Override
    public ImmutableList<String> levelNames() {
      return kind.levelNames();
    }

    @Override
    public ImmutableSet<String> columns() {
      return kind.columns();
    }

    @Override
    public int level(int l, int r) {
      int level = kind.level(l, r);
      if (level != elseLevel) {
        return level;
      }
      int v = byLeft[l] >= 0 ? byLeft[l] : byRight[r];
      return v >= 0 && v == code ? elseLevel : elseLevel + 1;
    }

    @Override
    public String toString() {
      return kind.toString();
    }
  }

  /** The spec, the levels and the compared column's codes on both sides, shared by every kind. */
  private abstract static class Base implements Comparison {
    private static final int NULL = Level.NULL.number();
    // the same value on both sides: ComparisonKind requires every kind to list it first
    private static final int EXACT = Level.EXACT.number();
    final ComparisonSpec spec;
    final ImmutableList<String> levels;
    final int[] left;
    final int[] right;
    final Dictionary dict; // null for dates

    Base(ComparisonSpec spec, EncodedColumn c) {
      this.spec = spec;
      this.levels = ImmutableList.copyOf(spec.levelNames());
      this.left = c.left();
      this.right = c.right();
      this.dict = c.dictionary();
    }

    @Override
    public String name() {
      return spec.name();
    }

    @Override
    public ImmutableList<String> levelNames() {
      return levels;
    }

    @Override
    public ImmutableSet<String> columns() {
      return ImmutableSet.copyOf(spec.columns());
    }

    /** Null level when either value is missing, exact when the codes agree, else {@link #differing}. */
    @Override
    public final int level(int l, int r) {
      int a = left[l];
      int b = right[r];
      if (a < 0 || b < 0) {
        return NULL;
      }
      return a == b ? EXACT : differing(l, r, a, b);
    }

    /** The level of a pair whose values {@code a} (left) and {@code b} (right) are present and differ. */
    abstract int differing(int l, int r, int a, int b);

    @Override
    public String toString() {
      return spec.name() + levels;
    }
  }

  private static final class Exact extends Base {
    private static final int ELSE = Level.of(ComparisonKind.EXACT, "else").number();

    Exact(ComparisonSpec spec, EncodedColumn c) {
      super(spec, c);
    }

    @Override
    int differing(int l, int r, int a, int b) {
      return ELSE;
    }
  }

  private static final class Forename extends Base {
    private static final int ALIAS = Level.of(ComparisonKind.FORENAME, "alias").number();
    private static final int JW_HIGH = Level.of(ComparisonKind.FORENAME, "jaro_winkler_high").number();
    private static final int JW_OR_PHONETIC = Level.of(ComparisonKind.FORENAME, "jaro_winkler_or_phonetic").number();
    private static final int MIDDLE_OR_SWAPPED = Level.of(ComparisonKind.FORENAME, "middle_name_or_swapped").number();
    private static final int INITIAL = Level.of(ComparisonKind.FORENAME, "initial").number();
    private static final int ELSE = Level.of(ComparisonKind.FORENAME, "else").number();

    private final int[] phon;
    private final double high;
    private final double low;
    private final NameAliasIndex aliases;
    private final CrossColumn middleAsForename;
    private final CrossColumn surnameAsForename;

    Forename(ComparisonSpec spec, EncodedColumn c, EncodedColumn middle, EncodedColumn surname) {
      super(spec, c);
      phon = Derivations.phonetic(c).codes();
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
      aliases = NameAliasIndex.of(dict);
      middleAsForename = CrossColumn.of(middle, c);
      surnameAsForename = CrossColumn.of(surname, c);
    }

    @Override
    int differing(int l, int r, int a, int b) {
      if (aliases.equivalent(a, b)) {
        return ALIAS;
      }
      char[] ca = dict.chars(a);
      char[] cb = dict.chars(b);
      boolean initial = ca.length == 1 || cb.length == 1;
      if (!initial) {
        double jw = Metrics.jaroWinkler(ca, cb);
        if (jw >= high) {
          return JW_HIGH;
        }
        if (jw >= low || (phon[a] >= 0 && phon[a] == phon[b])) {
          return JW_OR_PHONETIC;
        }
      }
      if (middleAsForename != null && (middleAsForename.left[l] == b || middleAsForename.right[r] == a)) {
        return MIDDLE_OR_SWAPPED;
      }
      if (surnameAsForename != null && surnameAsForename.swapped(l, r, a, b)) {
        return MIDDLE_OR_SWAPPED;
      }
      if (initial && ca[0] == cb[0]) {
        return INITIAL;
      }
      return ELSE;
    }
  }

  /**
   * Another column's values expressed as codes of the compared column's dictionary, row by row on
   * both sides (-2 where missing or never seen in the compared column, so they never match): lets a
   * forename be checked against a middle name, or a forename against a surname, by int equality.
   */
  private static final class CrossColumn {
    final int[] left;
    final int[] right;

    private CrossColumn(int[] left, int[] right) {
      this.left = left;
      this.right = right;
    }

    /** {@code from}'s rows as codes of {@code into}; {@code null} when there is no such column. */
    static CrossColumn of(EncodedColumn from, EncodedColumn into) {
      if (from == null) {
        return null;
      }
      int[] t = translate(from, into);
      return new CrossColumn(mapRows(from.left(), t), mapRows(from.right(), t));
    }

    /** Compared values (a left, b right) swapped with this column's: left's other value is b and right's is a. */
    boolean swapped(int l, int r, int a, int b) {
      return left[l] == b && right[r] == a;
    }

    /** For each code of {@code from}'s dictionary, the code of the same value in {@code to}'s, or -1. */
    private static int[] translate(EncodedColumn from, EncodedColumn to) {
      Dictionary f = from.dictionary();
      int[] out = new int[f.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = to.dictionary().codeOf(f.value(i));
      }
      return out;
    }

    private static int[] mapRows(int[] rows, int[] t) {
      int[] out = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        int v = rows[i] < 0 ? -2 : t[rows[i]];
        out[i] = v < 0 ? -2 : v;
      }
      return out;
    }
  }

  private static final class Surname extends Base {
    private static final int SHARED_PART = Level.of(ComparisonKind.SURNAME, "shared_part").number();
    private static final int JW_HIGH = Level.of(ComparisonKind.SURNAME, "jaro_winkler_high").number();
    private static final int JW_OR_PHONETIC = Level.of(ComparisonKind.SURNAME, "jaro_winkler_or_phonetic").number();
    private static final int SWAPPED = Level.of(ComparisonKind.SURNAME, "swapped").number();
    private static final int ELSE = Level.of(ComparisonKind.SURNAME, "else").number();

    private final int[] phon;
    private final int[][] parts;
    private final double high;
    private final double low;
    private final CrossColumn forenameAsSurname;

    Surname(ComparisonSpec spec, EncodedColumn c, EncodedColumn forename) {
      super(spec, c);
      phon = Derivations.phonetic(c).codes();
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
      parts = nameParts(dict);
      forenameAsSurname = CrossColumn.of(forename, c);
    }

    @Override
    int differing(int l, int r, int a, int b) {
      if (shareAPart(parts[a], parts[b])) {
        return SHARED_PART;
      }
      double jw = Metrics.jaroWinkler(dict.chars(a), dict.chars(b));
      if (jw >= high) {
        return JW_HIGH;
      }
      if (jw >= low || (phon[a] >= 0 && phon[a] == phon[b])) {
        return JW_OR_PHONETIC;
      }
      if (forenameAsSurname != null && forenameAsSurname.swapped(l, r, a, b)) {
        return SWAPPED;
      }
      return ELSE;
    }

    private static boolean shareAPart(int[] pa, int[] pb) {
      if (pa.length < 2 && pb.length < 2) {
        return false;
      }
      for (int x : pa) {
        for (int y : pb) {
          if (x == y) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * Codes of the space-separated parts of each value, parts of two letters or fewer dropped. A
     * part that is itself a value of the dictionary has that value's code, any other a code past
     * the dictionary's: a one-part value (nearly all) needs no lookup, which matters at a million
     * values bound on every comparison.
     */
    private static int[][] nameParts(Dictionary dict) {
      java.util.Map<String, Integer> otherParts = new java.util.HashMap<>();
      int[][] out = new int[dict.size()][];
      int[] none = new int[0];
      for (int i = 0; i < out.length; i++) {
        char[] v = dict.chars(i);
        int space = indexOf(v, ' ');
        if (space < 0) {
          out[i] = v.length > 2 ? new int[] {i} : none;
          continue;
        }
        String[] tokens = new String(v).split(" ");
        out[i] = Arrays.stream(tokens)
            .filter(t -> t.length() > 2)
            .mapToInt(t -> {
              int code = dict.codeOf(t);
              return code >= 0 ? code : otherParts.computeIfAbsent(t, k -> dict.size() + otherParts.size());
            })
            .toArray();
      }
      return out;
    }

    private static int indexOf(char[] v, char c) {
      for (int i = 0; i < v.length; i++) {
        if (v[i] == c) {
          return i;
        }
      }
      return -1;
    }
  }

  private static final class DateComparison extends Base {
    private static final int TRANSPOSED = Level.of(ComparisonKind.DATE, "day_month_transposed").number();
    private static final int ONE_DIGIT = Level.of(ComparisonKind.DATE, "one_digit").number();
    private static final int WITHIN_A_YEAR = Level.of(ComparisonKind.DATE, "within_a_year").number();
    private static final int ELSE = Level.of(ComparisonKind.DATE, "else").number();

    private final int[] leftDay;
    private final int[] rightDay;

    DateComparison(ComparisonSpec spec, EncodedColumn c) {
      super(spec, c);
      leftDay = epochDays(left);
      rightDay = left == right ? leftDay : epochDays(right);
    }

    private static int[] epochDays(int[] dates) {
      int[] out = new int[dates.length];
      for (int i = 0; i < dates.length; i++) {
        out[i] = Normalizers.epochDay(dates[i]);
      }
      return out;
    }

    @Override
    int differing(int l, int r, int a, int b) {
      int ya = a / 10000;
      int yb = b / 10000;
      int ma = (a / 100) % 100;
      int mb = (b / 100) % 100;
      int da = a % 100;
      int db = b % 100;
      if (ya == yb && ma == db && da == mb) {
        return TRANSPOSED;
      }
      if (oneDigitOrSwap(a, b)) {
        return ONE_DIGIT;
      }
      int ea = leftDay[l];
      int eb = rightDay[r];
      if (ea != Integer.MIN_VALUE && eb != Integer.MIN_VALUE && Math.abs(ea - eb) <= 366) {
        return WITHIN_A_YEAR;
      }
      return ELSE;
    }

    /** The eight digits differ in one place, or in two adjacent places that are swapped. */
    static boolean oneDigitOrSwap(int a, int b) {
      int diffs = 0;
      int firstPos = -1;
      int prevA = -1;
      int prevB = -1;
      boolean swap = false;
      for (int pos = 0; pos < 8; pos++) {
        int da = a % 10;
        int db = b % 10;
        a /= 10;
        b /= 10;
        if (da != db) {
          diffs++;
          if (diffs == 1) {
            firstPos = pos;
            prevA = da;
            prevB = db;
          } else if (diffs == 2) {
            swap = pos == firstPos + 1 && da == prevB && db == prevA;
          } else {
            return false;
          }
        }
      }
      return diffs == 1 || (diffs == 2 && swap);
    }
  }

  private static final class Postcode extends Base {
    private static final int ONE_EDIT = Level.of(ComparisonKind.POSTCODE, "one_edit").number();
    private static final int SECTOR = Level.of(ComparisonKind.POSTCODE, "sector").number();
    private static final int DISTRICT = Level.of(ComparisonKind.POSTCODE, "district").number();
    private static final int AREA = Level.of(ComparisonKind.POSTCODE, "area").number();
    private static final int ELSE = Level.of(ComparisonKind.POSTCODE, "else").number();

    private final int[] sector;
    private final int[] district;
    private final int[] area;
    private final long[] characters;

    Postcode(ComparisonSpec spec, EncodedColumn c) {
      super(spec, c);
      characters = CharacterSets.of(dict);
      sector = Derivations.postcodeSector(c).codes();
      district = Derivations.postcodeDistrict(c).codes();
      area = Derivations.postcodeArea(c).codes();
    }

    @Override
    int differing(int l, int r, int a, int b) {
      if (CharacterSets.mayBeOneEdit(characters, a, b) && Metrics.withinOneEdit(dict.chars(a), dict.chars(b))) {
        return ONE_EDIT;
      }
      if (sector[a] >= 0 && sector[a] == sector[b]) {
        return SECTOR;
      }
      if (district[a] >= 0 && district[a] == district[b]) {
        return DISTRICT;
      }
      if (area[a] >= 0 && area[a] == area[b]) {
        return AREA;
      }
      return ELSE;
    }
  }

  private static final class Identifier extends Base {
    private static final int ONE_EDIT = Level.of(ComparisonKind.IDENTIFIER, "one_edit").number();
    private static final int ELSE = Level.of(ComparisonKind.IDENTIFIER, "else").number();

    private final long[] characters;

    Identifier(ComparisonSpec spec, EncodedColumn c) {
      super(spec, c);
      characters = CharacterSets.of(dict);
    }

    @Override
    int differing(int l, int r, int a, int b) {
      return CharacterSets.mayBeOneEdit(characters, a, b) && Metrics.withinOneEdit(dict.chars(a), dict.chars(b))
          ? ONE_EDIT : ELSE;
    }
  }

  private static final class Text extends Base {
    private static final int JW_HIGH = Level.of(ComparisonKind.TEXT, "jaro_winkler_high").number();
    private static final int JW_LOW = Level.of(ComparisonKind.TEXT, "jaro_winkler_low").number();
    private static final int ELSE = Level.of(ComparisonKind.TEXT, "else").number();

    private final double high;
    private final double low;

    Text(ComparisonSpec spec, EncodedColumn c) {
      super(spec, c);
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
    }

    @Override
    int differing(int l, int r, int a, int b) {
      double jw = Metrics.jaroWinkler(dict.chars(a), dict.chars(b));
      return jw >= high ? JW_HIGH : jw >= low ? JW_LOW : ELSE;
    }
  }
}
