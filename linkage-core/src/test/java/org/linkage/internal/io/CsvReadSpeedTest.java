package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;

/**
 * A coarse wall-clock check of read speed on 1.5 million person rows (8 short columns). Not a
 * benchmark (see linkage-bench for those): it guards against a reader that is orders of magnitude
 * too slow. Off by default; run with
 * {@code mvn -B -pl linkage-core test -Dtest=CsvReadSpeedTest -Dlinkage.speed=true}.
 */
class CsvReadSpeedTest {
  private static final int ROWS = 1_500_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @TempDir Path dir;

  @Test
  void read_1500000Rows_underTenCpuSeconds() throws IOException {
    assumeTrue(Boolean.getBoolean("linkage.speed"), "set -Dlinkage.speed=true to run");
    Path file = dir.resolve("people.csv");
    String[] names = {"olivia", "amelia", "isla", "ava", "noah", "oliver", "george", "arthur", "muhammad", "leo"};
    String[] surnames = {"smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies"};
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,forename,middle_name,surname,dob,sex,postcode,nino\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("p" + i + "," + names[random.nextInt(names.length)] + "," + names[random.nextInt(names.length)]
            + "," + surnames[random.nextInt(surnames.length)] + "," + (1950 + random.nextInt(60)) + "-0"
            + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "," + (random.nextBoolean() ? "m" : "f")
            + ",AB" + random.nextInt(100) + " " + random.nextInt(10) + "CD,QQ" + (100000 + random.nextInt(900000))
            + "C\n");
      }
    }
    CsvTableReader reader = CsvTableReader.create("id", List.of(
        ColumnSpec.of("forename", ColumnType.NAME), ColumnSpec.of("middle_name", ColumnType.NAME),
        ColumnSpec.of("surname", ColumnType.NAME), ColumnSpec.of("dob", ColumnType.DATE),
        ColumnSpec.of("sex", ColumnType.SEX), ColumnSpec.of("postcode", ColumnType.POSTCODE),
        ColumnSpec.of("nino", ColumnType.NINO)), CsvOptions.defaults());

    ReadResult result = null;
    for (int run = 1; run <= 3; run++) { // the first run includes JIT warm-up
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      result = reader.read(file);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      System.err.printf("CsvReadSpeedTest: run %d read %,d rows (%,d bytes) in %,d ms wall, %,d ms reader-thread CPU%n",
          run, result.rowsRead(), Files.size(file), millis, cpuMillis);
      // CPU time of the reading thread, not wall time: stable on a shared, busy machine.
      assertThat(cpuMillis).isLessThan(10_000);
    }
    assertThat(result.table().size()).isEqualTo(ROWS);
    assertThat(result.rejections()).isEmpty();
  }
}
