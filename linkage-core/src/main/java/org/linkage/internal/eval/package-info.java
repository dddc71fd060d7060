/**
 * Evaluation against truth: precision, recall, F1, threshold sweeps, error patterns, clerical
 * review samples, parameters measured on labelled data, and the pair scorer shared with runs.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.eval;

import org.linkage.eval.Evaluation;
