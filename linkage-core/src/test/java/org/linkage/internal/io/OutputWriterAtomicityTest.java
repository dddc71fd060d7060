package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.OutputException;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.record.RecordTable;
import org.linkage.internal.output.OutputWriter;

/** Issue 10: outputs appear whole or not at all; a failed write leaves no complete-looking links.csv. */
class OutputWriterAtomicityTest {
  @TempDir
  Path tmp;

  private static LinkageResult result() {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build();
    RecordTable left = RecordTable.builder("l.csv", spec.columns())
        .add("L1", new String[] {"ann", null, "lee", "1990-01-02", "f", null, "AB123456C"}, 2).build();
    RecordTable right = RecordTable.builder("r.csv", spec.columns())
        .add("R1", new String[] {"ann", null, "lee", "1990-01-02", "f", null, "AB123456C"}, 2).build();
    return Linker.create(spec).withThreads(1).link(left, right);
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
    }
  }

  @Test
  void write_failureMidway_noLinksFileAndNoTemporaryFolderLeft() throws IOException {
    Path out = tmp.resolve("run");
    // a name inside a missing sub-folder cannot be written: the write fails after links.csv was staged
    assertThatThrownBy(() -> OutputWriter.write(out, result(), List.of(), List.of(), null,
        Map.of("missing/report.html", "x"))).isInstanceOf(OutputException.class).hasMessageContaining("run");
    assertThat(out.resolve("links.csv")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void write_failureAfterEarlierRun_earlierOutputsUntouched() throws IOException {
    Path out = tmp.resolve("run");
    OutputWriter.write(out, result(), List.of(), List.of(), null, Map.of());
    String before = Files.readString(out.resolve("links.csv"));
    assertThat(before).contains("L1,R1");
    Files.writeString(out.resolve("links.csv"), before + "marker\n");
    assertThatThrownBy(() -> OutputWriter.write(out, result(), List.of(), List.of(), null,
        Map.of("missing/report.html", "x"))).isInstanceOf(OutputException.class);
    assertThat(Files.readString(out.resolve("links.csv"))).endsWith("marker\n");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void write_success_allFilesInPlaceNoTemporaryFolder() throws IOException {
    Path out = tmp.resolve("run");
    OutputWriter.write(out, result(), List.of(), List.of(), null, Map.of("report.html", "<html></html>"));
    assertThat(out.resolve("links.csv")).exists();
    assertThat(out.resolve("unmatched_left.csv")).exists();
    assertThat(out.resolve("unmatched_right.csv")).exists();
    assertThat(out.resolve("rejected.csv")).exists();
    assertThat(out.resolve("report.json")).exists();
    assertThat(out.resolve("report.html")).exists();
    assertThat(leftovers()).isEmpty();
  }
}
