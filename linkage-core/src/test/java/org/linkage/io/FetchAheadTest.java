package org.linkage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FetchAheadTest {
  /** A source of {@code rows} rows "r,0" .. "r,width-1", failing with {@code failure} after {@code failAfter}. */
  private static FetchAhead.RowSource rows(long rows, int width, long failAfter, SQLException failure,
      AtomicLong served) {
    return (into, offset) -> {
      long r = served.get();
      if (r == failAfter) {
        throw failure;
      }
      if (r == rows) {
        return false;
      }
      for (int i = 0; i < width; i++) {
        into[offset + i] = r + "," + i;
      }
      served.incrementAndGet();
      return true;
    };
  }

  private static List<String> readAll(long rows, int width) throws SQLException {
    List<String> seen = new ArrayList<>();
    FetchAhead.read(width, rows(rows, width, -1, null, new AtomicLong()), (values, offset) -> {
      for (int i = 0; i < width; i++) {
        seen.add(values[offset + i]);
      }
    });
    return seen;
  }

  private static List<String> expected(long rows, int width) {
    List<String> all = new ArrayList<>();
    for (long r = 0; r < rows; r++) {
      for (int i = 0; i < width; i++) {
        all.add(r + "," + i);
      }
    }
    return all;
  }

  @Test
  void read_manyBatches_everyRowOnceInOrder() throws SQLException {
    long rows = FetchAhead.BATCH_ROWS * (FetchAhead.BATCHES_IN_FLIGHT + 3L) + 17;
    assertThat(readAll(rows, 3)).isEqualTo(expected(rows, 3));
  }

  @Test
  void read_rowsFillWholeBatchesOrNone_everyRowOnce() throws SQLException {
    assertThat(readAll(0, 2)).isEmpty();
    assertThat(readAll(FetchAhead.BATCH_ROWS, 2)).isEqualTo(expected(FetchAhead.BATCH_ROWS, 2));
    assertThat(readAll(2L * FetchAhead.BATCH_ROWS, 1)).isEqualTo(expected(2L * FetchAhead.BATCH_ROWS, 1));
  }

  @Test
  void read_sourceFails_rowsBeforeTheFailureConsumedThenSameExceptionThrown() {
    SQLException failure = new SQLException("connection lost", "08006");
    long failAfter = FetchAhead.BATCH_ROWS + 5;
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> FetchAhead.read(1, rows(10_000, 1, failAfter, failure, new AtomicLong()),
        (values, offset) -> seen.add(values[offset]))).isSameAs(failure);
    assertThat(seen).isEqualTo(expected(failAfter, 1));
  }

  @Test
  void read_consumerFails_fetchingStopsBeforeTheEndAndExceptionPassesThrough() {
    AtomicLong served = new AtomicLong();
    FetchAhead.RowSource endless = rows(Long.MAX_VALUE, 2, -1, null, served);
    Thread[] fetcher = new Thread[1];
    IllegalStateException failure = new IllegalStateException("strict: bad row");
    assertThatThrownBy(() -> FetchAhead.read(2, (into, offset) -> {
      fetcher[0] = Thread.currentThread();
      return endless.next(into, offset);
    }, (values, offset) -> {
      if (values[offset].startsWith("3000,")) {
        throw failure;
      }
    })).isSameAs(failure);
    // the fetching thread has ended: no further rows are served after read returned
    long after = served.get();
    assertThat(after).isLessThan(3000 + FetchAhead.BATCH_ROWS * (FetchAhead.BATCHES_IN_FLIGHT + 3L));
    assertThat(fetcher[0].isAlive()).isFalse();
    assertThat(fetcher[0]).isNotSameAs(Thread.currentThread());
    assertThat(served.get()).isEqualTo(after);
  }
}
