package org.linkage.error;

/**
 * The base of every error linkage reports on purpose. Its message names files, lines, columns and
 * settings, never a record's values.
 *
 * <p>{@link #exitCode()} is what the command line exits with: 2 for bad usage or spec
 * ({@link InvalidSpecException}), 3 for input that cannot be read ({@link InputException}), 4 for
 * output that cannot be written ({@link OutputException}). The command line's exit-code table is
 * the authority; these values match it.
 */
public class LinkageException extends RuntimeException {
  /** Exit code for bad usage or an invalid spec. */
  public static final int BAD_USAGE = 2;
  /** Exit code for input that cannot be read. */
  public static final int UNREADABLE_INPUT = 3;

  /** The process exit code the command line ends with. */
  private final int exitCode;

  /** An error to report as one line with this exit code (no stack trace, no record values). */
  public LinkageException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** As {@link #LinkageException(String, int)}, keeping the cause for debugging. */
  public LinkageException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code the command line uses for this error. */
  public int exitCode() {
    return exitCode;
  }
}
