package org.linkage.spec;

import java.util.List;
import com.google.common.collect.ImmutableList;

/**
 * The comparison templates: each names a fixed, ordered list of levels. Thresholds, where a kind
 * takes them, are set in the {@link ComparisonSpec}.
 * <p>Immutable and thread-safe.
 */
public enum ComparisonKind {
  /** Exact agreement or not. */
  EXACT("exact", "else"),
  /**
   * A forename: exact, known alias (William/Bill), Jaro–Winkler ≥ first threshold, Jaro–Winkler ≥
   * second threshold or same Double Metaphone code, matches the other record's middle name or
   * swapped with the surname, initial only, else.
   */
  FORENAME("exact", "alias", "jaro_winkler_high", "jaro_winkler_or_phonetic", "middle_name_or_swapped", "initial", "else"),
  /**
   * A surname: exact, one name part in common (double-barrelled / hyphenated), Jaro–Winkler ≥ first
   * threshold, Jaro–Winkler ≥ second threshold or same phonetic code, swapped with the forename, else.
   */
  SURNAME("exact", "shared_part", "jaro_winkler_high", "jaro_winkler_or_phonetic", "swapped", "else"),
  /**
   * A date: exact, day and month transposed, one digit wrong or two adjacent digits swapped, within
   * a year, else.
   */
  DATE("exact", "day_month_transposed", "one_digit", "within_a_year", "else"),
  /** A postcode: exact, one edit, same sector, same district, same area, else (UK parts). */
  POSTCODE("exact", "one_edit", "sector", "district", "area", "else"),
  /** An identifier: exact, one edit (optimal string alignment ≤ 1), else. */
  IDENTIFIER("exact", "one_edit", "else"),
  /** Free text: exact, Jaro–Winkler ≥ first threshold, ≥ second threshold, else. */
  TEXT("exact", "jaro_winkler_high", "jaro_winkler_low", "else");

  private final ImmutableList<String> levels;

  ComparisonKind(String... levels) {
    this.levels = ImmutableList.copyOf(levels);
    if (!levels[0].equals("exact")) {
      throw new IllegalStateException(name() + ": the first level must be exact");
    }
  }

  /**
   * Level labels, strongest first, excluding the null level; a level's number in agreement
   * patterns is its place here counting from {@code 1} ({@code 0} is the null level, a value
   * missing on either side).
   */
  public List<String> levels() {
    return levels;
  }

  /** Default Jaro–Winkler thresholds for the kinds that take them. */
  public List<Double> defaultThresholds() {
    return switch (this) {
      case FORENAME, SURNAME -> ImmutableList.of(0.92, 0.85);
      case TEXT -> ImmutableList.of(0.9, 0.75);
      default -> ImmutableList.of();
    };
  }
}
