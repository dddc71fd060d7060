package org.linkage.internal.compare;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What binding comparisons computes per dictionary or per array of codes (packed values, epoch
 * days, name parts, aliases, another column's codes translated) and the right records' rows, kept
 * by the identity of what they were computed from. Several bindings over views of the same columns
 * — an update's comparison across the sides and within each side — then compute each once, and
 * two bindings whose right records read the same fields share one {@link RightRows}. The tables
 * depend only on what they are computed from, so sharing changes no result.
 *
 * <p>Thread-safe: bindings on several threads may share one; a table is computed once, the other
 * threads asking for it wait. Holds everything it computed: keep it for the bindings that share it
 * only.
 */
public final class SharedBinding {
  /** Identity of the objects a table was computed from, and which table. */
  private record Key(String table, Object a, Object b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.table.equals(table) && k.a == a && k.b == b;
    }

    @Override
    public int hashCode() {
      return table.hashCode() * 31 * 31 + System.identityHashCode(a) * 31 + System.identityHashCode(b);
    }
  }

  /** Identity of a right records' field list: the fields compare their arrays by identity. */
  private record Fields(int rows, List<?> fields) {}

  private final ConcurrentHashMap<Object, Object> tables = new ConcurrentHashMap<>();

  /** An empty cache. */
  public SharedBinding() {}

  @SuppressWarnings("unchecked")
  <T> T table(String table, Object a, Object b, Supplier<T> compute) {
    return (T) tables.computeIfAbsent(new Key(table, a, b), k -> compute.get());
  }

  RightRows rows(int rows, List<?> fields, Supplier<RightRows> build) {
    return (RightRows) tables.computeIfAbsent(new Fields(rows, List.copyOf(fields)), k -> build.get());
  }
}
