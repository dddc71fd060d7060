package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.linkage.internal.rules.DeterministicCascade;

/**
 * One pass of a deterministic cascade: records link when all these columns agree exactly (after
 * normalisation), none is missing, and the combined key occurs exactly once among the still-unlinked
 * records of each side (one-to-one; see {@link DeterministicCascade} for many-to-one and
 * deduplication). Immutable.
 *
 * @param name the pass name, written as the {@code method} of its links
 * @param columns the columns of the key
 * @param mustNotDiffer columns that veto a link when present on both records and different — e.g.
 *     a name + date-of-birth pass must not link two people whose National Insurance numbers differ
 */
public record MatchKeySpec(String name, List<String> columns, List<String> mustNotDiffer)
    implements java.io.Serializable {
  /** Checks the name is set and the key has at least one column; copies the lists. */
  public MatchKeySpec {
    requireNonNull(name, "name");
    checkArgument(!columns.isEmpty(), "match key %s has no columns", name);
    columns = ImmutableList.copyOf(columns);
    mustNotDiffer = mustNotDiffer == null ? ImmutableList.of() : ImmutableList.copyOf(mustNotDiffer);
  }

  /** A pass with no veto columns. */
  public MatchKeySpec(String name, List<String> columns) {
    this(name, columns, List.of());
  }

  /** A pass keyed on {@code columns} with no must-not-differ columns. */
  public static MatchKeySpec of(String name, String... columns) {
    return new MatchKeySpec(name, List.of(columns));
  }

  /** A copy whose links are vetoed when any of {@code vetoColumns} differs. */
  public MatchKeySpec vetoedBy(String... vetoColumns) {
    return new MatchKeySpec(name, columns, List.of(vetoColumns));
  }
}
