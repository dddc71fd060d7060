/**
 * Links against the truth: {@link org.linkage.eval.PairSet} (pairs of ids, read from a CSV file or
 * built in memory) and {@link org.linkage.eval.Evaluation} (pairwise precision, recall and F1).
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.eval;
