package org.linkage;

import org.linkage.internal.stage.Scoring;
import org.linkage.internal.stage.ComparedPairs;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.progress.ProgressListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.internal.output.OutputWriter;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.TrainingSpec;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;

/**
 * The whole engine on a small population built in the test: 3,000 left people, 85% of them again on
 * the right with typos, moves and missing values, plus 15% right-only people. Big enough for two
 * chunks of pair comparison and several chunks of u sampling, so thread counts matter.
 */
class LinkerTest {
  private static final String[] FORENAMES = {"james", "john", "robert", "michael", "william", "david", "richard",
      "joseph", "thomas", "charles", "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan",
      "jessica", "sarah", "karen", "oliver", "harry", "jack", "george", "noah", "amelia", "olivia", "isla", "ava",
      "emily", "sophie", "grace", "mia", "poppy", "ella", "leo", "oscar", "charlie", "freddie", "alfie"};
  private static final String[] SURNAMES = {"smith", "jones", "williams", "taylor", "brown", "davies", "evans",
      "wilson", "thomas", "johnson", "roberts", "robinson", "thompson", "wright", "walker", "white", "edwards",
      "hughes", "green", "hall", "lewis", "harris", "clarke", "patel", "jackson", "wood", "turner", "martin",
      "cooper", "hill", "ward", "morris", "moore", "clark", "lee", "king", "baker", "harrison", "morgan", "allen"};
  private static final String[] AREAS = {"SW", "SE", "N", "E", "M", "LS", "B", "BS", "CF", "G"};

  static RecordTable left;
  static RecordTable right;
  static Set<PairSet.Pair> truth = new HashSet<>();
  static LinkageSpec spec;
  static LinkageResult one;
  static LinkageResult two;

  @BeforeAll
  static void linkTwice() {
    Random rnd = new Random(424242);
    int n = 3000;
    List<String[]> people = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String area = AREAS[rnd.nextInt(AREAS.length)];
      people.add(new String[] {
          FORENAMES[rnd.nextInt(FORENAMES.length)],
          rnd.nextInt(3) == 0 ? FORENAMES[rnd.nextInt(FORENAMES.length)] : null,
          SURNAMES[rnd.nextInt(SURNAMES.length)],
          String.format("%d-%02d-%02d", 1985 + rnd.nextInt(20), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
          rnd.nextBoolean() ? "m" : "f",
          area + (1 + rnd.nextInt(20)) + " " + (1 + rnd.nextInt(9)) + (char) ('A' + rnd.nextInt(26))
              + (char) ('A' + rnd.nextInt(26)),
          rnd.nextInt(4) == 0 ? null : String.format("AB%06dC", rnd.nextInt(1_000_000))});
    }
    RecordTable.Builder l = RecordTable.builder("left.csv", TestTables.PERSON);
    for (int i = 0; i < n; i++) {
      l.add("L" + i, people.get(i), i + 2);
    }
    List<String[]> rightRows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < 0.85) {
        String[] p = people.get(i).clone();
        if (rnd.nextDouble() < 0.10) {
          p[0] = typo(p[0], rnd);
        }
        if (rnd.nextDouble() < 0.05) {
          p[2] = SURNAMES[rnd.nextInt(SURNAMES.length)];
        }
        if (rnd.nextDouble() < 0.05) {
          p[3] = p[3].substring(0, 9) + (char) ('0' + rnd.nextInt(10));
        }
        if (rnd.nextDouble() < 0.15) {
          p[5] = null;
        }
        if (rnd.nextDouble() < 0.3) {
          p[6] = null;
        }
        rightRows.add(new String[] {"L" + i, p[0], p[1], p[2], p[3], p[4], p[5], p[6]});
      }
    }
    for (int i = 0; i < 450; i++) {
      String[] p = people.get(rnd.nextInt(n));
      rightRows.add(new String[] {null, FORENAMES[rnd.nextInt(FORENAMES.length)], null,
          SURNAMES[rnd.nextInt(SURNAMES.length)],
          String.format("%d-%02d-%02d", 1985 + rnd.nextInt(20), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
          p[4], p[5], null});
    }
    Collections.shuffle(rightRows, rnd);
    RecordTable.Builder r = RecordTable.builder("right.csv", TestTables.PERSON);
    for (int i = 0; i < rightRows.size(); i++) {
      String[] row = rightRows.get(i);
      String id = "R" + i;
      if (row[0] != null) {
        truth.add(new PairSet.Pair(row[0], id));
      }
      r.add(id, java.util.Arrays.copyOfRange(row, 1, row.length), i + 2);
    }
    left = l.build();
    right = r.build();
    spec = LinkageSpec.personDefaults().toBuilder().training(new TrainingSpec(200_000, 100, 1e-6)).build();
    one = Linker.create(spec).withThreads(1).link(left, right);
    two = Linker.create(spec).withThreads(2).link(left, right);
  }

  private static String typo(String s, Random rnd) {
    int i = 1 + rnd.nextInt(s.length() - 1);
    return s.substring(0, i) + (char) ('a' + rnd.nextInt(26)) + s.substring(Math.min(s.length(), i + 1));
  }

  @Test
  void link_result_oneToOne() {
    Set<String> lefts = new HashSet<>();
    Set<String> rights = new HashSet<>();
    for (Link k : one.links()) {
      assertThat(lefts.add(k.leftId())).as("left id %s linked twice", k.leftId()).isTrue();
      assertThat(rights.add(k.rightId())).as("right id %s linked twice", k.rightId()).isTrue();
    }
    assertThat(one.links()).hasSizeGreaterThan(2000);
  }

  @Test
  void link_everyRecord_linkedOrUnmatchedExactlyOnce() {
    List<String> leftIds = new ArrayList<>(one.unmatchedLeft());
    List<String> rightIds = new ArrayList<>(one.unmatchedRight());
    one.links().forEach(k -> {
      leftIds.add(k.leftId());
      rightIds.add(k.rightId());
    });
    assertThat(leftIds).hasSize(left.size()).doesNotHaveDuplicates();
    assertThat(rightIds).hasSize(right.size()).doesNotHaveDuplicates();
    RunReport report = one.report();
    assertThat(report.linkedLeft() + report.unmatchedLeft()).isEqualTo(report.leftRecords()).isEqualTo(left.size());
    assertThat(report.linkedRight() + report.unmatchedRight()).isEqualTo(report.rightRecords()).isEqualTo(right.size());
    assertThat(report.linksByMethod().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(one.links().size());
    assertThat(report.pairsByRule().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.candidatePairs());
  }

  @Test
  void link_easyData_highQuality() {
    Set<PairSet.Pair> links = new HashSet<>();
    one.links().forEach(k -> links.add(new PairSet.Pair(k.leftId(), k.rightId())));
    Evaluation e = Evaluation.of(PairSet.of(links), PairSet.of(truth));
    assertThat(e.precision()).as(e.summary()).isGreaterThanOrEqualTo(0.98);
    assertThat(e.f1()).as(e.summary()).isGreaterThanOrEqualTo(0.95);
    assertThat(one.report().linksByMethod()).containsKeys("nino_dob", "name_dob", Link.PROBABILISTIC);
    assertThat(one.report().linksByMethod().get(Link.PROBABILISTIC)).isPositive();
  }

  @Test
  void link_oneAndTwoThreads_byteIdenticalOutputs(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("one");
    Path b = dir.resolve("two");
    OutputWriter.write(a, one, List.of(), List.of(), null, Map.of());
    OutputWriter.write(b, two, List.of(), List.of(), null, Map.of());
    for (String f : List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv", "model.json", "rejected.csv")) {
      assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    assertThat(Files.readString(a.resolve("links.csv")))
        .startsWith("left_id,right_id,match_probability,match_weight,method,probability_given_competitors\n");
    assertThat(one.report().candidatePairs()).isEqualTo(two.report().candidatePairs());
  }

  @Test
  void link_blocksRefinedOneAndTwoThreads_samePairsAndLinks(@TempDir Path dir) throws Exception {
    // a cap of 2 puts many of the person rules' blocks over it, so their refinement parts split them
    LinkageSpec refined = spec.toBuilder().maxBlockSize(2).build();
    LinkageResult a = Linker.create(refined).withThreads(1).link(left, right);
    LinkageResult b = Linker.create(refined).withThreads(2).link(left, right);
    assertThat(a.report().indexStats()).anyMatch(s -> s.refinedBlocks() > 0);
    assertThat(b.report().indexStats()).isEqualTo(a.report().indexStats());
    assertThat(b.report().pairsByRule()).isEqualTo(a.report().pairsByRule());
    assertThat(a.report().candidatePairs()).isLessThan(one.report().candidatePairs());
    OutputWriter.write(dir.resolve("one"), a, List.of(), List.of(), null, Map.of());
    OutputWriter.write(dir.resolve("two"), b, List.of(), List.of(), null, Map.of());
    for (String f : List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv", "model.json")) {
      assertThat(Files.readAllBytes(dir.resolve("two").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
    }
  }

  @Test
  void pairScorer_everyLink_sameWeightAsLink() {
    org.linkage.internal.eval.PairScorer scorer = org.linkage.internal.eval.PairScorer.create(spec, one.model(), left, right);
    assertThat(one.links()).isNotEmpty();
    for (Link k : one.links()) {
      assertThat(scorer.score(k.leftId(), k.rightId()).weight()).as(k.leftId()).isCloseTo(k.matchWeight(),
          within(1e-9));
    }
  }

  @Test
  void stages_pairsAndScoringWithoutLinker_sameWeightsAsLinker() {
    LinkagePlan plan = LinkagePlan.compile(spec);
    ComparedPairs pairs = ComparedPairs.compare(plan, left, right, 2);
    assertThat((long) pairs.size()).isEqualTo(one.report().candidatePairs());
    Scoring scoring = Scoring.of(plan, pairs, one.model());
    java.util.Map<String, Double> weightOfPair = new java.util.HashMap<>();
    for (int i = 0; i < pairs.size(); i++) {
      weightOfPair.put(pairs.leftId(i) + "|" + pairs.rightId(i), scoring.weight(pairs, i));
    }
    long probabilistic = 0;
    for (Link k : one.links()) {
      Double w = weightOfPair.get(k.leftId() + "|" + k.rightId());
      if (k.method().equals(Link.PROBABILISTIC)) { // a probabilistic link is a candidate pair, scored exactly so
        probabilistic++;
        assertThat(w).as(k.leftId()).isNotNull();
        assertThat(w).as(k.leftId()).isEqualTo(k.matchWeight());
        assertThat(scoring.probability(w)).isEqualTo(k.matchProbability());
      } else if (w != null) {
        assertThat(w).as(k.leftId()).isEqualTo(k.matchWeight());
      }
    }
    assertThat(probabilistic).isPositive();
    // trained alone, the trainer stage gives the model the run trained
    assertThat(Scoring.train(plan, pairs, 1).model().lambda()).isEqualTo(one.model().lambda());
  }

  @Test
  void side_viewOfTheRunsEncoding_sameCandidatesAndPatternsAsEncodingTheSideAlone() {
    LinkagePlan plan = LinkagePlan.compile(spec);
    ComparedPairs cross = ComparedPairs.compare(plan, left, right, 1);
    for (int side = 0; side < 2; side++) {
      RecordTable table = side == 0 ? left : right;
      ComparedPairs alone = ComparedPairs.compare(plan, table, table, 1);
      int s = side;
      ComparedPairs view = org.linkage.internal.parallel.ParallelChunks.withPool(1, pool -> cross.side(s, pool, ProgressListener.NONE));
      assertThat(view.data().isDeduplication()).isTrue();
      assertThat(view.size()).as("side %s", side).isEqualTo(alone.size()).isPositive();
      for (int i = 0; i < alone.size(); i++) {
        assertThat(view.candidates().left(i)).isEqualTo(alone.candidates().left(i));
        assertThat(view.candidates().right(i)).isEqualTo(alone.candidates().right(i));
        assertThat(view.candidates().pattern(i)).isEqualTo(alone.candidates().pattern(i));
        assertThat(view.candidates().rule(i)).isEqualTo(alone.candidates().rule(i));
      }
    }
  }

  @Test
  void explain_everyLink_termsAndPriorSumToMatchWeight() {
    for (Link k : one.links()) {
      Explanation e = one.explain(k.leftId(), k.rightId());
      double sum = e.priorWeight() + e.terms().stream().mapToDouble(Explanation.Term::weight).sum();
      assertThat(e.matchWeight()).isCloseTo(sum, within(1e-9));
      assertThat(e.matchWeight()).isCloseTo(k.matchWeight(), within(1e-9));
      assertThat(e.matchProbability()).isCloseTo(k.matchProbability(), within(1e-12));
      assertThat(e.terms()).hasSize(spec.comparisons().size());
      e.terms().stream().filter(t -> t.level() == 0).forEach(t -> assertThat(t.weight()).isZero());
    }
    Explanation text = one.explain(one.links().get(0).leftId(), one.links().get(0).rightId());
    assertThat(text.toText()).contains("prior").contains("match weight").contains("forename");
    assertThatThrownBy(() -> one.explain("nobody", "R1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("nobody");
  }

  @Test
  void link_withModelReadFromModelJson_sameLinks(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("model.json");
    Files.writeString(f, one.model().toJson());
    FellegiSunterModel model = FellegiSunterModel.read(f);
    LinkageResult again = Linker.create(spec).withThreads(2).link(left, right, model);
    assertThat(again.links()).isEqualTo(one.links());
    assertThat(again.unmatchedLeft()).isEqualTo(one.unmatchedLeft());
    assertThat(again.unmatchedRight()).isEqualTo(one.unmatchedRight());
    assertThat(again.report().training()).isNull();
  }

  @Test
  void link_modelOfAnotherSpec_invalidSpec() {
    LinkageSpec fewer = spec.toBuilder().comparisons(spec.comparisons().subList(0, 3)).build();
    assertThatThrownBy(() -> Linker.create(fewer).withThreads(1).link(left, right, one.model()))
        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("comparisons");
  }

  @Test
  void link_thresholdAboveReach_warnsAndLinksNothingProbabilistically() {
    FellegiSunterModel weak = one.model().withLambda(1e-30); // prior -100 bits: nothing can reach 0.7
    LinkageResult r = Linker.create(spec).withThreads(2).link(left, right, weak);
    assertThat(r.report().warnings()).anySatisfy(w -> assertThat(w).contains("highest possible match probability"));
    assertThat(r.links()).noneMatch(k -> k.method().equals(Link.PROBABILISTIC));
  }

  @Test
  void link_probabilisticLinks_decidedAtOrAboveThreshold() {
    LinkageResult r = Linker.create(spec.toBuilder().threshold(0.95).build()).withThreads(2).link(left, right,
        one.model());
    assertThat(r.links()).filteredOn(k -> k.method().equals(Link.PROBABILISTIC)).isNotEmpty()
        .allSatisfy(k -> assertThat(k.probabilityGivenCompetitors()).isGreaterThanOrEqualTo(0.95));
  }

  @Test
  void deduplicate_deterministicStrategy_exactDuplicatesLinked() {
    RecordTable both = TestTables.table("t.csv", TestTables.PERSON,
        TestTables.person("A", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", "AB123456C"),
        TestTables.person("B", "mary", null, "jones", "1980-05-05", "f", "M1 1AE", null),
        TestTables.person("C", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", "AB123456C"));
    LinkageResult r = Linker.create(LinkageSpec.personDefaults().toBuilder()
        .strategy(LinkageSpec.Strategy.DETERMINISTIC).build()).withThreads(1).deduplicate(both);
    assertThat(r.links()).extracting(Link::leftId, Link::rightId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "C"));
  }

  @Test
  void deduplicate_report_linkedPlusUnmatchedEqualsRecords() {
    RecordTable both = TestTables.table("t.csv", TestTables.PERSON,
        TestTables.person("A", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", "AB123456C"),
        TestTables.person("B", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", "AB123456C"),
        TestTables.person("C", "mary", null, "jones", "1980-05-05", "f", "M1 1AE", null));
    LinkageResult r = Linker.create(LinkageSpec.personDefaults().toBuilder()
        .strategy(LinkageSpec.Strategy.PROBABILISTIC).training(new TrainingSpec(1000, 10, 1e-3)).threshold(0.01)
        .build()).withThreads(1).deduplicate(both);
    RunReport report = r.report();
    int inLinks = 2 * r.links().size();
    assertThat(inLinks + r.unmatchedLeft().size()).isEqualTo(3);
    assertThat(report.linkedLeft() + report.unmatchedLeft()).isEqualTo(report.leftRecords());
  }
}
