package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  @Test
  void labels_severalComponents_leastNodeOfEach() {
    // 0-3-5, 1-4, 2 alone, 6-7
    int[] a = {5, 4, 3, 7};
    int[] b = {3, 1, 0, 6};
    assertThat(Components.labels(8, Components.forest(8, a, b, 4))).containsExactly(0, 1, 2, 0, 1, 0, 6, 6);
  }

  @Test
  void merge_forestsOfParts_forestOfTheWhole() {
    Random random = new Random(3);
    int nodes = 500;
    int edges = 300;
    int[] a = new int[edges];
    int[] b = new int[edges];
    for (int k = 0; k < edges; k++) {
      a[k] = random.nextInt(nodes);
      b[k] = random.nextInt(nodes);
    }
    int[] whole = Components.forest(nodes, a, b, edges);
    int[] first = Components.forest(nodes, a, b, edges / 2);
    int[] secondA = java.util.Arrays.copyOfRange(a, edges / 2, edges);
    int[] secondB = java.util.Arrays.copyOfRange(b, edges / 2, edges);
    int[] second = Components.forest(nodes, secondA, secondB, secondA.length);
    assertThat(Components.merge(nodes, second, first)).containsExactly(whole);
    assertThat(Components.labels(nodes, whole)).isNotEqualTo(Components.labels(nodes, first));
  }
}
