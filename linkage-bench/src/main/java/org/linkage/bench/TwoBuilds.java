package org.linkage.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Two builds' hot loops in one JVM, taking turns: a before/after ratio that a noisy machine cannot
 * skew, since both builds run under the same load at the same moments. Each build's
 * {@code benchmarks.jar} is loaded in a class loader of its own (its own classes, its own copy of the
 * data), and the left rows are compared in chunks of 2,048, alternating which build takes a chunk
 * and which build starts each round, so both compare every chunk once per two rounds on cold
 * caches. At the end the two builds' digests of every pair and pattern must agree: same pairs, same
 * levels. Both jars must contain {@link LoopRunner}.
 *
 * <p>Run: {@code java -Xmx8g -cp linkage-bench/target/benchmarks.jar org.linkage.bench.TwoBuilds
 * before.jar after.jar [learners] [rounds]} (300,000 learners and 8 rounds by default). Running a
 * build against itself shows the harness's own bias (about 1% in favour of the second).
 */
public final class TwoBuilds {
  private static final int CHUNK = 2048;

  private TwoBuilds() {}

  public static void main(String[] args) throws Exception {
    int learners = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Method[] compare = new Method[2];
    Method[] checksum = new Method[2];
    int leftRows = 0;
    for (int b = 0; b < 2; b++) {
      URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[b]).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> runner = loader.loadClass(LoopRunner.class.getName());
      leftRows = (Integer) runner.getMethod("setUp", int.class, long.class).invoke(null, learners, 1L);
      compare[b] = runner.getMethod("compare", int.class, int.class);
      checksum[b] = runner.getMethod("checksum");
    }
    long[] nanos = new long[2];
    long[] pairs = new long[2];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k * CHUNK < leftRows; k++) {
        int b = (k + round) % 2;
        int from = k * CHUNK;
        long before = (Long) compare[b].invoke(null, from, from);
        long start = System.nanoTime();
        long after = (Long) compare[b].invoke(null, from, Math.min(leftRows, from + CHUNK));
        nanos[b] += System.nanoTime() - start;
        pairs[b] += after - before;
      }
      if (round % 2 == 1) {
        double first = (double) nanos[0] / pairs[0];
        double second = (double) nanos[1] / pairs[1];
        System.out.printf("rounds %d: first %.1f ns a pair, second %.1f ns a pair, first/second %.3f%n",
            round + 1, first, second, first / second);
      }
    }
    if (rounds % 2 == 0 && !checksum[0].invoke(null).equals(checksum[1].invoke(null))) {
      System.out.println("the builds compared different pairs or gave different patterns");
      System.exit(1);
    }
  }
}
