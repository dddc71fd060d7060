/**
 * Where records come from and where results go: {@link org.linkage.io.RecordSource} (CSV, rows in
 * memory, JDBC) and {@link org.linkage.io.LinkSink} / {@link org.linkage.io.LinkSinks} (CSV folder,
 * JDBC tables, a callback).
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.io;
