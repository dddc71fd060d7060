package org.linkage.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.pattern.PatternCounts;
import org.linkage.internal.pattern.Patterns;

class PatternsTest {

  @Test
  void withAndLevel_everyComparisonAndLevel_roundTrip() {
    for (int c = 0; c < Patterns.MAX_COMPARISONS; c++) {
      for (int level = 0; level <= 15; level++) {
        long p = Patterns.with(0x5A5A5A5A5A5A5A5AL, c, level);
        assertThat(Patterns.level(p, c)).isEqualTo(level);
        for (int other = 0; other < Patterns.MAX_COMPARISONS; other++) {
          if (other != c) {
            assertThat(Patterns.level(p, other)).isEqualTo(Patterns.level(0x5A5A5A5A5A5A5A5AL, other));
          }
        }
      }
    }
  }

  @Test
  void with_randomLevels_packUnpackIdentity() {
    Random rnd = new Random(1);
    for (int i = 0; i < 1000; i++) {
      int[] levels = new int[Patterns.MAX_COMPARISONS];
      long p = 0;
      for (int c = 0; c < levels.length; c++) {
        levels[c] = rnd.nextInt(16);
        p = Patterns.with(p, c, levels[c]);
      }
      for (int c = 0; c < levels.length; c++) {
        assertThat(Patterns.level(p, c)).isEqualTo(levels[c]);
      }
    }
  }

  @Test
  void toString_levelsInComparisonOrder() {
    long p = Patterns.with(Patterns.with(Patterns.with(0, 0, 1), 1, 3), 3, 2);
    assertThat(Patterns.toString(p, 4)).isEqualTo("[1,3,0,2]");
    assertThat(Patterns.toString(0, 0)).isEqualTo("[]");
  }

  @Test
  void patternCounts_addAndCount_matchReferenceMap() {
    PatternCounts counts = new PatternCounts();
    Map<Long, Long> ref = new HashMap<>();
    Random rnd = new Random(2);
    long total = 0;
    for (int i = 0; i < 200_000; i++) {
      long p = randomPattern(rnd, 5, 4);
      long n = 1 + rnd.nextInt(3);
      counts.add(p, n);
      ref.merge(p, n, Long::sum);
      total += n;
    }
    assertThat(counts.distinct()).isEqualTo(ref.size());
    assertThat(counts.total()).isEqualTo(total);
    ref.forEach((p, n) -> assertThat(counts.count(p)).isEqualTo(n));
    assertThat(counts.count(Patterns.with(0, 7, 9))).isZero();
    assertThat(ref.size()).isGreaterThan(64); // the table grew several times
  }

  @Test
  void patternCounts_patterns_ascendingWhateverTheInsertionOrder() {
    List<Long> patterns = new ArrayList<>();
    Random rnd = new Random(3);
    for (int i = 0; i < 500; i++) {
      patterns.add(randomPattern(rnd, 6, 5));
    }
    PatternCounts a = new PatternCounts();
    patterns.forEach(p -> a.add(p, 1));
    Collections.shuffle(patterns, rnd);
    PatternCounts b = new PatternCounts();
    patterns.forEach(p -> b.add(p, 1));
    long[] pa = a.patterns();
    assertThat(pa).isSorted().doesNotHaveDuplicates().containsExactly(b.patterns());
    assertThat(pa).hasSize(a.distinct());
  }

  @Test
  void patternCounts_addAll_sameAsCountingEverythingInOne() {
    Random rnd = new Random(4);
    PatternCounts whole = new PatternCounts();
    PatternCounts first = new PatternCounts();
    PatternCounts second = new PatternCounts();
    for (int i = 0; i < 50_000; i++) {
      long p = randomPattern(rnd, 4, 6);
      whole.add(p, 1);
      (i % 3 == 0 ? first : second).add(p, 1);
    }
    PatternCounts merged = new PatternCounts();
    merged.addAll(first);
    merged.addAll(second);
    assertThat(merged.total()).isEqualTo(whole.total()).isEqualTo(50_000);
    assertThat(merged.distinct()).isEqualTo(whole.distinct());
    assertThat(merged.patterns()).containsExactly(whole.patterns());
    for (long p : whole.patterns()) {
      assertThat(merged.count(p)).isEqualTo(whole.count(p));
    }
    // merging into a non-empty table adds counts
    first.addAll(second);
    for (long p : whole.patterns()) {
      assertThat(first.count(p)).isEqualTo(whole.count(p));
    }
  }

  @Test
  void patternCounts_zeroPatternAndHighBits_counted() {
    PatternCounts counts = new PatternCounts();
    long high = Patterns.with(0, 15, 7);
    counts.add(0L, 5);
    counts.add(high, 2);
    assertThat(counts.count(0L)).isEqualTo(5);
    assertThat(counts.count(high)).isEqualTo(2);
    assertThat(counts.distinct()).isEqualTo(2);
  }

  @Test
  void patterns_highestLevelEverywhere_neverCollidesWithEmptyMarker() {
    // levels stop at MAX_LEVELS (14), so even the highest pattern is not all ones (-1L, the empty marker)
    long all = 0;
    for (int c = 0; c < Patterns.MAX_COMPARISONS; c++) {
      all = Patterns.with(all, c, org.linkage.internal.compare.Comparison.MAX_LEVELS);
    }
    assertThat(all).isNotEqualTo(-1L);
    PatternCounts counts = new PatternCounts();
    counts.add(all, 3);
    assertThat(counts.count(all)).isEqualTo(3);
    assertThat(counts.patterns()).containsExactly(all);
  }

  @Test
  void model_matchWeight_priorPlusLevelWeightsNullAddsZero() {
    ComparisonModel a = new ComparisonModel("a", com.google.common.collect.ImmutableList.of("exact", "else"),
        new double[] {0.9, 0.1}, new double[] {0.05, 0.95});
    ComparisonModel b = new ComparisonModel("b", com.google.common.collect.ImmutableList.of("exact", "close", "else"),
        new double[] {0.7, 0.2, 0.1}, new double[] {0.01, 0.09, 0.9});
    FellegiSunterModel m = new FellegiSunterModel(List.of(a, b), 0.001);
    double prior = Math.log(0.001 / 0.999) / Math.log(2);
    assertThat(m.priorWeight()).isCloseTo(prior, org.assertj.core.data.Offset.offset(1e-12));
    long p = Patterns.with(Patterns.with(0, 0, 1), 1, 2);
    double expected = prior + log2(0.9 / 0.05) + log2(0.2 / 0.09);
    assertThat(m.matchWeight(p)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.matchWeight(Patterns.with(0, 1, 2))).isCloseTo(prior + log2(0.2 / 0.09),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.maxWeight()).isCloseTo(prior + log2(0.9 / 0.05) + log2(0.7 / 0.01),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FellegiSunterModel.probability(FellegiSunterModel.weightOf(0.83)))
        .isCloseTo(0.83, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FellegiSunterModel.probability(0)).isEqualTo(0.5);
  }

  @Test
  void modelJson_writeThenRead_sameParametersAndWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ComparisonModel a = new ComparisonModel("a", com.google.common.collect.ImmutableList.of("exact", "else"),
        new double[] {0.9123456789012345, 0.0876543210987655}, new double[] {1e-7, 1 - 1e-7});
    FellegiSunterModel m = new FellegiSunterModel(List.of(a), 3.3e-5);
    java.nio.file.Path f = dir.resolve("model.json");
    java.nio.file.Files.writeString(f, m.toJson());
    FellegiSunterModel back = FellegiSunterModel.read(f);
    assertThat(back.lambda()).isEqualTo(m.lambda());
    assertThat(back.comparisons().get(0).mValues()).containsExactly(a.mValues());
    assertThat(back.comparisons().get(0).uValues()).containsExactly(a.uValues());
    assertThat(back.comparisons().get(0).levels()).isEqualTo(a.levels());
    assertThat(back.matchWeight(1)).isEqualTo(m.matchWeight(1));
    assertThat(back.toJson()).isEqualTo(m.toJson());
  }

  @Test
  void modelJson_notAModel_invalidSpecNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path f = dir.resolve("other.json");
    java.nio.file.Files.writeString(f, "{\"format\":\"something\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FellegiSunterModel.read(f))
        .isInstanceOf(org.linkage.error.InvalidSpecException.class).hasMessageContaining("other.json");
    java.nio.file.Files.writeString(f, "{\"format\":\"linkage-model/1\",\"lambda\":2,\"comparisons\":[]}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FellegiSunterModel.read(f))
        .isInstanceOf(org.linkage.error.InvalidSpecException.class).hasMessageContaining("lambda");
  }

  @Test
  void fromJson_textOfToJson_equalModel() {
    ComparisonModel a = new ComparisonModel("a", com.google.common.collect.ImmutableList.of("exact", "else"),
        new double[] {0.9, 0.1}, new double[] {0.01, 0.99});
    FellegiSunterModel m = new FellegiSunterModel(List.of(a), 1e-3, "seed links");
    FellegiSunterModel back = FellegiSunterModel.fromJson(m.toJson());
    assertThat(back.toJson()).isEqualTo(m.toJson());
    assertThat(back.lambdaSource()).isEqualTo("seed links");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FellegiSunterModel.fromJson("{"))
        .isInstanceOf(org.linkage.error.InvalidSpecException.class).hasMessageContaining("not valid JSON");
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static long randomPattern(Random rnd, int comparisons, int levels) {
    long p = 0;
    for (int c = 0; c < comparisons; c++) {
      p = Patterns.with(p, c, rnd.nextInt(levels + 1));
    }
    return p;
  }

}
