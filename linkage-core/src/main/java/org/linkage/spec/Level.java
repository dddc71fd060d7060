package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One agreement level of a {@link ComparisonKind}: its number in agreement patterns and its name in
 * the model, reports and explanations. Numbers count from {@code 1}, the strongest agreement, in the
 * order {@link ComparisonKind#levels()} lists the names; {@code 0} is the null level (a value missing
 * on either side). Obtain levels from {@link ComparisonKind#level(String)}, so a comparison returns a
 * level by name and its number can never drift from the kind's list. Immutable, thread-safe.
 *
 * @param number the level's number in patterns: {@code 0} null, {@code 1} strongest
 * @param name the level's name, e.g. {@code jaro_winkler_high}
 */
public record Level(int number, String name) implements Serializable {
  /**
   * Most levels a comparison may have (excluding the null level); patterns pack 4 bits each, and
   * level 15 is never used so that no pattern is all ones.
   */
  public static final int MAX_LEVELS = 14;

  /** The null level: the value is missing on either side, no evidence either way. */
  public static final Level NULL = new Level(0, "null");

  /** The first level of every kind: the same value on both sides. */
  public static final Level EXACT = new Level(1, "exact");

  /** Checks the number is in {@code 0..}{@link #MAX_LEVELS} and the name is set. */
  public Level {
    requireNonNull(name, "name");
    checkArgument(number >= 0 && number <= MAX_LEVELS, "level number out of range: %s", number);
  }
}
