package org.linkage.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.spec.MatchKeySpec;

class DeterministicCascadeModesTest {
  private static final List<ColumnSpec> COLS = List.of(ColumnSpec.of("nino", ColumnType.NINO),
      ColumnSpec.of("surname", ColumnType.NAME));
  private static final List<MatchKeySpec> PASSES = List.of(MatchKeySpec.of("nino", "nino"),
      MatchKeySpec.of("surname", "surname"));

  private static RecordTable table(String name, String... rows) {
    RecordTable.Builder b = RecordTable.builder(name, COLS);
    for (int i = 0; i < rows.length; i++) {
      String[] v = rows[i].split(",", -1);
      b.add(name + i, new String[] {v[0], v[1]}, i + 2);
    }
    return b.build();
  }

  private static List<DeterministicCascade.Link> run(RecordTable l, RecordTable r, DeterministicCascade.Mode mode) {
    EncodedData data = EncodedData.encode(l, r);
    return DeterministicCascade.run(PASSES, data, new boolean[l.size()], new boolean[r.size()], mode);
  }

  @Test
  void oneToOne_keyDuplicatedOnLeft_neverLinked() {
    RecordTable l = table("l", "AB123456C,", "AB123456C,", "CD123456A,");
    RecordTable r = table("r", "AB123456C,", "CD123456A,");
    assertThat(run(l, r, DeterministicCascade.Mode.ONE_TO_ONE))
        .containsExactly(new DeterministicCascade.Link(2, 1, 0));
  }

  @Test
  void oneToOne_keyDuplicatedOnRight_neverLinked() {
    RecordTable l = table("l", "AB123456C,", "CD123456A,");
    RecordTable r = table("r", "CD123456A,", "AB123456C,", "AB123456C,");
    assertThat(run(l, r, DeterministicCascade.Mode.ONE_TO_ONE))
        .containsExactly(new DeterministicCascade.Link(1, 0, 0));
  }

  @Test
  void oneToOne_noRecordTwice() {
    RecordTable l = table("l", "AB123456C,Smith", ",Smith", "CD123456A,Jones", ",Brown");
    RecordTable r = table("r", "AB123456C,Smith", ",Smith", ",Jones", ",Brown", ",Brown");
    List<DeterministicCascade.Link> links = run(l, r, DeterministicCascade.Mode.ONE_TO_ONE);
    assertThat(links.stream().map(DeterministicCascade.Link::left)).doesNotHaveDuplicates();
    assertThat(links.stream().map(DeterministicCascade.Link::right)).doesNotHaveDuplicates();
    // pass 2 sees Smith once per side after pass 1 took the NINO pair; Brown is twice on the right
    assertThat(links).containsExactly(new DeterministicCascade.Link(0, 0, 0), new DeterministicCascade.Link(1, 1, 1),
        new DeterministicCascade.Link(2, 2, 1));
  }

  @Test
  void manyToOne_uniqueLeftKey_takesEveryRightRecord() {
    RecordTable l = table("l", "AB123456C,", "CD123456A,");
    RecordTable r = table("r", "AB123456C,", "AB123456C,", "CD123456A,", "AB123456C,");
    List<DeterministicCascade.Link> links = run(l, r, DeterministicCascade.Mode.MANY_TO_ONE);
    assertThat(links).containsExactly(new DeterministicCascade.Link(0, 0, 0), new DeterministicCascade.Link(0, 1, 0),
        new DeterministicCascade.Link(1, 2, 0), new DeterministicCascade.Link(0, 3, 0));
    assertThat(links.stream().map(DeterministicCascade.Link::right)).doesNotHaveDuplicates();
  }

  @Test
  void manyToOne_keyDuplicatedOnLeft_neverLinked() {
    RecordTable l = table("l", "AB123456C,Smith", "AB123456C,Smith");
    RecordTable r = table("r", "AB123456C,Smith", "AB123456C,Smith");
    assertThat(run(l, r, DeterministicCascade.Mode.MANY_TO_ONE)).isEmpty();
  }

  @Test
  void deduplication_keyTwice_linksThePair() {
    RecordTable t = table("t", "AB123456C,", "CD123456A,", "AB123456C,");
    EncodedData data = EncodedData.encode(t, t);
    boolean[] linked = new boolean[3];
    assertThat(DeterministicCascade.run(PASSES, data, linked, linked))
        .containsExactly(new DeterministicCascade.Link(0, 2, 0));
    assertThat(linked).containsExactly(true, false, true);
  }

  @Test
  void deduplication_keyGroup_linksEveryMemberToTheFirst() {
    RecordTable t = table("t", ",Smith", ",Jones", ",Smith", ",Smith", "AB123456C,Jones", "AB123456C,Brown");
    EncodedData data = EncodedData.encode(t, t);
    boolean[] linked = new boolean[6];
    assertThat(DeterministicCascade.run(PASSES, data, linked, linked, DeterministicCascade.Mode.ONE_TO_ONE))
        .containsExactly(new DeterministicCascade.Link(4, 5, 0), new DeterministicCascade.Link(0, 2, 1),
            new DeterministicCascade.Link(0, 3, 1));
  }
}
