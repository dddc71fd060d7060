package org.linkage.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.linkage.testkit.bench.HarnessResults;
import org.linkage.testkit.bench.McNemar;
import org.linkage.testkit.bench.ResultRow;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about a strategy benchmark ({@link org.linkage.testkit.bench.StrategyHarness}), so a
 * team can keep "the candidate spec is no worse than the current one" as a test in its own build:
 *
 * <pre>{@code
 * HarnessResults results = StrategyHarness.builder().datasets(List.of(sample))
 *     .strategies(List.of(Strategy.fromFile(current), Strategy.fromFile(candidate))).build().run();
 * assertThat(results).isNotSignificantlyWorse("candidate", "current").hasF1LowerBoundAtLeast("candidate", 0.97);
 * }</pre>
 *
 * <p>Every check covers every data set of the results; a strategy that was skipped on one fails the
 * check with the reason. Failure messages show F1 with its interval and the McNemar counts and
 * p-value — never record values. Immutable and thread-safe.
 */
public final class BenchAssert {
  private final HarnessResults results;

  BenchAssert(HarnessResults results) {
    this.results = Objects.requireNonNull(results, "results");
  }

  /** The results being checked, for further assertions of one's own. */
  public HarnessResults results() {
    return results;
  }

  /**
   * Fails if, on some data set, {@code candidate} is significantly worse than {@code baseline}:
   * McNemar's test at 5% finds a difference and the candidate is wrong on more of the pairs the two
   * decide differently ({@link McNemar.Result#secondSignificantlyWorse()}).
   */
  public BenchAssert isNotSignificantlyWorse(String candidate, String baseline) {
    List<String> failures = new ArrayList<>();
    for (HarnessResults.DatasetSummary d : results.datasets()) {
      ResultRow c = ran(d.name(), candidate);
      ResultRow b = ran(d.name(), baseline);
      McNemar.Result t = results.difference(d.name(), baseline, candidate).orElseThrow();
      if (t.secondSignificantlyWorse()) {
        failures.add(String.format(Locale.ROOT, "on %s: F1 %.4f (%s) against %.4f (%s); %s is right on %d pairs "
            + "%s gets wrong and wrong on %d it gets right (McNemar p = %.2g)", d.name(), c.evaluation().f1(),
            c.intervals().f1(), b.evaluation().f1(), b.intervals().f1(), baseline, t.firstOnlyRight(), candidate,
            t.secondOnlyRight(), t.pValue()));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError("expected " + candidate + " not to be significantly worse than " + baseline
          + ", but it is\n  " + String.join("\n  ", failures));
    }
    return this;
  }

  /** Fails unless the lower end of {@code strategy}'s 95% F1 interval is at least {@code min} on every data set. */
  public BenchAssert hasF1LowerBoundAtLeast(String strategy, double min) {
    LinkerAssert.checkUnit(min, "min");
    for (HarnessResults.DatasetSummary d : results.datasets()) {
      ResultRow r = ran(d.name(), strategy);
      if (r.intervals().f1().low() < min) {
        throw new AssertionFailedError(String.format(Locale.ROOT,
            "expected the F1 interval of %s on %s to start at %.4f or above, but it is %s (F1 %.4f)%n  %s", strategy,
            d.name(), min, r.intervals().f1(), r.evaluation().f1(), r.evaluation().summary()));
      }
    }
    return this;
  }

  private ResultRow ran(String dataset, String strategy) {
    ResultRow r = results.row(dataset, strategy).orElseThrow(() -> new AssertionFailedError(
        "no strategy " + strategy + " in the results; they have " + results.rows().stream()
            .map(ResultRow::strategy).distinct().toList()));
    if (r.isSkipped()) {
      throw new AssertionFailedError(strategy + " did not run on " + dataset + ": " + r.note());
    }
    return r;
  }
}
