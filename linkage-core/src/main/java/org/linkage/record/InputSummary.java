package org.linkage.record;

/**
 * What reading one input file gave: rows read, records kept, rows rejected. {@code rowsRead ==
 * records + rejected} always holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file name
 * @param rowsRead data rows in the file
 * @param records rows kept as records
 * @param rejected rows rejected (see {@code rejected.csv})
 */
public record InputSummary(String file, long rowsRead, long records, long rejected) {}
