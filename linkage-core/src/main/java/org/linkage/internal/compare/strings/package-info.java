/**
 * Allocation-free string similarity kernels (Jaro-Winkler, Levenshtein, optimal string alignment,
 * q-gram Jaccard, one-edit checks), tested against Apache Commons Text.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.compare.strings;
