package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} naming a file fails at once, before reading or linking, and leaves the file alone; paths are named as given. */
class OutFolderTest {
  @Test
  void link_outIsAFile_exit4BeforeReading(@TempDir Path dir) throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# keep me\n");

    // the inputs do not exist: reaching them would exit 3, so exit 4 shows the check came first
    CliEndToEndTest.Run r = CliEndToEndTest.cli("link", "--left", dir.resolve("none-a.csv").toString(),
        "--right", dir.resolve("none-b.csv").toString(), "--out", readme.toString());

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains(readme + " exists and is not a folder").doesNotContain("read ");
    assertThat(Files.readString(readme)).isEqualTo("# keep me\n");
  }

  @Test
  void evaluate_missingLinks_messageNamesThePathAsGiven(@TempDir Path dir) {
    Path links = dir.resolve("febrl").resolve("links.csv");

    CliEndToEndTest.Run r = CliEndToEndTest.cli("evaluate", "--links", links.toString(), "--truth", links.toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains(links + ": file not found");
  }
}
