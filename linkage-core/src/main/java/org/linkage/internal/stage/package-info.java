/**
 * The run's stages, usable without {@code Linker}: the compiled plan ({@link
 * org.linkage.internal.stage.LinkagePlan}), the pairs stage ({@link
 * org.linkage.internal.stage.ComparedPairs}), the trainer and scorer ({@link
 * org.linkage.internal.stage.Scoring}) and the streamed scoring pass ({@link
 * org.linkage.internal.stage.KeptPairs}), for the facade and for another engine that reuses a stage.
 *
 * <p><b>Internal</b>: not API. Public only so that other linkage packages (and the project's own
 * modules) can use it; it may change in any release.
 */
package org.linkage.internal.stage;
