/**
 * What to link and how: {@link org.linkage.spec.LinkageSpec} and its parts (columns, comparisons,
 * blocking rules, match keys, training, clustering), immutable, built with builders or read from
 * JSON and validated when built.
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.spec;
