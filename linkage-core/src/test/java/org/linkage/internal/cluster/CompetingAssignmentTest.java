package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.linkage.model.FellegiSunterModel;

class CompetingAssignmentTest {
  private static final double THRESHOLD = 0.7;
  private static final double MIN_WEIGHT = FellegiSunterModel.weightOf(THRESHOLD);
  private static final double FLOOR = MIN_WEIGHT - CompetingAssignment.COMPETITOR_BITS;

  private record Run(ComponentRounds.Outcome outcome, boolean[] leftTaken, boolean[] rightTaken) {}

  /** Candidates (left[i], right[i]) with weights; 3 rows a side. */
  private static Run run(int[] left, int[] right, double[] weights, double rateLeft, double rateRight) {
    boolean[] lt = new boolean[3];
    boolean[] rt = new boolean[3];
    return new Run(CompetingAssignment.assign(i -> left[i], i -> right[i], weights, MIN_WEIGHT, FLOOR, THRESHOLD, rateLeft,
        rateRight, 0, lt, rt), lt, rt);
  }

  @Test
  void assign_twoEqualCandidatesOfOneRecord_bothHeldForReview() {
    // left 0 looks equally like right 0 and right 1 (same-name strangers): neither is likely enough
    Run r = run(new int[] {0, 0}, new int[] {0, 1}, new double[] {6, 6}, 0.9, 0.9);
    assertThat(r.outcome().accepted()).isEmpty();
    assertThat(r.outcome().ambiguous()).containsExactly(0, 1);
    assertThat(r.outcome().ambiguousProbability()[0]).isCloseTo(64.0 / (0.1 + 128), within(1e-12));
    assertThat(r.leftTaken()).containsOnly(false);
  }

  @Test
  void assign_oneClearlyStronger_linksItWithPosteriorProbability() {
    // 12 bits against 2 bits: 4096 / (0.1 + 4100) ≈ 0.999
    Run r = run(new int[] {0, 0}, new int[] {0, 1}, new double[] {12, 2}, 0.9, 0.9);
    assertThat(r.outcome().accepted()).containsExactly(0);
    assertThat(r.outcome().acceptedProbability()[0]).isCloseTo(4096.0 / (0.1 + 4100), within(1e-12));
    assertThat(r.outcome().ambiguous()).isEmpty();
  }

  @Test
  void assign_loneWeakCandidateOfRecordLikelyToHaveMatch_linkedAboveItsPairwiseProbability() {
    // weight 0 (pairwise probability ½); records with a match 95% of the time: 1 / (0.05 + 1) ≈ 0.95
    Run likely = run(new int[] {0}, new int[] {0}, new double[] {0}, 0.95, 0.95);
    assertThat(likely.outcome().accepted()).containsExactly(0);
    assertThat(likely.outcome().acceptedProbability()[0]).isCloseTo(1 / 1.05, within(1e-12));
    // the same pair where few records have a match: 1 / (0.9 + 1) < 0.7, and not held (no competitor)
    Run unlikely = run(new int[] {0}, new int[] {0}, new double[] {0}, 0.1, 0.1);
    assertThat(unlikely.outcome().accepted()).isEmpty();
    assertThat(unlikely.outcome().ambiguous()).isEmpty();
  }

  @Test
  void assign_linkedPairExplainsItsRecords_competitorStopsCounting() {
    // twins: A–A' 14, B–B' 13, cross pairs A–B' and B–A' 12. Once A–A' links, A–B' no longer
    // competes for B', so B–B' links too although 12 bits is close to 13
    int[] left = {0, 0, 1, 1};
    int[] right = {0, 1, 1, 0};
    double[] w = {14, 12, 13, 12};
    Run r = run(left, right, w, 0.9, 0.9);
    assertThat(r.outcome().accepted()).containsExactly(0, 2);
  }

  @Test
  void assign_recordAlreadyLinkedByCascade_itsCandidatesDoNotCompete() {
    boolean[] lt = new boolean[3];
    boolean[] rt = new boolean[3];
    lt[1] = true; // left 1 was linked by a match key
    ComponentRounds.Outcome o = CompetingAssignment.assign(i -> new int[] {0, 1}[i], i -> new int[] {0, 0}[i],
        new double[] {6, 6}, MIN_WEIGHT, FLOOR, THRESHOLD, 0.9, 0.9, 0, lt, rt);
    assertThat(o.accepted()).containsExactly(0);
  }

  @Test
  void assign_priorOfUntakenPairs_raisesALoneCandidateAcrossTheThreshold() {
    // weight 0 alone: odds 1, p = 1 / (0.1 + 1) = 0.91 < 0.95; with the untaken pool's prior 2 bits
    // higher: odds 4, p = 4 / 4.1 = 0.976
    double[] w = {0};
    double threshold = 0.95;
    double min = Math.log(threshold / (1 - threshold)) / Math.log(2);
    ComponentRounds.Outcome without = CompetingAssignment.assign(i -> 0, i -> 0, w, min, min - CompetingAssignment.COMPETITOR_BITS, threshold, 0.9, 0.9, 0,
        new boolean[1], new boolean[1]);
    ComponentRounds.Outcome with = CompetingAssignment.assign(i -> 0, i -> 0, w, min, min - 2 - CompetingAssignment.COMPETITOR_BITS, threshold, 0.9, 0.9, 2,
        new boolean[1], new boolean[1]);
    assertThat(without.accepted()).isEmpty();
    assertThat(with.accepted()).containsExactly(0);
    assertThat(with.acceptedProbability()[0]).isCloseTo(4 / 4.1, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void assign_candidatesBelowFloor_ignored() {
    Run r = run(new int[] {0}, new int[] {0}, new double[] {MIN_WEIGHT - CompetingAssignment.COMPETITOR_BITS - 1},
        0.99, 0.99);
    assertThat(r.outcome().accepted()).isEmpty();
    assertThat(r.outcome().ambiguous()).isEmpty();
  }
}
