/**
 * Reading CSV into record tables (row checks shared by every source, id register, value pool),
 * writing CSV cells, and the output folder that replaces a run's outputs as one set.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.io;
