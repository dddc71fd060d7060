package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.KeyPart;

/**
 * Sorted-neighbourhood rules and first-rule ownership, checked against a brute-force oracle that
 * recomputes every rule's membership from the normalised values of every pair.
 */
class SortedNeighbourhoodTest {

  // --- the oracle -----------------------------------------------------------------------------

  /** A record's key under a rule as a list of comparable values, or null when a part is missing. */
  private static List<Comparable<?>> keyOf(BlockingRuleSpec rule, EncodedData data, int side, int row) {
    List<Comparable<?>> key = new ArrayList<>();
    for (KeyPart p : rule.parts()) {
      EncodedColumn c = data.column(p.column());
      int code = c.side(side)[row];
      if (code < 0) {
        return null;
      }
      if (c.dictionary() == null) {
        key.add(code);
      } else {
        String v = c.dictionary().value(code);
        key.add(p.transform() == KeyPart.Transform.FIRST ? v.substring(0, Math.min(p.length(), v.length())) : v);
      }
    }
    return key;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<List<Comparable<?>>> TUPLE = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  /** member[q][l][r]: rule q puts (l, r) in one block or window. */
  private static boolean[][][] membership(List<BlockingRuleSpec> rules, EncodedData data) {
    int nl = data.leftSize();
    int nr = data.rightSize();
    boolean[][][] member = new boolean[rules.size()][nl][nr];
    for (int q = 0; q < rules.size(); q++) {
      BlockingRuleSpec rule = rules.get(q);
      List<List<Comparable<?>>> lk = new ArrayList<>();
      List<List<Comparable<?>>> rk = new ArrayList<>();
      for (int l = 0; l < nl; l++) {
        lk.add(keyOf(rule, data, 0, l));
      }
      for (int r = 0; r < nr; r++) {
        rk.add(keyOf(rule, data, 1, r));
      }
      Map<List<Comparable<?>>, Integer> rank = new HashMap<>();
      if (rule.isSortedNeighbourhood()) {
        TreeSet<List<Comparable<?>>> distinct = new TreeSet<>(TUPLE);
        lk.stream().filter(k -> k != null).forEach(distinct::add);
        rk.stream().filter(k -> k != null).forEach(distinct::add);
        int i = 0;
        for (List<Comparable<?>> k : distinct) {
          rank.put(k, i++);
        }
      }
      for (int l = 0; l < nl; l++) {
        for (int r = 0; r < nr; r++) {
          List<Comparable<?>> a = lk.get(l);
          List<Comparable<?>> b = rk.get(r);
          if (a == null || b == null) {
            continue;
          }
          member[q][l][r] = rule.isSortedNeighbourhood()
              ? Math.abs(rank.get(a) - rank.get(b)) < rule.window()
              : a.equals(b);
        }
      }
    }
    return member;
  }

  /** expected[l][r]: the rule that should produce (l, r), or -1. */
  private static int[][] expectedOwners(List<BlockingRuleSpec> rules, EncodedData data, int cap) {
    boolean[][][] member = membership(rules, data);
    int nl = data.leftSize();
    int nr = data.rightSize();
    int[][] owner = new int[nl][nr];
    for (int l = 0; l < nl; l++) {
      java.util.Arrays.fill(owner[l], -1);
      boolean[] oversized = new boolean[rules.size()];
      for (int q = 0; q < rules.size(); q++) {
        int size = 0;
        for (int r = 0; r < nr; r++) {
          size += member[q][l][r] ? 1 : 0;
        }
        oversized[q] = size > cap;
      }
      for (int r = 0; r < nr; r++) {
        if (data.isDeduplication() && r <= l) {
          continue;
        }
        for (int q = 0; q < rules.size(); q++) {
          if (member[q][l][r] && !oversized[q]) {
            owner[l][r] = q;
            break;
          }
        }
      }
    }
    return owner;
  }

  private static void assertMatchesOracle(EncodedData data, List<BlockingRuleSpec> rules, int cap) {
    Blocker blocker = Blocker.build(rules, data, cap);
    int[][] expected = expectedOwners(rules, data, cap);
    boolean[][][] member = membership(rules, data);
    int[][] produced = new int[data.leftSize()][data.rightSize()];
    for (int[] row : produced) {
      java.util.Arrays.fill(row, -1);
    }
    long count = 0;
    for (int l = 0; l < data.leftSize(); l++) {
      int[] pr = produced[l];
      int ll = l;
      blocker.candidatesOf(l, (left, right, rule) -> {
        if (left != ll || pr[right] != -1) {
          throw new AssertionError("pair (" + left + ", " + right + ") produced twice or for the wrong left row");
        }
        pr[right] = rule;
      });
    }
    for (int l = 0; l < data.leftSize(); l++) {
      for (int r = 0; r < data.rightSize(); r++) {
        // plain checks: an AssertJ assertion per pair and rule would dominate the run time
        if (produced[l][r] != expected[l][r]) {
          throw new AssertionError("pair (" + l + ", " + r + "): produced by rule " + produced[l][r] + ", expected "
              + expected[l][r]);
        }
        if ((!data.isDeduplication() || r > l) && blocker.ruleOf(l, r) != expected[l][r]) {
          throw new AssertionError("ruleOf(" + l + ", " + r + ") = " + blocker.ruleOf(l, r) + ", expected " + expected[l][r]);
        }
        for (int q = 0; q < rules.size(); q++) {
          if (blocker.sharesKey(q, l, r) != member[q][l][r]) {
            throw new AssertionError("sharesKey(" + q + ", " + l + ", " + r + ") = " + !member[q][l][r]);
          }
        }
        count += expected[l][r] >= 0 ? 1 : 0;
      }
    }
    assertThat(count).as("the fixture produces pairs").isGreaterThan(1000);
  }

  // --- tests ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 40, 12})
  void candidatesOf_overlappingKeyAndSortedRules_eachPairOnceUnderItsFirstRule(int cap) {
    assertMatchesOracle(BlockingFixtures.linkage(300, 260, 11), BlockingFixtures.overlappingRules(), cap);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 12})
  void candidatesOf_deduplication_eachUnorderedPairOnce(int cap) {
    assertMatchesOracle(BlockingFixtures.deduplication(280, 5), BlockingFixtures.overlappingRules(), cap);
  }

  @Test
  void candidatesOf_sortedRuleBeforeKeyRule_keyRuleSkipsWindowPairs() {
    List<BlockingRuleSpec> rules = new ArrayList<>(BlockingFixtures.overlappingRules());
    java.util.Collections.reverse(rules);
    assertMatchesOracle(BlockingFixtures.linkage(250, 250, 3), rules, 30);
  }

  @Test
  void sortedNeighbourhood_windowOne_sameAsKeyRule() {
    EncodedData data = BlockingFixtures.linkage(200, 200, 8);
    Blocker sn = Blocker.build(List.of(BlockingRuleSpec.sortedNeighbourhood("sn", 1, "surname", "forename")), data, 1000);
    Blocker key = Blocker.build(List.of(BlockingRuleSpec.of("key", "surname", "forename")), data, 1000);
    for (int l = 0; l < 200; l++) {
      TreeSet<Integer> a = new TreeSet<>();
      TreeSet<Integer> b = new TreeSet<>();
      sn.candidatesOf(l, (x, r, q) -> a.add(r));
      key.candidatesOf(l, (x, r, q) -> b.add(r));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void sortedNeighbourhood_widerWindow_supersetOfNarrower() {
    EncodedData data = BlockingFixtures.linkage(200, 200, 9);
    Blocker narrow = Blocker.build(List.of(BlockingRuleSpec.sortedNeighbourhood("sn", 2, "surname")), data, 1000);
    Blocker wide = Blocker.build(List.of(BlockingRuleSpec.sortedNeighbourhood("sn", 4, "surname")), data, 1000);
    long n = 0;
    long w = 0;
    for (int l = 0; l < 200; l++) {
      for (int r = 0; r < 200; r++) {
        if (narrow.sharesKey(0, l, r)) {
          n++;
          assertThat(wide.sharesKey(0, l, r)).isTrue();
        }
        w += wide.sharesKey(0, l, r) ? 1 : 0;
      }
    }
    assertThat(w).isGreaterThan(n);
  }

  @Test
  void build_sameInputTwice_identicalPairSequence() {
    EncodedData data = BlockingFixtures.linkage(300, 300, 21);
    List<Long> a = sequence(Blocker.build(BlockingFixtures.overlappingRules(), data, 25), 300);
    List<Long> b = sequence(Blocker.build(BlockingFixtures.overlappingRules(), data, 25), 300);
    assertThat(a).isNotEmpty();
    assertThat(a.equals(b)).as("same pair sequence").isTrue();
  }

  private static List<Long> sequence(Blocker blocker, int nl) {
    List<Long> out = new ArrayList<>();
    for (int l = 0; l < nl; l++) {
      blocker.candidatesOf(l, (x, r, q) -> out.add(((long) x << 40) | ((long) r << 8) | q));
    }
    return out;
  }

  @Test
  void compareAll_oneAndTwoThreads_identicalCandidatePairs() throws Exception {
    // more left rows than PairComparer's chunk, so the two-thread run really splits the work
    EncodedData data = BlockingFixtures.linkage(9_000, 3_000, 4);
    Blocker blocker = Blocker.build(BlockingFixtures.overlappingRules(), data, 400);
    var comparisons = List.of(Comparisons.compile(ComparisonSpec.of("forename", ComparisonKind.FORENAME, "forename"), data),
        Comparisons.compile(ComparisonSpec.of("surname", ComparisonKind.SURNAME, "surname"), data),
        Comparisons.compile(ComparisonSpec.of("dob", ComparisonKind.DATE, "dob"), data));
    CandidatePairs one;
    CandidatePairs two;
    ExecutorService p1 = Executors.newFixedThreadPool(1);
    ExecutorService p2 = Executors.newFixedThreadPool(2);
    try {
      one = PairComparer.compareAll(blocker, comparisons, data.leftSize(), p1);
      two = PairComparer.compareAll(blocker, comparisons, data.leftSize(), p2);
    } finally {
      p1.shutdown();
      p2.shutdown();
    }
    assertThat(one.size()).isGreaterThan(100_000).isEqualTo(two.size());
    for (int i = 0; i < one.size(); i++) {
      if (one.left(i) != two.left(i) || one.right(i) != two.right(i) || one.rule(i) != two.rule(i)
          || one.pattern(i) != two.pattern(i)) {
        throw new AssertionError("pair " + i + " differs between 1 and 2 threads");
      }
    }
    long[] byRule = one.countsByRule(blocker.rules().size());
    assertThat(java.util.Arrays.stream(byRule).allMatch(c -> c > 0)).as("every rule produces pairs").isTrue();
  }

  @Test
  void spec_sortedNeighbourhoodRule_roundTripsThroughJson() {
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().blockingRules(List.of(
        BlockingRuleSpec.of("nino", "nino"),
        BlockingRuleSpec.sortedNeighbourhood("sn_names", 4, "surname", "forename"))).build();
    LinkageSpec back = LinkageSpec.fromJson(spec.toJson());
    assertThat(back.blockingRules()).isEqualTo(spec.blockingRules());
    assertThat(back.blockingRules().get(1).window()).isEqualTo(4);
    assertThat(spec.toJson()).contains("\"window\"");
  }

  @Test
  void spec_negativeWindow_rejectedWithRuleName() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = mapper.readTree(LinkageSpec.personDefaults().toJson());
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("blockingRules").get(0)).put("window", -2);
    String json = mapper.writeValueAsString(root);
    assertThatThrownBy(() -> LinkageSpec.fromJson(json)).hasMessageContaining("nino").hasMessageContaining("-2");
  }

  @Test
  void sortedNeighbourhood_windowBelowOne_rejected() {
    assertThatThrownBy(() -> BlockingRuleSpec.sortedNeighbourhood("sn", 0, "surname"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sn").hasMessageContaining("0");
  }
}
