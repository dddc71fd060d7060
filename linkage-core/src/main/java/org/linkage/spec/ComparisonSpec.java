package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.linkage.internal.compare.Comparisons;

/**
 * What the user wrote for one comparison: its name, the template kind, the column compared and
 * options. Compiled against data by {@link Comparisons#compile}. Immutable, thread-safe.
 *
 * @param name name shown in the model and explanations
 * @param kind the level template
 * @param column the column compared
 * @param thresholds Jaro–Winkler thresholds, descending, for kinds that take them (empty for the
 *     kind's defaults)
 * @param otherColumn a second column: for {@link ComparisonKind#FORENAME} the middle-name column,
 *     for {@link ComparisonKind#SURNAME} the forename column (to spot swapped order); or {@code null}
 * @param swapColumn for {@link ComparisonKind#FORENAME} the surname column, to spot forename and
 *     surname given in the wrong order; or {@code null}
 * @param termFrequency whether exact agreement is weighted by how common the value is (a shared
 *     rare surname counts for more than a shared "smith"); see {@code TermFrequencies}
 * @param elseSplit splits the kind's {@code else} level by the value of another column, or {@code
 *     null}; see {@link ElseSplit}
 */
public record ComparisonSpec(String name, ComparisonKind kind, String column, List<Double> thresholds,
    String otherColumn, String swapColumn, boolean termFrequency, ElseSplit elseSplit)
    implements java.io.Serializable {
  /**
   * Most levels a comparison may have, an else split's included, not counting the null level:
   * patterns pack 4 bits per comparison, and level 15 is never used so that no pattern is all ones.
   */
  public static final int MAX_LEVELS = 14;

  /**
   * Splits a comparison's {@code else} level (values present and unlike) in two by the value of
   * another column: pairs whose record has {@code value} in {@code column} (the left record's, or the
   * right's where the left's is missing) get the level {@code level}, placed just before
   * {@code else}; the others stay {@code else}. Each level gets its own m and u, so a disagreement
   * that is common among true matches of one group only is weighed for that group. The person
   * profile splits surname disagreement by sex: a changed surname (marriage) is about ten times as
   * common among women's true pairs as among men's, and one pooled m understates it for women and
   * overstates it for men. Immutable, thread-safe.
   *
   * @param column the column whose value splits the level (not a date column)
   * @param value the value, as written in the input (normalised like the column, e.g. {@code F})
   * @param level the new level's name, e.g. {@code else_female}
   */
  public record ElseSplit(String column, String value, String level) implements java.io.Serializable {
    /** Checks the three are set and the level is not called {@code else} or {@code null}. */
    public ElseSplit {
      requireNonNull(column, "column");
      requireNonNull(value, "value");
      requireNonNull(level, "level");
      checkArgument(!column.isBlank() && !value.isBlank() && !level.isBlank(),
          "elseSplit: column, value and level must not be blank");
      checkArgument(!level.equals("else") && !level.equals("null"), "elseSplit: level must not be called %s", level);
    }
  }

  /** A comparison without an else split. */
  public ComparisonSpec(String name, ComparisonKind kind, String column, List<Double> thresholds, String otherColumn,
      String swapColumn, boolean termFrequency) {
    this(name, kind, column, thresholds, otherColumn, swapColumn, termFrequency, null);
  }

  /** A comparison without term-frequency adjustment. */
  public ComparisonSpec(String name, ComparisonKind kind, String column, List<Double> thresholds, String otherColumn,
      String swapColumn) {
    this(name, kind, column, thresholds, otherColumn, swapColumn, false);
  }

  /** Checks the required fields; no thresholds means the kind's defaults, otherwise one per threshold of the kind. */
  public ComparisonSpec {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(column, "column");
    thresholds = thresholds == null || thresholds.isEmpty() ? kind.defaultThresholds() : ImmutableList.copyOf(thresholds);
    checkArgument(thresholds.size() == kind.defaultThresholds().size(),
        "comparison %s (%s) takes %s thresholds, got %s", name, kind, kind.defaultThresholds().size(), thresholds.size());
    for (int i = 0; i < thresholds.size(); i++) {
      double t = thresholds.get(i);
      checkArgument(t > 0 && t <= 1, "comparison %s: threshold must be in (0,1]: %s", name, t);
      checkArgument(i == 0 || t < thresholds.get(i - 1),
          "comparison %s: thresholds must be in descending order: %s", name, thresholds);
    }
  }

  /** A comparison of {@code column} with the kind's default thresholds and no second column. */
  public static ComparisonSpec of(String name, ComparisonKind kind, String column) {
    return new ComparisonSpec(name, kind, column, null, null, null);
  }

  /** A copy with term-frequency adjustment switched on or off. */
  public ComparisonSpec withTermFrequency(boolean on) {
    return new ComparisonSpec(name, kind, column, thresholds, otherColumn, swapColumn, on, elseSplit);
  }

  /** A copy whose {@code else} level is split as {@code split} says ({@code null}: not split). */
  public ComparisonSpec withElseSplit(ElseSplit split) {
    return new ComparisonSpec(name, kind, column, thresholds, otherColumn, swapColumn, termFrequency, split);
  }

  /**
   * The level names, strongest first (the null level not listed): the kind's, with the else split's
   * level just before {@code else} when there is one.
   */
  public List<String> levelNames() {
    if (elseSplit == null) {
      return kind.levels();
    }
    List<String> names = new java.util.ArrayList<>(kind.levels());
    names.add(names.size() - 1, elseSplit.level());
    return ImmutableList.copyOf(names);
  }

  /** All column names this comparison reads. */
  public List<String> columns() {
    ImmutableList.Builder<String> b = ImmutableList.<String>builder().add(column);
    if (otherColumn != null) {
      b.add(otherColumn);
    }
    if (swapColumn != null) {
      b.add(swapColumn);
    }
    return b.build();
  }
}
