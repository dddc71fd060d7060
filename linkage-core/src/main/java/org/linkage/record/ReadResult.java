package org.linkage.record;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import org.linkage.internal.io.CsvTableReader;

/**
 * What {@link CsvTableReader} made of one file: the usable records, the rejected rows, and which
 * requested columns the file does not have.
 *
 * <p>Conservation holds by construction: every data row of the file (blank lines are not rows) is
 * either in {@code table} or in {@code rejections}, so {@code rowsRead == table.size() +
 * rejections.size()}. Immutable and thread-safe.
 *
 * @param table the accepted records, in file order
 * @param rejections the rejected rows, in file order, one per row
 * @param rowsRead data rows seen after the header
 * @param absentColumns the {@code source} headers of requested columns missing from the file (their
 *     values are all {@code null} in {@code table}), in the order the columns were requested
 */
public record ReadResult(
  RecordTable table, List<Rejection> rejections, long rowsRead, List<String> absentColumns) {

  /** Copies the lists; the table is required. */
  public ReadResult {
  requireNonNull(table, "table");
  rejections = List.copyOf(rejections);
  absentColumns = List.copyOf(absentColumns);
  checkArgument(rowsRead == table.size() + (long) rejections.size(),
    "rows read (%s) must equal accepted (%s) + rejected (%s)",
    rowsRead, table.size(), rejections.size());
  }

  /**
   * A row that could not be used, with where it was and why — never the row's values, which are
   * personal data.
   *
   * <p>Immutable and thread-safe.
   *
   * @param file the file name as given by the user
   * @param line 1-based line where the row starts
   * @param column the column at fault, or {@code null} when the whole row is at fault
   * @param reason why, in words that contain no value from the row
   */
  public record Rejection(String file, long line, String column, String reason) {
    /** Checks file and reason are set. */
    public Rejection {
      requireNonNull(file, "file");
      requireNonNull(reason, "reason");
    }

    /** {@code labour.csv line 1834: column dob: not a date (expected yyyy-mm-dd)}. */
    public String message() {
      return file + " line " + line + ": " + (column == null ? "" : "column " + column + ": ") + reason;
    }
  }
}
