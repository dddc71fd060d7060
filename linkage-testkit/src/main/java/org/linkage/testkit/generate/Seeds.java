package org.linkage.testkit.generate;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the spec's seed, so the population draw,
 * each person's life events and each record's corruption never share a stream: changing the error
 * model changes values only, never who exists or which records they have.
 */
final class Seeds {
  static final long POPULATION = 0x5f3759df_0000_0001L;
  static final long LIFE = 0x5f3759df_0000_0002L;
  static final long FAMILY_MOVES = 0x5f3759df_0000_0003L;
  static final long ADULT_MOVES = 0x5f3759df_0000_0004L;
  static final long EDUCATION_RECORD = 0x5f3759df_0000_0005L;
  static final long LABOUR_RECORD = 0x5f3759df_0000_0006L;
  static final long NINO = 0x5f3759df_0000_0007L;

  private Seeds() {
  }

  /** SplitMix64 finaliser: a bijective, well-mixing hash of a long. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long derive(long seed, long purpose, long index) {
    return mix(mix(seed ^ mix(purpose)) + index * 0x9e3779b97f4a7c15L);
  }

  static SplittableRandom stream(long seed, long purpose, long index) {
    return new SplittableRandom(derive(seed, purpose, index));
  }
}
