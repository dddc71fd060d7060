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
 */
public record ComparisonSpec(String name, ComparisonKind kind, String column, List<Double> thresholds,
    String otherColumn, String swapColumn, boolean termFrequency) implements java.io.Serializable {

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
    return new ComparisonSpec(name, kind, column, thresholds, otherColumn, swapColumn, on);
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
