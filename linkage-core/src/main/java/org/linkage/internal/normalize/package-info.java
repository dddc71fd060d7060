/**
 * Normalisation of raw values per column type and the columnar dictionary encoding shared by both
 * sides.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.normalize;
