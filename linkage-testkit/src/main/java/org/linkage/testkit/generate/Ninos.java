package org.linkage.testkit.generate;

/**
 * Synthetic National Insurance numbers in the valid format: a two-letter prefix HMRC allows
 * (first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; not BG, GB, KN, NK, NT, TN, ZZ),
 * six digits and a suffix A–D. Person index i maps to a unique number through a multiplicative
 * bijection of the prefix × digits space, so no two people share a NINO.
 */
final class Ninos {
  static final String[] PREFIXES = prefixes();
  private static final long SPACE = PREFIXES.length * 1_000_000L;
  private static final long MULTIPLIER = 2_654_435_761L; // prime (Knuth's), so coprime with SPACE; scatters digits

  private Ninos() {
  }

  static String forPerson(long seed, int person) {
    long offset = Math.floorMod(Seeds.derive(seed, Seeds.NINO, -1), SPACE);
    long code = Math.floorMod(person * MULTIPLIER + offset, SPACE);
    long digits = code % 1_000_000L;
    String prefix = PREFIXES[(int) (code / 1_000_000L)];
    char suffix = "ABCD".charAt((int) (Seeds.derive(seed, Seeds.NINO, person) & 3));
    StringBuilder sb = new StringBuilder(9).append(prefix);
    String d = Long.toString(digits);
    for (int i = d.length(); i < 6; i++) {
      sb.append('0');
    }
    return sb.append(d).append(suffix).toString();
  }

  private static String[] prefixes() {
    String first = "ABCEGHJKLMNOPRSTWXYZ";
    String second = "ABCEGHJKLMNPRSTWXYZ";
    java.util.List<String> out = new java.util.ArrayList<>();
    for (char a : first.toCharArray()) {
      for (char b : second.toCharArray()) {
        String p = "" + a + b;
        if (!java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(p)) {
          out.add(p);
        }
      }
    }
    return out.toArray(new String[0]);
  }
}
