package org.linkage.cli;

import org.linkage.record.CsvOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How input CSV files are read: the {@code --delimiter} option every reading command shares. */
final class CsvReadOptions {
  @Option(names = "--delimiter", converter = DelimiterConverter.class, paramLabel = "CHAR",
      description = "Field separator of the input CSV files: one character, or 'tab' (default ',').")
  Character delimiter;

  /** Reading options with this delimiter, stopping at the first bad row if {@code strict}. */
  CsvOptions csvOptions(boolean strict) {
    CsvOptions options = CsvOptions.defaults().withStrict(strict);
    return delimiter == null ? options : options.withDelimiter(delimiter);
  }

  /** One character, or {@code tab} / {@code \t}; not a quote, space, line break or byte-order mark. */
  static final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
        return '\t';
      }
      if (value.length() != 1) {
        throw new TypeConversionException("expected one character or 'tab', got " + value.length() + " characters");
      }
      try {
        CsvOptions.defaults().withDelimiter(value.charAt(0));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return value.charAt(0);
    }
  }
}
