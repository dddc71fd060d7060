package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.linkage.spec.ColumnType;

/**
 * One component of a blocking key: a column and what is taken from it. Written in specs as
 * {@code column} or {@code column:transform}, e.g. {@code surname:phonetic}, {@code dob:year},
 * {@code forename:first3}, {@code postcode:sector}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param column the column
 * @param transform what is taken from its value
 * @param length number of leading characters for {@link Transform#FIRST}
 */
public record KeyPart(String column, Transform transform, int length) implements java.io.Serializable {

  /** What a key part takes from a value. */
  public enum Transform {
    /** The whole normalised value. */
    EXACT,
    /** Its Double Metaphone code. */
    PHONETIC,
    /** Its first {@code length} characters ({@code initial} is {@code first1}). */
    FIRST,
    /** The year of a date. */
    YEAR,
    /** Month and day of a date (ignoring the year). */
    MONTH_DAY,
    /** The sector of a UK postcode ({@code SW1A 1}). */
    SECTOR,
    /** The district of a UK postcode ({@code SW1A}). */
    DISTRICT,
    /** The area of a UK postcode ({@code SW}). */
    AREA,
    /**
     * The initials of several columns, sorted, so that names given in either order agree:
     * {@code forename|surname:sorted_initials}. Missing if any of the columns is missing.
     */
    SORTED_INITIALS;

    /** Whether this transform reads a column of {@code type}: exact any, year and month_day dates, the rest non-dates. */
    public boolean appliesTo(ColumnType type) {
      boolean date = type == ColumnType.DATE;
      return switch (this) {
        case EXACT -> true;
        case YEAR, MONTH_DAY -> date;
        default -> !date;
      };
    }
  }

  /** Checks column and transform are set. */
  public KeyPart {
    requireNonNull(column, "column");
    requireNonNull(transform, "transform");
    checkArgument(column.contains("|") == (transform == Transform.SORTED_INITIALS),
        "key part on %s: several columns (a|b) go with sorted_initials, and only they", column);
    checkArgument(transform != Transform.FIRST || length > 0, "first-k key on %s needs k > 0: %s", column, length);
  }

  /**
   * Parses {@code column[:transform]}, where transform is one of {@code exact, phonetic, initial,
   * firstN, year, month_day, sector, district, area}, or {@code a|b:sorted_initials}.
   */
  public static KeyPart parse(String text) {
    requireNonNull(text, "key part");
    int colon = text.indexOf(':');
    String column = (colon < 0 ? text : text.substring(0, colon)).trim();
    String t = colon < 0 ? "exact" : text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    checkArgument(!column.isEmpty(), "key part without a column: '%s'", text);
    if (t.equals("initial")) {
      return new KeyPart(column, Transform.FIRST, 1);
    }
    if (t.startsWith("first")) {
      String digits = t.substring(5);
      checkArgument(!digits.isEmpty() && digits.chars().allMatch(Character::isDigit),
          "key part '%s': expected firstN with N a number", text);
      return new KeyPart(column, Transform.FIRST, Integer.parseInt(digits));
    }
    for (Transform tr : Transform.values()) {
      if (tr != Transform.FIRST && tr.name().toLowerCase(Locale.ROOT).equals(t)) {
        return new KeyPart(column, tr, 0);
      }
    }
    throw new IllegalArgumentException("key part '" + text + "': unknown transform " + t
        + " (expected exact, phonetic, initial, firstN, year, month_day, sector, district, area or sorted_initials)");
  }

  /** The columns this part reads (several for {@link Transform#SORTED_INITIALS}). */
  public List<String> columns() {
    return List.of(column.split("\\|"));
  }

  @Override
  public String toString() {
    return switch (transform) {
      case EXACT -> column;
      case FIRST -> column + ":" + (length == 1 ? "initial" : "first" + length);
      default -> column + ":" + transform.name().toLowerCase(Locale.ROOT);
    };
  }
}
