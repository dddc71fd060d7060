package org.linkage.internal.compare;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;

/**
 * One agreement level of a {@link ComparisonKind}: its number in agreement patterns and its name in
 * the model, reports and explanations. Numbers count from {@code 1}, the strongest agreement, in the
 * order {@link ComparisonKind#levels()} lists the names; {@code 0} is the null level (a value missing
 * on either side). Obtain levels from {@link #of(ComparisonKind, String)}, so a comparison returns a
 * level by name and its number can never drift from the kind's list. Immutable, thread-safe.
 *
 * @param number the level's number in patterns: {@code 0} null, {@code 1} strongest
 * @param name the level's name, e.g. {@code jaro_winkler_high}
 */
public record Level(int number, String name) implements Serializable {
  /** Most levels a comparison may have (excluding the null level): {@link ComparisonSpec#MAX_LEVELS}. */
  public static final int MAX_LEVELS = ComparisonSpec.MAX_LEVELS;

  /** The null level: the value is missing on either side, no evidence either way. */
  public static final Level NULL = new Level(0, "null");

  /** The first level of every kind: the same value on both sides. */
  public static final Level EXACT = new Level(1, "exact");

  /** Checks the number is in {@code 0..}{@link #MAX_LEVELS} and the name is set. */
  public Level {
    requireNonNull(name, "name");
    checkArgument(number >= 0 && number <= MAX_LEVELS, "level number out of range: %s", number);
  }

  /**
   * The level of {@code kind} called {@code name}, numbered by its place in {@link
   * ComparisonKind#levels()} (first is {@code 1}).
   *
   * @throws IllegalArgumentException if the kind has no such level
   */
  public static Level of(ComparisonKind kind, String name) {
    int i = kind.levels().indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(kind + " has no level " + name + " (levels: " + kind.levels() + ")");
    }
    return new Level(i + 1, name);
  }
}
