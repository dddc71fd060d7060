package org.linkage.internal.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ParallelChunksTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  @Test
  void map_rangeInChunks_resultsInChunkOrderCoveringEveryElement() {
    List<int[]> ranges = ParallelChunks.map(POOL, 10, 4, (start, end) -> {
      Thread.sleep(start == 0 ? 30 : 0); // the first chunk finishes last
      return new int[] {start, end};
    });
    assertThat(ranges).containsExactly(new int[] {0, 4}, new int[] {4, 8}, new int[] {8, 10});
  }

  @Test
  void map_emptyRange_noTasks() {
    assertThat(ParallelChunks.map(POOL, 0, 5, (s, e) -> 1)).isEmpty();
  }

  @Test
  void map_taskFails_sameExceptionOrErrorSurfaces() {
    assertThatThrownBy(() -> ParallelChunks.map(POOL, 4, 2, (s, e) -> {
      throw new IllegalArgumentException("bad chunk " + s);
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad chunk 0");
    // an OutOfMemoryError must stay one, so the command line can report it as out of memory
    assertThatThrownBy(() -> ParallelChunks.map(POOL, 4, 2, (s, e) -> {
      throw new OutOfMemoryError("Java heap space");
    })).isInstanceOf(OutOfMemoryError.class);
    assertThatThrownBy(() -> ParallelChunks.map(POOL, 4, 2, (s, e) -> {
      throw new IOException("disk");
    })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void map_nonPositiveChunk_rejectedWithValue() {
    assertThatThrownBy(() -> ParallelChunks.map(POOL, 4, 0, (s, e) -> 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
