package org.linkage.testkit;

import java.util.Locale;
import org.linkage.Explanation;
import org.linkage.Link;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about a link that {@link LinkerAssert#links} has established. Immutable and thread-safe.
 */
public final class LinkAssert {
  private final LinkerAssert linker;
  private final LinkerAssert.PairOutcome outcome;

  LinkAssert(LinkerAssert linker, LinkerAssert.PairOutcome outcome) {
    this.linker = linker;
    this.outcome = outcome;
  }

  /** The link as the linker reported it. */
  public Link link() {
    return outcome.link();
  }

  /** The pair's waterfall, or {@code null} for a deterministic spec used without a model. */
  public Explanation explanation() {
    return outcome.explanation();
  }

  /**
   * Fails unless the link's match probability is at least {@code min}. A link made by a match key
   * without any model has no probability and fails.
   */
  public LinkAssert withProbabilityAtLeast(double min) {
    LinkerAssert.checkUnit(min, "min");
    double p = outcome.link().matchProbability();
    if (!(p >= min)) {
      throw new AssertionFailedError(String.format(Locale.ROOT,
        "expected the link of %s to have match probability at least %.6f, but it is %.6f (linked by %s)",
        outcome.pair(), min, p, outcome.link().method()) + outcome.details(),
        String.format(Locale.ROOT, ">= %.6f", min), String.format(Locale.ROOT, "%.6f", p));
    }
    return this;
  }

  /** Fails unless the link was made by {@code method}: a match key's name or {@link Link#PROBABILISTIC}. */
  public LinkAssert byMethod(String method) {
    if (!outcome.link().method().equals(method)) {
      throw new AssertionFailedError("expected " + outcome.pair() + " to be linked by " + method
        + ", but they are linked by " + outcome.describeLink() + outcome.details(),
        method, outcome.link().method());
    }
    return this;
  }

  /** Back to the linker's assertions, to check another pair. */
  public LinkerAssert and() {
    return linker;
  }
}
