package org.linkage.internal.compare;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * A comparison compiled against encoded data: for a (left row, right row) pair it returns the
 * agreement level, an int in {@code 0..levelCount()} where {@code 0} means the value is missing on
 * either side ("null" level, no evidence either way) and {@code 1} is the strongest agreement.
 *
 * <p>Implementations are on the hot path: {@link #level} allocates nothing and is thread-safe.
 * Create them with {@link Comparisons#compile}.
 */
public interface Comparison {
  /**
   * Most levels a comparison may have (excluding the null level); patterns pack 4 bits each, and
   * level 15 is never used so that no pattern is all ones (-1 marks empty slots in pattern counts).
   */
  int MAX_LEVELS = Level.MAX_LEVELS;

  /** The comparison's name, from the spec. */
  String name();

  /** Labels of levels {@code 1..levelCount()}, strongest first (the null level is not listed). */
  ImmutableList<String> levelNames();

  /** Number of non-null levels. */
  default int levelCount() {
    return levelNames().size();
  }

  /** Names of the columns this comparison reads. */
  ImmutableSet<String> columns();

  /** The agreement level of left row {@code left} and right row {@code right}. */
  int level(int left, int right);
}
