/**
 * Saved linkage states ({@code linkage-state/5}): the binary files of append-only segments of
 * encoded records and of their blocking keys' fingerprints, of every record's person and of the
 * dictionaries' hash tables ({@code StateFiles}, {@code SavedKeys}), and the candidate pairs of an
 * incremental update over the blocks the new records touch ({@code UpdatePairs}) and the records
 * grouped by match key for its cascade ({@code PassRows}).
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * {@code linkage-cli} and {@code linkage-testkit} modules) can use it; it may change in any release.
 */
package org.linkage.internal.state;
