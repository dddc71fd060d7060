/*
 * Kernels: the cost of one string comparison per candidate pair, ours against Apache Commons Text
 * in the same run, for Jaro–Winkler, Levenshtein with threshold 2, and (ours only, Commons Text has
 * none) optimal string alignment with threshold 2. Inputs are a few thousand realistic forename and
 * surname pairs from a seeded generator, in three kinds: identical, one typo, unrelated.
 *
 * Run (after mvn -B -pl linkage-bench -am package -DskipTests):
 *   java -jar linkage-bench/target/benchmarks.jar Kernels -prof gc
 * Short, noisy-machine run used for docs/performance.md:
 *   java -jar linkage-bench/target/benchmarks.jar Kernels -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * Read the ratio ours/commons per pair kind, and gc.alloc.rate.norm (B/op) for allocation.
 */
package org.linkage.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.linkage.internal.compare.strings.JaroWinkler;
import org.linkage.internal.compare.strings.Levenshtein;
import org.linkage.internal.compare.strings.OptimalStringAlignment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Kernels {

  /** Power of two, so the pair index wraps with a mask; large enough to defeat branch prediction. */
  private static final int PAIRS = 4096;
  private static final int THRESHOLD = 2;

  private static final String[] FORENAMES = {
    "oliver", "george", "harry", "jack", "jacob", "noah", "charlie", "muhammad", "thomas", "oscar",
    "william", "james", "leo", "alfie", "henry", "joshua", "freddie", "archie", "ethan", "isaac",
    "alexander", "joseph", "edward", "samuel", "max", "daniel", "arthur", "lucas", "mohammed", "logan",
    "olivia", "amelia", "isla", "ava", "emily", "isabella", "mia", "poppy", "ella", "lily",
    "sophia", "grace", "evie", "scarlett", "ruby", "chloe", "isabelle", "daisy", "freya", "phoebe",
    "florence", "alice", "jessica", "sienna", "elizabeth", "matilda", "evelyn", "eva", "millie", "sofia",
    "katherine", "margaret", "christopher", "jonathan", "siobhan", "aaliyah", "priya", "oluwaseun",
  };
  private static final String[] SURNAMES = {
    "smith", "jones", "williams", "taylor", "brown", "davies", "evans", "wilson", "thomas", "johnson",
    "roberts", "robinson", "thompson", "wright", "walker", "white", "edwards", "hughes", "green", "hall",
    "lewis", "harris", "clarke", "patel", "jackson", "wood", "turner", "martin", "cooper", "hill",
    "ward", "morris", "moore", "clark", "lee", "king", "baker", "harrison", "morgan", "allen",
    "james", "scott", "phillips", "watson", "davis", "parker", "price", "bennett", "young", "griffiths",
    "mitchell", "kelly", "cook", "carter", "richardson", "bailey", "collins", "bell", "shaw", "murphy",
    "o'connor", "macdonald", "fitzgerald", "nguyen", "khan", "singh", "begum", "ali", "ahmed", "hussain",
    "shackleford", "featherstonehaugh", "van der berg", "smith-jones",
  };
  private static final char[] TYPO_CHARS = "abcdefghijklmnopqrstuvwxyz".toCharArray();

  @Param({"identical", "oneTypo", "unrelated"})
  public String kind;

  private char[][] leftChars;
  private char[][] rightChars;
  private String[] leftStrings;
  private String[] rightStrings;
  private int index;

  private final JaroWinklerSimilarity commonsJaroWinkler = new JaroWinklerSimilarity();
  private final LevenshteinDistance commonsLevenshtein = new LevenshteinDistance(THRESHOLD);

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20_261_126L);
    leftChars = new char[PAIRS][];
    rightChars = new char[PAIRS][];
    leftStrings = new String[PAIRS];
    rightStrings = new String[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      String[] pool = random.nextBoolean() ? FORENAMES : SURNAMES;
      String left = pick(random, pool);
      String right;
      switch (kind) {
        case "identical":
          // A distinct String object, so neither side can win by reference equality.
          right = new String(left.toCharArray());
          break;
        case "oneTypo":
          do {
            right = typo(random, left);
          } while (right.equals(left));
          break;
        case "unrelated":
          do {
            right = pick(random, pool);
          } while (right.equals(left));
          break;
        default:
          throw new IllegalArgumentException("unknown pair kind: " + kind);
      }
      leftStrings[i] = left;
      rightStrings[i] = right;
      leftChars[i] = left.toCharArray();
      rightChars[i] = right.toCharArray();
    }
  }

  /** Skewed towards the common names at the front of the list, as real name frequencies are. */
  private static String pick(SplittableRandom random, String[] pool) {
    double u = random.nextDouble();
    return pool[(int) (u * u * pool.length)];
  }

  private static String typo(SplittableRandom random, String name) {
    StringBuilder s = new StringBuilder(name);
    int at = random.nextInt(name.length());
    switch (random.nextInt(4)) {
      case 0:
        s.setCharAt(at, TYPO_CHARS[random.nextInt(TYPO_CHARS.length)]);
        break;
      case 1:
        s.insert(at, TYPO_CHARS[random.nextInt(TYPO_CHARS.length)]);
        break;
      case 2:
        if (name.length() > 1) {
          s.deleteCharAt(at);
        } else {
          s.append('e');
        }
        break;
      default:
        int i = Math.min(at, name.length() - 2);
        if (i >= 0) {
          char c = s.charAt(i);
          s.setCharAt(i, s.charAt(i + 1));
          s.setCharAt(i + 1, c);
        } else {
          s.append('e');
        }
        break;
    }
    return s.toString();
  }

  private int next() {
    int i = index;
    index = (i + 1) & (PAIRS - 1);
    return i;
  }

  @Benchmark
  public double jaroWinklerOurs() {
    int i = next();
    return JaroWinkler.similarity(leftChars[i], rightChars[i]);
  }

  @Benchmark
  public Double jaroWinklerCommons() {
    int i = next();
    return commonsJaroWinkler.apply(leftStrings[i], rightStrings[i]);
  }

  @Benchmark
  public int levenshtein2Ours() {
    int i = next();
    return Levenshtein.distance(leftChars[i], rightChars[i], THRESHOLD);
  }

  @Benchmark
  public Integer levenshtein2Commons() {
    int i = next();
    return commonsLevenshtein.apply(leftStrings[i], rightStrings[i]);
  }

  /** The harness floor: fetching one pair and touching both arrays, no comparison. */
  @Benchmark
  public int baseline() {
    int i = next();
    return leftChars[i].length + rightChars[i].length;
  }

  @Benchmark
  public int osa2Ours() {
    int i = next();
    return OptimalStringAlignment.distance(leftChars[i], rightChars[i], THRESHOLD);
  }
}
