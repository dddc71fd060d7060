package org.linkage.internal.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The one fan-out of the engine: split {@code [0, n)} into fixed-size chunks, run a task per chunk
 * on a pool, and return the results <em>in chunk order</em>, so that whatever the number of threads,
 * concatenating or adding them gives the same answer.
 *
 * <p>Failures surface as the task threw them: a {@link RuntimeException} or an {@link Error} (an
 * {@link OutOfMemoryError} stays one, so the caller can report it as such) is rethrown unchanged;
 * a checked exception is wrapped in an {@link IllegalStateException}. An interrupt while waiting
 * restores the thread's interrupt flag and throws {@link IllegalStateException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParallelChunks {
  private ParallelChunks() {}

  /** A task over the half-open range {@code [start, end)}. */
  @FunctionalInterface
  public interface ChunkTask<T> {
    /** Computes the result of one chunk. */
    T run(int start, int end) throws Exception;
  }

  /**
   * Runs {@code task} on every chunk of {@code [0, n)} of {@code chunk} elements (the last may be
   * shorter) and returns the results in chunk order.
   */
  public static <T> List<T> map(ExecutorService pool, int n, int chunk, ChunkTask<T> task) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk size must be positive: " + chunk);
    }
    List<Future<T>> futures = new ArrayList<>();
    for (int from = 0; from < n; from += chunk) {
      int start = from;
      int end = Math.min(n, from + chunk);
      futures.add(pool.submit(() -> task.run(start, end)));
    }
    return join(futures);
  }

  /**
   * Runs {@code task} on every chunk of {@code [0, n)} as {@link #map} does, but hands each result to
   * {@code consumer} on the calling thread, in chunk order, as soon as it and every earlier one are
   * done, keeping at most {@code window} chunks in flight: the results are never all held, and the
   * consumer sees the same sequence for any number of threads.
   */
  public static <T> void stream(ExecutorService pool, int n, int chunk, int window, ChunkTask<T> task,
      java.util.function.Consumer<T> consumer) {
    if (chunk <= 0 || window <= 0) {
      throw new IllegalArgumentException("chunk size and window must be positive: " + chunk + ", " + window);
    }
    java.util.ArrayDeque<Future<T>> inFlight = new java.util.ArrayDeque<>();
    int from = 0;
    try {
      while (from < n || !inFlight.isEmpty()) {
        while (from < n && inFlight.size() < window) {
          int start = from;
          int end = Math.min(n, from + chunk);
          inFlight.add(pool.submit(() -> task.run(start, end)));
          from = end;
        }
        consumer.accept(get(inFlight.poll()));
      }
    } finally {
      for (Future<T> f : inFlight) { // a failure: the chunks still queued are not wanted
        f.cancel(true);
      }
    }
  }

  /** Waits for every future, in list order, and returns their results; {@code null} entries stay {@code null}. */
  public static <T> List<T> join(List<Future<T>> futures) {
    List<T> out = new ArrayList<>(futures.size());
    for (Future<T> f : futures) {
      out.add(f == null ? null : get(f));
    }
    return out;
  }

  /** The result of one future, failures surfaced as described in the class comment. */
  public static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Runs {@code body} on a fresh pool of {@code threads} daemon worker threads, shut down when it
   * returns (or throws).
   */
  public static <T> T withPool(int threads, java.util.function.Function<ExecutorService, T> body) {
    ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "linkage-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      return body.apply(pool);
    } finally {
      pool.shutdownNow();
    }
  }
}
