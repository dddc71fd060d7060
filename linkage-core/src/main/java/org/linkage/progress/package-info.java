/**
 * {@link org.linkage.progress.ProgressListener}: how a long run reports its stages to the caller.
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.progress;
