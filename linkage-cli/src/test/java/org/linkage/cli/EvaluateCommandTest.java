package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/** {@code linkage evaluate --out}: the four files, their headers, and that their counts agree. */
class EvaluateCommandTest {
  @TempDir
  static Path dir;

  static String summary;

  @BeforeAll
  static void linkAndEvaluate() throws IOException {
    PopulationGenerator.create(GeneratorSpec.builder().learners(1500).seed(5).build()).writeTo(dir.resolve("data"));
    Path data = dir.resolve("data");
    run("link", "--left", data.resolve("education.csv").toString(), "--right", data.resolve("labour.csv").toString(),
        "--out", dir.resolve("run").toString(), "--threads", "2");
    summary = run("evaluate", "--links", dir.resolve("run/links.csv").toString(), "--truth",
        data.resolve("truth.csv").toString(), "--out", dir.resolve("eval").toString(), "--left",
        data.resolve("education.csv").toString(), "--right", data.resolve("labour.csv").toString(),
        "--review-size", "25");
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private static List<String[]> rows(String file) throws IOException {
    return Files.readAllLines(dir.resolve("eval").resolve(file)).stream().map(l -> l.split(",", -1)).toList();
  }

  @Test
  void evaluate_withOut_writesTheFourFilesWithTheirHeaders() throws IOException {
    assertThat(summary).startsWith("precision ");
    assertThat(String.join(",", rows("threshold_sweep.csv").get(0)))
        .isEqualTo("threshold,links_kept,tp,fp,fn,precision,recall,f1");
    assertThat(String.join(",", rows("pr_curve.csv").get(0))).isEqualTo("threshold,precision,recall");
    assertThat(String.join(",", rows("errors_by_pattern.csv").get(0)))
        .isEqualTo("pattern,match_weight,match_probability,tp,fp,fn,fn_above_threshold");
    assertThat(String.join(",", rows("clerical_review.csv").get(0)))
        .isEqualTo("left_id,right_id,match_probability,match_weight,pattern");
    assertThat(rows("clerical_review.csv")).hasSizeBetween(2, 26);
  }

  @Test
  void thresholdSweep_atZero_equalsThePrintedSummary() throws IOException {
    String[] zero = rows("threshold_sweep.csv").get(1);
    assertThat(zero[0]).isEqualTo("0.000000");
    assertThat(summary).contains("(TP " + zero[2] + ", FP " + zero[3] + ", FN " + zero[4] + ")");
  }

  @Test
  void errorsByPattern_countsAddUpToFalsePositivesAndNegatives() throws IOException {
    String[] zero = rows("threshold_sweep.csv").get(1);
    long fp = 0;
    long fn = 0;
    for (String[] r : rows("errors_by_pattern.csv").subList(1, rows("errors_by_pattern.csv").size())) {
      assertThat(r[0]).contains("dob=").doesNotContain("E0", "L0");
      fp += Long.parseLong(r[4]);
      fn += Long.parseLong(r[5]);
    }
    assertThat(fp).isEqualTo(Long.parseLong(zero[3]));
    assertThat(fn).isEqualTo(Long.parseLong(zero[4]));
  }

  @Test
  void clericalReview_isSortedByProbabilityAscending() throws IOException {
    List<String[]> r = rows("clerical_review.csv");
    for (int i = 2; i < r.size(); i++) {
      assertThat(Double.parseDouble(r.get(i)[2])).isGreaterThanOrEqualTo(Double.parseDouble(r.get(i - 1)[2]));
    }
  }
}
