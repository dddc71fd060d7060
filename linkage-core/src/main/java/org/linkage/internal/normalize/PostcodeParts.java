package org.linkage.internal.normalize;

/**
 * Splits a folded UK postcode ({@code SW1A1AA}) into its area ({@code SW}), district
 * ({@code SW1A}), sector ({@code SW1A 1}) and unit. Values that are not shaped like a UK postcode
 * have no parts ({@code null}). Pure functions, thread-safe.
 */
public final class PostcodeParts {
  private PostcodeParts() {}

  /** True when {@code p} (upper case, no spaces) has a UK outward code and a digit-letter-letter inward code. */
  public static boolean isUk(String p) {
    int n = p.length();
    if (n < 5 || n > 7) {
      return false;
    }
    if (!Character.isLetter(p.charAt(0)) || !isDigit(p.charAt(n - 3))
        || !Character.isLetter(p.charAt(n - 2)) || !Character.isLetter(p.charAt(n - 1))) {
      return false;
    }
    for (int i = 0; i < n - 3; i++) {
      if (!Character.isLetterOrDigit(p.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The district of a normalised UK postcode (outward code), or {@code null} if it is not one. */
  public static String district(String p) {
    return isUk(p) ? p.substring(0, p.length() - 3) : null;
  }

  /** The sector of a normalised UK postcode (outward code and first inward digit), or {@code null}. */
  public static String sector(String p) {
    return isUk(p) ? p.substring(0, p.length() - 3) + " " + p.charAt(p.length() - 3) : null;
  }

  /** The area of a normalised UK postcode (its leading letters), or {@code null}. */
  public static String area(String p) {
    if (!isUk(p)) {
      return null;
    }
    int i = 0;
    while (i < p.length() && Character.isLetter(p.charAt(i))) {
      i++;
    }
    return p.substring(0, i);
  }
}
