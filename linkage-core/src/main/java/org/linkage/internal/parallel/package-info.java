/**
 * The one fan-out over fixed chunks: results in chunk order, failures surfaced unchanged.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.parallel;
