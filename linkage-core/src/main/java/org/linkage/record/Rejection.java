package org.linkage.record;

import static java.util.Objects.requireNonNull;

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
