package org.linkage.compare;

import java.nio.CharBuffer;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The string metrics the comparison levels use, in one place so the kernels can be swapped. */
final class Metrics {
  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
  private static final LevenshteinDistance LEV1 = new LevenshteinDistance(1);

  private Metrics() {}

  static double jaroWinkler(char[] a, char[] b) {
    return JW.apply(CharBuffer.wrap(a), CharBuffer.wrap(b));
  }

  /** True when {@code a} and {@code b} are at most one edit apart (insert, delete, substitute, swap). */
  static boolean withinOneEdit(char[] a, char[] b) {
    if (Math.abs(a.length - b.length) > 1) {
      return false;
    }
    if (LEV1.apply(CharBuffer.wrap(a), CharBuffer.wrap(b)) >= 0) {
      return true;
    }
    if (a.length != b.length) {
      return false;
    }
    int first = -1;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        if (first < 0) {
          first = i;
        } else {
          return i == first + 1 && a[first] == b[i] && a[i] == b[first] && regionEquals(a, b, i + 1);
        }
      }
    }
    return false;
  }

  private static boolean regionEquals(char[] a, char[] b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }
}
