package org.linkage.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairSpillTest {

  private record Pair(int left, int right, long pattern, int rule) {}

  @Test
  void replay_chunksOfManyPairs_everyPairInOrderEachTime() {
    Random random = new Random(11);
    List<Pair> written = new ArrayList<>();
    try (PairSpill spill = PairSpill.open()) {
      assertThat(spill).isNotNull();
      int left = 0;
      for (int c = 0; c < 40; c++) { // ~400k pairs: several buffers of the file
        CandidatePairs.Buffer chunk = new CandidatePairs.Buffer();
        for (int k = 0; k < 10_000; k++) {
          left += random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
          // a few common patterns, many rare ones, the extreme values of a pattern and a rule
          long pattern = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(20);
          if (k == 17) {
            pattern = Long.MIN_VALUE;
          }
          Pair p = new Pair(left, random.nextInt(Integer.MAX_VALUE), pattern, random.nextInt(127));
          chunk.add(p.left(), p.right(), p.pattern(), p.rule());
          written.add(p);
        }
        spill.write(chunk);
      }
      spill.finish();
      assertThat(spill.complete()).isTrue();
      assertThat(spill.pairs()).isEqualTo(written.size());

      for (int round = 0; round < 2; round++) {
        List<Pair> read = new ArrayList<>();
        spill.replay((l, r, p, rule) -> read.add(new Pair(l, r, p, rule)));
        assertThat(read).isEqualTo(written);
      }

      // runs of chunks read at once, each from where its chunk starts, in order when concatenated
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        for (int parts : new int[] {1, 3, 7, 40, 100}) {
          List<PairList> runs = spill.replay(pool, parts, k -> new PairList());
          List<Pair> read = new ArrayList<>();
          runs.forEach(read::addAll);
          assertThat(read).as(parts + " parts").isEqualTo(written);
          assertThat(runs).hasSize(Math.min(parts, 40));
          assertThat(runs.get(0)).isNotEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** A sink that is the list of the pairs it was given. */
  private static final class PairList extends ArrayList<Pair> implements PairComparer.ComparedSink {
    @Override
    public void pair(int left, int right, long pattern, int rule) {
      add(new Pair(left, right, pattern, rule));
    }
  }

  @Test
  void replay_beforeFinish_refused() {
    try (PairSpill spill = PairSpill.open()) {
      CandidatePairs.Buffer chunk = new CandidatePairs.Buffer();
      chunk.add(1, 2, 3, 0);
      spill.write(chunk);

      assertThat(spill.complete()).isFalse();
      assertThatThrownBy(() -> spill.replay((l, r, p, rule) -> {})).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void recording_passesEveryPairOnAndGathersIt() {
    List<Pair> seen = new ArrayList<>();
    PairSpill.Recording<PairComparer.ComparedSink> recording =
        new PairSpill.Recording<>((l, r, p, rule) -> seen.add(new Pair(l, r, p, rule)));
    recording.pair(3, 4, 5L, 6);
    try (PairSpill spill = PairSpill.open()) {
      spill.write(recording.chunk());
      spill.finish();
      List<Pair> read = new ArrayList<>();
      spill.replay((l, r, p, rule) -> read.add(new Pair(l, r, p, rule)));

      assertThat(seen).containsExactly(new Pair(3, 4, 5L, 6));
      assertThat(read).isEqualTo(seen);
    }
  }
}
