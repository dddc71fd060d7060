package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linkage.TestTables.person;
import static org.linkage.TestTables.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linkage.error.InvalidSpecException;
import org.linkage.TestTables;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.normalize.Normalizers;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

class BlockerTest {
  private static final String[] FORENAMES = {"john", "jon", "mary", "maria", "ann", "anne", "peter", "paul"};
  private static final String[] SURNAMES = {"smith", "smyth", "jones", "brown", "patel", "khan"};
  private static final String[] POSTCODES = {"SW1A 1AA", "SW1A 2BB", "M1 1AE", "LS6 3HN", "LS6 3HP"};

  /** A random person table over small vocabularies, so that blocks overlap heavily; ~8% of values missing. */
  static RecordTable randomTable(String source, String idPrefix, int n, long seed) {
    Random rnd = new Random(seed);
    String[][] rows = new String[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = person(idPrefix + i, maybe(rnd, FORENAMES), null, maybe(rnd, SURNAMES),
          rnd.nextInt(12) == 0 ? null : String.format("%d-%02d-%02d", 1990 + rnd.nextInt(3), 1 + rnd.nextInt(2),
              1 + rnd.nextInt(3)),
          rnd.nextBoolean() ? "m" : "f", maybe(rnd, POSTCODES), null);
    }
    return table(source, TestTables.PERSON, rows);
  }

  private static String maybe(Random rnd, String[] values) {
    return rnd.nextInt(12) == 0 ? null : values[rnd.nextInt(values.length)];
  }

  private static final List<BlockingRuleSpec> OVERLAPPING = List.of(
      BlockingRuleSpec.of("dob", "dob"),
      BlockingRuleSpec.of("surname_year", "surname", "dob:year"),
      BlockingRuleSpec.of("initial_postcode", "forename:initial", "postcode"),
      BlockingRuleSpec.of("forename_surname", "forename", "surname"));

  /** The key of a rule computed independently from the raw values (null when any part is missing). */
  private static List<Object> expectedKey(BlockingRuleSpec rule, RecordTable t, int row) {
    return expectedKey(rule.parts(), t, row);
  }

  /** The key of some key parts computed from the raw values (null when any part is missing); exact, year and firstN. */
  static List<Object> expectedKey(List<KeyPart> parts, RecordTable t, int row) {
    List<Object> key = new ArrayList<>();
    for (KeyPart p : parts) {
      String raw = t.value(t.columnIndex(p.column()), row);
      Object v;
      switch (p.transform()) {
        case EXACT -> v = p.column().equals("dob") ? (Object) (raw == null ? null : Normalizers.date(raw, "yyyy-MM-dd"))
            : raw == null ? null : p.column().equals("postcode") ? Normalizers.postcode(raw) : Normalizers.name(raw);
        case YEAR -> v = raw == null ? null : Normalizers.date(raw, "yyyy-MM-dd") / 10000;
        case FIRST -> v = raw == null ? null : Normalizers.name(raw).substring(0, p.length());
        default -> throw new AssertionError(p);
      }
      if (v == null) {
        return null;
      }
      key.add(v);
    }
    return key;
  }

  private static Set<Long> bruteForce(List<BlockingRuleSpec> rules, RecordTable left, RecordTable right, boolean dedup) {
    Set<Long> out = new HashSet<>();
    for (int l = 0; l < left.size(); l++) {
      for (int r = dedup ? l + 1 : 0; r < right.size(); r++) {
        for (BlockingRuleSpec rule : rules) {
          List<Object> kl = expectedKey(rule, left, l);
          if (kl != null && kl.equals(expectedKey(rule, right, r))) {
            out.add(pair(l, r));
            break;
          }
        }
      }
    }
    return out;
  }

  static long pair(int l, int r) {
    return ((long) l << 32) | r;
  }

  /** All pairs produced, failing on any pair produced twice. */
  static List<Long> produced(Blocker blocker, int leftSize) {
    List<Long> out = new ArrayList<>();
    for (int l = 0; l < leftSize; l++) {
      blocker.candidatesOf(l, (left, right, rule) -> out.add(pair(left, right)));
    }
    return out;
  }

  @Test
  void candidatesOf_overlappingRules_eachSharedKeyPairExactlyOnce() {
    RecordTable left = randomTable("left.csv", "L", 300, 1);
    RecordTable right = randomTable("right.csv", "R", 280, 2);
    EncodedData data = EncodedData.encode(left, right);
    Blocker blocker = Blocker.build(OVERLAPPING, data, 1_000_000);

    List<Long> produced = produced(blocker, left.size());
    Set<Long> expected = bruteForce(OVERLAPPING, left, right, false);

    assertThat(new HashSet<>(produced)).hasSameSizeAs(produced); // no duplicates
    assertThat(new HashSet<>(produced)).isEqualTo(expected);
    assertThat(expected.size()).isGreaterThan(1000); // the data really overlaps
  }

  @Test
  void candidatesOf_pairAttributedToFirstSharedRule() {
    RecordTable left = randomTable("left.csv", "L", 150, 3);
    RecordTable right = randomTable("right.csv", "R", 150, 4);
    EncodedData data = EncodedData.encode(left, right);
    Blocker blocker = Blocker.build(OVERLAPPING, data, 1_000_000);
    for (int l = 0; l < left.size(); l++) {
      blocker.candidatesOf(l, (lo, ro, rule) -> {
        assertThat(blocker.sharesKey(rule, lo, ro)).isTrue();
        for (int q = 0; q < rule; q++) {
          assertThat(blocker.sharesKey(q, lo, ro)).as("earlier rule %s", q).isFalse();
        }
      });
    }
  }

  @Test
  void candidatesOf_noSharedKey_neverProduced() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L1", "john", null, "smith", "1990-01-01", "m", "SW1A 1AA", null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R1", "mary", null, "jones", "1991-02-02", "f", "M1 1AE", null),
        person("R2", "john", null, "smith", null, "m", null, null),
        person("R3", "john", null, "smith", "1990-01-01", "m", null, null));
    Blocker blocker = Blocker.build(List.of(BlockingRuleSpec.of("dob", "dob"),
        BlockingRuleSpec.of("pc", "postcode")), EncodedData.encode(left, right), 100);
    assertThat(produced(blocker, 1)).containsExactly(pair(0, 2));
  }

  @Test
  void candidatesOf_missingKeyPart_recordInNoBlock() {
    RecordTable t = table("l.csv", TestTables.PERSON,
        person("A", null, null, "smith", null, "m", null, null),
        person("B", null, null, "smith", null, "m", null, null));
    Blocker blocker = Blocker.build(List.of(BlockingRuleSpec.of("dob_surname", "dob", "surname"),
        BlockingRuleSpec.of("fn", "forename")), EncodedData.encode(t, t), 100);
    assertThat(produced(blocker, 2)).isEmpty();
  }

  @Test
  void candidatesOf_oversizedBlock_skippedAndReported() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(person("R" + i, "john", null, "smith", "1990-01-01", "m", null, null));
    }
    rows.add(person("R5", "mary", null, "jones", "1990-01-01", "f", null, null));
    rows.add(person("R6", "anne", null, "khan", "1980-01-01", "f", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON, rows.toArray(new String[0][]));
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-01-01", "m", null, null),
        person("L1", "anne", null, "khan", "1980-01-01", "f", null, null));
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("dob", "dob"));
    Blocker blocker = Blocker.build(rules, EncodedData.encode(left, right), 5);

    // the 1990-01-01 block holds 6 right records (> cap 5): L0 gets nothing; L1's block of 1 is kept
    assertThat(produced(blocker, 2)).containsExactly(pair(1, 6));
    Blocker.IndexStats stats = blocker.indexStats().get(0);
    assertThat(stats.rule()).isEqualTo("dob");
    assertThat(stats.blocks()).isEqualTo(2);
    assertThat(stats.largestBlock()).isEqualTo(6);
    assertThat(stats.oversizedBlocks()).isEqualTo(1);
    assertThat(stats.recordsInOversizedBlocks()).isEqualTo(6);
    assertThat(stats.toString()).doesNotContain("1990").doesNotContain("19900101");

    Blocker uncapped = Blocker.build(rules, EncodedData.encode(left, right), 6);
    assertThat(uncapped.indexStats().get(0).oversizedBlocks()).isZero();
    assertThat(produced(uncapped, 2)).hasSize(7);
  }

  @Test
  void candidatesOf_earlierRuleOversized_pairProducedByNextRuleInstead() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "john", null, "smith", "1990-01-01", "m", null, null),
        person("R1", "mary", null, "jones", "1991-01-01", "m", null, null),
        person("R2", "anne", null, "brown", "1992-01-01", "m", null, null));
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("sex", "sex"), BlockingRuleSpec.of("dob", "dob"));
    Blocker blocker = Blocker.build(rules, EncodedData.encode(left, right), 2);
    List<int[]> got = new ArrayList<>();
    blocker.candidatesOf(0, (l, r, rule) -> got.add(new int[] {l, r, rule}));
    assertThat(got).hasSize(1);
    assertThat(got.get(0)).containsExactly(0, 0, 1);
  }

  @Test
  void candidatesOf_oversizedFirstRuleAndTwoLaterSharedRules_pairProducedOnce() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-01-01", "m", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "john", null, "smith", "1990-01-01", "m", null, null),
        person("R1", "mary", null, "jones", "1991-01-01", "m", null, null),
        person("R2", "anne", null, "brown", "1992-01-01", "m", null, null));
    // rule 0 (sex) puts all three right records in one block, over the cap of 2; rules 1 and 2 both hold the pair
    List<BlockingRuleSpec> rules = List.of(BlockingRuleSpec.of("sex", "sex"), BlockingRuleSpec.of("dob", "dob"),
        BlockingRuleSpec.of("surname", "surname"));
    Blocker blocker = Blocker.build(rules, EncodedData.encode(left, right), 2);
    assertThat(produced(blocker, 1)).containsExactly(pair(0, 0));
  }

  @Test
  void candidatesOf_randomDataWithSmallCap_matchesBruteForceOverUncappedBlocks() {
    // expected: pairs sharing the key of at least one rule whose block (right side) is within the cap
    RecordTable left = randomTable("left.csv", "L", 200, 5);
    RecordTable right = randomTable("right.csv", "R", 200, 6);
    EncodedData data = EncodedData.encode(left, right);
    int cap = 12;
    Blocker blocker = Blocker.build(OVERLAPPING, data, cap);
    List<Map<List<Object>, Integer>> blockSizes = new ArrayList<>();
    for (BlockingRuleSpec rule : OVERLAPPING) {
      Map<List<Object>, Integer> sizes = new HashMap<>();
      for (int r = 0; r < right.size(); r++) {
        List<Object> k = expectedKey(rule, right, r);
        if (k != null) {
          sizes.merge(k, 1, Integer::sum);
        }
      }
      blockSizes.add(sizes);
    }
    Set<Long> expected = new HashSet<>();
    for (int l = 0; l < left.size(); l++) {
      for (int r = 0; r < right.size(); r++) {
        for (int q = 0; q < OVERLAPPING.size(); q++) {
          List<Object> k = expectedKey(OVERLAPPING.get(q), left, l);
          if (k != null && k.equals(expectedKey(OVERLAPPING.get(q), right, r)) && blockSizes.get(q).get(k) <= cap) {
            expected.add(pair(l, r));
            break;
          }
        }
      }
    }
    List<Long> produced = produced(blocker, left.size());
    assertThat(new HashSet<>(produced)).isEqualTo(expected);
    assertThat(blocker.indexStats()).anyMatch(s -> s.oversizedBlocks() > 0);
    long dups = produced.size() - new HashSet<>(produced).size();
    assertThat(dups).as("pairs produced more than once").isZero();
  }

  @Test
  void candidatesOf_deduplication_onlyRightGreaterThanLeftAndEachUnorderedPairOnce() {
    RecordTable t = randomTable("t.csv", "T", 250, 7);
    EncodedData data = EncodedData.encode(t, t);
    assertThat(data.isDeduplication()).isTrue();
    Blocker blocker = Blocker.build(OVERLAPPING, data, 1_000_000);
    List<Long> produced = new ArrayList<>();
    for (int l = 0; l < t.size(); l++) {
      blocker.candidatesOf(l, (lo, ro, rule) -> {
        assertThat(ro).isGreaterThan(lo);
        produced.add(pair(lo, ro));
      });
    }
    assertThat(new HashSet<>(produced)).hasSameSizeAs(produced).isEqualTo(bruteForce(OVERLAPPING, t, t, true));
  }

  @Test
  void candidatesOf_sortedInitials_swappedForenameAndSurnameShareBlock() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "John", null, "Smith", "1990-01-01", "m", null, null),
        person("L1", "Kate", null, "Smith", "1990-01-01", "f", null, null),
        person("L2", null, null, "Smith", "1990-01-01", "f", null, null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "Smith", null, "John", "1990-01-01", "m", null, null),
        person("R1", "Sarah", null, "Jones", "1990-01-01", "f", null, null),
        person("R2", "Smith", null, "John", "1991-01-01", "m", null, null));
    Blocker blocker = Blocker.build(
        List.of(BlockingRuleSpec.of("dob_initials", "dob", "forename|surname:sorted_initials")),
        EncodedData.encode(left, right), 100);
    // {j,s} matches R0 ({s,j}) and R1 ({s,j}); different dob excludes R2; {k,s} matches nobody; missing forename: no key
    assertThat(produced(blocker, 3)).containsExactlyInAnyOrder(pair(0, 0), pair(0, 1));
  }

  @Test
  void candidatesOf_transforms_blockOnDerivedValues() {
    RecordTable left = table("l.csv", TestTables.PERSON,
        person("L0", "Catherine", null, "Smith", "1990-03-04", "f", "SW1A 1AA", null));
    RecordTable right = table("r.csv", TestTables.PERSON,
        person("R0", "Cathy", null, "Smyth", "1990-11-12", "f", "SW1A 1ZZ", null),
        person("R1", "Bob", null, "Jones", "1975-03-04", "m", "SW1A 9ZZ", null),
        person("R2", "Bob", null, "Jones", "1975-01-01", "m", "SW7 3XX", null),
        person("R3", "Bob", null, "Jones", "1975-01-01", "m", "M1 1AE", null));
    EncodedData data = EncodedData.encode(left, right);
    assertThat(rightsOf(data, "forename:first3")).containsExactly(0);
    assertThat(rightsOf(data, "forename:initial")).containsExactly(0);
    assertThat(rightsOf(data, "surname:phonetic")).containsExactly(0);
    assertThat(rightsOf(data, "dob:year")).containsExactly(0);
    assertThat(rightsOf(data, "dob:month_day")).containsExactly(1);
    assertThat(rightsOf(data, "postcode:sector")).containsExactly(0);
    assertThat(rightsOf(data, "postcode:district")).containsExactly(0, 1);
    assertThat(rightsOf(data, "postcode:area")).containsExactly(0, 1, 2);
    assertThat(rightsOf(data, "sex")).containsExactly(0);
  }

  private static List<Integer> rightsOf(EncodedData data, String keyPart) {
    Blocker b = Blocker.build(List.of(BlockingRuleSpec.of("r", keyPart)), data, 100);
    List<Integer> out = new ArrayList<>();
    b.candidatesOf(0, (l, r, rule) -> out.add(r));
    return out;
  }

  @Test
  void build_transformsThatDoNotFitTheColumnOrUnknownColumns_allProblemsListed() {
    RecordTable t = table("l.csv", TestTables.PERSON,
        person("L0", "john", null, "smith", "1990-01-01", "m", null, null));
    EncodedData data = EncodedData.encode(t, t);
    assertThatThrownBy(() -> Blocker.build(List.of(
        BlockingRuleSpec.of("a", "dob:phonetic"),
        BlockingRuleSpec.of("b", "surname:year"),
        BlockingRuleSpec.of("c", "shoe_size")), data, 10))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).hasSize(3)
            .anyMatch(p -> p.contains("shoe_size")).anyMatch(p -> p.contains("dob:phonetic"))
            .anyMatch(p -> p.contains("surname:year")));
  }

  @Test
  void keyPartParse_everyTransform_parsedAndRoundTripsThroughToString() {
    Map<String, KeyPart> cases = new java.util.LinkedHashMap<>();
    cases.put("surname", new KeyPart("surname", KeyPart.Transform.EXACT, 0));
    cases.put("surname:exact", new KeyPart("surname", KeyPart.Transform.EXACT, 0));
    cases.put("surname:phonetic", new KeyPart("surname", KeyPart.Transform.PHONETIC, 0));
    cases.put("forename:initial", new KeyPart("forename", KeyPart.Transform.FIRST, 1));
    cases.put("forename:first1", new KeyPart("forename", KeyPart.Transform.FIRST, 1));
    cases.put("forename:first3", new KeyPart("forename", KeyPart.Transform.FIRST, 3));
    cases.put("dob:year", new KeyPart("dob", KeyPart.Transform.YEAR, 0));
    cases.put("dob:month_day", new KeyPart("dob", KeyPart.Transform.MONTH_DAY, 0));
    cases.put("postcode:sector", new KeyPart("postcode", KeyPart.Transform.SECTOR, 0));
    cases.put("postcode:district", new KeyPart("postcode", KeyPart.Transform.DISTRICT, 0));
    cases.put("postcode:area", new KeyPart("postcode", KeyPart.Transform.AREA, 0));
    cases.put("forename|surname:sorted_initials", new KeyPart("forename|surname", KeyPart.Transform.SORTED_INITIALS, 0));
    cases.put(" surname : PHONETIC ", new KeyPart("surname", KeyPart.Transform.PHONETIC, 0));
    cases.forEach((text, expected) -> {
      KeyPart p = KeyPart.parse(text);
      assertThat(p).as(text).isEqualTo(expected);
      assertThat(KeyPart.parse(p.toString())).as(text).isEqualTo(p);
    });
    assertThat(KeyPart.parse("forename|surname:sorted_initials").columns()).containsExactly("forename", "surname");
  }

  @Test
  void keyPartParse_malformed_rejectedNamingTheText() {
    for (String bad : List.of(":phonetic", " :year", "forename:first", "forename:firstx", "forename:first0",
        "surname:soundex", "forename|surname", "forename|surname:exact", "forename:sorted_initials", "dob:")) {
      assertThatThrownBy(() -> KeyPart.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Objects.requireNonNull(bad.contains("|") ? "sorted_initials" : ""));
    }
    assertThatThrownBy(() -> KeyPart.parse("surname:soundex")).hasMessageContaining("soundex");
  }

  @Test
  void blockingRuleSpec_noParts_rejected() {
    assertThatThrownBy(() -> new BlockingRuleSpec("empty", List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThat(BlockingRuleSpec.of("r", "dob", "forename|surname:sorted_initials", "surname:phonetic").columns())
        .containsExactly("dob", "forename", "surname");
  }

  @Test
  void longIntHashMap_manyKeys_getPutReplaceConsistentWithHashMap() {
    LongIntHashMap map = new LongIntHashMap(4);
    Map<Long, Integer> ref = new HashMap<>();
    Random rnd = new Random(9);
    for (int i = 0; i < 50_000; i++) {
      long k = rnd.nextInt(3) == 0 ? rnd.nextInt(1000) : rnd.nextLong();
      if (k == Long.MIN_VALUE) {
        continue;
      }
      int prev = map.putIfAbsent(k, i);
      Integer refPrev = ref.putIfAbsent(k, i);
      assertThat(prev).isEqualTo(refPrev == null ? -1 : refPrev);
    }
    assertThat(map.size()).isEqualTo(ref.size());
    ref.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
    assertThat(map.get(123456789012L)).isEqualTo(ref.getOrDefault(123456789012L, -1));
    long some = ref.keySet().iterator().next();
    map.replace(some, -2);
    assertThat(map.get(some)).isEqualTo(-2);
    map.replace(-77L, 5); // absent: no-op
    assertThat(map.get(-77L)).isEqualTo(ref.getOrDefault(-77L, -1));
  }
}
