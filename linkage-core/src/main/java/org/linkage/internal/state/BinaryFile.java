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
import java.util.zip.CRC32;
import org.linkage.error.InputException;

/**
 * A state file: an 8-byte magic naming its kind, a body of primitives (little-endian) written in
 * bulk, and a CRC-32 of everything before it, so a damaged or truncated file is refused by name
 * rather than read as wrong codes. Reading maps the file and checks the checksum first.
 */
final class BinaryFile {
  private BinaryFile() {}

  /** Writes a state file through a 1 MB buffer; not thread-safe. */
  static final class Out implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 crc = new CRC32();

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
      CRC32 crc = new CRC32();
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
      buffer.asIntBuffer().get(a);
      buffer.position(buffer.position() + 4 * n);
      return a;
    }

    long[] longs(int n) {
      check(8L * n);
      long[] a = new long[n];
      buffer.asLongBuffer().get(a);
      buffer.position(buffer.position() + 8 * n);
      return a;
    }

    char[] chars(int n) {
      check(2L * n);
      char[] a = new char[n];
      buffer.asCharBuffer().get(a);
      buffer.position(buffer.position() + 2 * n);
      return a;
    }

    byte[] bytes(int n) {
      check(n);
      byte[] a = new byte[n];
      buffer.get(a);
      return a;
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
