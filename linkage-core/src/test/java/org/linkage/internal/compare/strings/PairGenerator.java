package org.linkage.internal.compare.strings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeded random and adversarial string pairs for the differential tests: name-like pairs with
 * typos, small alphabets (many matches and transpositions), accents and combining marks, surrogate
 * pairs, non-Latin-1 scripts, repeated chars, and long strings around and beyond the 64-char
 * bit-parallel limit.
 */
final class PairGenerator {

  static final long SEED = 20_261_126L;

  private static final String[] NAMES = {
    "william", "bill", "elizabeth", "liz", "margaret", "maggie", "katherine", "catherine", "kate",
    "robert", "bob", "jonathan", "john", "jon", "smith", "smyth", "o'neill", "oneill",
    "mcdonald", "macdonald", "fitzgerald", "zoe", "zoë", "josé", "jose", "müller", "mueller",
    "nguyen", "ng", "li", "lee", "aaliyah", "mohammed", "muhammad", "siobhan", "chloé",
    "anne-marie", "annemarie", "van der berg", "dwayne", "duane", "martha", "marta", "ab", "a",
    "jean-baptiste", "østergaard", "łukasz", "lukasz", "ζωή", "иван", "ivan", "王", "王伟", "😀x",
    "x😀", "𝒜lice", "alice", "dixon", "dicksonx", "shackleford", "shackelford", "pennsylvania",
  };

  /** Chars chosen to collide often: small Latin alphabet, accents, a combining mark, Cyrillic. */
  private static final char[] SMALL_ALPHABET = {'a', 'b', 'c', 'a', 'b', 'e'};
  private static final char[] WIDE_ALPHABET = {
    'a', 'e', 'i', 'n', 'r', 's', 't', 'é', 'è', 'ü', 'ñ', 'ß', '\u0301', 'ж', 'и', '王', ' ', '-', '\'',
  };
  private static final String[] SURROGATES = {"😀", "😁", "𝒜", "𝒝", "\uD800", "\uDC00"};

  private PairGenerator() {
  }

  private static final Map<String, List<char[][]>> CACHE = new ConcurrentHashMap<>();

  /**
   * {@code count} pairs from the given seed; the adversarial fixed pairs come first. Cached, so
   * that several tests can share one generation; callers must not modify the arrays.
   */
  static List<char[][]> pairs(int count, long seed) {
    return CACHE.computeIfAbsent(count + "/" + seed, key -> generate(count, seed));
  }

  private static List<char[][]> generate(int count, long seed) {
    List<char[][]> pairs = new ArrayList<>(count);
    addFixed(pairs);
    SplittableRandom random = new SplittableRandom(seed);
    while (pairs.size() < count) {
      pairs.add(randomPair(random));
    }
    return pairs;
  }

  private static void addFixed(List<char[][]> pairs) {
    String[][] fixed = {
      {"", ""}, {"", "a"}, {"a", ""}, {"a", "a"}, {"a", "b"}, {"ab", "ba"}, {"abc", "bca"},
      {"ca", "abc"}, {"martha", "marhta"}, {"dwayne", "duane"}, {"dixon", "dicksonx"},
      {"frog", "fog"}, {"fly", "ant"}, {"elephant", "hippo"}, {"hippo", "elephant"},
      {"hippo", "zzzzzzzz"}, {"hello", "hallo"}, {"ABC Corporation", "ABC Corp"},
      {"D N H Enterprises Inc", "D & H Enterprises, Inc."},
      {"My Gym Children's Fitness Center", "My Gym. Childrens Fitness"},
      {"PENNSYLVANIA", "PENNCISYLVNIA"}, {"foo", "foo "}, {"foo", "  foo"}, {"aaaa", "aaab"},
      {"aaaaaaaa", "aaaa"}, {"😀", "😁"}, {"a😀b", "ab😀"}, {"zoé", "zoe"}, {"e\u0301", "é"},
    };
    for (String[] pair : fixed) {
      pairs.add(new char[][] {pair[0].toCharArray(), pair[1].toCharArray()});
    }
    // Lengths straddling the one-word limit of the bit-parallel and bit-mask paths.
    for (int length : new int[] {31, 32, 33, 63, 64, 65, 66, 127, 128, 129, 200, 257}) {
      char[] x = repeat('a', length);
      char[] y = repeat('a', length);
      y[length / 2] = 'b';
      pairs.add(new char[][] {x, y});
      pairs.add(new char[][] {x, repeat('a', length + 1)});
      pairs.add(new char[][] {x, repeat('a', Math.max(0, length - 1))});
      pairs.add(new char[][] {repeat('a', length), repeat('b', length)});
    }
  }

  private static char[] repeat(char c, int length) {
    char[] s = new char[length];
    Arrays.fill(s, c);
    return s;
  }

  private static char[][] randomPair(SplittableRandom random) {
    int kind = random.nextInt(100);
    char[] x;
    if (kind < 40) {
      x = NAMES[random.nextInt(NAMES.length)].toCharArray();
      if (random.nextInt(4) == 0) {
        x = concat(x, (" " + NAMES[random.nextInt(NAMES.length)]).toCharArray());
      }
    } else if (kind < 60) {
      x = randomString(random, SMALL_ALPHABET, random.nextInt(13));
    } else if (kind < 80) {
      x = randomString(random, WIDE_ALPHABET, random.nextInt(16));
    } else if (kind < 88) {
      x = withSurrogates(random, random.nextInt(10));
    } else if (kind < 97) {
      x = randomString(random, random.nextBoolean() ? SMALL_ALPHABET : WIDE_ALPHABET, 10 + random.nextInt(80));
    } else {
      x = randomString(random, random.nextBoolean() ? SMALL_ALPHABET : WIDE_ALPHABET, 90 + random.nextInt(230));
    }
    int relation = random.nextInt(10);
    char[] y;
    if (relation < 6) {
      y = mutate(random, x, 1 + random.nextInt(random.nextInt(4) == 0 ? 8 : 3));
    } else if (relation < 7) {
      y = x.clone();
    } else if (kind < 40) {
      y = NAMES[random.nextInt(NAMES.length)].toCharArray();
    } else {
      y = randomString(random, random.nextBoolean() ? SMALL_ALPHABET : WIDE_ALPHABET,
          Math.max(0, x.length + random.nextInt(7) - 3));
    }
    return random.nextBoolean() ? new char[][] {x, y} : new char[][] {y, x};
  }

  private static char[] randomString(SplittableRandom random, char[] alphabet, int length) {
    char[] s = new char[length];
    for (int i = 0; i < length; i++) {
      s[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return s;
  }

  private static char[] withSurrogates(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(3) == 0) {
        s.append(SURROGATES[random.nextInt(SURROGATES.length)]);
      } else {
        s.append(WIDE_ALPHABET[random.nextInt(WIDE_ALPHABET.length)]);
      }
    }
    return s.toString().toCharArray();
  }

  /** Applies {@code edits} random substitutions, insertions, deletions and adjacent swaps. */
  static char[] mutate(SplittableRandom random, char[] source, int edits) {
    StringBuilder s = new StringBuilder(new String(source));
    for (int e = 0; e < edits; e++) {
      int op = random.nextInt(4);
      int length = s.length();
      if (length == 0 || op == 1) {
        s.insert(length == 0 ? 0 : random.nextInt(length + 1), WIDE_ALPHABET[random.nextInt(WIDE_ALPHABET.length)]);
      } else if (op == 0) {
        s.setCharAt(random.nextInt(length), SMALL_ALPHABET[random.nextInt(SMALL_ALPHABET.length)]);
      } else if (op == 2) {
        s.deleteCharAt(random.nextInt(length));
      } else if (length >= 2) {
        int i = random.nextInt(length - 1);
        char c = s.charAt(i);
        s.setCharAt(i, s.charAt(i + 1));
        s.setCharAt(i + 1, c);
      }
    }
    return s.toString().toCharArray();
  }

  private static char[] concat(char[] x, char[] y) {
    char[] s = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, s, x.length, y.length);
    return s;
  }
}
