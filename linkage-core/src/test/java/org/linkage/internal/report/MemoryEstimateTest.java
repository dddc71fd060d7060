package org.linkage.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;

class MemoryEstimateTest {
  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();

  @Test
  void of_twiceTheRecords_twiceTheGrowingParts() {
    MemoryEstimate one = MemoryEstimate.of(SPEC, 1_000_000, 1_000_000);
    MemoryEstimate two = MemoryEstimate.of(SPEC, 2_000_000, 2_000_000);

    for (String part : one.parts().keySet()) {
      if (!part.equals("fixed")) {
        assertThat(two.parts().get(part)).as(part).isEqualTo(2 * one.parts().get(part));
      }
    }
    assertThat(two.peakBytes()).isGreaterThan(one.peakBytes());
  }

  @Test
  void of_millionLearners_withinTheMeasuredRange() {
    // 1M learners: 1,000,000 and 986,455 records; measured 609 MB live at most after a collection,
    // and the run completes in a 1 GB heap
    MemoryEstimate e = MemoryEstimate.of(SPEC, 1_000_000, 986_455);

    assertThat(e.peakBytes() >> 20).isBetween(600L, 1_000L);
    assertThat(e.recommendedHeapMegabytes()).isGreaterThanOrEqualTo(e.peakBytes() >> 20);
    assertThat(e.describe()).contains("blocking index").contains("-Xmx" + e.recommendedHeapMegabytes() + "m");
  }

  @Test
  void of_moreBlockingRules_largerIndex() {
    LinkageSpec fewer = SPEC.toBuilder().blockingRules(SPEC.blockingRules().subList(0, 2)).build();

    assertThat(MemoryEstimate.of(fewer, 1000, 1000).parts().get("blocking index"))
        .isLessThan(MemoryEstimate.of(SPEC, 1000, 1000).parts().get("blocking index"));
  }
}
