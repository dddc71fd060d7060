package org.linkage.spec;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One column the engine reads: its name inside the engine, the header it has in the input file,
 * its {@link ColumnType} and, for dates, the format.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name engine-side name used by comparisons and blocking rules, e.g. {@code forename}
 * @param source header of the column in the input files, e.g. {@code given_name}
 * @param type how values are normalised
 * @param format date pattern for {@link ColumnType#DATE} columns ({@code yyyy-MM-dd} or {@code yyyyMMdd});
 *     {@code null} for other types
 */
public record ColumnSpec(String name, String source, ColumnType type, String format) implements java.io.Serializable {

  /** The ISO date layout, the default for {@link ColumnType#DATE}. */
  public static final String ISO_DATE = "yyyy-MM-dd";

  /** Checks name, source and type are set; a date column without a format gets {@link #ISO_DATE}. */
  public ColumnSpec {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(type, "type");
    checkArgument(!name.isBlank(), "column name must not be blank");
    checkArgument(!source.isBlank(), "source column of %s must not be blank", name);
    if (type == ColumnType.DATE) {
      format = format == null ? ISO_DATE : format;
      checkArgument(
          format.equals(ISO_DATE) || format.equals("yyyyMMdd") || format.equals("dd/MM/yyyy"),
          "date format of column %s must be yyyy-MM-dd, yyyyMMdd or dd/MM/yyyy: %s", name, format);
    } else {
      checkArgument(format == null, "only DATE columns take a format; column %s has %s", name, format);
    }
  }

  /** A column read from a header of the same name. */
  public static ColumnSpec of(String name, ColumnType type) {
    return new ColumnSpec(name, name, type, null);
  }

  /** The date format, if this is a date column. */
  public Optional<String> dateFormat() {
    return Optional.ofNullable(format);
  }
}
