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

  @Test
  void bindComparisons_sharedBindingAcrossViews_sameLevelsAndOneRowsForTheRightSide() {
    PopulationTables population = PopulationTables.generate(GeneratorSpec.builder().learners(2_000).seed(3).build());
    LinkageSpec spec = LinkageSpec.personDefaults();
    EncodedData data = EncodedData.encode(population.education(), population.labour());
    LinkagePlan plan = LinkagePlan.compile(spec);
    SharedBinding binding = new SharedBinding();
    // as an update binds them: across the sides, then within each side, on one shared binding
    EncodedData[] views = {data, data.side(0), data.side(1)};
    Comparison[][] shared = new Comparison[3][];
    for (int v = 0; v < 3; v++) {
      shared[v] = plan.bindComparisons(views[v], binding);
    }
    // the right records of the cross comparison are the within-right comparison's: one copy of the rows
    assertThat(Comparisons.sharedRows(shared[2])).isSameAs(Comparisons.sharedRows(shared[0]));
    assertThat(Comparisons.sharedRows(shared[1])).isNotSameAs(Comparisons.sharedRows(shared[0]));
    SplittableRandom random = new SplittableRandom(5);
    for (int v = 0; v < 3; v++) {
      Comparison[] alone = plan.bindComparisons(views[v]);
      long[][] seen = new long[alone.length][16];
      for (int i = 0; i < 50_000; i++) {
        check(shared[v], alone, random.nextInt(views[v].leftSize()), random.nextInt(views[v].rightSize()), seen);
      }
      for (int c = 0; c < alone.length; c++) {
        assertThat(seen[c][Level.EXACT.number()] + seen[c][Level.NULL.number()]).as("view %s, %s", v, alone[c].name())
            .isLessThan(50_000);
      }
    }
  }

  private static void check(Comparison[] shared, Comparison[] alone, int l, int r, long[][] seen) {
    for (int c = 0; c < shared.length; c++) {
      int level = shared[c].level(l, r);
      assertThat(level).as("%s of left %d, right %d", shared[c].name(), l, r).isEqualTo(alone[c].level(l, r));
      seen[c][level]++;
    }
  }
}
