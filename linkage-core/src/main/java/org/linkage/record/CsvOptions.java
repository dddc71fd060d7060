package org.linkage.record;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import org.linkage.internal.io.CsvTableReader;

/**
 * How {@link CsvTableReader} treats a file: what separates fields, and which row problems stop the
 * run instead of being rejected.
 *
 * <pre>{@code
 * CsvOptions options = CsvOptions.builder().strict(true).maxFieldLength(200).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not thread-safe and each of its setters may
 * be called at most once.
 */
public final class CsvOptions {
  /** The default longest field, in characters: generous for names, addresses and identifiers. */
  public static final int DEFAULT_MAX_FIELD_LENGTH = 1000;

  private static final CsvOptions DEFAULTS = builder().build();

  private final boolean strict;
  private final boolean allowDuplicateIds;
  private final int maxFieldLength;
  private final char delimiter;

  private CsvOptions(Builder b) {
    this.strict = b.strict;
    this.allowDuplicateIds = b.allowDuplicateIds;
    this.maxFieldLength = b.maxFieldLength;
    this.delimiter = b.delimiter;
  }

  /** Lenient reading (bad rows are rejected, not fatal), unique ids, 1000-character fields, commas. */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
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

  @Override
  public String toString() {
    return "CsvOptions{strict=" + strict + ", allowDuplicateIds=" + allowDuplicateIds
        + ", maxFieldLength=" + maxFieldLength + ", delimiter=" + printable(delimiter) + "}";
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }

  /** Builds {@link CsvOptions}; each setter may be called once. Not thread-safe. */
  public static final class Builder {
    private boolean strict;
    private boolean allowDuplicateIds;
    private int maxFieldLength = DEFAULT_MAX_FIELD_LENGTH;
    private char delimiter = ',';
    private boolean strictSet;
    private boolean duplicatesSet;
    private boolean maxFieldLengthSet;
    private boolean delimiterSet;

    private Builder() {}

    /** Stop at the first bad row instead of rejecting it (the CLI's {@code --strict}). */
    public Builder strict(boolean strict) {
      checkState(!strictSet, "strict was already set to %s", this.strict);
      this.strict = strict;
      strictSet = true;
      return this;
    }

    /** Keep every row of a repeated id instead of rejecting the repeats. */
    public Builder allowDuplicateIds(boolean allow) {
      checkState(!duplicatesSet, "allowDuplicateIds was already set to %s", this.allowDuplicateIds);
      this.allowDuplicateIds = allow;
      duplicatesSet = true;
      return this;
    }

    /** The longest accepted field in characters; at least 1. */
    public Builder maxFieldLength(int maxFieldLength) {
      checkState(!maxFieldLengthSet, "maxFieldLength was already set to %s", this.maxFieldLength);
      checkArgument(maxFieldLength >= 1, "maxFieldLength must be at least 1: %s", maxFieldLength);
      this.maxFieldLength = maxFieldLength;
      maxFieldLengthSet = true;
      return this;
    }

    /** The field separator; not a quote, space, line break or U+FEFF. */
    public Builder delimiter(char delimiter) {
      checkState(!delimiterSet, "delimiter was already set to %s", printable(this.delimiter));
      checkArgument(delimiter != '"' && delimiter != ' ' && delimiter != '\r' && delimiter != '\n'
              && delimiter != '\uFEFF',
          "delimiter must not be a quote, space, line break or byte-order mark: U+%s",
          Integer.toHexString(delimiter).toUpperCase(java.util.Locale.ROOT));
      this.delimiter = delimiter;
      delimiterSet = true;
      return this;
    }

    /** The options set so far. */
    public CsvOptions build() {
      return new CsvOptions(this);
    }
  }
}
