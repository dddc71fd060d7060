package org.linkage.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.linkage.internal.compare.strings.OneEdit;
import org.linkage.internal.compare.strings.Packed;
import org.linkage.internal.normalize.Dictionary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The postcode and identifier comparisons' one-edit test on pairs of dictionary values read at
 * random, as a run reads the right records of a block: on the values' characters (a random read of
 * each value's {@code char[]}), against the same test on the values packed into longs
 * ({@link Packed}), which a run keeps in each right record's row. Same run, so the ratio is the
 * figure: {@code java -jar linkage-bench/target/benchmarks.jar PackedValuesBench -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PackedValuesBench {
  private static final int PAIRS = 4096;

  private Dictionary dict;
  private long[] packed;
  private int[] left;
  private int[] right;

  /** 200,000 distinct UK-shaped postcodes; pairs of random codes, one in 50 a value and its typo. */
  @Setup
  public void setUp() {
    Random rnd = new Random(1);
    Set<String> distinct = new LinkedHashSet<>();
    while (distinct.size() < 200_000) {
      distinct.add(postcode(rnd));
    }
    List<char[]> values = new ArrayList<>();
    distinct.forEach(v -> values.add(v.toCharArray()));
    dict = Dictionary.of(values);
    packed = new long[dict.size()];
    for (int code = 0; code < packed.length; code++) {
      packed[code] = Packed.pack(dict.chars(code));
    }
    left = new int[PAIRS];
    right = new int[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      left[i] = rnd.nextInt(dict.size());
      right[i] = rnd.nextInt(50) == 0 ? left[i] : rnd.nextInt(dict.size());
    }
  }

  private static String postcode(Random rnd) {
    String letters = "ABCDEFGHIJKLMNOPRSTUWYZ";
    return "" + letters.charAt(rnd.nextInt(letters.length())) + letters.charAt(rnd.nextInt(letters.length()))
        + (1 + rnd.nextInt(40)) + ' ' + rnd.nextInt(10) + letters.charAt(rnd.nextInt(letters.length()))
        + letters.charAt(rnd.nextInt(letters.length()));
  }

  /** The characters of every pair. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int characters() {
    int n = 0;
    for (int i = 0; i < PAIRS; i++) {
      n += OneEdit.within(dict.chars(left[i]), dict.chars(right[i])) ? 1 : 0;
    }
    return n;
  }

  /** The packed values of every pair. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int packed() {
    int n = 0;
    for (int i = 0; i < PAIRS; i++) {
      n += Packed.withinOneEdit(packed[left[i]], packed[right[i]]) ? 1 : 0;
    }
    return n;
  }
}
