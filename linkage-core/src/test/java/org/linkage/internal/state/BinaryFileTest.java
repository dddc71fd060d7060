package org.linkage.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InputException;

class BinaryFileTest {
  @TempDir
  Path dir;

  @Test
  void readBack_arraysLargerThanOneCopyTask_sameElementsInOrder() throws Exception {
    Random random = new Random(7);
    int n = 3 * (1 << 18) + 12_345; // copied in several parts on the common pool, the last one short
    int[] ints = random.ints(n).toArray();
    long[] longs = random.longs(n).toArray();
    char[] chars = new char[n];
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
    }
    random.nextBytes(bytes);
    Path file = dir.resolve("f.bin");
    try (BinaryFile.Out out = new BinaryFile.Out(file, "LKTEST01")) {
      out.putInt(7); // arrays at an odd offset too
      out.bytes(new byte[] {1}, 0, 1);
      out.ints(ints, 0, n);
      out.longs(longs, 0, n);
      out.chars(chars, 0, n);
      out.bytes(bytes, 0, n);
      out.ints(ints, 5, 9);
    }
    BinaryFile.In in = new BinaryFile.In(file, "LKTEST01");
    assertThat(in.getInt()).isEqualTo(7);
    assertThat(in.bytes(1)).containsExactly(1);
    assertThat(in.ints(n)).isEqualTo(ints);
    assertThat(in.longs(n)).isEqualTo(longs);
    assertThat(in.chars(n)).isEqualTo(chars);
    assertThat(in.bytes(n)).isEqualTo(bytes);
    assertThat(in.ints(4)).containsExactly(ints[5], ints[6], ints[7], ints[8]);
    in.end();

    byte[] damaged = Files.readAllBytes(file);
    damaged[damaged.length / 3] ^= 1;
    Files.write(file, damaged);
    assertThatThrownBy(() -> new BinaryFile.In(file, "LKTEST01")).isInstanceOf(InputException.class)
        .hasMessageContaining("checksum");
  }
}
