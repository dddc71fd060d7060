package org.linkage.internal.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.linkage.internal.block.LongIntHashMap;

/**
 * The compared candidate pairs of a run written once to a temporary file, in candidate order, so a
 * later pass reads them back ({@link #replay}) instead of comparing every pair again: comparing is
 * what a pass costs, reading nine bytes a pair is not. Memory stays what one chunk needs; the file
 * takes about nine bytes per pair (about 260 MB for 28.5M pairs).
 *
 * <p>Each pair: a byte with its rule (high bit set when its left row differs from the previous
 * pair's, then followed by that row), the right row, and the number of its pattern in this
 * spill's table of distinct patterns. Writing happens on one thread, in the order the chunks are
 * merged, so the file, and every replay, is the candidate order for any thread count. If the file
 * cannot be written (a full disk), the spill gives up ({@link #complete} false) and the caller
 * compares again. Not thread-safe; close it to delete the file.
 */
public final class PairSpill implements AutoCloseable {
  private static final int BUFFER = 1 << 20;
  private static final int MAX_RECORD = 13;

  private Path file;
  private FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private final LongIntHashMap numberOf = new LongIntHashMap(1024);
  private long[] patterns = new long[1024];
  private int patternCount;
  private int minValueNumber = -1;
  private int lastLeft = -1;
  private long pairs;
  private boolean failed;
  private boolean finished;
  /** Bytes flushed to the file so far. */
  private long flushed;
  /** Per chunk written: the byte where it starts (a chunk starts with its left row), and its first pair's number. */
  private long[] chunkStart = new long[64];
  private long[] chunkFirstPair = new long[64];
  private int chunks;

  private final long maxPairs;

  private PairSpill(Path file, FileChannel channel, long maxPairs) {
    this.file = file;
    this.channel = channel;
    this.maxPairs = maxPairs;
  }

  /** A spill in a new temporary file, or {@code null} when none can be created. */
  public static PairSpill open() {
    return open(Long.MAX_VALUE);
  }

  /**
   * As {@link #open()}, the spill failing, as on a full disk, when it would hold more than
   * {@code maxPairs} pairs (for tests of what a run does then).
   */
  public static PairSpill open(long maxPairs) {
    try {
      Path file = Files.createTempFile("linkage-pairs-", ".bin");
      file.toFile().deleteOnExit();
      return new PairSpill(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING), maxPairs);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** A chunk's sink that also gathers its pairs for the spill: {@code sink} sees every pair as before. */
  public static final class Recording<S extends PairComparer.ComparedSink> implements PairComparer.ComparedSink {
    private final S sink;
    private final CandidatePairs.Buffer chunk = new CandidatePairs.Buffer();

    /** Records what {@code sink} is given. */
    public Recording(S sink) {
      this.sink = sink;
    }

    /** The wrapped sink. */
    public S sink() {
      return sink;
    }

    /** The pairs gathered. */
    public CandidatePairs.Buffer chunk() {
      return chunk;
    }

    @Override
    public void pair(int left, int right, long pattern, int rule) {
      sink.pair(left, right, pattern, rule);
      chunk.add(left, right, pattern, rule);
    }
  }

  /** Appends {@code chunk}'s pairs after those written so far (chunks in candidate order). */
  public void write(CandidatePairs.Buffer chunk) {
    if (failed) {
      return;
    }
    if (chunk.size > maxPairs - pairs) {
      fail();
      return;
    }
    if (chunk.size == 0) {
      return;
    }
    if (chunks == chunkStart.length) {
      chunkStart = Arrays.copyOf(chunkStart, chunks * 2);
      chunkFirstPair = Arrays.copyOf(chunkFirstPair, chunks * 2);
    }
    chunkStart[chunks] = flushed + buffer.position();
    chunkFirstPair[chunks] = pairs;
    chunks++;
    lastLeft = -1; // each chunk names its first left row, so it can be read back on its own
    try {
      for (int i = 0; i < chunk.size; i++) {
        if (buffer.remaining() < MAX_RECORD) {
          flush();
        }
        int left = chunk.left[i];
        if (left != lastLeft) {
          buffer.put((byte) (chunk.rules[i] | 0x80)).putInt(left);
          lastLeft = left;
        } else {
          buffer.put(chunk.rules[i]);
        }
        buffer.putInt(chunk.right[i]).putInt(number(chunk.patterns[i]));
      }
      pairs += chunk.size;
    } catch (IOException e) {
      fail();
    }
  }

  private int number(long pattern) {
    if (pattern == Long.MIN_VALUE) { // the map's empty marker: a pattern of 16 comparisons could be it
      if (minValueNumber < 0) {
        minValueNumber = add(pattern);
      }
      return minValueNumber;
    }
    int n = numberOf.putIfAbsent(pattern, patternCount);
    if (n >= 0) {
      return n;
    }
    return add(pattern);
  }

  private int add(long pattern) {
    if (patternCount == patterns.length) {
      patterns = Arrays.copyOf(patterns, patternCount * 2);
    }
    patterns[patternCount] = pattern;
    return patternCount++;
  }

  private void flush() throws IOException {
    buffer.flip();
    flushed += buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private void fail() {
    failed = true;
    close();
  }

  /** Ends writing: afterwards {@link #replay} may be called, as often as needed. */
  public void finish() {
    if (failed || finished) {
      return;
    }
    try {
      flush();
      finished = true;
    } catch (IOException e) {
      fail();
    }
  }

  /** True when every pair was written and {@link #finish} was called: {@link #replay} gives them all. */
  public boolean complete() {
    return finished && !failed;
  }

  /** Pairs written. */
  public long pairs() {
    return pairs;
  }

  /**
   * Passes every written pair to {@code sink} in the order written, on the calling thread.
   *
   * @throws IllegalStateException unless {@link #complete}
   * @throws UncheckedIOException if the file cannot be read back
   */
  public void replay(PairComparer.ComparedSink sink) {
    if (!complete()) {
      throw new IllegalStateException("the pairs were not all written");
    }
    replay(sink, 0, pairs);
  }

  /**
   * Passes the pairs in {@code parts} contiguous runs of whole chunks, of about equal numbers of
   * pairs, each run to its own sink from {@code sinkOfPart} (called on this thread, in part order)
   * on {@code pool}, and waits for all: sinks appended in part order see every pair in the order
   * written. Reads are positional, so the runs read the file at once.
   *
   * @return the sinks, in part order
   * @throws IllegalStateException unless {@link #complete}
   */
  public <S extends PairComparer.ComparedSink> java.util.List<S> replay(java.util.concurrent.ExecutorService pool,
      int parts, java.util.function.IntFunction<S> sinkOfPart) {
    if (!complete()) {
      throw new IllegalStateException("the pairs were not all written");
    }
    int n = Math.max(1, Math.min(parts, chunks));
    java.util.List<S> sinks = new java.util.ArrayList<>();
    java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
    int chunk = 0;
    for (int part = 0; part < n; part++) {
      S sink = sinkOfPart.apply(part);
      sinks.add(sink);
      int from = chunk;
      long target = pairs * (part + 1) / n; // the part ends at the first chunk boundary past its share
      while (chunk < chunks && (part == n - 1 || chunkFirstPair[chunk] < target)) {
        chunk++;
      }
      long firstPair = from < chunks ? chunkFirstPair[from] : pairs;
      long endPair = chunk < chunks ? chunkFirstPair[chunk] : pairs;
      long start = from < chunks ? chunkStart[from] : 0;
      runs.add(pool.submit(() -> replay(sink, start, endPair - firstPair)));
    }
    for (java.util.concurrent.Future<?> run : runs) {
      org.linkage.internal.parallel.ParallelChunks.get(run);
    }
    return sinks;
  }

  /** Passes {@code count} pairs from byte {@code position} (the start of a chunk) to {@code sink}. */
  private void replay(PairComparer.ComparedSink sink, long position, long count) {
    ByteBuffer in = ByteBuffer.allocate(BUFFER);
    in.flip();
    int left = -1;
    try {
      for (long k = 0; k < count; k++) {
        if (in.remaining() < MAX_RECORD) {
          in.compact();
          int n;
          while (in.hasRemaining() && (n = channel.read(in, position)) > 0) {
            position += n;
          }
          in.flip();
        }
        byte head = in.get();
        if (head < 0) {
          left = in.getInt();
        }
        int right = in.getInt();
        long pattern = patterns[in.getInt()];
        sink.pair(left, right, pattern, head & 0x7F);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read back the compared pairs from " + file, e);
    }
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary file left behind is deleted on exit
    } finally {
      channel = null;
      file = null;
    }
  }
}
