package org.linkage.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationGeneratorTest {
  private static final List<String> PERSON_COLUMNS =
    List.of("id", "forename", "middle_name", "surname", "dob", "sex", "postcode", "nino");
  private static final String[] FILES = {"education.csv", "labour.csv", "truth.csv", "truth_persons.csv"};

  private static GeneratorSpec spec(int learners, long seed) {
    return GeneratorSpec.builder().learners(learners).seed(seed).build();
  }

  @Test
  void writeTo_sameSeed_byteIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
    PopulationGenerator.create(spec(3_000, 7)).writeTo(a);
    PopulationGenerator.create(spec(3_000, 7)).writeTo(b);
    for (String f : FILES) {
      assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
    }
  }

  @Test
  void writeTo_differentSeed_differentFiles(@TempDir Path a, @TempDir Path b) throws IOException {
    PopulationGenerator.create(spec(3_000, 7)).writeTo(a);
    PopulationGenerator.create(spec(3_000, 8)).writeTo(b);
    for (String f : new String[] {"education.csv", "labour.csv", "truth.csv"}) {
      assertThat(Files.readAllBytes(a.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(b.resolve(f)));
    }
  }

  @Test
  void generateInMemory_sameSpec_sameRowsAsWrittenFiles(@TempDir Path dir) throws IOException {
    GeneratorSpec spec = GeneratorSpec.builder().learners(2_000).seed(11).longitudinal(true).build();
    PopulationGenerator.create(spec).writeTo(dir);
    Population pop = PopulationGenerator.create(spec).generateInMemory();
    assertThat(csv(pop.educationHeader(), pop.education())).isEqualTo(read(dir, "education.csv"));
    assertThat(csv(pop.labourHeader(), pop.labour())).isEqualTo(read(dir, "labour.csv"));
    assertThat(csv(pop.truthHeader(), pop.truth())).isEqualTo(read(dir, "truth.csv"));
    assertThat(csv(pop.truthPersonsHeader(), pop.truthPersons())).isEqualTo(read(dir, "truth_persons.csv"));
  }

  @Test
  void headers_anyMode_followContract() {
    Population pop = PopulationGenerator.create(spec(100, 1)).generateInMemory();
    assertThat(pop.educationHeader().subList(0, 8)).isEqualTo(PERSON_COLUMNS);
    assertThat(pop.labourHeader().subList(0, 8)).isEqualTo(PERSON_COLUMNS);
    assertThat(pop.educationHeader()).endsWith("source", "academic_year");
    assertThat(pop.labourHeader()).endsWith("source", "tax_year", "earnings_band");
    assertThat(pop.truthHeader()).containsExactly("left_id", "right_id");
    assertThat(pop.truthPersonsHeader()).containsExactly("person_id", "side", "record_id");
  }

  @Test
  void writeTo_anyPopulation_utf8LfWithHeaderAndNoTemporaryFilesLeft(@TempDir Path dir) throws IOException {
    PopulationGenerator.create(spec(500, 3)).writeTo(dir);
    String edu = read(dir, "education.csv");
    assertThat(edu).startsWith("id,forename,middle_name,surname,dob,sex,postcode,nino,").doesNotContain("\r").endsWith("\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(FILES);
    }
  }

  @Test
  void values_defaultErrors_haveContractFormats() {
    Population pop = PopulationGenerator.create(spec(5_000, 5)).generateInMemory();
    Pattern dob = Pattern.compile("|\\d{4}-\\d{2}-\\d{2}");
    Pattern sex = Pattern.compile("|M|F");
    Pattern postcode = Pattern.compile("|[A-Za-z]{1,2}\\d{1,2} ?\\d[A-Za-z]{2}");
    Pattern nino = Pattern.compile("|[A-Z]{2}\\d{6}[A-D]");
    Pattern eduId = Pattern.compile("E\\d{7}");
    Pattern labId = Pattern.compile("L\\d{7}");
    for (String[] r : pop.education()) {
      assertThat(r[0]).matches(eduId);
      assertThat(r[4]).matches(dob);
      assertThat(r[5]).matches(sex);
      assertThat(r[6]).matches(postcode);
      assertThat(r[7]).matches(nino);
      assertThat(r[8]).isIn("school_census", "further_education", "higher_education");
      assertThat(r[9]).matches("\\d{4}/\\d{2}");
    }
    for (String[] r : pop.labour()) {
      assertThat(r[0]).matches(labId);
      assertThat(r[4]).matches(dob);
      assertThat(r[6]).matches(postcode);
      assertThat(r[7]).matches(nino);
      assertThat(r[8]).isIn("employment", "benefit");
      assertThat(r[9]).matches("\\d{4}-\\d{2}");
      assertThat(r[10]).matches(r[8].equals("benefit") ? "" : "under_10k|10k_to_20k|20k_to_30k|30k_to_40k|40k_plus");
    }
  }

  @Test
  void truth_everyId_existsInItsFile() {
    Population pop = PopulationGenerator.create(GeneratorSpec.builder().learners(3_000).seed(2).longitudinal(true).build())
      .generateInMemory();
    Set<String> left = ids(pop.education());
    Set<String> right = ids(pop.labour());
    for (String[] t : pop.truth()) {
      assertThat(left.contains(t[0])).as("left id %s exists", t[0]).isTrue();
      assertThat(right.contains(t[1])).as("right id %s exists", t[1]).isTrue();
    }
    Set<String> seen = new HashSet<>();
    for (String[] t : pop.truthPersons()) {
      assertThat((t[1].equals("left") ? left : right).contains(t[2])).as("record %s exists", t[2]).isTrue();
      assertThat(seen.add(t[2])).as("record %s in one person only", t[2]).isTrue();
    }
    assertThat(seen).hasSize(left.size() + right.size());
  }

  @Test
  void truth_defaultMode_isOneToOne() {
    Population pop = PopulationGenerator.create(spec(10_000, 3)).generateInMemory();
    Set<String> lefts = new HashSet<>();
    Set<String> rights = new HashSet<>();
    for (String[] t : pop.truth()) {
      assertThat(lefts.add(t[0])).as("left %s twice", t[0]).isTrue();
      assertThat(rights.add(t[1])).as("right %s twice", t[1]).isTrue();
    }
    assertThat(pop.education()).hasSize(10_000);
    // ~10% of learners have no labour record; labour-only people are ~8% of all people.
    assertThat(pop.truth().size() / 10_000.0).isBetween(0.88, 0.92);
    double labourOnly = (pop.labour().size() - pop.truth().size()) / (double) (10_000 + pop.labour().size() - pop.truth().size());
    assertThat(labourOnly).isBetween(0.07, 0.09);
  }

  @Test
  void ids_shuffled_fileOrderLeaksNoTruth() {
    Population pop = PopulationGenerator.create(spec(10_000, 4)).generateInMemory();
    int near = 0;
    for (String[] t : pop.truth()) {
      int l = Integer.parseInt(t[0].substring(1));
      int r = Integer.parseInt(t[1].substring(1));
      if (Math.abs(l - r) <= 50) {
        near++;
      }
    }
    // Random placement puts ~1% of partners within 50 positions; person order would put ~all.
    assertThat(near / (double) pop.truth().size()).isLessThan(0.03);
    for (int i = 0; i < pop.education().size(); i++) {
      assertThat(pop.education().get(i)[0]).isEqualTo(PopulationGenerator.id('E', i, 7));
    }
  }

  @Test
  void twins_cleanPopulation_existAtBirthRateAndAreDifferentPeople() {
    Population pop = PopulationGenerator.create(GeneratorSpec.builder().learners(20_000).seed(9)
      .errorModel(ErrorModel.none()).build()).generateInMemory();
    Map<String, String> person = new HashMap<>();
    for (String[] t : pop.truthPersons()) {
      person.put(t[2], t[0]);
    }
    Map<String, String[]> byKey = new HashMap<>();
    int twinPairs = 0;
    for (String[] r : pop.education()) {
      String key = r[3] + "|" + r[4]; // surname + dob
      String[] other = byKey.putIfAbsent(key, r);
      if (other != null && other[6].equals(r[6])) { // same postcode too: a twin (or, rarely, a coincidence)
        twinPairs++;
        assertThat(person.get(other[0])).isNotEqualTo(person.get(r[0]));
        assertThat(other[1]).isNotEqualTo(r[1]);
      }
    }
    // 1.5% of births are twins: ~0.015 * 20,000 = ~290 pairs, all visible in clean data (nobody moves);
    // a pair cut off at the 20,000th learner is lost, coincidences add a few.
    assertThat(twinPairs).isBetween(150, 450);
  }

  @Test
  void longitudinal_severalRecordsPerPerson_allSourcesAndAllCrossPairsInTruth() {
    Population pop = PopulationGenerator.create(GeneratorSpec.builder().learners(3_000).seed(6).longitudinal(true).build())
      .generateInMemory();
    Map<String, int[]> counts = new HashMap<>();
    for (String[] t : pop.truthPersons()) {
      counts.computeIfAbsent(t[0], k -> new int[2])[t[1].equals("left") ? 0 : 1]++;
    }
    long expectedPairs = counts.values().stream().mapToLong(c -> (long) c[0] * c[1]).sum();
    assertThat(pop.truth()).hasSize((int) expectedPairs);
    assertThat(pop.education().size()).isGreaterThan(5 * 3_000);
    assertThat(pop.labour().size()).isGreaterThan(2 * 3_000);
    Set<String> sources = new HashSet<>();
    pop.education().forEach(r -> sources.add(r[8]));
    pop.labour().forEach(r -> sources.add(r[8]));
    assertThat(sources).containsExactlyInAnyOrder(
      "school_census", "further_education", "higher_education", "employment", "benefit");
  }

  @Test
  void longitudinal_defaultErrors_someWomenChangeSurnameInLaterRecords() {
    GeneratorSpec base = GeneratorSpec.builder().learners(3_000).seed(6).longitudinal(true).build();
    Population noisy = PopulationGenerator.create(base).generateInMemory();
    Population married = PopulationGenerator.create(base.toBuilder()
      .errorModel(ErrorModel.none().toBuilder().surnameChangeOnMarriage(0.45).build()).build()).generateInMemory();
    Population clean = PopulationGenerator.create(base.toBuilder().errorModel(ErrorModel.none()).build()).generateInMemory();
    int changedWomen = 0;
    for (int i = 0; i < clean.labour().size(); i++) {
      String[] c = clean.labour().get(i);
      String[] m = married.labour().get(i);
      if (!c[3].equals(m[3])) {
        assertThat(c[5]).isEqualTo("F");
        changedWomen++;
      }
    }
    assertThat(changedWomen).isGreaterThan(100);
    assertThat(noisy.labour()).hasSameSizeAs(clean.labour());
  }

  @Test
  void generateInMemory_oneLearner_oneEducationRecord() {
    Population pop = PopulationGenerator.create(spec(1, 1)).generateInMemory();
    assertThat(pop.education()).hasSize(1);
    assertThat(pop.truthPersons()).isNotEmpty();
  }

  @Test
  void csv_fieldsWithCommaQuoteOrNewline_quotedPerRfc4180() throws IOException {
    StringWriter w = new StringWriter();
    Csv.writeRow(w, new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", "", "O'Brien"});
    assertThat(w.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,O'Brien\n");
  }

  private static Set<String> ids(List<String[]> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(r -> ids.add(r[0]));
    return ids;
  }

  private static String read(Path dir, String file) throws IOException {
    return new String(Files.readAllBytes(dir.resolve(file)), StandardCharsets.UTF_8);
  }

  private static String csv(List<String> header, List<String[]> rows) throws IOException {
    StringWriter w = new StringWriter();
    Csv.writeRow(w, header.toArray(new String[0]));
    for (String[] r : rows) {
      Csv.writeRow(w, r);
    }
    return w.toString();
  }
}
