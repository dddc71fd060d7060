package org.linkage.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InvalidSpecException;

class LinkageSpecTest {

  @Test
  void personDefaults_toJsonFromJson_equal() {
    LinkageSpec spec = LinkageSpec.personDefaults();
    LinkageSpec back = LinkageSpec.fromJson(spec.toJson());
    assertThat(back).isEqualTo(spec);
    assertThat(back.hashCode()).isEqualTo(spec.hashCode());
    assertThat(back.toJson()).isEqualTo(spec.toJson());
    assertThat(back.comparisons()).isEqualTo(spec.comparisons());
    assertThat(back.blockingRules()).isEqualTo(spec.blockingRules());
    assertThat(back.matchKeys()).isEqualTo(spec.matchKeys());
    assertThat(back.columns()).isEqualTo(spec.columns());
  }

  @Test
  void personExampleFile_isThePersonDefaultsWrittenOut() throws Exception {
    // docs/examples/person.json documents the built-in profile; it must not drift from the code
    Path example = Path.of("..", "docs", "examples", "person.json");
    assertThat(LinkageSpec.fromJson(example)).isEqualTo(LinkageSpec.personDefaults());
    assertThat(Files.readString(example).strip()).isEqualTo(LinkageSpec.personDefaults().toJson().strip());
  }

  @Test
  void nonDefaultSpec_toJsonFromJson_everySettingKept(@TempDir Path dir) throws Exception {
    LinkageSpec spec = LinkageSpec.builder()
        .idColumn("rec_id")
        .columns(List.of(new ColumnSpec("forename", "given_name", ColumnType.NAME, null),
            new ColumnSpec("surname", "surname", ColumnType.NAME, null),
            new ColumnSpec("dob", "date_of_birth", ColumnType.DATE, "yyyyMMdd"),
            new ColumnSpec("ssn", "soc_sec_id", ColumnType.IDENTIFIER, null),
            new ColumnSpec("address", "address_1", ColumnType.TEXT, null)))
        .comparisons(List.of(
            new ComparisonSpec("forename", ComparisonKind.FORENAME, "forename", List.of(0.95, 0.8), null, "surname"),
            new ComparisonSpec("surname", ComparisonKind.SURNAME, "surname", null, "forename", null, false,
                new ComparisonSpec.ElseSplit("ssn", "X1", "else_x1")),
            ComparisonSpec.of("dob", ComparisonKind.DATE, "dob"),
            ComparisonSpec.of("ssn", ComparisonKind.IDENTIFIER, "ssn"),
            new ComparisonSpec("address", ComparisonKind.TEXT, "address", List.of(0.88, 0.7), null, null)))
        .blockingRules(List.of(BlockingRuleSpec.of("ssn", "ssn"),
            BlockingRuleSpec.of("init", "dob:month_day", "forename|surname:sorted_initials", "surname:first4")
                .refinedBy("dob:year", "forename:first3")))
        .matchKeys(List.of(MatchKeySpec.of("ssn_dob", "ssn", "dob")))
        .strategy(LinkageSpec.Strategy.PROBABILISTIC)
        .threshold(0.93)
        .maxBlockSize(777)
        .pairBudget(2.5)
        .training(new TrainingSpec(12345, 42, 1e-5))
        .seed(-9)
        .build();
    Path f = dir.resolve("spec.json");
    Files.writeString(f, spec.toJson());
    LinkageSpec back = LinkageSpec.fromJson(f);
    assertThat(back).isEqualTo(spec);
    assertThat(back.idColumn()).isEqualTo("rec_id");
    assertThat(back.column("dob").format()).isEqualTo("yyyyMMdd");
    assertThat(back.column("forename").source()).isEqualTo("given_name");
    assertThat(back.comparisons().get(0).thresholds()).containsExactly(0.95, 0.8);
    assertThat(back.comparisons().get(0).swapColumn()).isEqualTo("surname");
    assertThat(back.comparisons().get(1).elseSplit()).isEqualTo(new ComparisonSpec.ElseSplit("ssn", "X1", "else_x1"));
    assertThat(back.strategy()).isEqualTo(LinkageSpec.Strategy.PROBABILISTIC);
    assertThat(back.threshold()).isEqualTo(0.93);
    assertThat(back.maxBlockSize()).isEqualTo(777);
    assertThat(back.pairBudget()).isEqualTo(2.5);
    assertThat(back.blockingRules().get(1).refineBy()).containsExactly(KeyPart.parse("dob:year"),
        KeyPart.parse("forename:first3"));
    assertThat(back.blockingRules().get(0).refineBy()).isEmpty();
    assertThat(spec.toJson()).contains("\"refineBy\" : [ \"dob:year\", \"forename:first3\" ]");
    assertThat(back.training()).isEqualTo(new TrainingSpec(12345, 42, 1e-5));
    assertThat(back.seed()).isEqualTo(-9);
  }

  @Test
  void build_unknownColumnsAndThresholdOutOfRange_allProblemsInOneException() {
    LinkageSpec.Builder b = LinkageSpec.personDefaults().toBuilder()
        .comparisons(List.of(ComparisonSpec.of("shoe", ComparisonKind.EXACT, "shoe_size")))
        .blockingRules(List.of(BlockingRuleSpec.of("hat", "hat_size:first2")))
        .threshold(1.5);
    assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
      assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3)
          .anyMatch(p -> p.contains("shoe_size"))
          .anyMatch(p -> p.contains("hat_size"))
          .anyMatch(p -> p.contains("threshold") && p.contains("1.5"));
      assertThat(e.getMessage()).contains("shoe_size").contains("hat_size").contains("1.5");
    });
  }

  @Test
  void fromJson_unknownColumnsAndThresholdOutOfRange_allProblemsInOneException() {
    String json = """
        {"comparisons": [{"name": "shoe", "kind": "exact", "column": "shoe_size"}],
         "blockingRules": [{"name": "hat", "keys": ["hat_size:first2"]}],
         "threshold": 1.5}
        """;
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3)
            .anyMatch(p -> p.contains("shoe_size"))
            .anyMatch(p -> p.contains("hat_size"))
            .anyMatch(p -> p.contains("1.5")));
  }

  @Test
  void build_otherInconsistencies_reported() {
    LinkageSpec.Builder b = LinkageSpec.personDefaults().toBuilder()
        .comparisons(List.of(ComparisonSpec.of("d", ComparisonKind.DATE, "surname"),
            ComparisonSpec.of("d", ComparisonKind.EXACT, "sex")))
        .matchKeys(List.of(MatchKeySpec.of("probabilistic", "dob"), MatchKeySpec.of("k", "ghost")))
        .maxBlockSize(0)
        .pairBudget(-1);
    assertThatThrownBy(b::build).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
        .anyMatch(p -> p.contains("pairBudget"))
        .anyMatch(p -> p.contains("cannot compare column surname"))
        .anyMatch(p -> p.contains("declared twice"))
        .anyMatch(p -> p.contains("reserved"))
        .anyMatch(p -> p.contains("ghost"))
        .anyMatch(p -> p.contains("maxBlockSize")));
  }

  @Test
  void fromJson_badRefineBy_everyProblemNamedWithItsRule() {
    String json = """
        {"blockingRules": [
          {"name": "sn", "keys": ["surname"], "window": 3, "refineBy": ["dob:year"]},
          {"name": "a", "keys": ["surname"], "refineBy": ["hat_size"]},
          {"name": "b", "keys": ["surname"], "refineBy": ["surname:year"]},
          {"name": "c", "keys": ["surname"], "refineBy": "dob:year"}]}
        """;
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4)
            .anyMatch(p -> p.contains("blockingRules[0]") && p.contains("sorted-neighbourhood"))
            .anyMatch(p -> p.contains("blocking rule a") && p.contains("hat_size"))
            .anyMatch(p -> p.contains("blocking rule b") && p.contains("surname:year"))
            .anyMatch(p -> p.contains("blockingRules[3].refineBy")));
  }

  @Test
  void personJsonExample_equalsPersonDefaults() throws Exception {
    // docs/examples/person.json is the built-in defaults written out; the two must not drift apart
    assertThat(LinkageSpec.fromJson(Path.of("..", "docs", "examples", "person.json")))
        .isEqualTo(LinkageSpec.personDefaults());
  }

  @Test
  void fromJson_unknownTopLevelSetting_namedInProblem() {
    assertThatThrownBy(() -> LinkageSpec.fromJson("{\"thresold\": 0.9}"))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p).contains("'thresold'").contains("threshold")));
  }

  @Test
  void fromJson_severalElementProblems_allListed() {
    String json = """
        {"strategy": "fuzzy",
         "columns": [{"name": "a", "type": "colour"}, {"type": "name"}],
         "blockingRules": [{"name": "r", "keys": ["surname:soundex"]}],
         "bogus": 1}
        """;
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).isInstanceOfSatisfying(InvalidSpecException.class,
        e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5)
            .anyMatch(p -> p.contains("fuzzy"))
            .anyMatch(p -> p.contains("colour"))
            .anyMatch(p -> p.contains("missing 'name'"))
            .anyMatch(p -> p.contains("soundex"))
            .anyMatch(p -> p.contains("bogus")));
  }

  @Test
  void fromJson_unknownSettingAndInvalidThreshold_bothListed() {
    assertThatThrownBy(() -> LinkageSpec.fromJson("{\"thresold\": 0.9, \"threshold\": 1.5}"))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).hasSize(2)
            .anyMatch(p -> p.contains("thresold")).anyMatch(p -> p.contains("1.5")));
  }

  @Test
  void fromJson_notJsonOrNotAnObject_invalidSpecAndMissingFile_unreadable(@TempDir Path dir) {
    assertThatThrownBy(() -> LinkageSpec.fromJson("{\"threshold\": ")).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> LinkageSpec.fromJson("[1,2]")).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("object");
    assertThatThrownBy(() -> LinkageSpec.fromJson(dir.resolve("nope.json"))).isInstanceOf(org.linkage.error.InputException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void toBuilder_changeOneSetting_restUnchanged() {
    LinkageSpec d = LinkageSpec.personDefaults();
    LinkageSpec t = d.toBuilder().threshold(0.95).build();
    assertThat(t.threshold()).isEqualTo(0.95);
    assertThat(t).isNotEqualTo(d);
    assertThat(t.toBuilder().threshold(d.threshold()).build()).isEqualTo(d);
    List<String> names = new ArrayList<>();
    t.comparisons().forEach(c -> names.add(c.name()));
    assertThat(names).containsExactly("forename", "surname", "middle_name", "dob", "sex", "postcode", "nino");
  }
}
