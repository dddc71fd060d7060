package org.linkage.spec;

/**
 * What a column holds, which decides how its values are normalised and which comparisons make sense.
 *
 * <p>Normalisation for each type is applied once per record, before any pair is formed (see
 * {@code org.linkage.internal.normalize.Normalizers}).
 * <p>Immutable and thread-safe.
 */
public enum ColumnType {
  /** A person's name part: case, accents, punctuation and repeated spaces folded. */
  NAME,
  /** Free text such as an address line: folded like a name. */
  TEXT,
  /** A calendar date, read with the column's format (ISO {@code yyyy-MM-dd} by default). */
  DATE,
  /** Sex or gender code: folded to {@code m}, {@code f} or kept as given. */
  SEX,
  /** A UK postcode, split into area, district, sector and unit. */
  POSTCODE,
  /** A UK National Insurance number: upper-cased, spaces removed. */
  NINO,
  /** Any other identifier compared exactly or by edit distance: spaces and case folded. */
  IDENTIFIER
}
