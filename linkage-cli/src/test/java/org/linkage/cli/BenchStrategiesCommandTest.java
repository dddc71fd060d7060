package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.cli.HeadlessChromium.attribute;
import static org.linkage.cli.HeadlessChromium.bodyAttributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.model.TextbookModel;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * {@code linkage bench-strategies} on a user's own data and specs: one small generated sample as
 * CSV files, three spec files, every output format, and the HTML page in headless Chromium.
 */
class BenchStrategiesCommandTest {
  @TempDir
  static Path dir;

  static Path data;
  static String table;

  @BeforeAll
  static void benchThreeSpecs() throws Exception {
    data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(1500).seed(5).build()).writeTo(data);
    Files.writeString(dir.resolve("current.json"), "{}");
    Files.writeString(dir.resolve("strict.json"), "{\"name\": \"strict 0.99\", \"threshold\": 0.99}");
    Files.writeString(dir.resolve("cascade.json"), "{\"strategy\": \"deterministic\"}");
    table = bench(dir.resolve("run1"));
  }

  /** Runs the command into {@code out} with every output; returns stdout. */
  private static String bench(Path out, String... more) {
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("bench-strategies", "--left", data.resolve("education.csv").toString(),
        "--right", data.resolve("labour.csv").toString(), "--truth", data.resolve("truth.csv").toString(),
        "--data-name", "sample", "--spec", dir.resolve("current.json").toString(), "--spec",
        dir.resolve("strict.json").toString(), "--spec", dir.resolve("cascade.json").toString(),
        "--bootstrap", "200", "--seed", "4", "--out", out.resolve("bench.md").toString(), "--csv",
        out.resolve("bench.csv").toString(), "--json", out.resolve("bench.json").toString(), "--html",
        out.resolve("bench.html").toString()));
    args.addAll(List.of(more.length == 0 ? new String[] {"--threads", "2"} : more));
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(stdout), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return stdout.toString();
  }

  @Test
  void benchStrategies_threeSpecFiles_oneRowEachNamedByNameOrFile() {
    assertThat(table).contains("| sample | current | ", "| sample | strict 0.99 | ", "| sample | cascade | ");
    assertThat(table.lines().filter(l -> l.matches("\\| sample \\| [^|]+ \\| \\d\\.\\d{4} \\(.*"))).hasSize(3);
    assertThat(table).contains("| best |").containsPattern("\\| cascade \\|[^\\n]*\\| yes, p < 0\\.001 \\|");
    assertThat(table).contains("#### Paired tests (McNemar)", "| sample | current | cascade | ");
  }

  @Test
  void benchStrategies_noTimingsOnOneAndTwoThreads_writesByteIdenticalFiles() throws Exception {
    String one = bench(dir.resolve("one"), "--threads", "1", "--no-timings");
    String two = bench(dir.resolve("two"), "--threads", "2", "--no-timings");
    assertThat(one).isEqualTo(two).doesNotContain("time (s)", "peak heap");
    for (String f : List.of("bench.csv", "bench.json", "bench.html")) {
      assertThat(Files.readAllBytes(dir.resolve("one").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(f)));
    }
    // the Markdown files differ only in the command line they record
    assertThat(Files.readString(dir.resolve("one/bench.md")).replace("--threads 1", "--threads 2")
        .replace(dir.resolve("one").toString(), dir.resolve("two").toString()))
        .isEqualTo(Files.readString(dir.resolve("two/bench.md")));
    // and the figures are those of the run with timings
    assertThat(table).contains(one.lines().filter(l -> l.startsWith("| sample | current | strict 0.99 |")).findFirst()
        .orElseThrow());
  }

  @Test
  void benchStrategies_jsonAndCsv_holdIntervalsAndTests() throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve("run1/bench.json").toFile());
    assertThat(json.get("rows")).hasSize(3);
    assertThat(json.get("pairedTests")).hasSize(3);
    JsonNode f1 = json.get("rows").get(0).get("f1");
    assertThat(f1.get("low").asDouble()).isLessThanOrEqualTo(f1.get("value").asDouble());
    assertThat(f1.get("high").asDouble()).isGreaterThanOrEqualTo(f1.get("value").asDouble());
    assertThat(Files.readAllLines(dir.resolve("run1/bench.csv")).get(0)).startsWith("dataset,strategy,precision,");
    assertThat(Files.readString(dir.resolve("run1/bench.md"))).startsWith("# Strategy benchmark results")
        .contains("- command: `linkage bench-strategies --left ");
  }

  @Test
  void benchHtml_inHeadlessChromium_rendersChartsWithoutScriptErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find(dir);
    Path page = dir.resolve("run1/bench.html");
    String dom = chromium.dumpDom(page);
    String body = bodyAttributes(dom);
    assertThat(attribute(body, "data-errors")).as("script errors").isEmpty();
    assertThat(attribute(body, "data-rendered")).isEqualTo("ok");
    assertThat(attribute(body, "data-charts")).isEqualTo("2");
    assertThat(dom).contains("data-chart=\"f1-1\"", "data-chart=\"time-f1-1\"", "strict 0.99");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("https://", "<link ", "src=\"http", "@import");

    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, HeadlessChromium.stripMarks(html, "f1-1")
        .replace("</body>", "<script>functionThatDoesNotExist();</script></body>"), StandardCharsets.UTF_8);
    String brokenBody = bodyAttributes(chromium.dumpDom(broken));
    assertThat(attribute(brokenBody, "data-errors")).contains("functionThatDoesNotExist");
    assertThat(attribute(brokenBody, "data-rendered")).isEqualTo("incomplete");
  }

  @Test
  void benchStrategies_withModel_linksWithItInsteadOfTraining() throws Exception {
    // a textbook model with a vanishing prior: almost nothing reaches the threshold by score alone
    Path model = dir.resolve("hopeless-model.json");
    Files.writeString(model, (TextbookModel.of(LinkageSpec.personDefaults().comparisons(), 1e-12)).toJson());
    Files.writeString(dir.resolve("fs.json"), "{\"strategy\": \"probabilistic\"}");
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"bench-strategies", "--left", data.resolve("education.csv").toString(),
        "--right", data.resolve("labour.csv").toString(), "--truth", data.resolve("truth.csv").toString(),
        "--data-name", "sample", "--spec", dir.resolve("fs.json").toString(), "--model", model.toString(),
        "--threads", "2", "--bootstrap", "50"}, new PrintWriter(stdout), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    // trained, this spec recalls over 0.95 of the sample (see the 'current' row of the other runs)
    assertThat(stdout.toString()).containsPattern("\\| sample \\| fs \\| [01]\\.\\d{4} \\([^)]*\\) \\| 0\\.[0-8]\\d{3} ");
  }

  @Test
  void benchStrategies_badOptions_exitTwoWithOneLine() throws Exception {
    String spec = dir.resolve("current.json").toString();
    assertUsageError(List.of("--left", "a.csv", "--spec", spec), "--left, --right and --truth go together");
    assertUsageError(List.of("--spec", spec, "--model", "a.json", "--model", "b.json", "--datasets", "generated-1k"),
        "--model: give one model for all --spec files or one per --spec (1), not 2");
    assertUsageError(List.of("--spec", spec, "--datasets", "generated-lots"), "--datasets: unknown data set");
    assertUsageError(List.of("--spec", dir.resolve("missing.json").toString()), "spec file not found");
    assertUsageError(List.of("--spec", spec, "--spec", spec, "--datasets", "generated-1k"),
        "two strategy names (rename a spec with \"name\") are 'current'");
  }

  @Test
  void benchStrategies_unwritableOutput_exitsFourBeforeRunning() {
    StringWriter err = new StringWriter();
    // the parent of the CSV is a file: checked before any data set is loaded
    int code = Main.run(new String[] {"bench-strategies", "--spec", dir.resolve("current.json").toString(),
        "--datasets", "generated-100k", "--csv", dir.resolve("current.json").resolve("bench.csv").toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).as(err.toString()).isEqualTo(4);
    assertThat(err.toString()).contains("bench.csv: cannot be written").doesNotContain("loading").hasLineCount(1);
  }

  private static void assertUsageError(List<String> args, String message) {
    List<String> all = new ArrayList<>(List.of("bench-strategies"));
    all.addAll(args);
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains(message).doesNotContain("\tat ").hasLineCount(1);
  }
}
