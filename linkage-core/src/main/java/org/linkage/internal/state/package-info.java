/**
 * The binary files of a saved linkage state ({@code linkage-state/2}): append-only segments of
 * encoded records, the person of every record, and the incremental candidate pairs of an update.
 * Internal: not part of the API.
 */
package org.linkage.internal.state;
