/**
 * JMH benchmarks of the engine's hot paths (string kernels, pair comparison, blocking, training).
 *
 * <p>Not a library API. As one of the project's own modules it may use linkage-core's
 * {@code org.linkage.internal} packages.
 */
package org.linkage.bench;
