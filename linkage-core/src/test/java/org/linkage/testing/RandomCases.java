package org.linkage.testing;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Seeded property checks in plain JUnit 5: a property is checked on {@code cases} random inputs per
 * seed, one dynamic test per seed. Case {@code i} of seed {@code s} draws its input from its own
 * {@link SplittableRandom} ({@link #random(long, int)}), so a failure, which reports the seed, the
 * case index and the input, can be reproduced alone without replaying the earlier cases.
 */
public final class RandomCases {

  private RandomCases() {
  }

  /** The generator of case {@code index} under {@code seed}. */
  public static SplittableRandom random(long seed, int index) {
    return new SplittableRandom(seed + index * 0x9E37_79B9_7F4A_7C15L);
  }

  /**
   * One dynamic test per seed, named {@code seed=<seed>}, each checking {@code property} on
   * {@code cases} inputs drawn by {@code generator}.
   */
  public static <T> Stream<DynamicTest> forEachSeed(
      List<Long> seeds, int cases, Function<SplittableRandom, T> generator, Consumer<T> property) {
    return seeds.stream().map(seed -> DynamicTest.dynamicTest(
        "seed=" + seed, () -> check(seed, cases, generator, property)));
  }

  /**
   * Checks {@code property} on {@code cases} inputs drawn by {@code generator}; the first failing
   * case throws an {@link AssertionError} naming the seed, the case index and the input.
   */
  public static <T> void check(
      long seed, int cases, Function<SplittableRandom, T> generator, Consumer<T> property) {
    for (int i = 0; i < cases; i++) {
      T input = generator.apply(random(seed, i));
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("property failed for seed " + seed + ", case " + i + " of "
            + cases + " (reproduce with RandomCases.random(" + seed + "L, " + i + "))"
            + "\ninput: " + input + "\n" + e.getMessage(), e);
      }
    }
  }

  /** A Java-literal-like rendering of {@code s}: non-ASCII and control chars as {@code \\uXXXX}. */
  public static String quote(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.append('"').toString();
  }

  /** {@link #quote} of each string, in list form. */
  public static String quoteAll(CharSequence... strings) {
    return Arrays.stream(strings).map(RandomCases::quote).toList().toString();
  }
}
