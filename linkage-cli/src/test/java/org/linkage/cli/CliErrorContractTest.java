package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.cli.CliEndToEndTest.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.cli.CliEndToEndTest.Run;
import org.linkage.eval.PairSet;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * The reproductions of a hostile-input review: each user error is one line naming the option,
 * file or key, with its documented exit code and no stack trace; options that need no input are
 * checked before any input is read; ids that look like formulas are neutralised.
 */
class CliErrorContractTest {
  @TempDir
  static Path dir;
  static Path left;
  static Path right;
  /** Files that do not exist: an error about an option proves it was checked before reading these. */
  static final String[] ABSENT_INPUTS = {"--left", "absent-left.csv", "--right", "absent-right.csv"};

  @BeforeAll
  static void generate() {
    Path data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(300).seed(9).build()).writeTo(data);
    left = data.resolve("education.csv");
    right = data.resolve("labour.csv");
  }

  private static Run link(String... extra) {
    List<String> args = new ArrayList<>(List.of("link", "--left", left.toString(), "--right", right.toString()));
    args.addAll(List.of(extra));
    return cli(args.toArray(String[]::new));
  }

  private static Run linkAbsent(String... extra) {
    List<String> args = new ArrayList<>(List.of("link"));
    args.addAll(List.of(ABSENT_INPUTS));
    args.addAll(List.of(extra));
    return cli(args.toArray(String[]::new));
  }

  private static void assertOneLineError(Run r, int exit, String... mentions) {
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    List<String> lines = r.err().lines().filter(l -> l.startsWith("linkage:")).toList();
    assertThat(lines).as(r.err()).hasSize(1);
    for (String m : mentions) {
      assertThat(lines.get(0)).contains(m);
    }
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("    at ").doesNotContain("Exception");
  }

  @Test
  void link_specWithFormerlyLateProblems_exit2ListingAllBeforeReadingInputs() throws IOException {
    // a year key on a name column used to fail in blocking, after both inputs were read
    Path spec = Files.writeString(dir.resolve("late.json"), "{\"blockingRules\": [{\"name\": \"by_year\", "
        + "\"keys\": [\"surname:year\"]}], \"comparisons\": [{\"name\": \"dob\", \"kind\": \"date\", "
        + "\"column\": \"dob\", \"termFrequency\": true}]}");
    Run r = linkAbsent("--out", dir.resolve("late").toString(), "--spec", spec.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("2 problems").contains("blocking rule by_year").contains("surname:year")
        .contains("comparison dob").contains("termFrequency").doesNotContain("absent-left").doesNotContain("\tat ");
  }

  @Test
  void link_modelOfOtherComparisons_exit2BeforeReadingInputs() throws IOException {
    Run trained = link("--out", dir.resolve("trained").toString(), "--threads", "1", "-q");
    assertThat(trained.exit()).as(trained.err()).isZero();
    Path oneComparison = Files.writeString(dir.resolve("one-comparison.json"),
        "{\"comparisons\": [{\"name\": \"dob\", \"kind\": \"date\", \"column\": \"dob\"}]}");
    assertOneLineError(linkAbsent("--out", dir.resolve("mm").toString(), "--spec", oneComparison.toString(),
        "--model", dir.resolve("trained").resolve("model.json").toString()), 2, "the model has 7 comparisons");
  }

  @Test
  void link_threadsZeroNegativeOrText_exit2BeforeReadingInputs() {
    for (String t : List.of("0", "-1", "two")) {
      assertOneLineError(linkAbsent("--out", dir.resolve("t").toString(), "--threads", t), 2, "--threads");
    }
  }

  @Test
  void link_modelMissingFolderOrLatin1_exit3NamingModelBeforeReadingInputs() throws IOException {
    Path latin = Files.write(dir.resolve("latin-model.json"), new byte[] {'{', (byte) 0xE9, '}'});
    assertOneLineError(linkAbsent("--out", dir.resolve("m").toString(), "--model", dir.resolve("nope.json").toString()),
        3, "nope.json", "not found");
    assertOneLineError(linkAbsent("--out", dir.resolve("m").toString(), "--model", dir.toString()), 3, "folder");
    assertOneLineError(linkAbsent("--out", dir.resolve("m").toString(), "--model", latin.toString()), 3,
        "latin-model.json", "UTF-8");
  }

  @Test
  void link_specFolderLatin1OrDeeplyNested_oneLineError() throws IOException {
    Path latin = Files.write(dir.resolve("latin-spec.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
    Path deep = Files.writeString(dir.resolve("deep.json"), "{\"comparisons\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
    assertOneLineError(linkAbsent("--out", dir.resolve("s").toString(), "--spec", dir.toString()), 3, "folder");
    assertOneLineError(linkAbsent("--out", dir.resolve("s").toString(), "--spec", latin.toString()), 3, "UTF-8");
    assertOneLineError(linkAbsent("--out", dir.resolve("s").toString(), "--spec", deep.toString()), 2, "deep.json");
  }

  @Test
  void link_specTypoWrongTypeAndBom_errorsNameKeysBomAccepted() throws IOException {
    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"training\":{\"maxIteration\":3},\"seed\":\"x\"}");
    Run r = linkAbsent("--out", dir.resolve("s").toString(), "--spec", typo.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'maxIteration'").contains("maxIterations").contains("typo.json.seed");
    Path bom = Files.write(dir.resolve("bom.json"), "\uFEFF{\"strategy\":\"deterministic\"}".getBytes(StandardCharsets.UTF_8));
    Run ok = link("--out", dir.resolve("bom-out").toString(), "--spec", bom.toString(), "--threads", "1");
    assertThat(ok.exit()).as(ok.err()).isZero();
  }

  @Test
  void link_outEmptyOrCurrentFolder_exit2BeforeReadingInputs() {
    assertOneLineError(linkAbsent("--out", ""), 2, "empty");
    assertOneLineError(linkAbsent("--out", "."), 2, "current folder");
  }

  @Test
  void link_outIsAFile_exit4BeforeReadingInputs() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertOneLineError(linkAbsent("--out", file.toString()), 4, "a-file", "not a folder");
  }

  @Test
  void link_sameFileBothSides_exit2PointingToDedup() {
    assertOneLineError(cli("link", "--left", left.toString(), "--right", left.toString(), "--out",
        dir.resolve("same").toString()), 2, "same file", "dedup");
    assertThat(dir.resolve("same")).doesNotExist();
  }

  @Test
  void debug_internalErrorOrUserError_stackTraceOnlyWithDebug() {
    Run plain = linkAbsent("--out", dir.resolve("d").toString());
    assertThat(plain.exit()).isEqualTo(3);
    assertThat(plain.err()).doesNotContain("\tat ");
    Run debug = linkAbsent("--out", dir.resolve("d").toString(), "--debug");
    assertThat(debug.exit()).isEqualTo(3);
    assertThat(debug.err()).contains("\tat ");
  }

  @Test
  void outOfMemory_wrappedInAWorkerException_exit5WithHeapHint() {
    var err = new java.io.StringWriter();
    int code = Main.report(new RuntimeException(new OutOfMemoryError("Java heap space")), new java.io.PrintWriter(err), false);
    assertThat(code).isEqualTo(5);
    assertThat(err.toString()).contains("out of memory").contains("LINKAGE_JAVA_OPTS").doesNotContain("\tat ");
  }

  @Test
  void internalError_withoutDebug_oneLineNamingWhereNoTrace() {
    var err = new java.io.StringWriter();
    int code = Main.report(new NullPointerException("secret value"), new java.io.PrintWriter(err), false);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("internal error").contains("NullPointerException").contains("--debug")
        .doesNotContain("secret value");
  }

  @Test
  void help_everyCommand_listsTheExitCodes() {
    for (String command : List.of("link", "dedup", "train", "explain", "evaluate", "blocking", "demo", "generate",
        "bench-strategies")) {
      Run r = cli(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Exit codes:").contains("4").contains("output cannot be written")
          .contains("out of memory");
    }
  }

  @Test
  void link_formulaLikeIds_neutralisedAndRecoverable_orWrittenAsIsWithFlag() throws IOException {
    Path l = Files.writeString(dir.resolve("fl.csv"), "id,forename,surname,dob,sex,postcode,nino\n"
        + "\"=cmd|'/c calc'!A0\",Ann,Lee,1990-01-02,f,AB1 2CD,AB123456C\n+1,Bob,Ray,1980-03-04,m,,\n");
    Path r = Files.writeString(dir.resolve("fr.csv"), "id,forename,surname,dob,sex,postcode,nino\n"
        + "@SUM(A1),Ann,Lee,1990-01-02,f,AB1 2CD,AB123456C\n-2+3,Cy,Oak,1970-05-06,m,,\n");
    Path out = dir.resolve("formula");
    Run run = cli("link", "--left", l.toString(), "--right", r.toString(), "--out", out.toString(),
        "--strategy", "deterministic", "--threads", "1");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("links.csv"))).startsWith("left_id,right_id,match_probability,match_weight,method,probability_given_competitors\n'=cmd|'/c calc'!A0,'@SUM(A1),");
    assertThat(Files.readString(out.resolve("unmatched_left.csv"))).isEqualTo("id\n'+1\n");
    assertThat(Files.readString(out.resolve("unmatched_right.csv"))).isEqualTo("id\n'-2+3\n");
    assertThat(PairSet.read(out.resolve("links.csv")).contains("=cmd|'/c calc'!A0", "@SUM(A1)")).isTrue();
    Path raw = dir.resolve("formula-raw");
    assertThat(cli("link", "--left", l.toString(), "--right", r.toString(), "--out", raw.toString(),
        "--strategy", "deterministic", "--threads", "1", "--no-csv-escape").exit()).isZero();
    assertThat(Files.readString(raw.resolve("unmatched_left.csv"))).isEqualTo("id\n+1\n");
  }

  @Test
  void link_semicolonDelimiter_readWithOption() throws IOException {
    Path l = semicolons(left, "semi-left.csv");
    Path r2 = semicolons(right, "semi-right.csv");
    Run r = cli("link", "--left", l.toString(), "--right", r2.toString(), "--out", dir.resolve("semi-out").toString(),
        "--delimiter", ";", "--threads", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("rejected");
    assertOneLineError(linkAbsent("--out", dir.resolve("x").toString(), "--delimiter", ";;"), 2, "--delimiter");
  }

  private static Path semicolons(Path csv, String name) throws IOException {
    List<String> semi = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      assertThat(line).doesNotContain(";").doesNotContain("\"");
      semi.add(line.replace(',', ';'));
    }
    return Files.write(dir.resolve(name), semi);
  }

  @Test
  void dedup_methodCounts_addUpToLinks() throws IOException {
    Run r = cli("dedup", "--input", left.toString(), "--out", dir.resolve("dd").toString(), "--threads", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    // the summary on stdout: "deduplicated N records: X duplicate links {method=count, ...}; ..."
    String line = r.out().lines().filter(s -> s.startsWith("deduplicated ")).findFirst().orElseThrow();
    long total = Long.parseLong(line.substring(line.indexOf(": ") + 2, line.indexOf(" duplicate links")));
    long sum = 0;
    for (String part : line.substring(line.indexOf('{') + 1, line.indexOf('}')).split(", ")) {
      if (!part.isBlank()) {
        sum += Long.parseLong(part.substring(part.indexOf('=') + 1));
      }
    }
    assertThat(sum).as(line).isEqualTo(total);
    long rows = Files.readAllLines(dir.resolve("dd/links.csv")).size() - 1;
    assertThat(rows).isEqualTo(total);
  }

  @Test
  void link_engineOptionsWrongOrSparkAbsent_oneLineErrorBeforeReading() {
    // this module's classpath has no Spark: the engine is loaded by name only when asked for
    assertOneLineError(linkAbsent("--out", dir.resolve("engine-spark").toString(), "--engine", "spark"), 2,
        "--engine spark needs linkage-spark", "docs/spark.md");
    assertOneLineError(linkAbsent("--out", dir.resolve("engine-gpu").toString(), "--engine", "gpu"), 2,
        "--engine must be local or spark, got 'gpu'");
    assertOneLineError(linkAbsent("--out", dir.resolve("engine-master").toString(), "--master", "local[2]"), 2,
        "--master needs --engine spark");
  }
}
