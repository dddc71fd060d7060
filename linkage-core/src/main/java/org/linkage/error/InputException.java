package org.linkage.error;

/**
 * Input that cannot be read: a missing or unreadable file, or (with strict reading) the first bad
 * row. The message names the file and, where known, the line and column; never a value.
 * <p>Immutable and thread-safe.
 */
public final class InputException extends LinkageException {
  /**
   * An unreadable input. The message names file, line and column, never a value.
   */
  public InputException(String message) {
    super(message);
  }

  /** As {@link #InputException(String)}, keeping the I/O failure that caused it. */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
