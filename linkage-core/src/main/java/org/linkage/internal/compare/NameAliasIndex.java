package org.linkage.internal.compare;

import org.linkage.internal.normalize.Dictionary;

/**
 * For each value of a forename dictionary, the alias groups it belongs to (William, Bill, Will…),
 * looked up once per distinct value. Thread-safe after construction.
 */
final class NameAliasIndex {
  private final int[][] groups;

  private NameAliasIndex(int[][] groups) {
    this.groups = groups;
  }

  static NameAliasIndex of(Dictionary dict) {
    NameAliases aliases = NameAliases.standard();
    int[][] g = new int[dict.size()][];
    for (int i = 0; i < g.length; i++) {
      g[i] = aliases.groupsOf(dict.value(i));
    }
    return new NameAliasIndex(g);
  }

  /** True when the two values share an alias group. */
  boolean equivalent(int a, int b) {
    int[] left = groups[a];
    // most names have no group: then the right value's (a random read per pair) is not needed
    return left.length > 0 && NameAliases.shareGroup(left, groups[b]);
  }
}
