package org.linkage.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.linkage.progress.ProgressListener;

/**
 * Shows a run's progress on stderr. On a terminal, one line redrawn in place four times a second
 * (count, rate, elapsed, estimate to finish), replaced by each stage's summary when it ends; when
 * stderr is not a terminal (a log, a pipe, CI), a plain line every {@value #PLAIN_EVERY_SECONDS} s
 * of a long stage and one line per finished stage; with {@code --quiet}, nothing. Thread-safe;
 * close it to stop the redraw.
 */
final class ProgressLine implements ProgressListener, AutoCloseable {
  static final int PLAIN_EVERY_SECONDS = 10;

  private final PrintStream err;
  private final boolean quiet;
  private final boolean inPlace;
  private final ScheduledExecutorService ticker;
  private final long periodNanos;
  private final long runStart = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private String stage;
  private long total;
  private String unit;
  private long stageStart;
  private int drawn; // characters of the line now on screen (in place only)

  /** Progress on {@code err}, redrawn in place every {@code periodMillis} or printed as plain lines. */
  ProgressLine(PrintStream err, boolean quiet, boolean inPlace, long periodMillis) {
    this.err = err;
    this.quiet = quiet;
    this.inPlace = inPlace;
    this.periodNanos = periodMillis * 1_000_000;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "linkage-progress");
      t.setDaemon(true);
      return t;
    });
    if (!quiet) {
      ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Progress on stderr, in place when the process has a terminal; nothing at all when {@code quiet}. */
  static ProgressLine open(boolean quiet) {
    boolean terminal = System.console() != null;
    return new ProgressLine(System.err, quiet, terminal, terminal ? 250 : PLAIN_EVERY_SECONDS * 1000L);
  }

  @Override
  public synchronized void started(String stage, long total, String unit) {
    if (quiet) {
      return;
    }
    this.stage = stage;
    this.total = total;
    this.unit = unit;
    this.stageStart = System.nanoTime();
    done.set(0);
    if (inPlace) {
      draw(status(stageStart));
    }
  }

  @Override
  public void advanced(String stage, long done) {
    this.done.accumulateAndGet(done, Math::max); // workers may report out of order
  }

  @Override
  public synchronized void finished(String stage, String summary) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    String line = summary + " (" + seconds(now - stageStart) + ")";
    if (inPlace) {
      draw(line);
      err.println();
      drawn = 0;
    } else {
      err.println(line);
    }
    this.stage = null;
  }

  private synchronized void tick() {
    long now = System.nanoTime();
    // plain lines only for a stage that has run a whole period: a short one just gets its summary
    if (stage == null || !inPlace && now - stageStart < periodNanos) {
      return;
    }
    String line = status(now);
    if (inPlace) {
      draw(line);
    } else {
      err.println(line);
    }
  }

  /**
   * The current stage, e.g. {@code compare: 40,960 / 100,000 records (41%), 12,288 records/s, 3.3 s, ~4.7 s left
   * (run 9.1 s)} or, without counts, {@code train: 2.0 s elapsed (run 6.1 s)}.
   */
  String status(long now) {
    long d = done.get();
    long elapsed = now - stageStart;
    StringBuilder b = new StringBuilder(stage).append(": ");
    if (total > 0) {
      b.append(amount(d)).append(" / ").append(amount(total)).append(' ').append(unitName())
          .append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * d / total)));
      if (d > 0 && elapsed > 0) {
        double perSecond = d / (elapsed / 1e9);
        b.append(", ").append(amount((long) perSecond)).append(' ').append(unitName()).append("/s, ")
            .append(seconds(elapsed)).append(", ~").append(seconds((long) ((total - d) / perSecond * 1e9)))
            .append(" left");
        return b.append(totalSoFar(now)).toString();
      }
      b.append(", ");
    }
    return b.append(seconds(elapsed)).append(" elapsed").append(totalSoFar(now)).toString();
  }

  private String totalSoFar(long now) {
    return " (run " + seconds(now - runStart) + ")";
  }

  private String unitName() {
    return "bytes".equals(unit) ? "MB" : unit;
  }

  private String amount(long n) {
    return "bytes".equals(unit) ? String.format(Locale.ROOT, "%.1f", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return s < 100 ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(Locale.ROOT, "%d:%02d min", (long) s / 60, (long) s % 60);
  }

  /** Redraws the line in place: back to its start, the text, blanks over what the last one left. */
  private void draw(String line) {
    StringBuilder b = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < drawn; i++) {
      b.append(' ');
    }
    err.print(b);
    err.flush();
    drawn = line.length();
  }

  /** Stops the redraw and ends a line left open by a stage that failed. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (inPlace && drawn > 0) {
      err.println();
      drawn = 0;
    }
    stage = null;
  }
}
