package org.linkage.internal.output;

import org.linkage.record.ReadResult;

/**
 * What reading one input gave, as the run report states it: rows read, records kept, rows
 * rejected. {@code rowsRead == records + rejected} always holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file (or source) name
 * @param rowsRead data rows in the file
 * @param records rows kept as records
 * @param rejected rows rejected (see {@code rejected.csv})
 */
public record InputSummary(String file, long rowsRead, long records, long rejected) {
  /** The summary of {@code read}: its table's source name and its counts. */
  public static InputSummary of(ReadResult read) {
    return new InputSummary(read.table().source(), read.rowsRead(), read.table().size(), read.rejections().size());
  }
}
