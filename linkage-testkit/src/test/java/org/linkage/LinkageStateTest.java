package org.linkage;

import org.linkage.internal.stage.LinkagePlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.IncrementalPairs;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.state.PassRows;
import org.linkage.internal.state.SavedKeys;
import org.linkage.internal.state.UpdatePairs;
import org.linkage.internal.rules.DeterministicCascade;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.ClusteringSpec;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.MatchKeySpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * {@link LinkageState}: save and load, refusals, and {@link LinkageState#update} on a generated
 * longitudinal population whose records are added in two parts. In package {@code org.linkage} to
 * build a state with persons split on purpose (the package-private constructor).
 */
class LinkageStateTest {
  @TempDir static Path dir;
  static LinkageSpec spec;
  static RecordTable left;
  static RecordTable right;
  static int oldLeft;
  static int oldRight;
  static LinkageState state;

  @BeforeAll
  static void link() {
    PopulationTables pop = PopulationTables.generate(GeneratorSpec.builder().learners(600).seed(5).longitudinal(true)
        .build());
    spec = LinkageSpec.personDefaults().toBuilder().clustering(ClusteringSpec.persons())
        .assignment(org.linkage.spec.LinkageSpec.Assignment.MANY_TO_ONE).build();
    left = pop.education(spec);
    right = pop.labour(spec);
    oldLeft = left.size() * 4 / 5;
    oldRight = right.size() * 4 / 5;
    RecordTable l = rows(left, 0, oldLeft);
    RecordTable r = rows(right, 0, oldRight);
    LinkageResult result = Linker.create(spec).withThreads(2).link(l, r);
    state = LinkageState.of(spec, result, l, r);
  }

  static RecordTable rows(RecordTable t, int from, int to) {
    RecordTable.Builder b = RecordTable.builder(t.source(), t.columns());
    String[] row = new String[t.columns().size()];
    for (int i = from; i < to; i++) {
      for (int c = 0; c < row.length; c++) {
        row[c] = t.value(c, i);
      }
      b.add(t.id(i), row, t.line(i));
    }
    return b.build();
  }

  private static void checkIncrementalPairs(EncodedData d, List<BlockingRuleSpec> rules, int cap, int firstNewLeft,
      int firstNewRight) {
    Comparison[] cs = LinkagePlan.compile(spec).bindComparisons(d);
    Blocker blocker = Blocker.build(rules, d, cap);
    CandidatePairs all = org.linkage.internal.parallel.ParallelChunks.withPool(2, pool -> PairComparer.compareAll(blocker, List.of(cs), d.leftSize(), pool));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.left(i) >= firstNewLeft || all.right(i) >= firstNewRight) {
        expected.add(all.left(i) + "-" + all.right(i) + "-" + all.rule(i) + "-" + all.pattern(i));
      }
    }
    CandidatePairs some = IncrementalPairs.compare(blocker, cs, firstNewLeft, firstNewRight);
    Set<String> actual = new TreeSet<>();
    for (int i = 0; i < some.size(); i++) {
      assertThat(actual.add(some.left(i) + "-" + some.right(i) + "-" + some.rule(i) + "-" + some.pattern(i)))
          .as("pair listed twice").isTrue();
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void updatePairs_selectedBlocksOnly_fullRunPairsWithANewRecord() {
    EncodedData data = EncodedData.encode(left, right);
    List<BlockingRuleSpec> withWindow = new ArrayList<>();
    withWindow.add(BlockingRuleSpec.sortedNeighbourhood("sn_names", 3, "surname", "forename"));
    withWindow.addAll(spec.blockingRules());
    for (List<BlockingRuleSpec> rules : List.of(spec.blockingRules(), withWindow)) {
      long[][] kl = UpdatePairs.keys(rules, data, 0);
      long[][] kr = UpdatePairs.keys(rules, data, 1);
      // as an update selects: once across the sides, keys computed as the scan reaches each record
      UpdatePairs.Selection scanned = UpdatePairs.select(rules, data, oldLeft, oldRight, org.linkage.internal.state.SavedKeys.NONE, null);
      for (int cap : new int[] {spec.maxBlockSize(), 8, 3}) { // a small cap refines (or skips) many blocks
        for (View v : views(data)) {
          int fl = firstNew(v.leftSide());
          int fr = firstNew(v.rightSide());
          // the reference: an index of all records, probed by IncrementalPairs, against a full run's pairs
          checkIncrementalPairs(v.data(), rules, cap, fl, fr);
          checkUpdatePairs(v.data(), rules, cap, fl, fr, v.leftSide() == 1 ? kr : kl, v.rightSide() == 0 ? kl : kr,
              null, 0, 0);
          checkUpdatePairs(v.data(), rules, cap, fl, fr, null, null, scanned, v.leftSide(), v.rightSide());
        }
      }
    }
  }

  @Test
  void updatePairs_savedFingerprintsCollide_samePairsAsAFullRun() {
    // as if every saved key that no new record holds had the fingerprint of one that a new record
    // holds (a function of the key still, as a fingerprint is): all are selected, and the blocks of
    // keys no new record holds give no pair
    EncodedData data = EncodedData.encode(left, right);
    List<BlockingRuleSpec> rules = spec.blockingRules();
    long[][] kl = UpdatePairs.keys(rules, data, 0);
    long[][] kr = UpdatePairs.keys(rules, data, 1);
    java.nio.IntBuffer[][] views = new java.nio.IntBuffer[2][rules.size()];
    int collisions = 0;
    for (int q = 0; q < rules.size(); q++) {
      Set<Long> newKeys = new java.util.HashSet<>();
      for (int i = oldLeft; i < kl[q].length; i++) {
        newKeys.add(kl[q][i]);
      }
      for (int i = oldRight; i < kr[q].length; i++) {
        newKeys.add(kr[q][i]);
      }
      newKeys.remove(Blocker.NO_KEY);
      int shared = SavedKeys.fingerprint(newKeys.iterator().next());
      for (int side = 0; side < 2; side++) {
        long[] keys = side == 0 ? kl[q] : kr[q];
        int[] fp = new int[side == 0 ? oldLeft : oldRight];
        for (int i = 0; i < fp.length; i++) {
          boolean held = newKeys.contains(keys[i]);
          fp[i] = held ? SavedKeys.fingerprint(keys[i]) : shared;
          collisions += held ? 0 : 1;
        }
        views[side][q] = java.nio.IntBuffer.wrap(fp);
      }
    }
    assertThat(collisions).isPositive();
    SavedKeys collided = SavedKeys.of(new int[] {oldLeft}, new int[] {oldRight}, List.<java.nio.IntBuffer[][]>of(views));
    UpdatePairs.Selection all = UpdatePairs.select(rules, data, oldLeft, oldRight, collided, null);
    for (int cap : new int[] {spec.maxBlockSize(), 3}) {
      for (View v : views(data)) {
        checkUpdatePairs(v.data(), rules, cap, firstNew(v.leftSide()), firstNew(v.rightSide()), null, null, all,
            v.leftSide(), v.rightSide());
      }
    }
  }

  @Test
  void save_keysFile_holdsEverySavedRecordsKeyFingerprint() throws Exception {
    Path out = dir.resolve("keys");
    state.save(out);
    List<BlockingRuleSpec> rules = spec.blockingRules();
    java.nio.IntBuffer[][] read = org.linkage.internal.state.StateFiles.readKeys(out.resolve("segment-000001.keys"),
        rules, oldLeft, oldRight);
    EncodedData data = state.data();
    for (int q = 0; q < rules.size(); q++) {
      for (int side = 0; side < 2; side++) {
        long[] keys = UpdatePairs.keys(rules.get(q), data, side);
        int[] fp = new int[keys.length];
        read[side][q].duplicate().get(fp);
        for (int i = 0; i < keys.length; i++) {
          assertThat(fp[i]).as("rule %s side %s row %s", q, side, i).isEqualTo(SavedKeys.fingerprint(keys[i]));
        }
      }
    }
    // read with the spec's rules only: other rules are refused by name
    List<BlockingRuleSpec> fewer = rules.subList(1, rules.size());
    assertThatThrownBy(() -> org.linkage.internal.state.StateFiles.readKeys(out.resolve("segment-000001.keys"), fewer,
        oldLeft, oldRight)).isInstanceOf(InputException.class).hasMessageContaining("segment-000001.keys");
  }

  @Test
  void load_keylessFormat4_sameUpdateAndSavingAddsKeys() throws Exception {
    Path out = savedAs("format4", "linkage-state/4");
    Files.delete(out.resolve("segment-000001.keys"));
    Path manifest = out.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replaceAll(",\\s*\"keys\"\\s*:\\s*true", ""));
    assertThat(Files.readString(manifest)).doesNotContain("keys");
    LinkageState four = LinkageState.load(out);
    assertThat(four).isEqualTo(state);
    LinkageState.Update a = four.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    LinkageState.Update b = LinkageState.load(dir.resolve(saved5()))
        .update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    assertThat(a.links()).isEqualTo(b.links());
    assertThat(a.changes()).isEqualTo(b.changes());
    assertThat(a.state()).isEqualTo(b.state());
    Path again = dir.resolve("format4-saved");
    four.save(again);
    assertThat(Files.readString(again.resolve("manifest.json"))).contains(LinkageState.FORMAT);
    assertThat(Files.mismatch(again.resolve("segment-000001.keys"), dir.resolve(saved5()).resolve("segment-000001.keys")))
        .isEqualTo(-1);
  }

  /** A state saved by this version, in folder {@code keys5} of the test folder. */
  private static String saved5() {
    Path out = dir.resolve("keys5");
    if (!Files.exists(out)) {
      state.save(out);
    }
    return "keys5";
  }

  /**
   * One of an update's three comparisons: its records ({@code data} across the sides, or one side
   * within itself) and which side of {@code data} its left and right records are.
   */
  private record View(EncodedData data, int leftSide, int rightSide) {}

  /** The update's three comparisons: across the sides, within the left side, within the right side. */
  private static List<View> views(EncodedData data) {
    return List.of(new View(data, 0, 1), new View(data.side(0), 0, 0), new View(data.side(1), 1, 1));
  }

  /** The first new record's row on side {@code side}. */
  private static int firstNew(int side) {
    return side == 0 ? oldLeft : oldRight;
  }

  /**
   * The pairs of {@code UpdatePairs.compare} against an index of all records: selected from the keys
   * of {@code d}'s sides, or with {@code selection} (made across the update's two sides; {@code d}
   * is then side {@code leftSide} and {@code rightSide} of them, or both).
   */
  private static void checkUpdatePairs(EncodedData d, List<BlockingRuleSpec> rules, int cap, int firstNewLeft,
      int firstNewRight, long[][] leftKeys, long[][] rightKeys, UpdatePairs.Selection selection, int leftSide,
      int rightSide) {
    Comparison[] cs = LinkagePlan.compile(spec).bindComparisons(d);
    Blocker blocker = Blocker.build(rules, d, cap);
    CandidatePairs expected = IncrementalPairs.compare(blocker, cs, firstNewLeft, firstNewRight);
    int[] caps = new int[rules.size()];
    java.util.Arrays.fill(caps, cap);
    assertThat(expected.size()).isPositive();
    List<String> e = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      e.add(expected.left(i) + "-" + expected.right(i) + "-" + expected.rule(i) + "-" + expected.pattern(i));
    }
    for (boolean twoThreads : new boolean[] {true, false}) { // new left records' pairs apart, or not
      CandidatePairs actual = selection == null
          ? UpdatePairs.compare(rules, caps, d, cs, firstNewLeft, firstNewRight, leftKeys, rightKeys)
          : UpdatePairs.compare(rules, caps, d, cs, firstNewLeft, firstNewRight, selection, leftSide, rightSide,
              twoThreads);
      List<String> a = new ArrayList<>();
      for (int i = 0; i < actual.size(); i++) {
        a.add(actual.left(i) + "-" + actual.right(i) + "-" + actual.rule(i) + "-" + actual.pattern(i));
      }
      assertThat(a).as("same pairs in the same order, rules %s, cap %s, two threads %s", rules.size(), cap,
          twoThreads).isEqualTo(e);
    }
  }

  @Test
  void cascadeRows_closedUnderPassKeys_sameLinksWithANewRecordAsOverAllRows() {
    EncodedData data = EncodedData.encode(left, right);
    for (int view = 0; view < 3; view++) {
      EncodedData d = view == 2 ? data.side(0) : data;
      int fl = oldLeft;
      int fr = view == 2 ? oldLeft : oldRight;
      DeterministicCascade.Mode mode = view == 0 ? DeterministicCascade.Mode.MANY_TO_ONE
          : DeterministicCascade.Mode.ONE_TO_ONE;
      Comparison[] cs = LinkagePlan.compile(spec).bindComparisons(d);
      CandidatePairs c = IncrementalPairs.compare(Blocker.build(spec.blockingRules(), d, spec.maxBlockSize()), cs, fl,
          fr);
      int[][] rows = StateUpdate.cascadeRows(spec.matchKeys(), d, c, fl, fr);
      assertThat(rows[0].length).isLessThan(d.leftSize());
      boolean[] l1 = new boolean[d.leftSize()];
      boolean[] r1 = d.isDeduplication() ? l1 : new boolean[d.rightSize()];
      boolean[] l2 = new boolean[d.leftSize()];
      boolean[] r2 = d.isDeduplication() ? l2 : new boolean[d.rightSize()];
      List<DeterministicCascade.Link> all = DeterministicCascade.run(spec.matchKeys(), d, l1, r1, mode,
          DeterministicCascade.PairCheck.ANY);
      List<DeterministicCascade.Link> some = DeterministicCascade.run(spec.matchKeys(), d, l2, r2, mode,
          DeterministicCascade.PairCheck.ANY, rows[0], rows[1]);
      java.util.function.Predicate<DeterministicCascade.Link> touchesNew = k -> k.left() >= fl || k.right() >= fr;
      assertThat(some.stream().filter(touchesNew).toList()).as("view %s", view)
          .isEqualTo(all.stream().filter(touchesNew).toList()).isNotEmpty();
      for (int i = 0; i < c.size(); i++) {
        assertThat(l2[c.left(i)]).isEqualTo(l1[c.left(i)]);
        assertThat(r2[c.right(i)]).isEqualTo(r1[c.right(i)]);
      }
    }
  }

  @Test
  void cascade_rowsGroupedByPassRows_sameLinksAsKeyedAgain() {
    EncodedData data = EncodedData.encode(left, right);
    PassRows byKey = PassRows.of(spec.matchKeys(), data);
    for (View v : views(data)) {
      EncodedData d = v.data();
      int leftSide = v.leftSide();
      int rightSide = v.rightSide();
      for (DeterministicCascade.Mode mode : DeterministicCascade.Mode.values()) {
        // every row, and every third row (some of each key's rows only)
        for (int step : new int[] {1, 3}) {
          int[] lrows = java.util.stream.IntStream.range(0, d.leftSize()).filter(r -> r % step == 0).toArray();
          int[] rrows = d.isDeduplication() ? lrows
              : java.util.stream.IntStream.range(0, d.rightSize()).filter(r -> r % step == 0).toArray();
          boolean[] l1 = new boolean[d.leftSize()];
          boolean[] r1 = d.isDeduplication() ? l1 : new boolean[d.rightSize()];
          boolean[] l2 = new boolean[d.leftSize()];
          boolean[] r2 = d.isDeduplication() ? l2 : new boolean[d.rightSize()];
          DeterministicCascade.PairCheck check = (l, r) -> (l + r) % 7 != 0; // refuses some pairs
          List<DeterministicCascade.Link> keyed = DeterministicCascade.run(spec.matchKeys(), d, l1, r1, mode, check,
              lrows, rrows);
          List<DeterministicCascade.Link> grouped = DeterministicCascade.run(spec.matchKeys(), d, l2, r2, mode, check,
              lrows, rrows, byKey.keyGroups(leftSide, rightSide));
          assertThat(grouped).as("sides %s-%s, %s, every %s", leftSide, rightSide, mode, step).isEqualTo(keyed)
              .isNotEmpty();
          assertThat(l2).isEqualTo(l1);
          assertThat(r2).isEqualTo(r1);
        }
      }
    }
  }

  @Test
  void cascadeRows_ofPairsNotYetCompared_sameRowsAsOfTheComparedCandidates() {
    EncodedData data = EncodedData.encode(left, right);
    PassRows byKey = PassRows.of(spec.matchKeys(), data);
    List<BlockingRuleSpec> rules = spec.blockingRules();
    UpdatePairs.Selection selection = UpdatePairs.select(rules, data, oldLeft, oldRight, SavedKeys.NONE, null);
    int[] caps = new int[rules.size()];
    java.util.Arrays.fill(caps, spec.maxBlockSize());
    for (View v : views(data)) {
      int fl = firstNew(v.leftSide());
      int fr = firstNew(v.rightSide());
      UpdatePairs.Pairs pairs = UpdatePairs.prepare(rules, caps, v.data(), fl, fr, selection, v.leftSide(),
          v.rightSide());
      CandidatePairs compared = pairs.compare(LinkagePlan.compile(spec).bindComparisons(v.data()), fl, false);
      int[][] before = StateUpdate.cascadeRows(byKey, v.leftSide(), v.rightSide(), pairs, fl, fr);
      int[][] after = StateUpdate.cascadeRows(byKey, v.leftSide(), v.rightSide(), compared, fl, fr);
      assertThat(compared.size()).isPositive();
      assertThat(before[0]).as("left rows, view %s-%s", v.leftSide(), v.rightSide()).isEqualTo(after[0]);
      assertThat(before[1]).as("right rows, view %s-%s", v.leftSide(), v.rightSide()).isEqualTo(after[1]);
    }
  }

  @Test
  void cascadeRows_groupsOfTheCrossDataPerSide_sameRowsAsEachSidesOwnGroups() {
    EncodedData data = EncodedData.encode(left, right);
    PassRows byKey = PassRows.of(spec.matchKeys(), data); // as an update: built once, shared by the three
    for (int side = 0; side < 2; side++) {
      EncodedData d = data.side(side);
      int first = firstNew(side);
      CandidatePairs c = IncrementalPairs.compare(Blocker.build(spec.blockingRules(), d, spec.maxBlockSize()),
          LinkagePlan.compile(spec).bindComparisons(d), first, first);
      int[][] own = StateUpdate.cascadeRows(spec.matchKeys(), d, c, first, first);
      int[][] shared = StateUpdate.cascadeRows(byKey, side, side, c, first, first);
      assertThat(shared[0]).as("side %s", side).isEqualTo(own[0]).isSameAs(shared[1]);
      assertThat(own[0].length).as("side %s", side).isGreaterThan(d.leftSize() - first).isLessThan(d.leftSize());
    }
  }

  /**
   * The rows of the cascade's closure are exactly the closure computed plainly: the new rows and the
   * candidates' rows, then every row sharing a pass key with a chosen row (of either side across
   * the sides), again until nothing is added.
   */
  @Test
  void cascadeRows_everyView_sameRowsAsThePlainClosure() {
    EncodedData data = EncodedData.encode(left, right);
    PassRows byKey = PassRows.of(spec.matchKeys(), data);
    for (View v : views(data)) {
      EncodedData d = v.data();
      int leftSide = v.leftSide();
      int rightSide = v.rightSide();
      CandidatePairs all = IncrementalPairs.compare(Blocker.build(spec.blockingRules(), d, spec.maxBlockSize()),
          LinkagePlan.compile(spec).bindComparisons(d), firstNew(leftSide), firstNew(rightSide));
      // the new records and every candidate (many rows chosen at once: read in rounds over every
      // row first), and three candidates alone (expanded one by one)
      for (boolean few : new boolean[] {false, true}) {
        int fl = few ? d.leftSize() : firstNew(leftSide);
        int fr = few ? d.rightSize() : firstNew(rightSide);
        CandidatePairs c = all;
        if (few) {
          CandidatePairs.Buffer b = new CandidatePairs.Buffer();
          for (int i = 0; i < 3; i++) {
            b.add(all.left(i * 7), all.right(i * 7), 0L, 0);
          }
          c = b.buildAndClear();
        }
        int[][] rows = StateUpdate.cascadeRows(byKey, leftSide, rightSide, c, fl, fr);
        boolean dedup = d.isDeduplication();
        boolean[] l = new boolean[d.leftSize()];
        boolean[] r = dedup ? l : new boolean[d.rightSize()];
        java.util.Arrays.fill(l, fl, d.leftSize(), true);
        java.util.Arrays.fill(r, fr, d.rightSize(), true);
        for (int i = 0; i < c.size(); i++) {
          l[c.left(i)] = true;
          r[c.right(i)] = true;
        }
        for (boolean added = true; added; ) {
          added = false;
          for (MatchKeySpec pass : spec.matchKeys()) {
            long[] lk = DeterministicCascade.keys(pass, d, 0);
            long[] rk = dedup ? lk : DeterministicCascade.keys(pass, d, 1);
            Set<Long> chosen = new java.util.HashSet<>();
            for (int i = 0; i < lk.length; i++) {
              if (l[i] && lk[i] != Blocker.NO_KEY) {
                chosen.add(lk[i]);
              }
            }
            for (int i = 0; i < rk.length; i++) {
              if (r[i] && rk[i] != Blocker.NO_KEY) {
                chosen.add(rk[i]);
              }
            }
            for (int i = 0; i < lk.length; i++) {
              if (!l[i] && chosen.contains(lk[i])) {
                l[i] = added = true;
              }
            }
            for (int i = 0; i < rk.length; i++) {
              if (!r[i] && chosen.contains(rk[i])) {
                r[i] = added = true;
              }
            }
          }
        }
        boolean[] lr = l;
        boolean[] rr = r;
        int[] expectedLeft = java.util.stream.IntStream.range(0, l.length).filter(i -> lr[i]).toArray();
        int[] expectedRight = java.util.stream.IntStream.range(0, r.length).filter(i -> rr[i]).toArray();
        assertThat(rows[0]).as("sides %s-%s", leftSide, rightSide).isEqualTo(expectedLeft);
        assertThat(rows[1]).as("sides %s-%s", leftSide, rightSide).isEqualTo(expectedRight);
        if (few) { // fewer seeds than the share from which rows are read in rounds
          assertThat(d.leftSize() / 64).isGreaterThan(6);
          assertThat(expectedLeft.length + (dedup ? 0 : expectedRight.length)).isGreaterThan(3);
          continue;
        }
        // past the first batch of rows expanded, with rows added by sharing a key, and not every row
        assertThat(expectedLeft.length + (dedup ? 0 : expectedRight.length)).as("sides %s-%s", leftSide, rightSide)
            .isGreaterThan(100 + (d.leftSize() - fl) + (dedup ? 0 : d.rightSize() - fr))
            .isLessThan(d.leftSize() + (dedup ? 0 : d.rightSize()));
      }
    }
  }

  @Test
  void recordsByPerson_densePersonNumbers_sameAsSortingKeys() {
    long[] expected = new long[state.leftSize() + state.rightSize()];
    for (int r = 0; r < state.leftSize(); r++) {
      expected[r] = state.leftPersonNumber(r) << 32 | r;
    }
    for (int r = 0; r < state.rightSize(); r++) {
      expected[state.leftSize() + r] = state.rightPersonNumber(r) << 32 | (state.leftSize() + r);
    }
    java.util.Arrays.sort(expected);
    assertThat(state.recordsByPerson()).isEqualTo(expected);
  }

  @Test
  void personIdBytes_smallAndLargeNumbers_sameAsPersonId() {
    byte[] out = new byte[24];
    for (long n : new long[] {0, 7, 10, 9_999_999, 10_000_000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
        123_456_789_012L, Long.MAX_VALUE}) {
      int length = LinkageState.personIdBytes(n, out);
      assertThat(new String(out, 0, length, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo(LinkageState.personId(n));
    }
  }

  @Test
  void nextPersonIdBytes_countedUpInPlace_sameAsPersonIdOfTheNextNumber() {
    byte[] out = new byte[24];
    for (long start : new long[] {0, 8, 98, 9_999_990, 99_999_990, Integer.MAX_VALUE - 5L, 999_999_999_990L}) {
      int length = LinkageState.personIdBytes(start, out);
      for (long n = start + 1; n <= start + 15; n++) {
        length = LinkageState.nextPersonIdBytes(out, length);
        assertThat(new String(out, 0, length, java.nio.charset.StandardCharsets.US_ASCII)).as("%d", n)
            .isEqualTo(LinkageState.personId(n));
      }
    }
  }

  @Test
  void saveThenLoad_roundTrip_equalState() {
    Path out = dir.resolve("state");
    state.save(out);
    LinkageState back = LinkageState.load(out);
    assertThat(back).isEqualTo(state);
    assertThat(back.persons()).isEqualTo(state.persons());
    assertThat(back.nextPersonId()).isEqualTo(state.nextPersonId());
  }

  @Test
  void saveThenLoad_rawValues_readBackAsGiven() {
    Path out = dir.resolve("raw");
    state.save(out);
    RecordTable back = LinkageState.load(out).left();
    RecordTable l = state.left();
    assertThat(back.size()).isEqualTo(oldLeft);
    for (int row = 0; row < oldLeft; row++) {
      assertThat(back.id(row)).isEqualTo(left.id(row));
      for (int c = 0; c < left.columns().size(); c++) {
        assertThat(back.value(c, row)).isEqualTo(left.value(c, row)).isEqualTo(l.value(c, row));
      }
    }
  }

  @Test
  void update_twiceWithSaveAndLoad_sameAsInMemoryAndSegmentsAppended() throws Exception {
    int midLeft = (oldLeft + left.size()) / 2;
    int midRight = (oldRight + right.size()) / 2;
    LinkageState.Update a = state.update(rows(left, oldLeft, midLeft), rows(right, oldRight, midRight));
    LinkageState.Update b = a.state().update(rows(left, midLeft, left.size()), rows(right, midRight, right.size()));

    Path s1 = dir.resolve("twice1");
    state.save(s1);
    LinkageState.Update a2 = LinkageState.load(s1).update(rows(left, oldLeft, midLeft), rows(right, oldRight, midRight));
    Path s2 = dir.resolve("twice2");
    a2.state().save(s2);
    LinkageState.Update b2 = LinkageState.load(s2).update(rows(left, midLeft, left.size()),
        rows(right, midRight, right.size()));
    b2.state().save(s2); // into the folder it was read from
    LinkageState back = LinkageState.load(s2);

    assertThat(a2.state()).isEqualTo(a.state());
    assertThat(back).isEqualTo(b.state());
    assertThat(b2.links()).isEqualTo(b.links());
    assertThat(b2.changes()).isEqualTo(b.changes());
    assertThat(b2.review()).isEqualTo(b.review());
    // one segment per save that added records; the first is the base run's, unchanged
    assertThat(s2.resolve("segment-000003.bin")).exists();
    assertThat(s2.resolve("segment-000004.bin")).doesNotExist();
    assertThat(Files.mismatch(s1.resolve("segment-000001.bin"), s2.resolve("segment-000001.bin"))).isEqualTo(-1);
    RecordTable all = back.left();
    for (int row = 0; row < left.size(); row++) {
      assertThat(all.id(row)).isEqualTo(left.id(row));
      assertThat(all.value(0, row)).isEqualTo(left.value(0, row));
    }
  }

  @Test
  void load_damagedFile_refusedNamingIt() throws Exception {
    for (String file : new String[] {"segment-000001.bin", "segment-000001.keys", "persons.bin",
        "dictionaries.bin"}) {
      Path out = dir.resolve("damaged-" + file);
      state.save(out);
      byte[] bytes = Files.readAllBytes(out.resolve(file));
      bytes[bytes.length / 2] ^= 0x10;
      Files.write(out.resolve(file), bytes);
      assertThatThrownBy(() -> LinkageState.load(out)).isInstanceOf(InputException.class)
          .hasMessageContaining(file).hasMessageContaining("damaged");
      Files.write(out.resolve(file), java.util.Arrays.copyOf(bytes, 12));
      assertThatThrownBy(() -> LinkageState.load(out)).isInstanceOf(InputException.class)
          .hasMessageContaining(file);
    }
  }

  @Test
  void load_withoutSavedHashTables_sameStateAndUpdateAsWithThem() throws Exception {
    Path with = dir.resolve("tables");
    state.save(with);
    Path without = dir.resolve("no-tables");
    state.save(without);
    Files.delete(without.resolve("dictionaries.bin")); // the dictionaries are then hashed on reading
    LinkageState a = LinkageState.load(with);
    LinkageState b = LinkageState.load(without);
    assertThat(a).isEqualTo(b).isEqualTo(state);
    LinkageState.Update ua = a.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    LinkageState.Update ub = b.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    assertThat(ua.state()).isEqualTo(ub.state());
    assertThat(ua.links()).isEqualTo(ub.links());
    assertThat(ua.changes()).isEqualTo(ub.changes());
    // a table written for other values: refused by name, not read as wrong codes
    Path other = dir.resolve("other-tables");
    state.save(other);
    LinkageState.load(with).update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size())).state()
        .save(dir.resolve("grown"));
    Files.copy(dir.resolve("grown").resolve("dictionaries.bin"), other.resolve("dictionaries.bin"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> LinkageState.load(other)).isInstanceOf(InputException.class)
        .hasMessageContaining("dictionaries.bin").hasMessageContaining("damaged");
  }

  @Test
  void load_earlierFormat_refusedSayingToRecreate() throws Exception {
    for (String format : new String[] {"linkage-state/1", "linkage-state/2", "linkage-state/3"}) {
      Path out = savedAs("earlier" + format.charAt(format.length() - 1), format);
      assertThatThrownBy(() -> LinkageState.load(out)).isInstanceOf(InvalidSpecException.class)
          .hasMessageContaining(format).hasMessageContaining("re-create");
    }
  }

  @Test
  void saveThenLoad_derivedCodesSaved_sameAsDerivedAgain() {
    LinkageState.Update u = state.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    Path s1 = dir.resolve("derived1");
    state.save(s1);
    Path s2 = dir.resolve("derived2");
    LinkageState.load(s1).update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size())).state()
        .save(s2);
    LinkageState back = LinkageState.load(s2); // two segments: the derived tables continue across them
    assertThat(back).isEqualTo(u.state());
    Map<String, java.util.function.Function<org.linkage.internal.normalize.EncodedColumn,
        org.linkage.internal.normalize.Dictionary.Derived>> derivations = Map.of(
        "phonetic", org.linkage.internal.normalize.Derivations::phonetic,
        "first1", c -> org.linkage.internal.normalize.Derivations.prefix(c, 1),
        "postcode_sector", org.linkage.internal.normalize.Derivations::postcodeSector,
        "postcode_district", org.linkage.internal.normalize.Derivations::postcodeDistrict,
        "postcode_area", org.linkage.internal.normalize.Derivations::postcodeArea);
    Set<String> seen = new TreeSet<>();
    for (org.linkage.internal.normalize.EncodedColumn c : back.data().columns().values()) {
      c.derivedCodes().forEach((key, saved) -> { // read from the segments, not derived on request
        seen.add(key);
        var fresh = org.linkage.internal.normalize.EncodedColumn.of(c.spec(), c.dictionary(), c.left(), c.right());
        var again = derivations.get(key).apply(fresh);
        assertThat(saved.codes()).as(c.name() + " " + key).isEqualTo(again.codes());
        assertThat(saved.dictionary().size()).isEqualTo(again.dictionary().size());
        for (int v = 0; v < again.dictionary().size(); v++) {
          assertThat(saved.dictionary().chars(v)).isEqualTo(again.dictionary().chars(v));
        }
      });
    }
    assertThat(seen).contains("phonetic", "postcode_sector", "postcode_area");
  }

  @Test
  void writePersons_everyRecord_sameFileAsThePersonsList() throws Exception {
    RecordTable l = rows(left, oldLeft, left.size());
    RecordTable.Builder b = RecordTable.builder(l.source(), l.columns());
    String[] row = new String[l.columns().size()];
    String[] awkward = {"=1+1", "a,b", "say \"hi\"", "-x", "line\nbreak", "'q", "Łódź"};
    for (int i = 0; i < l.size(); i++) {
      for (int c = 0; c < row.length; c++) {
        row[c] = l.value(c, i);
      }
      b.add(i < awkward.length ? awkward[i] : l.id(i), row, l.line(i)); // ids a CSV writer must quote or escape
    }
    LinkageState s = state.update(b.build(), rows(right, oldRight, right.size())).state();
    for (boolean escape : new boolean[] {true, false}) {
      Path list = dir.resolve("persons-list-" + escape + ".csv");
      org.linkage.internal.output.OutputWriter.writePersons(list, s.persons(), escape);
      for (int splitFrom : new int[] {Integer.MAX_VALUE, 2}) { // in one piece, and in two halves at once
        Path fast = dir.resolve("persons-fast-" + escape + splitFrom + ".csv");
        s.writePersonsSplit(fast, escape, splitFrom);
        assertThat(Files.readString(fast)).contains("\"a,b\"").hasLineCount(s.leftSize() + s.rightSize() + 2);
        assertThat(Files.mismatch(fast, list)).isEqualTo(-1);
      }
    }
  }

  @Test
  void load_unknownFormatVersion_refused() throws Exception {
    Path out = savedAs("future", "linkage-state/99");
    assertThatThrownBy(() -> LinkageState.load(out)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("linkage-state/99").hasMessageContaining("expected " + LinkageState.FORMAT);
  }

  /** The state saved to folder {@code name}, its manifest then claiming format {@code format}. */
  private static Path savedAs(String name, String format) throws java.io.IOException {
    Path out = dir.resolve(name);
    state.save(out);
    Path manifest = out.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace(LinkageState.FORMAT, format));
    return out;
  }

  @Test
  void load_differentSpec_refused() {
    Path out = dir.resolve("otherSpec");
    state.save(out);
    LinkageSpec other = spec.toBuilder().threshold(0.5).build();
    assertThatThrownBy(() -> LinkageState.load(out, other)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("different spec");
    assertThat(LinkageState.load(out, spec)).isEqualTo(state);
  }

  @Test
  void update_nothingNew_changesNothing() {
    LinkageState.Update u = state.update(null, null);
    assertThat(u.state()).isEqualTo(state);
    assertThat(u.links()).isEmpty();
    assertThat(u.changes()).isEmpty();
  }

  @Test
  void update_idAlreadyInState_refused() {
    assertThatThrownBy(() -> state.update(rows(left, 0, 1), null)).isInstanceOf(InputException.class)
        .hasMessageContaining("already in the state").hasMessageContaining("line");
  }

  @Test
  void update_newRecords_savedPersonsKeepTheirIdsAndRecords() {
    LinkageState.Update u = state.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    LinkageState next = u.state();
    assertThat(next.left().size()).isEqualTo(left.size());
    assertThat(next.right().size()).isEqualTo(right.size());
    Map<String, String> mergedInto = new HashMap<>();
    u.changes().stream().filter(c -> c.change().equals("merged_into"))
        .forEach(c -> mergedInto.put(c.personId(), c.otherIds().get(0)));
    for (int row = 0; row < oldLeft; row++) {
      assertThat(next.left().id(row)).isEqualTo(state.left().id(row));
      String before = state.leftPerson(row);
      assertThat(next.leftPerson(row)).isEqualTo(mergedInto.getOrDefault(before, before));
    }
    for (int row = 0; row < oldRight; row++) {
      String before = state.rightPerson(row);
      assertThat(next.rightPerson(row)).isEqualTo(mergedInto.getOrDefault(before, before));
    }
    // new persons are numbered from the saved next id, and every change names a real person
    assertThat(u.changes()).anyMatch(c -> c.change().equals("gained_records"));
    u.changes().stream().filter(c -> c.change().equals("new"))
        .forEach(c -> assertThat(LinkageState.number(c.personId())).isGreaterThanOrEqualTo(state.nextPersonId()));
    assertThat(u.links()).allMatch(l -> next.left().rowOf(l.leftId()) >= oldLeft
        || next.right().rowOf(l.rightId()) >= oldRight);
  }

  @Test
  void update_recordJoiningTwoSavedPersons_olderIdSurvivesAndMergeRecorded() {
    // split one saved person with several left records in two: its first left record alone under a new id
    int first = -1;
    for (int row = 0; row < oldLeft && first < 0; row++) {
      String p = state.leftPerson(row);
      long same = java.util.stream.IntStream.range(0, oldLeft).filter(r -> state.leftPerson(r).equals(p)).count();
      first = same >= 4 ? row : -1;
    }
    long[] lp = new long[oldLeft];
    long[] rp = new long[oldRight];
    for (int row = 0; row < oldLeft; row++) {
      lp[row] = LinkageState.number(state.leftPerson(row));
    }
    for (int row = 0; row < oldRight; row++) {
      rp[row] = LinkageState.number(state.rightPerson(row));
    }
    long original = lp[first];
    long split = state.nextPersonId();
    lp[first] = split;
    LinkageState halves = state.withPersons(lp, rp, split + 1);
    // a new copy of the split-off record links to it and to the rest of its person
    RecordTable.Builder copy = RecordTable.builder(left.source(), left.columns());
    String[] row = new String[left.columns().size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = left.value(c, first);
    }
    copy.add("NEW-COPY", row, 2);
    LinkageState.Update u = halves.update(copy.build(), null);

    assertThat(u.changes()).contains(new LinkageState.PersonChange(LinkageState.personId(split), "merged_into",
        List.of(LinkageState.personId(original)), "new record(s) link it to " + LinkageState.personId(original)
            + ", the older id"));
    assertThat(u.state().leftPerson(first)).isEqualTo(LinkageState.personId(original));
    assertThat(u.state().leftPerson(oldLeft)).isEqualTo(LinkageState.personId(original));
    assertThat(u.state().nextPersonId()).isEqualTo(split + 1);
  }

  @Test
  void update_inTwoParts_personQualityNearFullRun() {
    LinkageState.Update u = state.update(rows(left, oldLeft, left.size()), rows(right, oldRight, right.size()));
    LinkageResult full = Linker.create(spec).withThreads(2).link(left, right);
    Map<String, String> truth = new HashMap<>();
    PopulationTables pop = PopulationTables.generate(GeneratorSpec.builder().learners(600).seed(5).longitudinal(true)
        .build());
    for (String[] t : pop.population().truthPersons()) {
      truth.put(t[1] + ":" + t[2], t[0]);
    }
    Map<String, String> incremental = new HashMap<>();
    u.state().persons().forEach(p -> {
      p.leftIds().forEach(id -> incremental.put("left:" + id, p.id()));
      p.rightIds().forEach(id -> incremental.put("right:" + id, p.id()));
    });
    Map<String, String> whole = new HashMap<>();
    full.persons().forEach(p -> {
      p.leftIds().forEach(id -> whole.put("left:" + id, p.id()));
      p.rightIds().forEach(id -> whole.put("right:" + id, p.id()));
    });
    PersonEvaluation inc = PersonEvaluation.of(incremental, truth);
    PersonEvaluation all = PersonEvaluation.of(whole, truth);
    assertThat(inc.precision()).isCloseTo(all.precision(), org.assertj.core.data.Offset.offset(0.01));
    assertThat(inc.recall()).isCloseTo(all.recall(), org.assertj.core.data.Offset.offset(0.01));
  }
}
