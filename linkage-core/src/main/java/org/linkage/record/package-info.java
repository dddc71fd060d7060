/**
 * Records as read: {@link org.linkage.record.RecordTable}, what reading produced
 * ({@link org.linkage.record.ReadResult}, {@link org.linkage.record.ReadResult.Rejection}) and how CSV is read
 * ({@link org.linkage.record.CsvOptions}).
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.record;
