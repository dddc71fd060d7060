package org.linkage.internal.cluster;

/**
 * Stable merge sort of {@code int} indexes under a comparator on the indexes, without boxing: the
 * decision and clustering stages sort millions of links, where {@code Integer[]} costs several
 * times the time and memory. Stateless.
 */
final class IndexSort {
  /** Compares two indexes. */
  interface IndexComparator {
    int compare(int a, int b);
  }

  private IndexSort() {}

  /** Sorts {@code idx} in place; equal elements keep their order. O(n log n), n extra ints. */
  static void sort(int[] idx, IndexComparator c) {
    int n = idx.length;
    int[] src = idx;
    int[] dst = new int[n];
    for (int i = 0; i < n; i += 16) { // insertion sort of short runs
      int end = Math.min(n, i + 16);
      for (int j = i + 1; j < end; j++) {
        int v = src[j];
        int k = j - 1;
        while (k >= i && c.compare(src[k], v) > 0) {
          src[k + 1] = src[k];
          k--;
        }
        src[k + 1] = v;
      }
    }
    for (int width = 16; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          dst[k++] = c.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dst[k++] = src[j++];
        }
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != idx) {
      System.arraycopy(src, 0, idx, 0, n);
    }
  }
}
