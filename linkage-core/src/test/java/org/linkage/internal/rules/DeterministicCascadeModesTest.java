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

  /**
   * Many rows (past the cascade's batches of sixteen), keys repeated and missing at random, against
   * the rules written out plainly: one to one links a key unique among each side's unlinked rows,
   * many to one links each unlinked right row whose key is unique among all left rows; pass by pass,
   * in row order.
   */
  @Test
  void bothModes_manyRowsWithRepeatedAndMissingKeys_linksAsTheRulesWrittenOut() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    String[] l = new String[157];
    String[] r = new String[141];
    for (String[] side : new String[][] {l, r}) {
      for (int i = 0; i < side.length; i++) {
        String nino = random.nextInt(5) == 0 ? "" : String.format("AB%06dC", random.nextInt(120));
        String surname = random.nextInt(6) == 0 ? "" : "Name" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(8));
        side[i] = nino + "," + surname;
      }
    }
    for (DeterministicCascade.Mode mode : new DeterministicCascade.Mode[] {DeterministicCascade.Mode.ONE_TO_ONE,
        DeterministicCascade.Mode.MANY_TO_ONE}) {
      List<DeterministicCascade.Link> expected = plainly(l, r, mode);
      assertThat(expected).as("some links in both passes").extracting(DeterministicCascade.Link::pass).contains(0, 1);
      assertThat(run(table("l", l), table("r", r), mode)).as(mode.toString()).containsExactlyElementsOf(expected);
    }
  }

  private static List<DeterministicCascade.Link> plainly(String[] l, String[] r, DeterministicCascade.Mode mode) {
    boolean[] leftLinked = new boolean[l.length];
    boolean[] rightLinked = new boolean[r.length];
    List<DeterministicCascade.Link> links = new java.util.ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      java.util.Map<String, Integer> leftCount = new java.util.HashMap<>();
      java.util.Map<String, Integer> rightCount = new java.util.HashMap<>();
      for (int i = 0; i < l.length; i++) {
        String k = l[i].split(",", -1)[pass];
        if (!k.isEmpty() && (mode == DeterministicCascade.Mode.MANY_TO_ONE || !leftLinked[i])) {
          leftCount.merge(k, 1, Integer::sum);
        }
      }
      for (int j = 0; j < r.length; j++) {
        String k = r[j].split(",", -1)[pass];
        if (!k.isEmpty() && !rightLinked[j]) {
          rightCount.merge(k, 1, Integer::sum);
        }
      }
      if (mode == DeterministicCascade.Mode.ONE_TO_ONE) {
        for (int i = 0; i < l.length; i++) {
          String k = l[i].split(",", -1)[pass];
          if (leftLinked[i] || k.isEmpty() || leftCount.get(k) != 1 || rightCount.getOrDefault(k, 0) != 1) {
            continue;
          }
          for (int j = 0; j < r.length; j++) {
            if (!rightLinked[j] && r[j].split(",", -1)[pass].equals(k)) {
              leftLinked[i] = true;
              rightLinked[j] = true;
              links.add(new DeterministicCascade.Link(i, j, pass));
            }
          }
        }
      } else {
        for (int j = 0; j < r.length; j++) {
          String k = r[j].split(",", -1)[pass];
          if (rightLinked[j] || k.isEmpty() || leftCount.getOrDefault(k, 0) != 1) {
            continue;
          }
          for (int i = 0; i < l.length; i++) {
            if (l[i].split(",", -1)[pass].equals(k)) {
              leftLinked[i] = true;
              rightLinked[j] = true;
              links.add(new DeterministicCascade.Link(i, j, pass));
            }
          }
        }
      }
    }
    return links;
  }
}
