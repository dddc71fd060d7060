package org.linkage.internal.stage;

import org.linkage.TestTables;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linkage.TestTables.person;
import static org.linkage.TestTables.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.internal.block.Blocker;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.internal.block.KeyFunction;
import org.linkage.spec.ClusteringSpec;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.compare.Level;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;

class LinkagePlanTest {
  private static final LinkageSpec PERSON = LinkageSpec.personDefaults();

  private static List<ColumnSpec> personColumnsPlus(ColumnSpec extra) {
    List<ColumnSpec> cols = new ArrayList<>(PERSON.columns());
    cols.add(extra);
    return cols;
  }

  @Test
  void build_severalProblemsOfFormerlyLateChecks_allListedInOneException() {
    LinkageSpec.Builder b = PERSON.toBuilder()
        .columns(personColumnsPlus(new ColumnSpec("start", "start", ColumnType.DATE, ColumnSpec.ISO_DATE)))
        .comparisons(List.of(
            new ComparisonSpec("dob", ComparisonKind.DATE, "dob", null, null, null, true),
            new ComparisonSpec("sex", ComparisonKind.EXACT, "sex", null, "surname", null, false),
            new ComparisonSpec("surname", ComparisonKind.SURNAME, "surname", null, null, "forename", false)))
        .blockingRules(List.of(BlockingRuleSpec.of("by_year", "surname:year"),
            BlockingRuleSpec.of("by_phonetic_dob", "dob:phonetic")))
        .clustering(ClusteringSpec.persons());
    assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
      assertThat(e.problems()).hasSize(6);
      assertThat(e.problems()).anyMatch(p -> p.contains("comparison dob") && p.contains("termFrequency"))
          .anyMatch(p -> p.contains("comparison sex") && p.contains("otherColumn"))
          .anyMatch(p -> p.contains("comparison surname") && p.contains("swapColumn"))
          .anyMatch(p -> p.contains("blocking rule by_year") && p.contains("surname:year") && p.contains("NAME"))
          .anyMatch(p -> p.contains("blocking rule by_phonetic_dob") && p.contains("dob:phonetic"))
          .anyMatch(p -> p.contains("clustering.birthDateColumn") && p.contains("start"));
      assertThat(e.getMessage()).startsWith("6 problems:");
    });
  }

  @Test
  void build_elseSplitByUnknownOrDateColumnOrClashingLevel_allListed() {
    LinkageSpec.Builder b = PERSON.toBuilder().comparisons(List.of(
        ComparisonSpec.of("a", ComparisonKind.SURNAME, "surname")
            .withElseSplit(new ComparisonSpec.ElseSplit("gender", "F", "else_f")),
        ComparisonSpec.of("b", ComparisonKind.SURNAME, "surname")
            .withElseSplit(new ComparisonSpec.ElseSplit("dob", "F", "else_f")),
        ComparisonSpec.of("c", ComparisonKind.SURNAME, "surname")
            .withElseSplit(new ComparisonSpec.ElseSplit("sex", "F", "swapped"))));
    assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
      assertThat(e.problems()).hasSize(3);
      assertThat(e.problems()).anyMatch(p -> p.contains("comparison a") && p.contains("gender") && p.contains("unknown"))
          .anyMatch(p -> p.contains("comparison b") && p.contains("DATE"))
          .anyMatch(p -> p.contains("comparison c") && p.contains("swapped"));
    });
  }

  @Test
  void fromJson_elseSplitWithoutLevel_problemNamesTheSetting() {
    String json = "{\"comparisons\": [{\"name\": \"surname\", \"kind\": \"surname\", \"column\": \"surname\", "
        + "\"elseSplit\": {\"column\": \"sex\", \"value\": \"F\"}}]}";
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).singleElement().asString().contains("comparisons[0].elseSplit")
            .contains("level"));
  }

  @Test
  void fromJson_yearKeyOnANameColumn_failsAtCompileNamingRuleAndPart() {
    // formerly failed in Blocker, after both inputs were read
    String json = "{\"blockingRules\": [{\"name\": \"by_year\", \"keys\": [\"surname:year\"]}]}";
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).singleElement().asString().contains("spec: blocking rule by_year")
            .contains("surname:year"));
  }

  @Test
  void fromJson_termFrequencyOnADateComparison_failsAtCompile() {
    // formerly accepted, and would have indexed a zero-length frequency table
    String json = "{\"comparisons\": [{\"name\": \"dob\", \"kind\": \"date\", \"column\": \"dob\", \"termFrequency\": true}]}";
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).singleElement().asString().contains("comparison dob").contains("termFrequency"));
  }

  @Test
  void compile_birthDateColumn_designatedOrTheOnlyDateColumn() {
    assertThat(LinkagePlan.compile(PERSON).birthDateColumn()).isEqualTo("dob");
    LinkageSpec twoDates = PERSON.toBuilder()
        .columns(personColumnsPlus(new ColumnSpec("start", "start", ColumnType.DATE, ColumnSpec.ISO_DATE))).build();
    assertThat(LinkagePlan.compile(twoDates).birthDateColumn()).isNull();
    LinkageSpec named = twoDates.toBuilder().clustering(ClusteringSpec.persons().withBirthDateColumn("dob")).build();
    assertThat(LinkagePlan.compile(named).birthDateColumn()).isEqualTo("dob");
    assertThatThrownBy(() -> PERSON.toBuilder().clustering(ClusteringSpec.persons().withBirthDateColumn("surname")).build())
        .isInstanceOfSatisfying(InvalidSpecException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("birthDateColumn").contains("NAME"));
  }

  @Test
  void fromJson_birthDateColumn_roundTripsThroughJson() {
    LinkageSpec spec = LinkageSpec.fromJson("{\"clustering\": {\"enabled\": true, \"birthDateColumn\": \"dob\"}}");
    assertThat(spec.clustering().birthDateColumn()).isEqualTo("dob");
    assertThat(LinkageSpec.fromJson(spec.toJson())).isEqualTo(spec);
  }

  @Test
  void compile_levels_carryTheKindsNamesAndNumbers() {
    for (ComparisonKind kind : ComparisonKind.values()) {
      for (int k = 0; k < kind.levels().size(); k++) {
        Level level = Level.of(kind, kind.levels().get(k));
        assertThat(level.number()).isEqualTo(k + 1);
        assertThat(level.name()).isEqualTo(kind.levels().get(k));
      }
      assertThat(Level.of(kind, "exact")).isEqualTo(Level.EXACT);
    }
    assertThatThrownBy(() -> Level.of(ComparisonKind.DATE, "alias")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias");
    assertThat(LinkagePlan.compile(PERSON).comparisons().get(0).levels()).extracting(Level::name)
        .containsExactlyElementsOf(ComparisonKind.FORENAME.levels());
  }

  @Test
  void compile_serializedAndRead_sameSpecAndSameLevelsAndKeysOnData() throws Exception {
    LinkagePlan plan = LinkagePlan.compile(PERSON.toBuilder().clustering(ClusteringSpec.persons().withBirthDateColumn("dob")).build());
    LinkagePlan back = roundTrip(plan);
    assertThat(back.spec()).isEqualTo(plan.spec());
    assertThat(back.birthDateColumn()).isEqualTo("dob");
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", "paul", "smith", "1990-01-02", "m", "SW1A 1AA", "AB123456C"),
        person("L1", "jon", null, "smyth", "1990-02-01", "m", "SW1A 2BB", null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "paul", null, "smith", "1991-01-02", "m", "SW1A 1AB", "AB123456D"),
        person("R1", "john", "paul", "smith-jones", "1990-01-02", "f", "SW2 1AA", "AB123456C"));
    EncodedData data = EncodedData.encode(left, right);
    Comparison[] before = plan.bindComparisons(data);
    Comparison[] after = back.bindComparisons(data);
    for (int c = 0; c < before.length; c++) {
      for (int l = 0; l < 2; l++) {
        for (int r = 0; r < 2; r++) {
          assertThat(after[c].level(l, r)).as("%s %s %s", before[c].name(), l, r).isEqualTo(before[c].level(l, r));
        }
      }
    }
    for (int k = 0; k < plan.blockingKeys().size(); k++) {
      KeyFunction f = plan.blockingKeys().get(k);
      KeyFunction g = back.blockingKeys().get(k);
      assertThat(g.keys(data, 0)).isEqualTo(f.keys(data, 0));
      assertThat(g.keys(data, 1)).isEqualTo(f.keys(data, 1));
    }
    // the keys are the ones the blocking index uses: a shared key makes a candidate pair
    Blocker blocker = Blocker.build(plan.spec().blockingRules(), data, 100);
    long[] l0 = back.blockingKeys().get(0).keys(data, 0);
    long[] r1 = back.blockingKeys().get(0).keys(data, 1);
    assertThat(l0[0] == r1[1]).isEqualTo(blocker.sharesKey(0, 0, 1)).isTrue();
  }

  private static LinkagePlan roundTrip(LinkagePlan plan) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (LinkagePlan) in.readObject();
    }
  }
}
