package org.linkage.internal.compare;

import org.linkage.internal.compare.strings.JaroWinkler;
import org.linkage.internal.compare.strings.OneEdit;

/**
 * The string metrics the comparison levels use, in one place: the allocation-free kernels of
 * {@link org.linkage.compare.strings}, which are differential-tested against Commons Text.
 */
final class Metrics {
  private Metrics() {}

  static double jaroWinkler(char[] a, char[] b) {
    return JaroWinkler.similarity(a, b);
  }

  /** True when {@code a} and {@code b} are at most one edit apart (insert, delete, substitute, adjacent swap). */
  static boolean withinOneEdit(char[] a, char[] b) {
    return OneEdit.within(a, b);
  }
}
