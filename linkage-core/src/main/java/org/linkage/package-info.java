/**
 * The entry point and what a run returns: {@link org.linkage.Linker} links two record tables (or
 * deduplicates one) under a spec; {@link org.linkage.LinkageResult} holds the links, held-back
 * ambiguous pairs, unmatched ids, persons, the model and the {@link org.linkage.RunReport}.
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage;
