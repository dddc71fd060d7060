package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/** {@code link --persons} and {@code dedup} end to end on a small longitudinal population. */
class PersonsCliTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generate() {
    data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(800).seed(3).longitudinal(true).build())
        .writeTo(data);
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private static Path link(String name, int threads, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("link", "--left", data.resolve("education.csv").toString(),
        "--right", data.resolve("labour.csv").toString(), "--out", out.toString(), "--threads", "" + threads));
    args.addAll(List.of(extra));
    run(args.toArray(String[]::new));
    return out;
  }

  private static List<String[]> rows(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  private static Set<String> ids(Path csv) throws IOException {
    Set<String> out = new HashSet<>();
    rows(csv).forEach(r -> out.add(r[0]));
    return out;
  }

  @Test
  void linkPersons_oneAndTwoThreads_byteIdentical() throws IOException {
    Path one = link("persons1", 1, "--assignment", "many_to_one", "--persons");
    Path two = link("persons2", 2, "--assignment", "many_to_one", "--persons");
    for (String f : List.of("links.csv", "persons.csv", "unmatched_left.csv", "unmatched_right.csv", "model.json")) {
      assertThat(Files.readAllBytes(two.resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.resolve(f)));
    }
  }

  @Test
  void linkPersons_specNamingTheBirthDateAmongTwoDates_keepsTheNamedColumn() throws IOException {
    // --persons switches clustering on; it must keep the spec's birth-date column, or a spec with a
    // second date column would be refused
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(org.linkage.spec.LinkageSpec.personDefaults().toJson());
    ((com.fasterxml.jackson.databind.node.ArrayNode) spec.get("columns")).addObject().put("name", "start")
        .put("source", "dob").put("type", "date").put("format", "yyyy-MM-dd");
    ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("clustering")).put("birthDateColumn", "dob");
    Path specFile = dir.resolve("two-dates.json");
    Files.writeString(specFile, json.writeValueAsString(spec));
    Path out = link("persons-two-dates", 1, "--spec", specFile.toString(), "--assignment", "many_to_one",
        "--persons");
    assertThat(out.resolve("persons.csv")).exists();
  }

  @Test
  void linkPersons_everyRecordExactlyOnce_qualityAgainstTruth() throws IOException {
    Path out = link("persons", 2, "--assignment", "many_to_one", "--persons");
    List<String[]> persons = rows(out.resolve("persons.csv"));
    Set<String> seen = new HashSet<>();
    for (String[] r : persons) {
      assertThat(r[0]).matches("P\\d{7}");
      assertThat(seen.add(r[1] + ":" + r[2])).as("listed twice: %s", r[2]).isTrue();
    }
    Set<String> expected = new HashSet<>();
    ids(data.resolve("education.csv")).forEach(id -> expected.add("left:" + id));
    ids(data.resolve("labour.csv")).forEach(id -> expected.add("right:" + id));
    assertThat(seen).isEqualTo(expected);
    PersonEvaluation e = PersonEvaluation.of(out.resolve("persons.csv"), data.resolve("truth_persons.csv"));
    assertThat(e.precision()).as(e.summary()).isGreaterThanOrEqualTo(0.98);
    assertThat(e.recall()).as(e.summary()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void linkPersons_oneToOne_aPersonsRecordsOnOneSideAreNotRivals() throws IOException {
    // one learner's many education records all look like their labour record: weighed as rivals
    // for it they would all be held for review and the persons split across the sides
    Path out = link("persons-one-to-one", 2, "--assignment", "one_to_one", "--persons");
    PersonEvaluation e = PersonEvaluation.of(out.resolve("persons.csv"), data.resolve("truth_persons.csv"));
    assertThat(e.precision()).as(e.summary()).isGreaterThanOrEqualTo(0.98);
    assertThat(e.recall()).as(e.summary()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void linkManyToOne_noRightIdTwice_leftIdsRepeat() throws IOException {
    Path out = link("many", 2, "--assignment", "many_to_one");
    List<String[]> links = rows(out.resolve("links.csv"));
    assertThat(links.stream().map(r -> r[1])).doesNotHaveDuplicates();
    assertThat(links.stream().map(r -> r[0]).distinct().count()).isLessThan(links.size());
    assertThat(out.resolve("persons.csv")).doesNotExist();
  }

  @Test
  void linkOneToOne_noIdTwice() throws IOException {
    Path out = link("one", 2);
    List<String[]> links = rows(out.resolve("links.csv"));
    assertThat(links.stream().map(r -> r[0])).doesNotHaveDuplicates();
    assertThat(links.stream().map(r -> r[1])).doesNotHaveDuplicates();
  }

  @Test
  void dedup_education_personsCoverTheFile() throws IOException {
    Path out = dir.resolve("dedup");
    run("dedup", "--input", data.resolve("education.csv").toString(), "--out", out.toString(), "--threads", "2");
    List<String[]> persons = rows(out.resolve("persons.csv"));
    assertThat(persons.stream().map(r -> r[2])).doesNotHaveDuplicates();
    assertThat(persons.stream().map(r -> r[2]).toList()).containsExactlyInAnyOrderElementsOf(
        ids(data.resolve("education.csv")));
    assertThat(persons.stream().map(r -> r[1]).distinct()).containsExactly("left");
    assertThat(out.resolve("unmatched_right.csv")).doesNotExist();
    // within one file most learners' yearly records join: far fewer persons than records
    assertThat(persons.stream().map(r -> r[0]).distinct().count()).isLessThan(persons.size() / 4);
  }
}
