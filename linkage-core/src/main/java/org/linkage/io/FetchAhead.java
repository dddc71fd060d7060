package org.linkage.io;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a JDBC result on a second thread while the calling thread validates the rows already read,
 * so fetching and decoding (driver and database time) overlap the intake instead of adding to it.
 * Rows keep their order: one fetching thread fills batches into a first-in-first-out queue and one
 * consumer takes them.
 *
 * <p>Memory is bounded: at most {@value #BATCHES_IN_FLIGHT} queued batches of {@value #BATCH_ROWS}
 * rows plus the batch being filled and the one being consumed, on top of the driver's fetch size.
 * A failure on either side stops both: an exception from the source is rethrown on the calling
 * thread; an exception from the consumer stops the fetching thread before it is rethrown. When
 * {@link #read} returns or throws, the fetching thread has ended, so the caller may close the
 * result set.
 *
 * <p>Stateless; each {@link #read} call starts its own daemon thread.
 */
final class FetchAhead {
  /** Rows handed over at a time: large enough that the hand-over costs nothing per row. */
  static final int BATCH_ROWS = 1024;
  /** Full batches waiting for the consumer; bounds what the overlap holds in memory. */
  static final int BATCHES_IN_FLIGHT = 4;

  private FetchAhead() {}

  /** The rows of a result, read on the fetching thread. */
  @FunctionalInterface
  interface RowSource {
    /**
     * Reads the next row's {@code width} values into {@code into} from {@code offset}.
     *
     * @return false at the end of the result (nothing written)
     */
    boolean next(String[] into, int offset) throws SQLException;
  }

  /** Takes the rows on the calling thread, in order. */
  @FunctionalInterface
  interface RowConsumer {
    /** One row: its values are {@code values[offset]} to {@code values[offset + width - 1]}. */
    void row(String[] values, int offset);
  }

  /** Rows in order; the last batch of a read (possibly empty) carries the source's failure, if any. */
  private record Batch(String[] values, int count, boolean last, Throwable failure) {}

  /**
   * Reads every row of {@code source} (each {@code width} values wide) on a fetching thread and
   * passes them to {@code consumer} on this thread, in order.
   *
   * @throws SQLException if the source threw one (likewise an unchecked exception or error)
   */
  static void read(int width, RowSource source, RowConsumer consumer) throws SQLException {
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    AtomicBoolean stopped = new AtomicBoolean(); // set by the consumer when it gives up
    Thread fetcher = new Thread(() -> fetch(width, source, queue, stopped), "linkage-jdbc-fetch");
    fetcher.setDaemon(true);
    fetcher.start();
    boolean finished = false;
    try {
      while (true) {
        Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
        if (batch == null) {
          if (!fetcher.isAlive() && queue.isEmpty()) {
            throw new SQLException("the thread fetching rows ended without handing over the last rows");
          }
          continue;
        }
        for (int r = 0; r < batch.count(); r++) {
          consumer.row(batch.values(), r * width);
        }
        if (batch.last()) {
          finished = true;
          rethrow(batch.failure());
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for rows", e);
    } finally {
      if (!finished) {
        stopped.set(true);
        queue.clear(); // unblocks a fetcher waiting to hand over; it then sees the flag and ends
      }
      joinUninterruptibly(fetcher);
    }
  }

  private static void fetch(int width, RowSource source, BlockingQueue<Batch> queue, AtomicBoolean stopped) {
    try {
      while (!stopped.get()) {
        String[] values = new String[BATCH_ROWS * width];
        int count = 0;
        boolean last = false;
        Throwable failure = null;
        try {
          while (count < BATCH_ROWS && !last) {
            if (source.next(values, count * width)) {
              count++;
            } else {
              last = true;
            }
          }
        } catch (Throwable t) { // handed to the consumer, which rethrows it on its own thread
          failure = t;
          last = true;
        }
        queue.put(new Batch(values, count, last, failure));
        if (last) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // nothing interrupts this thread; end it if something does
    }
  }

  private static void rethrow(Throwable failure) throws SQLException {
    if (failure == null) {
      return;
    }
    if (failure instanceof SQLException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new SQLException(failure);
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
