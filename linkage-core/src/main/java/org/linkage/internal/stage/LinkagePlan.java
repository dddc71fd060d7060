package org.linkage.internal.stage;

import org.linkage.spec.LinkageSpec;

import com.google.common.collect.ImmutableList;
import java.io.Serializable;
import java.util.List;
import org.linkage.internal.block.KeyFunction;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.LevelFunction;
import org.linkage.internal.compare.SharedBinding;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;

/**
 * A {@link LinkageSpec} compiled into the pure, dataset-independent parts a run executes: one
 * {@link LevelFunction} per comparison, one {@link KeyFunction} per blocking rule, and the column
 * the person constraints read as the date of birth. The spec was checked as a whole when it was
 * built ({@link LinkageSpec.Builder#build()} lists every problem in one {@link
 * org.linkage.error.InvalidSpecException}, before any input is read), so compiling does not fail.
 *
 * <p>A plan is immutable, thread-safe and {@link Serializable} (it holds only the spec and
 * functions of it), so it can be shipped to another process; the data-bound halves come from
 * {@link #bindComparisons}.
 */
public final class LinkagePlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkageSpec spec;
  private final ImmutableList<LevelFunction> comparisons;
  private final ImmutableList<KeyFunction> blockingKeys;
  private final String birthDateColumn;

  private LinkagePlan(LinkageSpec spec) {
    this.spec = spec;
    this.comparisons = spec.comparisons().stream().map(LevelFunction::of).collect(ImmutableList.toImmutableList());
    this.blockingKeys = spec.blockingRules().stream().map(KeyFunction::of).collect(ImmutableList.toImmutableList());
    this.birthDateColumn = birthDateColumn(spec);
  }

  /** Compiles {@code spec}, which was checked when it was built; reads no input. */
  public static LinkagePlan compile(LinkageSpec spec) {
    return new LinkagePlan(spec);
  }

  /** The spec compiled. */
  public LinkageSpec spec() {
    return spec;
  }

  /** One level function per comparison, in the spec's order (a comparison's index is its place in patterns). */
  public List<LevelFunction> comparisons() {
    return comparisons;
  }

  /** One key function per blocking rule, in the spec's order. */
  public List<KeyFunction> blockingKeys() {
    return blockingKeys;
  }

  /**
   * The date column the person constraints read as the date of birth: {@link
   * org.linkage.spec.ClusteringSpec#birthDateColumn()} when set, otherwise the spec's only date
   * column; {@code null} when there is none (or several and none is named).
   */
  public String birthDateColumn() {
    return birthDateColumn;
  }

  /** Binds every comparison to {@code data} together (see {@link LevelFunction#bindAll}); a fresh array each call. */
  public Comparison[] bindComparisons(EncodedData data) {
    return LevelFunction.bindAll(comparisons, data);
  }

  /**
   * {@link #bindComparisons(EncodedData)} sharing with other bindings what {@code shared} holds
   * (see {@link SharedBinding}): for views of the same columns bound together, such as an update's
   * comparison across the sides and within each side. Thread-safe for one {@code shared}.
   */
  public Comparison[] bindComparisons(EncodedData data, SharedBinding shared) {
    return LevelFunction.bindAll(comparisons, data, shared);
  }

  /**
   * {@link #bindComparisons(EncodedData, SharedBinding)} binding the last comparison first when
   * {@code lastFirst} ({@link LevelFunction#bindAll(java.util.List, EncodedData, SharedBinding,
   * boolean)}): the same comparisons.
   */
  public Comparison[] bindComparisons(EncodedData data, SharedBinding shared, boolean lastFirst) {
    return LevelFunction.bindAll(comparisons, data, shared, lastFirst);
  }

  private static String birthDateColumn(LinkageSpec spec) {
    if (spec.clustering().birthDateColumn() != null) {
      return spec.clustering().birthDateColumn();
    }
    List<String> dates = dateColumns(spec);
    return dates.size() == 1 ? dates.get(0) : null;
  }

  private static List<String> dateColumns(LinkageSpec spec) {
    return spec.columns().stream().filter(c -> c.type() == ColumnType.DATE).map(ColumnSpec::name).toList();
  }

  @Override
  public String toString() {
    return "LinkagePlan" + comparisons + blockingKeys;
  }
}
