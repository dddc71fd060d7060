package org.linkage.internal.compare;


import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.compare.strings.Packed;
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

  /**
   * {@code specs} bound to {@code data} together: one {@link RightRows} holds what all of them read
   * of a right record, so a pair's comparisons share its right record's cache lines.
   */
  static Comparison[] bindAll(java.util.List<ComparisonSpec> specs, EncodedData data) {
    return bindAll(specs, data, null);
  }

  /** {@link #bindAll(java.util.List, EncodedData)} with the tables of {@code shared} ({@code null}: none). */
  static Comparison[] bindAll(java.util.List<ComparisonSpec> specs, EncodedData data, SharedBinding shared) {
    return bindAll(specs, data, shared, false);
  }

  /**
   * {@link #bindAll(java.util.List, EncodedData, SharedBinding)}, binding the last comparison first
   * when {@code lastFirst}: the same comparisons (their right records' fields in another order).
   */
  static Comparison[] bindAll(java.util.List<ComparisonSpec> specs, EncodedData data, SharedBinding shared,
      boolean lastFirst) {
    RightRows.Builder rows = RightRows.builder(data.rightSize(), shared);
    RowComparison[] bound = new RowComparison[specs.size()];
    for (int k = 0; k < bound.length; k++) {
      int i = lastFirst ? bound.length - 1 - k : k;
      bound[i] = bind(specs.get(i), data, rows);
    }
    RightRows built = rows.build();
    for (RowComparison c : bound) {
      c.attach(built);
    }
    return bound;
  }

  /** The rows {@code comparisons} all read (bound together by {@link #bindAll}), or {@code null}. */
  /**
   * The distinct arrays indexed by left row that {@code comparisons} read (value codes, epoch days,
   * another column's codes): what reading a left record ahead touches. Empty for comparisons not
   * bound here.
   */
  static int[][] leftArrays(Comparison[] comparisons) {
    List<int[]> all = new ArrayList<>();
    for (Comparison c : comparisons) {
      if (c instanceof RowComparison rc) {
        rc.leftArrays(all);
      }
    }
    List<int[]> distinct = new ArrayList<>();
    for (int[] a : all) {
      if (a != null && distinct.stream().noneMatch(d -> d == a)) {
        distinct.add(a);
      }
    }
    return distinct.toArray(new int[0][]);
  }

  static RightRows sharedRows(Comparison[] comparisons) {
    RightRows rows = null;
    for (Comparison c : comparisons) {
      if (!(c instanceof RowComparison rc) || (rows != null && rc.rows != rows)) {
        return null;
      }
      rows = rc.rows;
    }
    return rows;
  }

  /**
   * The pattern function of {@code comparisons} bound together by {@link #bindAll} (see
   * {@link RowPatterns}), or {@code null} when they were not.
   */
  static RowPatterns rowPatterns(Comparison[] comparisons) {
    RightRows rows = sharedRows(comparisons);
    if (rows == null) {
      return null;
    }
    RowComparison[] bound = new RowComparison[comparisons.length];
    byte[] kinds = new byte[comparisons.length];
    for (int c = 0; c < bound.length; c++) {
      bound[c] = (RowComparison) comparisons[c];
      kinds[c] = RowPatterns.kindOf(bound[c]);
    }
    return new RowPatterns(bound, kinds, rows);
  }

  /**
   * {@link PairComparer#pattern} of comparisons that share one {@link RightRows}, computed with the
   * right record's row found once per pair and each comparison called through its own class: a
   * switch on the kind, then a call the compiler can inline, instead of two calls it cannot
   * ({@link Comparison#level}, then the kind's own level) per comparison. The same patterns by
   * construction ({@code PairComparerTest} checks it). Immutable and thread-safe.
   */
  static final class RowPatterns {
    private static final byte OTHER = 0;
    private static final byte EXACT = 1;
    private static final byte FORENAME = 2;
    private static final byte SURNAME = 3;
    private static final byte DATE = 4;
    private static final byte POSTCODE = 5;
    private static final byte IDENTIFIER = 6;
    private static final byte TEXT = 7;
    private static final byte SPLIT_ELSE = 8;

    private final RowComparison[] comparisons;
    private final byte[] kinds;
    private final RightRows rows;

    private RowPatterns(RowComparison[] comparisons, byte[] kinds, RightRows rows) {
      this.comparisons = comparisons;
      this.kinds = kinds;
      this.rows = rows;
    }

    private static byte kindOf(RowComparison c) {
      if (c instanceof Exact) {
        return EXACT;
      } else if (c instanceof Forename) {
        return FORENAME;
      } else if (c instanceof Surname) {
        return SURNAME;
      } else if (c instanceof DateComparison) {
        return DATE;
      } else if (c instanceof Postcode) {
        return POSTCODE;
      } else if (c instanceof Identifier) {
        return IDENTIFIER;
      } else if (c instanceof Text) {
        return TEXT;
      } else if (c instanceof SplitElse) {
        return SPLIT_ELSE;
      }
      return OTHER;
    }

    /** The packed agreement pattern of left row {@code l} and right row {@code r}. Allocation-free. */
    long pattern(int l, int r) {
      int at = rows.start(r);
      RowComparison[] cs = comparisons;
      byte[] k = kinds;
      long p = 0;
      for (int c = 0; c < cs.length; c++) {
        RowComparison x = cs[c];
        int level = switch (k[c]) {
          case EXACT -> ((Exact) x).levelAt(l, at);
          case FORENAME -> ((Forename) x).levelAt(l, at);
          case SURNAME -> ((Surname) x).levelAt(l, at);
          case DATE -> ((DateComparison) x).levelAt(l, at);
          case POSTCODE -> ((Postcode) x).levelAt(l, at);
          case IDENTIFIER -> ((Identifier) x).levelAt(l, at);
          case TEXT -> ((Text) x).levelAt(l, at);
          case SPLIT_ELSE -> ((SplitElse) x).levelAt(l, at);
          default -> x.level(l, r);
        };
        p |= (long) level << (4 * c);
      }
      return p;
    }
  }

  private static RowComparison bind(ComparisonSpec spec, EncodedData data, RightRows.Builder rows) {
    Base unsplit = bindKind(spec, data, rows);
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
    return new SplitElse(unsplit, Level.of(spec.kind(), "else").number(), by.left(), rows.add(by.right()),
        value == null ? -1 : by.dictionary().codeOf(value));
  }

  private static Base bindKind(ComparisonSpec spec, EncodedData data, RightRows.Builder rows) {
    EncodedColumn main = column(spec, spec.column(), data);
    return switch (spec.kind()) {
      case EXACT -> new Exact(spec, main, rows);
      case FORENAME -> new Forename(spec, main,
          spec.otherColumn() == null ? null : column(spec, spec.otherColumn(), data),
          spec.swapColumn() == null ? null : column(spec, spec.swapColumn(), data), rows);
      case SURNAME -> new Surname(spec, main,
          spec.otherColumn() == null ? null : column(spec, spec.otherColumn(), data), rows);
      case DATE -> new DateComparison(spec, main, rows);
      case POSTCODE -> new Postcode(spec, main, rows);
      case IDENTIFIER -> new Identifier(spec, main, rows);
      case TEXT -> new Text(spec, main, rows);
    };
  }

  /**
   * A comparison reading its right record from the shared {@link RightRows}: its fields' offsets
   * are fixed when it is bound, the rows attached once every comparison of the set has added its own.
   */
  private abstract static class RowComparison implements Comparison {
    RightRows rows;
    int[] cells;

    /** Adds the arrays indexed by left row that {@link #level} reads (for reading them ahead). */
    void leftArrays(List<int[]> out) {}

    void attach(RightRows rows) {
      this.rows = rows;
      this.cells = rows.cells();
    }
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
  private static final class SplitElse extends RowComparison {
    private final Base kind;
    private final int elseLevel;
    private final int[] byLeft;
    private final int byRightAt;
    private final int code; // -1 when no record holds the value: nothing is split off

    SplitElse(Base kind, int elseLevel, int[] byLeft, int byRightAt, int code) {
      this.kind = kind;
      this.elseLevel = elseLevel;
      this.byLeft = byLeft;
      this.byRightAt = byRightAt;
      this.code = code;
    }

    @Override
    void attach(RightRows rows) {
      super.attach(rows);
      kind.attach(rows);
    }

    @Override
    void leftArrays(List<int[]> out) {
      kind.leftArrays(out);
      out.add(byLeft);
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
      return levelAt(l, rows.start(r));
    }

    /** {@link #level} of left row {@code l} and the right row starting at {@code at} in {@link #cells}. */
    int levelAt(int l, int at) {
      int level = kind.levelAt(l, at);
      if (level != elseLevel) {
        return level;
      }
      int v = byLeft[l] >= 0 ? byLeft[l] : cells[at + byRightAt];
      return v >= 0 && v == code ? elseLevel : elseLevel + 1;
    }

    @Override
    public String toString() {
      return kind.toString();
    }
  }

  /** The spec, the levels and the compared column's codes on both sides, shared by every kind. */
  private abstract static class Base extends RowComparison {
    private static final int NULL = Level.NULL.number();
    // the same value on both sides: ComparisonKind requires every kind to list it first
    private static final int EXACT = Level.EXACT.number();
    final ComparisonSpec spec;
    final ImmutableList<String> levels;
    final int[] left;
    final Dictionary dict; // null for dates
    private final int codeAt;

    Base(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      this.spec = spec;
      this.levels = ImmutableList.copyOf(spec.levelNames());
      this.left = c.left();
      this.dict = c.dictionary();
      this.codeAt = rows.add(c.right());
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

    @Override
    void leftArrays(List<int[]> out) {
      out.add(left);
    }

    /** Null level when either value is missing, exact when the codes agree, else {@link #differing}. */
    @Override
    public final int level(int l, int r) {
      return levelAt(l, rows.start(r));
    }

    /** {@link #level} of left row {@code l} and the right row starting at {@code at} in {@link #cells}. */
    final int levelAt(int l, int at) {
      int a = left[l];
      int b = cells[at + codeAt];
      if (a < 0 || b < 0) {
        return NULL;
      }
      return a == b ? EXACT : differing(l, at, a, b);
    }

    /**
     * The level of a pair whose values {@code a} (left row {@code l}) and {@code b} (the right row
     * starting at {@code at} in {@link #cells}) are present and differ.
     */
    abstract int differing(int l, int at, int a, int b);

    @Override
    public String toString() {
      return spec.name() + levels;
    }
  }

  private static final class Exact extends Base {
    private static final int ELSE = Level.of(ComparisonKind.EXACT, "else").number();

    Exact(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      super(spec, c, rows);
    }

    @Override
    int differing(int l, int at, int a, int b) {
      return ELSE;
    }
  }

  /**
   * A dictionary's values packed where they fit ({@link Packed}), so that a comparison reads a
   * right value from its row instead of the dictionary; values that do not fit are read from the
   * dictionary. Either way the answers are the {@code char[]} kernels' own.
   */
  private static final class ShortValues {
    final Dictionary dict;
    final long[] packed;
    final int at; // the right value's packed field in a row

    ShortValues(EncodedColumn c, RightRows.Builder rows) {
      dict = c.dictionary();
      packed = rows.table("packed", dict, null, () -> pack(dict));
      at = rows.addPacked(c.right(), packed);
    }

    private static long[] pack(Dictionary dict) {
      long[] out = new long[dict.size()];
      char[] value = new char[Packed.MAX_LENGTH];
      for (int code = 0; code < out.length; code++) {
        // copied in bulk from where the value lies: a state's saved values are not arrays of their own
        int n = dict.copyChars(code, value);
        out[code] = n > Packed.MAX_LENGTH ? Packed.UNPACKED : Packed.pack(value, n);
      }
      return out;
    }

    /** The packed right value of the row starting at {@code row}. */
    long right(int[] cells, int row) {
      return RightRows.packedAt(cells, row + at);
    }

    int length(int code, long p) {
      return p != Packed.UNPACKED ? Packed.length(p) : dict.length(code);
    }

    char first(int code, long p) {
      return p != Packed.UNPACKED ? Packed.first(p) : dict.charAt(code, 0);
    }

    /**
     * The Jaro–Winkler similarity of codes {@code a} and {@code b} (packed {@code pa}, {@code pb}), or
     * 0 when it is certainly below {@code floor}: for comparisons that only test it against
     * thresholds of at least {@code floor}, which then give the level the similarity would.
     */
    double jaroWinkler(int a, long pa, int b, long pb, double floor) {
      if (pa != Packed.UNPACKED && pb != Packed.UNPACKED) {
        return Packed.jaroWinklerBelow(pa, pb, floor) ? 0d : Packed.jaroWinkler(pa, pb);
      }
      return Metrics.jaroWinkler(dict.chars(a), dict.chars(b));
    }

    boolean withinOneEdit(int a, long pa, int b, long pb) {
      return pa != Packed.UNPACKED && pb != Packed.UNPACKED ? Packed.withinOneEdit(pa, pb)
          : Metrics.withinOneEdit(dict.chars(a), dict.chars(b));
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
    private final ShortValues values;
    private final CrossColumn middleAsForename;
    private final CrossColumn surnameAsForename;

    @Override
    void leftArrays(List<int[]> out) {
      super.leftArrays(out);
      for (CrossColumn c : new CrossColumn[] {middleAsForename, surnameAsForename}) {
        if (c != null) {
          out.add(c.left);
        }
      }
    }

    Forename(ComparisonSpec spec, EncodedColumn c, EncodedColumn middle, EncodedColumn surname,
        RightRows.Builder rows) {
      super(spec, c, rows);
      phon = Derivations.phonetic(c).codes();
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
      aliases = rows.table("aliases", dict, null, () -> NameAliasIndex.of(dict));
      values = new ShortValues(c, rows);
      middleAsForename = CrossColumn.of(middle, c, rows);
      surnameAsForename = CrossColumn.of(surname, c, rows);
    }

    @Override
    int differing(int l, int at, int a, int b) {
      if (aliases.equivalent(a, b)) {
        return ALIAS;
      }
      long pa = values.packed[a];
      long pb = values.right(cells, at);
      boolean initial = values.length(a, pa) == 1 || values.length(b, pb) == 1;
      if (!initial) {
        double jw = values.jaroWinkler(a, pa, b, pb, low);
        if (jw >= high) {
          return JW_HIGH;
        }
        if (jw >= low || (phon[a] >= 0 && phon[a] == phon[b])) {
          return JW_OR_PHONETIC;
        }
      }
      if (middleAsForename != null && (middleAsForename.left[l] == b || middleAsForename.rightIs(cells, at, a))) {
        return MIDDLE_OR_SWAPPED;
      }
      if (surnameAsForename != null && surnameAsForename.swapped(l, cells, at, a, b)) {
        return MIDDLE_OR_SWAPPED;
      }
      if (initial && values.first(a, pa) == values.first(b, pb)) {
        return INITIAL;
      }
      return ELSE;
    }
  }

  /**
   * Another column's values against the compared column's: lets a forename be checked against a
   * middle name, or a forename against a surname, by int equality. The left side's are an array by
   * row, as codes of the compared column's dictionary (-2 where missing or never seen in it, so they
   * never match). A right record's is its own code of the other column (a field of its row, shared
   * with that column's comparison), checked against the compared value's code in the other column's
   * dictionary: a table read by the left value, which stays in cache across the left record's
   * candidates, rather than by the right value, which would be a random read per pair.
   */
  private static final class CrossColumn {
    final int[] left;
    /** For each code of the compared column, the code of the same value in the other column, or -3. */
    private final int[] inOther;
    private final int rightAt;

    private CrossColumn(int[] left, int[] inOther, int rightAt) {
      this.left = left;
      this.inOther = inOther;
      this.rightAt = rightAt;
    }

    /** {@code from}'s rows as codes of {@code into}; {@code null} when there is no such column. */
    static CrossColumn of(EncodedColumn from, EncodedColumn into, RightRows.Builder rows) {
      if (from == null) {
        return null;
      }
      // both tables depend only on the dictionaries and the left codes: shared by an update's bindings
      int[] t = rows.table("codes_in", from.dictionary(), into.dictionary(),
          () -> codesIn(from.dictionary(), into.dictionary(), -1));
      int[] left = rows.table("codes_in_rows", from.left(), t, () -> {
        int[] out = new int[from.left().length];
        for (int i = 0; i < out.length; i++) {
          int code = from.left()[i];
          int v = code < 0 ? -2 : t[code];
          out[i] = v < 0 ? -2 : v;
        }
        return out;
      });
      // -3: a value the other column never holds matches no cell (a missing cell is -1)
      int[] inOther = rows.table("codes_in_absent", into.dictionary(), from.dictionary(),
          () -> codesIn(into.dictionary(), from.dictionary(), -3));
      return new CrossColumn(left, inOther, rows.add(from.right()));
    }

    /** True when the right record's value (its row starts at {@code at}) is the compared column's {@code code}. */
    boolean rightIs(int[] cells, int at, int code) {
      return cells[at + rightAt] == inOther[code];
    }

    /** Compared values (a left, b right) swapped with this column's: left's other value is b and right's is a. */
    boolean swapped(int l, int[] cells, int at, int a, int b) {
      return left[l] == b && rightIs(cells, at, a);
    }

    /** For each code of {@code from}, the code of the same value in {@code to}, or {@code absent}. */
    private static int[] codesIn(Dictionary from, Dictionary to, int absent) {
      int[] out = new int[from.size()];
      for (int i = 0; i < out.length; i++) {
        int code = to.codeOf(from.value(i));
        out[i] = code < 0 ? absent : code;
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
    private final ShortValues values;
    private final CrossColumn forenameAsSurname;

    @Override
    void leftArrays(List<int[]> out) {
      super.leftArrays(out);
      if (forenameAsSurname != null) {
        out.add(forenameAsSurname.left);
      }
    }

    Surname(ComparisonSpec spec, EncodedColumn c, EncodedColumn forename, RightRows.Builder rows) {
      super(spec, c, rows);
      phon = Derivations.phonetic(c).codes();
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
      parts = rows.table("name_parts", dict, null, () -> nameParts(dict));
      values = new ShortValues(c, rows);
      forenameAsSurname = CrossColumn.of(forename, c, rows);
    }

    @Override
    int differing(int l, int at, int a, int b) {
      long pb = values.right(cells, at);
      if (sharePart(a, b, pb)) {
        return SHARED_PART;
      }
      double jw = values.jaroWinkler(a, values.packed[a], b, pb, low);
      if (jw >= high) {
        return JW_HIGH;
      }
      if (jw >= low || (phon[a] >= 0 && phon[a] == phon[b])) {
        return JW_OR_PHONETIC;
      }
      if (forenameAsSurname != null && forenameAsSurname.swapped(l, cells, at, a, b)) {
        return SWAPPED;
      }
      return ELSE;
    }

    /**
     * Whether differing values {@code a} and {@code b} (packed {@code pb}) share a part. A packed
     * right value without a space is one part (itself, if longer than two characters) and is
     * answered from the left value's parts, without reading the right value's from the table.
     */
    private boolean sharePart(int a, int b, long pb) {
      int[] pa = parts[a];
      if (pb == Packed.UNPACKED || Packed.contains(pb, ' ')) {
        return shareAPart(pa, parts[b]);
      }
      if (pa.length < 2 || Packed.length(pb) <= 2) {
        return false; // two single parts: a != b
      }
      for (int x : pa) {
        if (x == b) {
          return true;
        }
      }
      return false;
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

    @Override
    void leftArrays(List<int[]> out) {
      super.leftArrays(out);
      out.add(leftDay);
    }
    private final int rightDayAt;

    DateComparison(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      super(spec, c, rows);
      leftDay = rows.table("epoch_days", c.left(), null, () -> epochDays(c.left()));
      rightDayAt = rows.add(c.left() == c.right() ? leftDay
          : rows.table("epoch_days", c.right(), null, () -> epochDays(c.right())));
    }

    private static int[] epochDays(int[] dates) {
      int[] out = new int[dates.length];
      for (int i = 0; i < dates.length; i++) {
        out[i] = Normalizers.epochDay(dates[i]);
      }
      return out;
    }

    @Override
    int differing(int l, int at, int a, int b) {
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
      int eb = cells[at + rightDayAt];
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

    private final ShortValues values;
    private final int[] sector;
    private final int[] district;
    private final int[] area;
    // a right value's sector is a field of its row (the tables by value are as large as the
    // dictionary, a miss to read); its district and area follow from the sector, through tables
    // as small as the sectors
    private final int sectorAt;
    private final int[] districtOfSector;
    private final int[] areaOfSector;

    Postcode(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      super(spec, c, rows);
      values = new ShortValues(c, rows);
      sector = Derivations.postcodeSector(c).codes();
      district = Derivations.postcodeDistrict(c).codes();
      area = Derivations.postcodeArea(c).codes();
      sectorAt = rows.addDerived(c.right(), sector);
      int sectors = Arrays.stream(sector).max().orElse(-1) + 1;
      districtOfSector = new int[sectors];
      areaOfSector = new int[sectors];
      for (int v = 0; v < sector.length; v++) {
        if (sector[v] >= 0) {
          districtOfSector[sector[v]] = district[v];
          areaOfSector[sector[v]] = area[v];
        } else if (district[v] >= 0 || area[v] >= 0) {
          // PostcodeParts gives a value all three parts or none; the tables rely on it
          throw new IllegalStateException("a postcode with a district or area but no sector");
        }
      }
    }

    @Override
    int differing(int l, int at, int a, int b) {
      if (values.withinOneEdit(a, values.packed[a], b, values.right(cells, at))) {
        return ONE_EDIT;
      }
      int sa = sector[a];
      int sb = cells[at + sectorAt];
      if (sa < 0 || sb < 0) {
        return ELSE; // not a UK postcode on one side: no parts to share
      }
      if (sa == sb) {
        return SECTOR;
      }
      if (districtOfSector[sa] == districtOfSector[sb]) {
        return DISTRICT;
      }
      if (areaOfSector[sa] == areaOfSector[sb]) {
        return AREA;
      }
      return ELSE;
    }
  }

  private static final class Identifier extends Base {
    private static final int ONE_EDIT = Level.of(ComparisonKind.IDENTIFIER, "one_edit").number();
    private static final int ELSE = Level.of(ComparisonKind.IDENTIFIER, "else").number();

    private final ShortValues values;

    Identifier(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      super(spec, c, rows);
      values = new ShortValues(c, rows);
    }

    @Override
    int differing(int l, int at, int a, int b) {
      return values.withinOneEdit(a, values.packed[a], b, values.right(cells, at)) ? ONE_EDIT : ELSE;
    }
  }

  private static final class Text extends Base {
    private static final int JW_HIGH = Level.of(ComparisonKind.TEXT, "jaro_winkler_high").number();
    private static final int JW_LOW = Level.of(ComparisonKind.TEXT, "jaro_winkler_low").number();
    private static final int ELSE = Level.of(ComparisonKind.TEXT, "else").number();

    private final double high;
    private final double low;
    private final ShortValues values;

    Text(ComparisonSpec spec, EncodedColumn c, RightRows.Builder rows) {
      super(spec, c, rows);
      high = spec.thresholds().get(0);
      low = spec.thresholds().get(1);
      values = new ShortValues(c, rows);
    }

    @Override
    int differing(int l, int at, int a, int b) {
      double jw = values.jaroWinkler(a, values.packed[a], b, values.right(cells, at), low);
      return jw >= high ? JW_HIGH : jw >= low ? JW_LOW : ELSE;
    }
  }
}
