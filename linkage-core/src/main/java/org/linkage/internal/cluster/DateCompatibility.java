package org.linkage.internal.cluster;

/**
 * Whether two dates of birth can be one person's, allowing for the recording errors that are common
 * in administrative data: one wrong digit, two adjacent digits transposed, day and month swapped,
 * and a partial date imputed to the first of the month. Dates are {@code yyyymmdd} integers, as
 * encoded by the normaliser.
 *
 * <p>Stateless and allocation-free.
 */
public final class DateCompatibility {
  private DateCompatibility() {}

  /** True if {@code a} and {@code b} are equal or differ by one of the recording errors above. */
  public static boolean compatible(int a, int b) {
    if (a == b) {
      return true;
    }
    int ya = a / 10_000;
    int yb = b / 10_000;
    int ma = a / 100 % 100;
    int mb = b / 100 % 100;
    int da = a % 100;
    int db = b % 100;
    if (ya == yb && ma == db && da == mb) {
      return true; // day and month swapped
    }
    if (ya == yb && ma == mb && (da == 1 || db == 1)) {
      return true; // day imputed to the first
    }
    int first = -1;
    int second = -1;
    int x = a;
    int y = b;
    for (int pos = 0; pos < 8; pos++, x /= 10, y /= 10) {
      if (x % 10 != y % 10) {
        if (first < 0) {
          first = pos;
        } else if (second < 0) {
          second = pos;
        } else {
          return false;
        }
      }
    }
    if (second < 0) {
      return true; // one digit differs
    }
    if (second != first + 1) {
      return false;
    }
    return digit(a, first) == digit(b, second) && digit(a, second) == digit(b, first); // transposed
  }

  private static int digit(int v, int pos) {
    for (int i = 0; i < pos; i++) {
      v /= 10;
    }
    return v % 10;
  }

  /** True if some date in {@code dates[0..n)} is compatible with all of them (a common centre). */
  static boolean haveCentre(int[] dates, int n) {
    for (int i = 0; i < n; i++) {
      boolean all = true;
      for (int j = 0; j < n && all; j++) {
        all = compatible(dates[i], dates[j]);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
