package org.linkage.internal.state;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.linkage.error.InputException;

/**
 * A state file: an 8-byte magic naming its kind, a body of primitives (little-endian) written in
 * bulk, and a CRC-32C of everything before it, so a damaged or truncated file is refused by name
 * rather than read as wrong codes. Reading maps the file and checks the checksum first (CRC-32C,
 * which the JVM computes with the processor's instruction: a tenth of a second less per read of
 * a million-learner segment than CRC-32 under the client compiler).
 */
final class BinaryFile {
  private BinaryFile() {}

  /** Writes a state file through a 1 MB buffer; not thread-safe. */
  static final class Out implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();

    Out(Path file, String magic) throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
      if (m.length != 8) {
        throw new IllegalArgumentException("magic must be 8 bytes: " + magic);
      }
      bytes(m, 0, m.length);
    }

    private void room(int n) throws IOException {
      if (buffer.remaining() < n) {
        flush();
      }
    }

    private void flush() throws IOException {
      buffer.flip();
      crc.update(buffer.duplicate());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    void putInt(int v) throws IOException {
      room(4);
      buffer.putInt(v);
    }

    void putLong(long v) throws IOException {
      room(8);
      buffer.putLong(v);
    }

    void ints(int[] a, int from, int to) throws IOException {
      for (int i = from; i < to; ) {
        room(4);
        int n = Math.min(to - i, buffer.remaining() / 4);
        buffer.asIntBuffer().put(a, i, n);
        buffer.position(buffer.position() + n * 4);
        i += n;
      }
    }

    void longs(long[] a, int from, int to) throws IOException {
      for (int i = from; i < to; ) {
        room(8);
        int n = Math.min(to - i, buffer.remaining() / 8);
        buffer.asLongBuffer().put(a, i, n);
        buffer.position(buffer.position() + n * 8);
        i += n;
      }
    }

    void chars(char[] a, int from, int to) throws IOException {
      for (int i = from; i < to; ) {
        room(2);
        int n = Math.min(to - i, buffer.remaining() / 2);
        buffer.asCharBuffer().put(a, i, n);
        buffer.position(buffer.position() + n * 2);
        i += n;
      }
    }

    void bytes(byte[] a, int from, int to) throws IOException {
      for (int i = from; i < to; ) {
        room(1);
        int n = Math.min(to - i, buffer.remaining());
        buffer.put(a, i, n);
        i += n;
      }
    }

    /** Appends the checksum and closes the file. */
    @Override
    public void close() throws IOException {
      try {
        flush();
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).flip();
        while (tail.hasRemaining()) {
          channel.write(tail);
        }
      } finally {
        channel.close();
      }
    }
  }

  /** A state file read back whole, its checksum verified; reads fail as {@link InputException} naming the file. */
  static final class In {
    /** Elements of an array copied per task: larger arrays are copied on several threads. */
    private static final int PARALLEL_ELEMENTS = 1 << 18;

    private final Path file;
    private final ByteBuffer buffer;

    In(Path file, String magic) {
      this.file = file;
      ByteBuffer b;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        if (size < 16 || size > Integer.MAX_VALUE) {
          throw damaged(size < 16 ? "too short" : "larger than 2 GB");
        }
        b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
      } catch (NoSuchFileException e) {
        throw new InputException(file + ": file of the state not found", e);
      } catch (IOException e) {
        throw new InputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
      }
      int bodyEnd = b.limit() - 8;
      CRC32C crc = new CRC32C();
      crc.update(b.duplicate().limit(bodyEnd));
      if (crc.getValue() != b.getLong(bodyEnd)) {
        throw damaged("checksum mismatch");
      }
      byte[] m = new byte[8];
      b.get(m);
      if (!magic.equals(new String(m, StandardCharsets.US_ASCII))) {
        throw damaged("not a " + magic.trim() + " file");
      }
      b.limit(bodyEnd);
      this.buffer = b;
    }

    InputException damaged(String why) {
      return new InputException(file + ": damaged state file (" + why + "); restore it or save the state again");
    }

    int getInt() {
      try {
        return buffer.getInt();
      } catch (BufferUnderflowException e) {
        throw damaged("truncated");
      }
    }

    /** A count or length: non-negative and at most {@code max}. */
    int count(long max) {
      int n = getInt();
      if (n < 0 || n > max) {
        throw damaged("a count out of range");
      }
      return n;
    }

    int[] ints(int n) {
      check(4L * n);
      int[] a = new int[n];
      copy(n, 4, (b, from, to) -> b.asIntBuffer().get(a, from, to - from));
      return a;
    }

    /** The next {@code n} ints as a read-only view of the mapped file: nothing copied to the heap. */
    java.nio.IntBuffer intView(int n) {
      check(4L * n);
      int start = buffer.position();
      java.nio.IntBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(start).limit(start + 4 * n)
          .slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().asReadOnlyBuffer();
      buffer.position(start + 4 * n);
      return view;
    }

    long[] longs(int n) {
      check(8L * n);
      long[] a = new long[n];
      copy(n, 8, (b, from, to) -> b.asLongBuffer().get(a, from, to - from));
      return a;
    }

    char[] chars(int n) {
      check(2L * n);
      char[] a = new char[n];
      copy(n, 2, (b, from, to) -> b.asCharBuffer().get(a, from, to - from));
      return a;
    }

    byte[] bytes(int n) {
      check(n);
      byte[] a = new byte[n];
      copy(n, 1, (b, from, to) -> b.get(a, from, to - from));
      return a;
    }

    /** Copies elements {@code from .. to} of an array from {@code b}, positioned at element {@code from}. */
    private interface Part {
      void copy(ByteBuffer b, int from, int to);
    }

    /**
     * The next {@code n} elements of {@code width} bytes, copied by {@code part}: a large array in
     * parts on the common pool (most of reading a state is the first touch of the mapped file's and
     * the new array's pages, which the processors then share), a small one here.
     */
    private void copy(int n, int width, Part part) {
      int start = buffer.position();
      if (n < PARALLEL_ELEMENTS) {
        part.copy(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0, n);
      } else {
        int parts = (n + PARALLEL_ELEMENTS - 1) / PARALLEL_ELEMENTS;
        java.util.stream.IntStream.range(0, parts).parallel().forEach(i -> {
          int from = i * PARALLEL_ELEMENTS;
          int to = Math.min(n, from + PARALLEL_ELEMENTS);
          ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
          b.position(start + from * width);
          part.copy(b, from, to);
        });
      }
      buffer.position(start + n * width);
    }

    private void check(long n) {
      if (n > buffer.remaining()) {
        throw damaged("truncated");
      }
    }

    /** Refuses trailing bytes: the file must end where its counts say. */
    void end() {
      if (buffer.hasRemaining()) {
        throw damaged("unexpected bytes at the end");
      }
    }
  }
}
