package org.linkage.spec;

/**
 * How many links a record may be in once the probabilistic pass and the cascade have decided which
 * pairs match. Set by {@code assignment} in the spec.
 * <p>Immutable and thread-safe.
 */
public enum Assignment {
  /** Each record, on either side, in at most one link (default). */
  ONE_TO_ONE,
  /**
   * Each right record in at most one link; a left record may take many right records — one learner,
   * many employment and benefit spells.
   */
  MANY_TO_ONE
}
