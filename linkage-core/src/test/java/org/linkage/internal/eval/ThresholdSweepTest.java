package org.linkage.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

class ThresholdSweepTest {
  private static final List<ScoredLink> LINKS = List.of(
      new ScoredLink("a", "1", 0.99, 6.6, "probabilistic"),
      new ScoredLink("b", "2", 0.95, 4.2, "probabilistic"),
      new ScoredLink("c", "3", 0.95, 4.2, "probabilistic"),
      new ScoredLink("d", "4", 0.80, 2.0, "probabilistic"),
      new ScoredLink("e", "5", Double.NaN, Double.NaN, "nino_dob"));
  // true: a1, c3, e5 and one never linked (f6); false: b2, d4
  private static final PairSet TRUTH = PairSet.of(Set.of(new PairSet.Pair("a", "1"), new PairSet.Pair("c", "3"),
      new PairSet.Pair("e", "5"), new PairSet.Pair("f", "6")));

  @Test
  void at_belowEveryProbability_keepsAllLinks() {
    ThresholdSweep.Row r = ThresholdSweep.of(LINKS, TRUTH).at(0.5);
    assertThat(r.linksKept()).isEqualTo(5);
    assertThat(r.evaluation()).isEqualTo(new Evaluation(3, 2, 1));
  }

  @Test
  void at_tiedProbability_keepsAllTiedLinks() {
    ThresholdSweep.Row r = ThresholdSweep.of(LINKS, TRUTH).at(0.95);
    assertThat(r.linksKept()).isEqualTo(4);
    assertThat(r.evaluation()).isEqualTo(new Evaluation(3, 1, 1));
  }

  @Test
  void at_aboveEveryProbability_keepsOnlyUnscoredLinks() {
    ThresholdSweep.Row r = ThresholdSweep.of(LINKS, TRUTH).at(1.0);
    assertThat(r.linksKept()).isEqualTo(1);
    assertThat(r.evaluation()).isEqualTo(new Evaluation(1, 0, 3));
  }

  @Test
  void curve_hasOneRowPerDistinctProbability_highestFirst() {
    List<ThresholdSweep.Row> curve = ThresholdSweep.of(LINKS, TRUTH).curve();
    assertThat(curve).extracting(ThresholdSweep.Row::threshold).containsExactly(0.99, 0.95, 0.80);
    assertThat(curve).extracting(ThresholdSweep.Row::linksKept).containsExactly(2L, 4L, 5L);
  }

  @Test
  void grid_isAscendingFromZeroToOne() {
    List<ThresholdSweep.Row> grid = ThresholdSweep.of(LINKS, TRUTH).grid();
    assertThat(grid).extracting(ThresholdSweep.Row::threshold).isSorted().startsWith(0.0).endsWith(1.0)
        .contains(0.05, 0.95, 0.99, 0.995, 0.999);
  }

  @Test
  void clericalReview_sample_takesLowestProbabilisticLinksFirst() {
    assertThat(ClericalReview.sample(LINKS, 2)).extracting(ScoredLink::left).containsExactly("d", "b");
  }
}
