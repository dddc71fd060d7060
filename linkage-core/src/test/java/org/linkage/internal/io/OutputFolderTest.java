package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;

/** The output folder is replaced as one set; failures and kills leave the earlier run whole. */
class OutputFolderTest {
  @TempDir
  Path tmp;

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void run(Path out, String... files) throws IOException {
    try (OutputFolder f = OutputFolder.prepare(out)) {
      for (String name : files) {
        Files.writeString(f.staging().resolve(name), name + " of this run");
      }
      f.publish();
    }
  }

  @Test
  void publish_secondRunWritesFewerFiles_staleFilesGone() throws IOException {
    Path out = tmp.resolve("r");
    run(out, "links.csv", "persons.csv", "model.json");
    run(out, "links.csv", "report.json");
    assertThat(names(out)).containsExactly("links.csv", "report.json");
    assertThat(siblings()).containsExactly("r");
  }

  @Test
  void close_withoutPublish_earlierRunKeptAndNoLeftovers() throws IOException {
    Path out = tmp.resolve("r");
    run(out, "links.csv");
    try (OutputFolder f = OutputFolder.prepare(out)) {
      Files.writeString(f.staging().resolve("links.csv"), "half");
      assertThat(f.staging().getParent()).isEqualTo(out.toAbsolutePath().getParent());
    }
    assertThat(Files.readString(out.resolve("links.csv"))).isEqualTo("links.csv of this run");
    assertThat(siblings()).containsExactly("r");
  }

  @Test
  void prepare_killedBetweenTheRenames_earlierRunRestored() throws IOException {
    Path old = Files.createDirectory(tmp.resolve(".r.old-1234"));
    Files.writeString(old.resolve("links.csv"), "old");
    Path staged = Files.createDirectory(tmp.resolve(".r.tmp-5678"));
    Files.writeString(staged.resolve("links.csv"), "new, never published");
    try (OutputFolder f = OutputFolder.prepare(tmp.resolve("r"))) {
      assertThat(Files.readString(tmp.resolve("r/links.csv"))).isEqualTo("old");
    }
    assertThat(siblings()).containsExactly("r");
  }

  @Test
  void prepare_killedWhileDeletingOldRun_oldCopyRemoved() throws IOException {
    run(tmp.resolve("r"), "links.csv");
    Files.createDirectory(tmp.resolve(".r.old-1234"));
    OutputFolder.prepare(tmp.resolve("r")).close();
    assertThat(siblings()).containsExactly("r");
    assertThat(Files.readString(tmp.resolve("r/links.csv"))).isEqualTo("links.csv of this run");
  }

  @Test
  void prepare_folderHoldsForeignFile_refusedNamingIt() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("r"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> OutputFolder.prepare(out)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("notes.txt");
    assertThat(siblings()).containsExactly("r");
  }

  @Test
  void prepare_emptyOrCurrentFolder_refused() {
    assertThatThrownBy(() -> OutputFolder.prepare(Path.of(""))).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> OutputFolder.prepare(Path.of("."))).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("current folder");
  }

  @Test
  void prepare_aFileNotAFolder_outputException() throws IOException {
    Path file = Files.writeString(tmp.resolve("r"), "x");
    assertThatThrownBy(() -> OutputFolder.prepare(file)).isInstanceOf(OutputException.class)
        .hasMessageContaining("not a folder");
  }

  @Test
  void prepare_anotherRunHoldsTheFolder_outputException() {
    Path out = tmp.resolve("r");
    try (OutputFolder first = OutputFolder.prepare(out)) {
      assertThatThrownBy(() -> OutputFolder.prepare(out)).isInstanceOf(OutputException.class)
          .hasMessageContaining("another linkage run");
    }
  }

  @Test
  void publish_afterClose_refusedAndNothingPublished() throws IOException {
    Path out = tmp.resolve("r");
    OutputFolder f = OutputFolder.prepare(out);
    f.close();
    assertThatThrownBy(f::publish).isInstanceOf(OutputException.class);
    assertThat(out).doesNotExist();
  }
}
