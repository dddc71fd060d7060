package org.linkage.error;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A spec (or the way input files meet it) is invalid. Validation collects every problem before
 * throwing, so one run shows all of them; {@link #problems()} lists them and the message joins them.
 * <p>Immutable and thread-safe.
 */
public final class InvalidSpecException extends LinkageException {
  /** Every problem found, one line each. */
  private final ImmutableList<String> problems;

  /** A spec with these problems (at least one), each naming the key or option at fault. */
  public InvalidSpecException(List<String> problems) {
    super(format(problems));
    this.problems = ImmutableList.copyOf(problems);
  }

  /** A spec with one problem. */
  public InvalidSpecException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found in the spec, in the order found; one line each, no record values. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    return problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
  }
}
