/**
 * Writing a run's results: the output tables and the CSV, model and report files of a run.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.output;
