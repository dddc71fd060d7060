package org.linkage.testkit.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * A two-sided confidence interval for a metric between 0 and 1, e.g. the 95% bootstrap interval of
 * a strategy's F1. Immutable.
 *
 * @param low lower end (inclusive)
 * @param high upper end (inclusive), at least {@code low}
 */
public record Interval(double low, double high) {

  public Interval {
    checkArgument(low <= high, "low %s must not exceed high %s", low, high);
  }

  /** Whether {@code value} lies within the interval, ends included. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }

  /** {@code high - low}. */
  public double width() {
    return high - low;
  }

  /** {@code 0.9812–0.9871}: both ends with four decimals. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4f–%.4f", low, high);
  }
}
