/**
 * The exception root {@link org.linkage.error.LinkageException} and its three kinds: an invalid
 * spec, input that cannot be read, output that cannot be written. Messages never contain record values.
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.error;
