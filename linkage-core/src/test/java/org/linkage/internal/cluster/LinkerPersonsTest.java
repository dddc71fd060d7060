package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linkage.error.InvalidSpecException;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.record.RecordTable;
import org.linkage.Person;
import org.linkage.spec.LinkageSpec.Assignment;
import org.linkage.spec.ClusteringSpec;

/** Persons through {@link Linker} with the deterministic strategy (no training, exact expectations). */
class LinkerPersonsTest {
  private static final LinkageSpec DETERMINISTIC = LinkageSpec.personDefaults().toBuilder()
      .strategy(LinkageSpec.Strategy.DETERMINISTIC).build();

  private static RecordTable table(String name, String... rows) {
    LinkageSpec spec = LinkageSpec.personDefaults();
    RecordTable.Builder b = RecordTable.builder(name, spec.columns());
    for (int i = 0; i < rows.length; i++) {
      String[] v = rows[i].split(",", -1);
      b.add(v[0], java.util.Arrays.copyOfRange(v, 1, v.length), i + 2);
    }
    return b.build();
  }

  // id, forename, middle_name, surname, dob, sex, postcode, nino
  private static final RecordTable LEFT = table("education.csv",
      "E1,Amy,,Hart,2001-02-03,F,AB1 2CD,",
      "E2,Amy,,Hart,2001-02-03,F,AB1 2CD,",
      "E3,Amy,,Hart,2001-02-03,F,XY9 9ZZ,",
      "E4,Ben,,Cole,1999-09-15,M,AB1 2CD,",
      "E5,Cal,,Dunn,1998-01-01,M,,");
  private static final RecordTable RIGHT = table("labour.csv",
      "L1,Ben,,Cole,1999-09-15,M,,QQ123456C",
      "L2,Amy,,Hart,2001-02-03,F,,AB123456A",
      "L3,Ben,,Cole,1999-09-15,M,,QQ123456C",
      "L4,Dee,,Ford,1990-05-05,F,,CD123456B");

  @Test
  void deduplicate_keyGroups_oneTableIntoPersons() {
    LinkageResult r = Linker.create(DETERMINISTIC).withThreads(1).deduplicate(LEFT);
    assertThat(r.hasPersons()).isTrue();
    assertThat(r.persons()).extracting(p -> (List<String>) p.leftIds())
        .containsExactly(List.of("E1", "E2", "E3"), List.of("E4"), List.of("E5"));
    assertThat(r.persons()).extracting(Person::id).containsExactly("P0000001", "P0000002", "P0000003");
    assertThat(r.links()).extracting(Link::leftId, Link::rightId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("E1", "E2"), org.assertj.core.groups.Tuple.tuple("E1", "E3"));
    assertThat(r.unmatchedLeft()).containsExactly("E4", "E5");
  }

  @Test
  void link_manyToOneWithPersons_everyRecordOnce_noRightIdTwice() {
    LinkageSpec spec = DETERMINISTIC.toBuilder().assignment(Assignment.MANY_TO_ONE)
        .clustering(ClusteringSpec.persons()).build();
    LinkageResult r = Linker.create(spec).withThreads(1).link(LEFT, RIGHT);
    assertThat(r.links()).extracting(Link::rightId).doesNotHaveDuplicates();
    // name_dob is unique on the left for Ben only (Amy has three left records): L1 and L3 join E4
    assertThat(r.links()).extracting(Link::leftId, Link::rightId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("E4", "L1"), org.assertj.core.groups.Tuple.tuple("E4", "L3"));
    List<String> all = new ArrayList<>();
    for (Person p : r.persons()) {
      p.leftIds().forEach(id -> all.add("left:" + id));
      p.rightIds().forEach(id -> all.add("right:" + id));
    }
    assertThat(all).doesNotHaveDuplicates().hasSize(LEFT.size() + RIGHT.size());
    assertThat(r.persons()).extracting(Person::leftIds, Person::rightIds).containsExactly(
        org.assertj.core.groups.Tuple.tuple(List.of("E1", "E2", "E3"), List.of()),
        org.assertj.core.groups.Tuple.tuple(List.of("E4"), List.of("L1", "L3")),
        org.assertj.core.groups.Tuple.tuple(List.of("E5"), List.of()),
        org.assertj.core.groups.Tuple.tuple(List.of(), List.of("L2")),
        org.assertj.core.groups.Tuple.tuple(List.of(), List.of("L4")));
  }

  @Test
  void link_oneToOne_noIdTwice() {
    LinkageResult r = Linker.create(DETERMINISTIC).withThreads(1).link(LEFT, RIGHT);
    assertThat(r.links()).extracting(Link::leftId).doesNotHaveDuplicates();
    assertThat(r.links()).extracting(Link::rightId).doesNotHaveDuplicates();
    assertThat(r.hasPersons()).isFalse();
    assertThat(r.links()).isEmpty(); // Ben's key is twice on the right, Amy's three times on the left
  }

  @Test
  void link_threadCounts_samePersons() {
    LinkageSpec spec = DETERMINISTIC.toBuilder().assignment(Assignment.MANY_TO_ONE)
        .clustering(ClusteringSpec.persons()).build();
    assertThat(Linker.create(spec).withThreads(2).link(LEFT, RIGHT).persons())
        .isEqualTo(Linker.create(spec).withThreads(1).link(LEFT, RIGHT).persons());
  }

  @Test
  void spec_assignmentAndClustering_roundTripJson() {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().assignment(Assignment.MANY_TO_ONE)
        .clustering(new ClusteringSpec(true, false)).build();
    LinkageSpec back = LinkageSpec.fromJson(spec.toJson());
    assertThat(back.assignment()).isEqualTo(Assignment.MANY_TO_ONE);
    assertThat(back.clustering()).isEqualTo(new ClusteringSpec(true, false));
    assertThat(LinkageSpec.fromJson("{}").assignment()).isEqualTo(Assignment.ONE_TO_ONE);
    assertThat(LinkageSpec.fromJson("{}").clustering().enabled()).isFalse();
  }

  @Test
  void spec_badAssignmentAndClustering_allReported() {
    assertThatThrownBy(() -> LinkageSpec.fromJson("{\"assignment\": \"many\", \"clustering\": {\"enabld\": true}}"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("assignment: unknown value 'many' (expected one of [one_to_one, many_to_one])")
        .hasMessageContaining("clustering: unknown setting 'enabld'");
  }

  @Test
  void personEvaluation_pairsPlacedTogether() {
    Map<String, String> truth = Map.of("left:a", "1", "left:b", "1", "right:c", "1", "right:d", "2");
    Map<String, String> predicted = Map.of("left:a", "X", "left:b", "X", "right:c", "Y", "right:d", "Y");
    PersonEvaluation e = PersonEvaluation.of(predicted, truth);
    // truth pairs ab ac bc; predicted ab cd; together in both: ab
    assertThat(e.truePositivePairs()).isEqualTo(1);
    assertThat(e.precision()).isEqualTo(0.5);
    assertThat(e.recall()).isEqualTo(1.0 / 3);
  }
}
