package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.LinkageState;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/** {@code link --save-state} then {@code update}, on a longitudinal population split by year. */
class UpdateCliTest {
  @TempDir static Path dir;
  static Path data;
  static Path state;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void linkFirstYears() throws IOException {
    data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(500).seed(9).longitudinal(true).build())
        .writeTo(data);
    split(data.resolve("education.csv"), "academic_year");
    split(data.resolve("labour.csv"), "tax_year");
    state = dir.resolve("state");
    Result r = run("link", "--left", data.resolve("education_old.csv").toString(), "--right",
        data.resolve("labour_old.csv").toString(), "--out", dir.resolve("run").toString(), "--persons",
        "--assignment", "many_to_one", "--save-state", state.toString(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
  }

  /** Rows of years up to 2020 to {@code *_old.csv}, later ones to {@code *_new.csv}. */
  private static void split(Path file, String yearColumn) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    int fromEnd = header.length - List.of(header).indexOf(yearColumn); // counted from the end: names may hold quoted commas
    List<String> old = new ArrayList<>(List.of(lines.get(0)));
    List<String> added = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      (Integer.parseInt(cells[cells.length - fromEnd].substring(0, 4)) <= 2020 ? old : added).add(line);
    }
    String name = file.getFileName().toString().replace(".csv", "");
    Files.write(file.resolveSibling(name + "_old.csv"), old);
    Files.write(file.resolveSibling(name + "_new.csv"), added);
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static Map<String, String> persons(Path file) {
    return PersonEvaluation.read(file);
  }

  @Test
  void update_laterYears_everySavedPersonKeepsItsRecordsAndChangesListed() throws IOException {
    Path out = dir.resolve("update");
    Path next = dir.resolve("state2");
    Result r = run("update", "--state", state.toString(), "--left", data.resolve("education_new.csv").toString(),
        "--right", data.resolve("labour_new.csv").toString(), "--out", out.toString(), "--save-state", next.toString(),
        "--truth-persons", data.resolve("truth_persons.csv").toString(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("person pairs: precision");
    Map<String, String> before = persons(dir.resolve("run").resolve("persons.csv"));
    Map<String, String> after = persons(out.resolve("persons.csv"));
    Map<String, String> mergedInto = new HashMap<>();
    List<String> changes = Files.readAllLines(out.resolve("person_changes.csv"));
    assertThat(changes.get(0)).isEqualTo("person_id,change,other_ids,reason");
    for (String line : changes.subList(1, changes.size())) {
      String[] c = line.split(",", -1);
      assertThat(c[1]).isIn("new", "gained_records", "merged_into");
      if (c[1].equals("merged_into")) {
        mergedInto.put(c[0], c[2]);
      }
    }
    before.forEach((record, person) ->
        assertThat(after.get(record)).as(record).isEqualTo(mergedInto.getOrDefault(person, person)));
    assertThat(after.size()).isEqualTo(Files.readAllLines(data.resolve("truth_persons.csv")).size() - 1);
    assertThat(LinkageState.load(next).left().size()).isEqualTo(
        Files.readAllLines(data.resolve("education.csv")).size() - 1);
  }

  @Test
  void update_unknownStateFormat_exit2() throws IOException {
    Path copy = dir.resolve("futureState");
    LinkageState.load(state).save(copy);
    Path manifest = copy.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace(LinkageState.FORMAT, "linkage-state/99"));
    Result r = run("update", "--state", copy.toString(), "--left", data.resolve("education_new.csv").toString(),
        "--out", dir.resolve("never").toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("linkage-state/99").contains("expected " + LinkageState.FORMAT);
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void update_stateOfFormat1_exit2SayingToRecreate() throws IOException {
    Path old = dir.resolve("format1State");
    Files.createDirectories(old);
    Files.writeString(old.resolve("manifest.json"), "{\"format\": \"linkage-state/1\"}\n");
    Result r = run("update", "--state", old.toString(), "--left", data.resolve("education_new.csv").toString(),
        "--out", dir.resolve("never6").toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("linkage-state/1").contains("re-create").doesNotContain("Exception");
  }

  @Test
  void update_damagedSegment_exit3NamingTheFile() throws IOException {
    Path copy = dir.resolve("damagedState");
    LinkageState.load(state).save(copy);
    Path segment = copy.resolve("segment-000001.bin");
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 3] ^= 0x01;
    Files.write(segment, bytes);
    Result r = run("update", "--state", copy.toString(), "--left", data.resolve("education_new.csv").toString(),
        "--out", dir.resolve("never7").toString(), "-q");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("segment-000001.bin").contains("damaged").doesNotContain("Exception");
    assertThat(dir.resolve("never7")).doesNotExist();
  }

  @Test
  void update_stateLinkedOnOneOrTwoThreads_identicalOutputsAndState() throws IOException {
    List<byte[]> seen = new ArrayList<>();
    for (String threads : new String[] {"1", "2"}) {
      Path s = dir.resolve("threads-state-" + threads);
      Result link = run("link", "--left", data.resolve("education_old.csv").toString(), "--right",
          data.resolve("labour_old.csv").toString(), "--out", dir.resolve("threads-run-" + threads).toString(),
          "--persons", "--assignment", "many_to_one", "--threads", threads, "--save-state", s.toString(), "-q");
      assertThat(link.code()).as(link.err()).isZero();
      Path out = dir.resolve("threads-update-" + threads);
      Result r = run("update", "--state", s.toString(), "--left", data.resolve("education_new.csv").toString(),
          "--right", data.resolve("labour_new.csv").toString(), "--out", out.toString(), "--save-state",
          s.toString(), "--threads", threads, "-q");
      assertThat(r.code()).as(r.err()).isZero();
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (Path f : List.of(out.resolve("links.csv"), out.resolve("persons.csv"), out.resolve("person_changes.csv"),
          out.resolve("review.csv"), s.resolve("manifest.json"), s.resolve("segment-000001.bin"),
          s.resolve("segment-000002.bin"), s.resolve("persons.bin"))) {
        all.write(Files.readAllBytes(f));
      }
      seen.add(all.toByteArray());
    }
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
  }

  @Test
  void update_otherSpec_exit2() throws IOException {
    Path spec = dir.resolve("other-spec.json");
    Files.writeString(spec, org.linkage.spec.LinkageSpec.personDefaults().toBuilder().threshold(0.5).build().toJson());
    Result r = run("update", "--state", state.toString(), "--spec", spec.toString(), "--left",
        data.resolve("education_new.csv").toString(), "--out", dir.resolve("never2").toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("different spec");
  }

  @Test
  void linkSaveState_folderWithOtherFiles_exit2BeforeLinking() throws IOException {
    Path busy = dir.resolve("busy");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("notes.txt"), "mine");
    Result r = run("link", "--left", data.resolve("education_old.csv").toString(), "--right",
        data.resolve("labour_old.csv").toString(), "--out", dir.resolve("never5").toString(), "--persons",
        "--save-state", busy.toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(dir.resolve("never5")).doesNotExist();
    assertThat(busy.resolve("notes.txt")).exists();
  }

  @Test
  void linkSaveState_withoutPersons_exit2() {
    Result r = run("link", "--left", data.resolve("education_old.csv").toString(), "--right",
        data.resolve("labour_old.csv").toString(), "--out", dir.resolve("never3").toString(), "--save-state",
        dir.resolve("never4").toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--save-state needs --persons");
  }
}
