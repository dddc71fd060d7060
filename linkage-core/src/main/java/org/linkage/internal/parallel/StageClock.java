package org.linkage.internal.parallel;

/**
 * Wall-clock marks of a run's stages on stderr, for profiling: printed only when the system
 * property {@code linkage.stages} is set ({@code java -Dlinkage.stages ...}); otherwise a no-op.
 */
public final class StageClock {
  private static final boolean ON = System.getProperty("linkage.stages") != null;
  private static final long START = System.nanoTime();

  private StageClock() {}

  /**
   * Prints {@code stage} with the milliseconds since the class was loaded and the heap in use
   * (live and garbage not yet collected), when enabled.
   */
  public static void mark(String stage) {
    if (ON) {
      Runtime rt = Runtime.getRuntime();
      System.err.printf("[stage] %7.0f ms %s (%s; heap %d MB in use)%n", (System.nanoTime() - START) / 1e6, stage,
          Thread.currentThread().getName(), (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
  }
}
