package org.linkage.error;

/**
 * The root of every error linkage reports on purpose: an {@link InvalidSpecException} (the spec,
 * or the way the inputs meet it, is wrong), an {@link InputException} (input cannot be read) or an
 * {@link OutputException} (outputs cannot be written). The message names files, lines, columns and
 * settings, never a record's values. Any other exception out of linkage is a bug.
 *
 * <p>Sealed so that a caller can handle each kind; the command line maps each to its own exit code.
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class LinkageException extends RuntimeException
    permits InvalidSpecException, InputException, OutputException {
  /** An error to report as one line (no stack trace, no record values). */
  LinkageException(String message) {
    super(message);
  }

  /** As {@link #LinkageException(String)}, keeping the cause for debugging. */
  LinkageException(String message, Throwable cause) {
    super(message, cause);
  }
}
