package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: every file of the hostile-CSV corpus, given to {@code linkage link} as the left file,
 * ends with the exit code its README documents; when the run succeeds, every row is accounted for
 * (linked + unmatched + rejected = rows read) and {@code rejected.csv} has one line per bad row; no
 * message repeats a marker value from the file.
 */
class HostileCorpusCliTest {
  private static final Path CORPUS = corpus();
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| .* \\| (.+) \\|$");
  private static final Pattern RESULT = Pattern.compile("rows=(\\d+) rejected=(\\d+)");
  private static final Pattern FAILURE = Pattern.compile("(\\w+) exit=(\\d)");
  private static final List<String> MARKERS = List.of("Zebedee", "Marigold", "Ottoline");

  @TempDir
  static Path tmp;

  private static Path corpus() {
    Path p = Path.of("..", "linkage-core", "src", "test", "resources", "hostile-csv");
    return Files.isDirectory(p) ? p : Path.of("linkage-core", "src", "test", "resources", "hostile-csv");
  }

  @TestFactory
  Stream<DynamicTest> link_eachCorpusFile_documentedExitCodeAndConservation() throws IOException {
    Path right = tmp.resolve("right.csv");
    Files.writeString(right, "id,forename,surname,dob,sex,postcode\n"
        + "r1,anna,brook,1990-01-02,F,SW1A 1AA\nr2,ben,carter,1985-03-04,M,M1 1AE\n");
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String file = m.group(1);
        String outcome = m.group(2);
        tests.add(DynamicTest.dynamicTest(file, () -> check(file, outcome, right)));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(25);
    return tests.stream();
  }

  private static void check(String file, String outcome, Path right) throws IOException {
    Path out = tmp.resolve("out-" + file);
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"link", "--left", CORPUS.resolve(file).toString(), "--right", right.toString(),
        "--out", out.toString(), "--threads", "1"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    for (String marker : MARKERS) {
      assertThat(err.toString()).doesNotContain(marker);
    }
    Matcher failure = FAILURE.matcher(outcome);
    if (failure.matches()) {
      assertThat(code).as("exit code of %s (%s)", file, err).isEqualTo(Integer.parseInt(failure.group(2)));
      assertThat(err.toString()).contains(file);
      assertThat(out.resolve("links.csv")).doesNotExist();
      return;
    }
    Matcher result = RESULT.matcher(outcome);
    assertThat(result.matches()).as("outcome grammar: %s", outcome).isTrue();
    int rows = Integer.parseInt(result.group(1));
    int rejected = Integer.parseInt(result.group(2));
    assertThat(code).as("exit code of %s (%s)", file, err).isZero();
    List<String> rejections = Files.readAllLines(out.resolve("rejected.csv"), StandardCharsets.UTF_8);
    assertThat(rejections).hasSize(1 + rejected);
    for (String marker : MARKERS) {
      assertThat(String.join("\n", rejections)).doesNotContain(marker);
      assertThat(Files.readString(out.resolve("report.json"))).doesNotContain(marker);
    }
    JsonNode left = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("records").path("left");
    assertThat(left.path("linked").asLong() + left.path("unmatched").asLong() + left.path("rejected").asLong())
        .as("linked + unmatched + rejected of %s", file).isEqualTo(rows);
    assertThat(left.path("rejected").asLong()).isEqualTo(rejected);
  }
}
