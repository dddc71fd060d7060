package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

/**
 * The CLI contract (README.md, docs/input-files.md) on generated data: generate, link (twice, 1 and 2 threads), evaluate.
 * Values planted in the input must never reach stderr or the non-data outputs.
 */
class CliEndToEndTest {
  /** A surname no generator produces, planted in a good row, a row with a bad date and a short row. */
  static final String PLANTED = "Qwxzorbelly";
  static final String PLANTED_DOB = "1987-13-45x";
  static final List<String> OUTPUTS = List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv",
      "rejected.csv", "model.json", "report.json");

  @TempDir
  static Path dir;
  static Path data;
  static Run generate;
  static Run link1;
  static Run link2;
  static Run evaluate;

  /** Exit code, the err writer's text plus whatever went to System.err, and stdout. */
  record Run(int exit, String err, String out) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream realErr = System.err;
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.setErr(realErr);
    }
    return new Run(code, err + sysErr.toString(StandardCharsets.UTF_8), out.toString());
  }

  @BeforeAll
  static void generateLinkEvaluate() throws Exception {
    data = dir.resolve("data");
    generate = cli("generate", "--learners", "3000", "--seed", "5", "--out", data.toString());
    Path edu = data.resolve("education.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(edu));
    // header: id,forename,middle_name,surname,dob,sex,postcode,nino,source,academic_year
    lines.add("PLANT1,Ann,," + PLANTED + ",1990-01-01,f,SW1A 1AA,,school_census,2005");
    lines.add("PLANT2,Ann,," + PLANTED + "," + PLANTED_DOB + ",f,SW1A 1AA,,school_census,2005");
    lines.add("PLANT3,Ann," + PLANTED);
    Files.write(edu, lines);
    link1 = cli("link", "--left", edu.toString(), "--right", data.resolve("labour.csv").toString(),
        "--out", dir.resolve("out1").toString(), "--threads", "1");
    link2 = cli("link", "--left", edu.toString(), "--right", data.resolve("labour.csv").toString(),
        "--out", dir.resolve("out2").toString(), "--threads", "2");
    evaluate = cli("evaluate", "--links", dir.resolve("out1/links.csv").toString(),
        "--truth", data.resolve("truth.csv").toString());
  }

  @Test
  void linkDryRun_generatedFiles_printsEstimateAndWritesNothing() {
    Path out = dir.resolve("dry");
    Run dry = cli("link", "--dry-run", "--left", data.resolve("education.csv").toString(), "--right",
        data.resolve("labour.csv").toString(), "--out", out.toString());

    assertThat(dry.exit()).as(dry.err()).isEqualTo(0);
    // the rows as counted by lines: the three planted rows included
    assertThat(dry.out()).contains(String.format(java.util.Locale.ROOT, "%,d left", link1ReadLeft()))
        .contains("blocking index").contains("estimated peak heap").contains("-Xmx");
    assertThat(dry.out()).doesNotContain(PLANTED);
    assertThat(Files.exists(out)).isFalse();
  }

  private static long link1ReadLeft() {
    try {
      return Files.readAllLines(data.resolve("education.csv")).size() - 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void generate_writesEducationLabourTruth() {
    assertThat(generate.exit()).as(generate.err()).isZero();
    assertThat(data.resolve("education.csv")).exists();
    assertThat(data.resolve("labour.csv")).exists();
    assertThat(data.resolve("truth.csv")).exists();
  }

  @Test
  void link_exitZeroAndAllSixOutputs() {
    assertThat(link1.exit()).as(link1.err()).isZero();
    assertThat(link2.exit()).as(link2.err()).isZero();
    for (String f : OUTPUTS) {
      assertThat(dir.resolve("out1").resolve(f)).exists();
    }
    // stdout holds only the run's summary; progress, notes and warnings go to stderr
    assertThat(link1.out()).matches("linked \\d+ records: \\d+ links \\{.*\\}; unmatched left \\d+, right \\d+; .*outputs in .*\\R");
  }

  @Test
  void link_linksHeader_exactlyAsContracted() throws Exception {
    String first = Files.readAllLines(dir.resolve("out1/links.csv")).get(0);
    assertThat(first).isEqualTo("left_id,right_id,match_probability,match_weight,method,probability_given_competitors");
  }

  @Test
  void link_generatedData_meetsQualityFloor() {
    Evaluation e = Evaluation.of(PairSet.read(dir.resolve("out1/links.csv")), PairSet.read(data.resolve("truth.csv")));
    assertThat(e.f1()).as(e.summary()).isGreaterThanOrEqualTo(0.95);
    assertThat(e.precision()).as(e.summary()).isGreaterThanOrEqualTo(0.99);
    assertThat(evaluate.exit()).isZero();
    assertThat(evaluate.out()).contains(e.summary());
  }

  @Test
  void link_report_everyRowLinkedUnmatchedOrRejected() throws Exception {
    JsonNode report = new ObjectMapper().readTree(dir.resolve("out1/report.json").toFile());
    JsonNode inputs = report.get("inputs");
    assertThat(inputs).hasSize(2);
    String[] sides = {"left", "right"};
    for (int s = 0; s < 2; s++) {
      JsonNode rec = report.get("records").get(sides[s]);
      long sum = rec.get("linked").asLong() + rec.get("unmatched").asLong() + rec.get("rejected").asLong();
      assertThat(sum).as(sides[s]).isEqualTo(inputs.get(s).get("rowsRead").asLong());
    }
    assertThat(report.get("records").get("left").get("rejected").asLong()).isEqualTo(2); // PLANT2, PLANT3
    long rows = Files.readAllLines(dir.resolve("out1/links.csv")).size() - 1;
    assertThat(report.get("records").get("left").get("linked").asLong()).isEqualTo(rows);
    long unmatched = Files.readAllLines(dir.resolve("out1/unmatched_left.csv")).size() - 1;
    assertThat(report.get("records").get("left").get("unmatched").asLong()).isEqualTo(unmatched);
  }

  @Test
  void link_oneAndTwoThreads_byteIdenticalOutputs() throws Exception {
    for (String f : List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv", "model.json", "rejected.csv")) {
      assertThat(Files.readAllBytes(dir.resolve("out2").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("out1").resolve(f)));
    }
  }

  @Test
  void link_plantedValues_neverInStderrOrReports() throws Exception {
    for (Run r : List.of(link1, link2, evaluate)) {
      assertThat(r.err()).doesNotContainIgnoringCase(PLANTED).doesNotContain(PLANTED_DOB);
    }
    for (String f : List.of("rejected.csv", "report.json", "model.json")) {
      assertThat(Files.readString(dir.resolve("out1").resolve(f))).as(f)
          .doesNotContainIgnoringCase(PLANTED).doesNotContain(PLANTED_DOB);
    }
    assertThat(Files.readString(dir.resolve("out1/rejected.csv"))).contains("education.csv");
  }

  @Test
  void link_missingIdColumn_exit2NamingFileAndColumn() throws Exception {
    Path noId = dir.resolve("no_id.csv");
    Files.writeString(noId, "forename,surname,dob\nAnn," + PLANTED + ",1990-01-01\n");
    Run r = cli("link", "--left", noId.toString(), "--right", data.resolve("labour.csv").toString(),
        "--out", dir.resolve("out_noid").toString(), "--threads", "1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no_id.csv").contains("\"id\"").doesNotContain(PLANTED);
    assertThat(dir.resolve("out_noid/links.csv")).doesNotExist();
  }

  @Test
  void link_nonexistentInput_exit3() {
    Run r = cli("link", "--left", dir.resolve("absent.csv").toString(), "--right",
        data.resolve("labour.csv").toString(), "--out", dir.resolve("out_absent").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("absent.csv");
    assertThat(dir.resolve("out_absent/links.csv")).doesNotExist();
  }

  @Test
  void link_withModelOfEarlierRun_sameLinks() throws Exception {
    Run r = cli("link", "--left", data.resolve("education.csv").toString(), "--right",
        data.resolve("labour.csv").toString(), "--out", dir.resolve("out_model").toString(), "--threads", "2",
        "--model", dir.resolve("out1/model.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("out_model/links.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("out1/links.csv")));
  }

  @Test
  void evaluate_nonexistentTruth_exit3() {
    Run r = cli("evaluate", "--links", dir.resolve("out1/links.csv").toString(), "--truth",
        dir.resolve("no_truth.csv").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("no_truth.csv");
  }

  @Test
  void main_badUsage_exit2() {
    assertThat(cli("link", "--left", "a.csv").exit()).isEqualTo(2);
    assertThat(cli("frobnicate").exit()).isEqualTo(2);
    assertThat(cli().exit()).isEqualTo(2);
    Run r = cli("link", "--left", "a.csv", "--right", "b.csv", "--out", dir.resolve("x").toString(),
        "--strategy", "fuzzy");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("fuzzy");
  }
}
