/**
 * Compiled comparisons: the level of each comparison for a candidate pair, name aliases, and the
 * pair comparer that turns candidate pairs into agreement patterns.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.compare;
