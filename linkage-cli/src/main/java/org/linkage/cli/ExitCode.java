package org.linkage.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;

/**
 * The exit codes of every command, listed in each command's {@code --help} and in the README. The
 * library's exceptions carry no codes: this table maps each kind of
 * {@link org.linkage.error.LinkageException} to one.
 */
final class ExitCode {
  static final int OK = 0;
  /** A bug: an error linkage did not expect (stack trace with {@code --debug}). */
  static final int INTERNAL_ERROR = 1;
  static final int BAD_USAGE = 2;
  static final int UNREADABLE_INPUT = 3;
  static final int UNWRITABLE_OUTPUT = 4;
  static final int OUT_OF_MEMORY = 5;

  private ExitCode() {}

  /** The code for an error a command ended with: one per kind of linkage error, else internal error. */
  static int of(Throwable e) {
    if (outOfMemory(e)) {
      return OUT_OF_MEMORY;
    }
    if (e instanceof InvalidSpecException) {
      return BAD_USAGE;
    }
    if (e instanceof InputException) {
      return UNREADABLE_INPUT;
    }
    if (e instanceof OutputException) {
      return UNWRITABLE_OUTPUT;
    }
    return INTERNAL_ERROR;
  }

  /** Whether {@code e} or one of its causes is an {@link OutOfMemoryError} (worker threads wrap it). */
  static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Code → meaning, as {@code --help} shows them. */
  static Map<String, String> descriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("0", "success");
    m.put("1", "internal error (a bug; rerun with --debug for a stack trace)");
    m.put("2", "bad usage, spec or model");
    m.put("3", "unreadable input (a file missing, unreadable or not UTF-8; with --strict, a bad row)");
    m.put("4", "output cannot be written (permission, disk full, another run); earlier outputs are kept");
    m.put("5", "out of memory (raise the heap: LINKAGE_JAVA_OPTS=-Xmx8g)");
    return m;
  }
}
