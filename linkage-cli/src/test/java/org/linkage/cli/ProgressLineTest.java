package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr (in place on a terminal, plain lines otherwise, none with --quiet) and the summary on stdout. */
class ProgressLineTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    assertThat(CliEndToEndTest.cli("generate", "--learners", "1500", "--seed", "2", "--out", dir.resolve("data").toString())
        .exit()).isZero();
  }

  private static String rendered(boolean inPlace, long periodMillis, ThrowingBody body) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, inPlace,
        periodMillis)) {
      body.run(line);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingBody {
    void run(ProgressLine line) throws Exception;
  }

  @Test
  void status_countedStage_showsCountPercentRateAndEstimate() throws Exception {
    String out = rendered(false, 60_000, line -> {
      line.started("compare", 100_000, "records");
      line.advanced("compare", 40_960);
      long now = System.nanoTime();
      assertThat(line.status(now)).matches("compare: 40,960 / 100,000 records \\(41%\\), [\\d,]+ records/s, "
          + "[\\d.]+ s, ~[\\d.:]+ (s|min) left \\(run [\\d.]+ s\\)");
      line.finished("compare", "compared 123 candidate pairs");
    });
    assertThat(out).matches("compared 123 candidate pairs \\([\\d.]+ s\\)\\R");
  }

  @Test
  void status_uncountedStage_showsElapsed() throws Exception {
    rendered(false, 60_000, line -> {
      line.started("train", 0, null);
      assertThat(line.status(System.nanoTime())).matches("train: [\\d.]+ s elapsed \\(run [\\d.]+ s\\)");
    });
  }

  @Test
  void finished_inPlace_overwritesTheLineThenEndsIt() throws Exception {
    String out = rendered(true, 60_000, line -> {
      line.started("read", 2_000_000, "bytes");
      line.advanced("read", 1_000_000);
      line.finished("read", "read 10 rows of x.csv");
    });
    assertThat(out).startsWith("\rread: 0.0 / 2.0 MB (0%), ").contains("\rread 10 rows of x.csv (").endsWith("\n");
    assertThat(out.split("\n")).hasSize(1);
  }

  @Test
  void plainMode_longStage_printsPeriodicLines() throws Exception {
    String out = rendered(false, 20, line -> {
      line.started("compare", 10, "records");
      line.advanced("compare", 5);
      Thread.sleep(200);
      line.finished("compare", "compared 7 candidate pairs");
    });
    assertThat(out).doesNotContain("\r").contains("compare: 5 / 10 records (50%)").contains("compared 7 candidate pairs");
  }

  @Test
  void link_json_summaryOnStdoutProgressOnStderr() throws Exception {
    Path data = dir.resolve("data");
    CliEndToEndTest.Run r = CliEndToEndTest.cli("link", "--left", data.resolve("education.csv").toString(), "--right",
        data.resolve("labour.csv").toString(), "--out", dir.resolve("json").toString(), "--json", "--threads", "2");

    assertThat(r.exit()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("command").asText()).isEqualTo("link");
    assertThat(summary.get("links").asInt()).isPositive();
    assertThat(summary.get("unmatchedLeft").asInt() + summary.get("links").asInt())
        .isEqualTo(summary.get("leftRecords").asInt());
    assertThat(r.err()).containsSubsequence("read ", "normalised ", "compared ", "trained", "accepted ", "wrote the outputs");
  }

  @Test
  void link_quiet_noProgressButSummary() {
    Path data = dir.resolve("data");
    CliEndToEndTest.Run r = CliEndToEndTest.cli("link", "--left", data.resolve("education.csv").toString(), "--right",
        data.resolve("labour.csv").toString(), "--out", dir.resolve("quiet").toString(), "--quiet");

    assertThat(r.exit()).isZero();
    assertThat(r.err()).doesNotContain("read ", "normalised", "compared", "wrote");
    assertThat(r.out()).startsWith("linked ").contains(" links ").contains("outputs in");
  }

  @Test
  void dedup_summaryOnStdout_countsDuplicateLinks() {
    CliEndToEndTest.Run r = CliEndToEndTest.cli("dedup", "--input", dir.resolve("data").resolve("education.csv").toString(),
        "--out", dir.resolve("dedup").toString(), "--quiet");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).matches("(?s)deduplicated \\d+ records: \\d+ duplicate links \\{.*\\}; alone in their person \\d+; "
        + ".*outputs in .*\\Rpersons: \\d+ .*");
  }

  @Test
  void explain_truePair_waterfallOnStdoutProgressOnStderr() throws Exception {
    Path data = dir.resolve("data");
    String[] pair = java.nio.file.Files.readAllLines(data.resolve("truth.csv")).get(1).split(",");

    CliEndToEndTest.Run r = CliEndToEndTest.cli("explain", "--left", data.resolve("education.csv").toString(),
        "--right", data.resolve("labour.csv").toString(), "--left-id", pair[0], "--right-id", pair[1]);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("prior").contains("match weight").containsPattern("(not )?linked in this run");
    assertThat(r.err()).containsSubsequence("read ", "compared ", "trained");
  }
}
