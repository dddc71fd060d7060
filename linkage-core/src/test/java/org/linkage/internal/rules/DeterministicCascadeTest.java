package org.linkage.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linkage.TestTables.person;
import static org.linkage.TestTables.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.error.InvalidSpecException;
import org.linkage.TestTables;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.MatchKeySpec;

class DeterministicCascadeTest {
  private static final List<MatchKeySpec> PASSES = List.of(
      MatchKeySpec.of("nino_dob", "nino", "dob"),
      MatchKeySpec.of("name_dob", "forename", "surname", "dob"));

  private static List<DeterministicCascade.Link> run(RecordTable left, RecordTable right, List<MatchKeySpec> passes) {
    return DeterministicCascade.run(passes, EncodedData.encode(left, right), new boolean[left.size()],
        new boolean[right.size()]);
  }

  @Test
  void run_uniqueOnBothSides_linked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("L1", "Mary", null, "Jones", "1991-01-01", "f", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "MARY", null, "JONES", "1991-01-01", "f", null, null),
        person("R1", "john", null, "smith", "1990-01-01", "m", null, null));
    assertThat(run(left, right, PASSES)).containsExactly(
        new DeterministicCascade.Link(0, 1, 1), new DeterministicCascade.Link(1, 0, 1));
  }

  @Test
  void run_keyDuplicatedOnLeft_neverLinked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("L1", "John", null, "Smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, null));
    assertThat(run(left, right, PASSES)).isEmpty();
  }

  @Test
  void run_keyDuplicatedOnRight_neverLinked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("R1", "Mary", null, "Jones", "1991-01-01", "f", null, null),
        person("R2", "JOHN", null, "SMITH", "1990-01-01", "m", null, null));
    assertThat(run(left, right, PASSES)).isEmpty();
  }

  @Test
  void run_keyTripledOnRight_neverLinked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("R1", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("R2", "John", null, "Smith", "1990-01-01", "m", null, null));
    assertThat(run(left, right, PASSES)).isEmpty();
  }

  @Test
  void run_missingKeyPart_neverLinked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", null, "m", null, null),
        person("L1", null, null, "Jones", "1991-01-01", "f", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", null, "m", null, null),
        person("R1", null, null, "Jones", "1991-01-01", "f", null, null));
    assertThat(run(left, right, PASSES)).isEmpty();
  }

  @Test
  void run_pairMatchingBothPasses_linkedByTheFirst() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, "AB123456C"));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, "AB 12 34 56 C"));
    assertThat(run(left, right, PASSES)).containsExactly(new DeterministicCascade.Link(0, 0, 0));
  }

  @Test
  void run_laterPass_seesOnlyRecordsEarlierPassesLeftUnlinked() {
    // name+dob is shared by two records per side, but the first pass links one pair by NINO, leaving
    // the other name+dob key unique among the unlinked records
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, "AB123456C"),
        person("L1", "John", null, "Smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("R1", "John", null, "Smith", "1990-01-01", "m", null, "AB123456C"));
    assertThat(run(left, right, PASSES)).containsExactly(
        new DeterministicCascade.Link(0, 1, 0), new DeterministicCascade.Link(1, 0, 1));
    // without the first pass the name+dob key is duplicated and nothing links
    assertThat(run(left, right, List.of(PASSES.get(1)))).isEmpty();
  }

  @Test
  void run_alreadyLinkedRows_ignoredAndMarked() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("L1", "John", null, "Smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "John", null, "Smith", "1990-01-01", "m", null, null));
    boolean[] leftLinked = {true, false};
    boolean[] rightLinked = {false};
    List<DeterministicCascade.Link> links = DeterministicCascade.run(PASSES, EncodedData.encode(left, right),
        leftLinked, rightLinked);
    assertThat(links).containsExactly(new DeterministicCascade.Link(1, 0, 1));
    assertThat(leftLinked).containsExactly(true, true);
    assertThat(rightLinked).containsExactly(true);
  }

  @Test
  void run_unknownColumns_allListed() {
    RecordTable t = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null));
    assertThatThrownBy(() -> run(t, t, List.of(MatchKeySpec.of("a", "shoe"), MatchKeySpec.of("b", "dob", "hat"))))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).hasSize(2));
  }
}
