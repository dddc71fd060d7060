package org.linkage.rules;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One pass of a deterministic cascade: records link when all these columns agree exactly (after
 * normalisation), none is missing, and the combined key occurs exactly once among the still-unlinked
 * records of each side (one-to-one; see {@link DeterministicCascade} for many-to-one and
 * deduplication). Immutable.
 *
 * @param name the pass name, written as the {@code method} of its links
 * @param columns the columns of the key
 */
public record MatchKeySpec(String name, List<String> columns) {
  public MatchKeySpec {
    requireNonNull(name, "name");
    checkArgument(!columns.isEmpty(), "match key %s has no columns", name);
    columns = ImmutableList.copyOf(columns);
  }

  public static MatchKeySpec of(String name, String... columns) {
    return new MatchKeySpec(name, List.of(columns));
  }
}
