package org.linkage.internal.compare;

import org.linkage.spec.ComparisonSpec;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.Serializable;
import org.linkage.internal.normalize.EncodedData;

/**
 * The dataset-independent half of one comparison: its spec and its kind's {@link Level}s, which
 * decide the agreement level of two encoded rows. It holds no data, so it is serializable and can be
 * shipped to wherever the rows are; {@link #bind} derives what the kind needs per distinct value of
 * one {@link EncodedData} (phonetic codes, name parts, postcode sectors, epoch days) and returns the
 * {@link Comparison} that reads two rows of it. The spec's columns and kind were checked when the
 * spec was built. Immutable, thread-safe.
 */
public final class LevelFunction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ComparisonSpec spec;

  private LevelFunction(ComparisonSpec spec) {
    this.spec = requireNonNull(spec, "spec");
  }

  /** The level function of {@code spec}. */
  public static LevelFunction of(ComparisonSpec spec) {
    return new LevelFunction(spec);
  }

  /** The comparison's spec. */
  public ComparisonSpec spec() {
    return spec;
  }

  /** The comparison's name. */
  public String name() {
    return spec.name();
  }

  /** The non-null levels, strongest ({@code 1}) first. */
  public ImmutableList<Level> levels() {
    ImmutableList.Builder<Level> b = ImmutableList.builder();
    java.util.List<String> names = spec.levelNames();
    for (int i = 0; i < names.size(); i++) {
      b.add(new Level(i + 1, names.get(i)));
    }
    return b.build();
  }

  /**
   * This function bound to {@code data}: per-value tables are computed once here, so the returned
   * comparison's {@link Comparison#level} only reads arrays.
   *
   * @throws org.linkage.error.InvalidSpecException if {@code data} lacks a column the comparison reads, or
   *     holds it with a type the kind cannot compare
   */
  public Comparison bind(EncodedData data) {
    return Comparisons.bindAll(java.util.List.of(spec), data)[0];
  }

  /**
   * {@code functions} bound to {@code data} together, as {@link #bind} binds one: the comparisons
   * share one row-major copy of what they read of each right record, so comparing a pair on all of
   * them reads one or two cache lines of its right record. Use it for the comparisons of a run.
   */
  public static Comparison[] bindAll(java.util.List<LevelFunction> functions, EncodedData data) {
    return bindAll(functions, data, null);
  }

  /**
   * {@link #bindAll(java.util.List, EncodedData)} taking what it computes per dictionary or per
   * array of codes, and the right records' rows, from {@code shared} ({@code null}: computes all).
   * The comparisons are the same either way.
   */
  public static Comparison[] bindAll(java.util.List<LevelFunction> functions, EncodedData data,
      SharedBinding shared) {
    return bindAll(functions, data, shared, false);
  }

  /**
   * {@link #bindAll(java.util.List, EncodedData, SharedBinding)} binding the last comparison first
   * when {@code lastFirst} (the same comparisons): two bindings sharing {@code shared} on two
   * threads, one in each order, compute different tables at once instead of one waiting for each
   * table the other is computing.
   */
  public static Comparison[] bindAll(java.util.List<LevelFunction> functions, EncodedData data,
      SharedBinding shared, boolean lastFirst) {
    return Comparisons.bindAll(functions.stream().map(LevelFunction::spec).toList(), data, shared, lastFirst);
  }

  @Override
  public String toString() {
    return spec.name() + spec.levelNames();
  }
}
