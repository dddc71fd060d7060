/**
 * Training: u from random pairs, m from seed links or EM, λ by a fixed point, and its report.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.train;
