/**
 * The Fellegi-Sunter model a run trains or is given: {@link org.linkage.model.FellegiSunterModel}
 * with one {@link org.linkage.model.ComparisonModel} per comparison, saved and reloaded with
 * {@link org.linkage.model.ModelJson}.
 *
 * <p><b>API</b>: exported by the {@code org.linkage.core} module; public types here are stable, documented and
 * immutable or thread-safe as each says.
 */
package org.linkage.model;
