package org.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;

/** The object form of {@code columns} changes single columns of the person profile and keeps the rest. */
class SpecColumnOverrideTest {
  private static final LinkageSpec PERSON = LinkageSpec.personDefaults();

  @Test
  void fromJson_columnsObjectRenamingOneSource_onlyThatColumnChanges() {
    LinkageSpec spec = LinkageSpec.fromJson("{\"columns\": {\"forename\": {\"source\": \"first_name\"}}}");

    assertThat(spec.column("forename")).isEqualTo(new ColumnSpec("forename", "first_name", ColumnType.NAME, null));
    List<ColumnSpec> others = spec.columns().stream().filter(c -> !c.name().equals("forename")).toList();
    assertThat(others).isEqualTo(PERSON.columns().stream().filter(c -> !c.name().equals("forename")).toList());
    assertThat(spec.comparisons()).isEqualTo(PERSON.comparisons());
    assertThat(spec.blockingRules()).isEqualTo(PERSON.blockingRules());
  }

  @Test
  void fromJson_columnsObjectWithDateFormat_formatChangedSourceKept() {
    LinkageSpec spec = LinkageSpec.fromJson(
        "{\"columns\": {\"dob\": {\"format\": \"dd/MM/yyyy\", \"source\": \"birth_date\"}, \"nino\": {\"source\": \"ni\"}}}");

    assertThat(spec.column("dob").format()).isEqualTo("dd/MM/yyyy");
    assertThat(spec.column("dob").source()).isEqualTo("birth_date");
    assertThat(spec.column("dob").type()).isEqualTo(ColumnType.DATE);
    assertThat(spec.column("nino").source()).isEqualTo("ni");
    assertThat(spec.columns()).hasSameSizeAs(PERSON.columns());
  }

  @Test
  void fromJson_columnsObjectUnknownColumnOrSetting_eachProblemNamed() {
    assertThatThrownBy(() -> LinkageSpec.fromJson(
        "{\"columns\": {\"firstname\": {\"source\": \"x\"}, \"surname\": {\"sauce\": \"y\"}, \"sex\": \"z\"}}"))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).contains("columns.firstname").contains("no such column"),
            p -> assertThat(p).contains("columns.surname").contains("unknown setting 'sauce'"),
            p -> assertThat(p).contains("columns.sex").contains("expected an object")));
  }

  @Test
  void fromJson_columnsList_stillReplacesTheWholeList() {
    LinkageSpec spec = LinkageSpec.fromJson("{\"columns\": [{\"name\": \"forename\", \"type\": \"name\"}, "
        + "{\"name\": \"surname\", \"type\": \"name\"}, {\"name\": \"dob\", \"type\": \"date\"}], "
        + "\"comparisons\": [{\"kind\": \"exact\", \"column\": \"surname\"}], "
        + "\"blockingRules\": [{\"name\": \"dob\", \"keys\": [\"dob\"]}], \"matchKeys\": [], \"strategy\": \"probabilistic\"}");

    assertThat(spec.columns()).extracting(ColumnSpec::name).containsExactly("forename", "surname", "dob");
  }
}
