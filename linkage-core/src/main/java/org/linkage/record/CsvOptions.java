package org.linkage.record;

import static com.google.common.base.Preconditions.checkArgument;

import org.linkage.internal.io.CsvTableReader;

/**
 * How {@link CsvTableReader} treats a file: what separates fields, and which row problems stop the
 * run instead of being rejected. Start from {@link #defaults()} and change one setting at a time:
 *
 * <pre>{@code
 * CsvOptions options = CsvOptions.defaults().withStrict(true).withMaxFieldLength(200);
 * }</pre>
 *
 * <p>Immutable and thread-safe: each {@code with} method returns a copy.
 */
public final class CsvOptions {
  /** The default longest field, in characters: generous for names, addresses and identifiers. */
  public static final int DEFAULT_MAX_FIELD_LENGTH = 1000;

  private static final CsvOptions DEFAULTS = new CsvOptions(false, false, DEFAULT_MAX_FIELD_LENGTH, ',');

  private final boolean strict;
  private final boolean allowDuplicateIds;
  private final int maxFieldLength;
  private final char delimiter;

  private CsvOptions(boolean strict, boolean allowDuplicateIds, int maxFieldLength, char delimiter) {
    checkArgument(maxFieldLength >= 1, "maxFieldLength must be at least 1: %s", maxFieldLength);
    checkArgument(delimiter != '"' && delimiter != ' ' && delimiter != '\r' && delimiter != '\n'
            && delimiter != '\uFEFF',
        "delimiter must not be a quote, space, line break or byte-order mark: U+%s",
        Integer.toHexString(delimiter).toUpperCase(java.util.Locale.ROOT));
    this.strict = strict;
    this.allowDuplicateIds = allowDuplicateIds;
    this.maxFieldLength = maxFieldLength;
    this.delimiter = delimiter;
  }

  /** Lenient reading (bad rows are rejected, not fatal), unique ids, 1000-character fields, commas. */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /** Whether the first bad row stops reading with an {@link org.linkage.error.InputException}. */
  public boolean strict() {
    return strict;
  }

  /**
   * Whether several rows may share an id. When false (the default) the second and later rows with
   * an id already in the table are rejected as duplicates.
   */
  public boolean allowDuplicateIds() {
    return allowDuplicateIds;
  }

  /** The longest field, in characters, the reader accepts in a column it reads. */
  public int maxFieldLength() {
    return maxFieldLength;
  }

  /** The field separator, {@code ','} by default. */
  public char delimiter() {
    return delimiter;
  }

  /** A copy that stops at the first bad row instead of rejecting it (the CLI's {@code --strict}) if {@code strict}. */
  public CsvOptions withStrict(boolean strict) {
    return new CsvOptions(strict, allowDuplicateIds, maxFieldLength, delimiter);
  }

  /** A copy that keeps every row of a repeated id instead of rejecting the repeats if {@code allow}. */
  public CsvOptions withAllowDuplicateIds(boolean allow) {
    return new CsvOptions(strict, allow, maxFieldLength, delimiter);
  }

  /**
   * A copy with another longest accepted field, in characters.
   *
   * @throws IllegalArgumentException if {@code maxFieldLength} is below 1
   */
  public CsvOptions withMaxFieldLength(int maxFieldLength) {
    return new CsvOptions(strict, allowDuplicateIds, maxFieldLength, delimiter);
  }

  /**
   * A copy with another field separator.
   *
   * @throws IllegalArgumentException if {@code delimiter} is a quote, space, line break or U+FEFF
   */
  public CsvOptions withDelimiter(char delimiter) {
    return new CsvOptions(strict, allowDuplicateIds, maxFieldLength, delimiter);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvOptions c && c.strict == strict && c.allowDuplicateIds == allowDuplicateIds
        && c.maxFieldLength == maxFieldLength && c.delimiter == delimiter;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(strict, allowDuplicateIds, maxFieldLength, delimiter);
  }

  @Override
  public String toString() {
    return "CsvOptions{strict=" + strict + ", allowDuplicateIds=" + allowDuplicateIds
        + ", maxFieldLength=" + maxFieldLength + ", delimiter=" + printable(delimiter) + "}";
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }
}
