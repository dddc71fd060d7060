package org.linkage.internal.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.linkage.TestTables;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.pattern.Patterns;
import org.linkage.record.RecordTable;
import org.linkage.spec.ComparisonSpec;
import org.linkage.spec.LinkageSpec;

/**
 * A seed's surprise from the left record's bits read once ({@link SeedLinks.Surprise#bitsOf}) against
 * the bits read pair by pair: the same verdict on every pattern, and no pair of a record convinces
 * when all of the record's bits fall short.
 */
class SurpriseTest {

  @Test
  void convincing_withTheRecordsBitsReadOnce_sameVerdictAsPairByPair() {
    String[][] people = {
        {"john", "paul", "smith", "1990-03-04", "m", "SW1A 1AA", "AB123456C"},
        {"john", null, "smith", "1990-03-04", "m", "SW1A 1AA", null},
        {"jon", null, "smyth", "1990-04-03", "m", null, "AB123456D"},
        {"zebedee", "quentin", "xylophone", "1911-11-11", "f", "ZE1 0AA", "ZZ999999Z"},
        {null, null, "smith", null, null, null, null},
        {"mary", null, "jones", "1985-12-01", "f", "M1 1AE", "CD654321A"}};
    RecordTable.Builder l = RecordTable.builder("left.csv", TestTables.PERSON);
    RecordTable.Builder r = RecordTable.builder("right.csv", TestTables.PERSON);
    for (int i = 0; i < people.length; i++) {
      l.add("L" + i, people[i], i + 2);
      r.add("R" + i, people[(i + 1) % people.length], i + 2);
    }
    for (int i = 0; i < 40; i++) { // common values on the right, so some exact agreements say little
      r.add("C" + i, people[i % 2], people.length + i + 2);
    }
    EncodedData data = EncodedData.encode(l.build(), r.build());
    List<ComparisonSpec> specs = LinkageSpec.personDefaults().comparisons();
    List<Comparison> comparisons = specs.stream().map(s -> Comparisons.compile(s, data)).toList();
    double[][] u = new double[specs.size()][];
    for (int c = 0; c < u.length; c++) {
      u[c] = new double[] {c % 3 == 0 ? 1e-9 : 0.05, 0.2, 0.75}; // a rare and some common exact agreements
    }
    SeedLinks.Surprise surprise = new SeedLinks.Surprise(comparisons, specs, data, u);
    double[] bits = new double[surprise.comparisons()];
    SplittableRandom random = new SplittableRandom(7);
    int convinced = 0;
    int notConvinced = 0;
    for (int left = 0; left < people.length; left++) {
      double all = surprise.bitsOf(left, bits);
      for (int k = 0; k < 2_000; k++) {
        long pattern = 0;
        for (int c = 0; c < specs.size(); c++) {
          int level = k == 0 ? 1 : random.nextInt(4); // level 1 (exact) on every comparison once
          if (level == 1 && data.column(specs.get(c).column()).left()[left] < 0) {
            level = 0; // a missing value cannot agree exactly
          }
          pattern |= (long) level << (4 * c);
        }
        double total = 0; // pair by pair: each exact agreement's bits read for this pair
        for (int c = 0; c < specs.size(); c++) {
          if (Patterns.level(pattern, c) == 1) {
            total += surprise.bits(c, left);
          }
        }
        boolean expected = total >= surprise.needed();
        assertThat(surprise.convincing(pattern, bits)).as("left %d, pattern %x", left, pattern).isEqualTo(expected);
        if (expected) {
          convinced++;
          assertThat(all).isGreaterThanOrEqualTo(surprise.needed());
        } else {
          notConvinced++;
        }
      }
    }
    assertThat(convinced).as("some patterns convince").isPositive();
    assertThat(notConvinced).as("some do not").isPositive();
  }
}
