package org.linkage.error;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Outputs cannot be written: the output folder cannot be created, is not writable, the disk is
 * full, or another run is writing it. The message names the folder and the cause in words; the
 * command line exits with its own code for it, distinct from unreadable input. Immutable.
 */
public final class OutputException extends LinkageException {
  /** An output error with {@code message}, which names the folder or file and never a record's value. */
  public OutputException(String message) {
    super(message);
  }

  /** As {@link #OutputException(String)}, keeping the failed file operation as the cause. */
  public OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The cause of a failed file operation in words ("permission denied", "no space left on
   * device"), without the paths the exception carries: the caller names the folder itself.
   */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "folder not found";
    }
    String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return reason.toLowerCase(Locale.ROOT);
  }
}
