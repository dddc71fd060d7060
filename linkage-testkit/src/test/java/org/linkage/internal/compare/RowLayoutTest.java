package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.compare.strings.Packed;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * The comparisons of a run share one row per right record ({@link RightRows}), with fields added by
 * several comparisons stored once (the sex code of the surname's split and of the sex comparison,
 * the surname code the forename's swap check reads). Bound alone, each comparison has rows of its
 * own with other offsets and strides. Every level must be the same either way.
 */
class RowLayoutTest {

  @Test
  void bindComparisons_sharedRows_sameLevelsAsEachComparisonBoundAlone() {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(3_000).seed(11).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    Comparison[] shared = LinkagePlan.compile(spec).bindComparisons(data);
    Comparison[] alone = spec.comparisons().stream().map(c -> Comparisons.compile(c, data)).toArray(Comparison[]::new);
    long[][] seen = new long[shared.length][16];
    Blocker blocker = Blocker.build(spec, data);
    for (int l = 0; l < data.leftSize(); l++) {
      blocker.candidatesOf(l, (a, b, rule) -> check(shared, alone, a, b, seen));
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      check(shared, alone, random.nextInt(data.leftSize()), random.nextInt(data.rightSize()), seen);
    }
    for (int c = 0; c < shared.length; c++) {
      int levels = 0;
      for (long n : seen[c]) {
        levels += n > 0 ? 1 : 0;
      }
      assertThat(levels).as("levels of %s reached", shared[c].name()).isGreaterThanOrEqualTo(3);
    }
    // both paths of the name comparisons are exercised: values packed and values too long to pack
    Dictionary surnames = data.column("surname").dictionary();
    int unpacked = 0;
    for (int code = 0; code < surnames.size(); code++) {
      unpacked += Packed.pack(surnames.chars(code)) == Packed.UNPACKED ? 1 : 0;
    }
    assertThat(unpacked).isPositive().isLessThan(surnames.size());
  }

  private static void check(Comparison[] shared, Comparison[] alone, int l, int r, long[][] seen) {
    for (int c = 0; c < shared.length; c++) {
      int level = shared[c].level(l, r);
      assertThat(level).as("%s of left %d, right %d", shared[c].name(), l, r).isEqualTo(alone[c].level(l, r));
      seen[c][level]++;
    }
  }
}
