package org.linkage;

import com.google.common.collect.ImmutableList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.linkage.block.BlockingRuleSpec;
import org.linkage.block.KeyFunction;
import org.linkage.compare.Comparison;
import org.linkage.compare.ComparisonKind;
import org.linkage.compare.ComparisonSpec;
import org.linkage.compare.LevelFunction;
import org.linkage.model.Patterns;
import org.linkage.normalize.EncodedData;
import org.linkage.record.ColumnSpec;
import org.linkage.record.ColumnType;
import org.linkage.rules.MatchKeySpec;

/**
 * A {@link LinkageSpec} compiled into the pure, dataset-independent parts a run executes: one
 * {@link LevelFunction} per comparison, one {@link KeyFunction} per blocking rule, and the column
 * the person constraints read as the date of birth. Compiling checks the whole spec before any
 * input is read and lists every problem in one {@link InvalidSpecException}; {@link
 * LinkageSpec.Builder#build()} compiles, so every built spec compiles.
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

  /**
   * Checks {@code spec} and compiles it.
   *
   * @throws InvalidSpecException listing every problem found, each naming the setting at fault
   */
  public static LinkagePlan compile(LinkageSpec spec) {
    List<String> problems = problems(spec);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return new LinkagePlan(spec);
  }

  /** The spec compiled. */
  public LinkageSpec spec() {
    return spec;
  }

  /** One level function per comparison, in the spec's order (a comparison's index is its place in patterns). */
  public ImmutableList<LevelFunction> comparisons() {
    return comparisons;
  }

  /** One key function per blocking rule, in the spec's order. */
  public ImmutableList<KeyFunction> blockingKeys() {
    return blockingKeys;
  }

  /**
   * The date column the person constraints read as the date of birth: {@link
   * org.linkage.cluster.ClusteringSpec#birthDateColumn()} when set, otherwise the spec's only date
   * column; {@code null} when there is none (or several and none is named).
   */
  public String birthDateColumn() {
    return birthDateColumn;
  }

  /** Binds every comparison to {@code data} (see {@link LevelFunction#bind}); a fresh array each call. */
  public Comparison[] bindComparisons(EncodedData data) {
    return comparisons.stream().map(f -> f.bind(data)).toArray(Comparison[]::new);
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

  /** Every problem of {@code spec}, in the order of its settings; empty when it is valid. */
  static List<String> problems(LinkageSpec spec) {
    List<String> problems = new ArrayList<>();
    String idColumn = spec.idColumn();
    if (idColumn.isBlank()) {
      problems.add("idColumn must not be blank");
    }
    Set<String> names = new HashSet<>();
    for (ColumnSpec c : spec.columns()) {
      if (!names.add(c.name())) {
        problems.add("column " + c.name() + " is declared twice");
      }
      if (c.source().equals(idColumn)) {
        problems.add("column " + c.name() + " reads the id column " + idColumn);
      }
    }
    double threshold = spec.threshold();
    if (!(threshold > 0 && threshold < 1)) {
      problems.add("threshold must be in (0,1): " + threshold);
    }
    if (spec.maxBlockSize() < 1) {
      problems.add("maxBlockSize must be positive: " + spec.maxBlockSize());
    }
    comparisonProblems(spec, problems);
    Set<String> ruleNames = new HashSet<>();
    for (BlockingRuleSpec r : spec.blockingRules()) {
      if (!ruleNames.add(r.name())) {
        problems.add("blocking rule " + r.name() + " is declared twice");
      }
      problems.addAll(r.problems(col -> spec.column(col) == null ? null : spec.column(col).type()));
    }
    for (String rule : spec.training().rules()) {
      if (!ruleNames.contains(rule)) {
        problems.add("training rule " + rule + " is not a blocking rule");
      }
    }
    if (spec.blockingRules().size() > Byte.MAX_VALUE) {
      problems.add("at most 127 blocking rules");
    }
    Set<String> passNames = new HashSet<>();
    for (MatchKeySpec k : spec.matchKeys()) {
      if (!passNames.add(k.name())) {
        problems.add("match key " + k.name() + " is declared twice");
      }
      if (k.name().equals("probabilistic")) {
        problems.add("match key name 'probabilistic' is reserved for the probabilistic pass");
      }
      for (String col : k.columns()) {
        if (!names.contains(col)) {
          problems.add("match key " + k.name() + ": unknown column " + col);
        }
      }
      for (String col : k.mustNotDiffer()) {
        if (!names.contains(col)) {
          problems.add("match key " + k.name() + ": unknown veto column " + col);
        }
      }
    }
    clusteringProblems(spec, problems);
    LinkageSpec.Strategy strategy = spec.strategy();
    boolean probabilistic = strategy != LinkageSpec.Strategy.DETERMINISTIC;
    if (probabilistic && spec.comparisons().isEmpty()) {
      problems.add("strategy " + strategy + " needs at least one comparison");
    }
    if (probabilistic && spec.blockingRules().isEmpty()) {
      problems.add("strategy " + strategy + " needs at least one blocking rule");
    }
    if (strategy != LinkageSpec.Strategy.PROBABILISTIC && spec.matchKeys().isEmpty()) {
      problems.add("strategy " + strategy + " needs at least one match key");
    }
    return problems;
  }

  private static void comparisonProblems(LinkageSpec spec, List<String> problems) {
    if (spec.comparisons().size() > Patterns.MAX_COMPARISONS) {
      problems.add("at most " + Patterns.MAX_COMPARISONS + " comparisons, got " + spec.comparisons().size());
    }
    Set<String> comparisonNames = new HashSet<>();
    for (ComparisonSpec c : spec.comparisons()) {
      String at = "comparison " + c.name();
      if (!comparisonNames.add(c.name())) {
        problems.add(at + " is declared twice");
      }
      ComparisonKind kind = c.kind();
      if (kind.levels().size() > Comparison.MAX_LEVELS) {
        problems.add(at + " has more than " + Comparison.MAX_LEVELS + " levels");
      }
      for (String col : c.columns()) {
        ColumnSpec column = spec.column(col);
        if (column == null) {
          problems.add(at + ": unknown column " + col);
        } else if ((kind == ComparisonKind.DATE) != (column.type() == ColumnType.DATE)) {
          problems.add(at + " (" + kind + ") cannot compare column " + col + " of type " + column.type());
        }
      }
      // the second columns are read by these kinds only; elsewhere they would be silently ignored
      if (c.otherColumn() != null && kind != ComparisonKind.FORENAME && kind != ComparisonKind.SURNAME) {
        problems.add(at + ": otherColumn applies to forename and surname comparisons only, not " + kind);
      }
      if (c.swapColumn() != null && kind != ComparisonKind.FORENAME) {
        problems.add(at + ": swapColumn applies to forename comparisons only, not " + kind);
      }
      if (c.termFrequency() && kind == ComparisonKind.DATE) {
        problems.add(at + ": termFrequency does not apply to a DATE comparison (only to values with a dictionary)");
      }
    }
  }

  private static void clusteringProblems(LinkageSpec spec, List<String> problems) {
    String named = spec.clustering().birthDateColumn();
    if (named != null) {
      ColumnSpec column = spec.column(named);
      if (column == null) {
        problems.add("clustering.birthDateColumn: unknown column " + named);
      } else if (column.type() != ColumnType.DATE) {
        problems.add("clustering.birthDateColumn: column " + named + " is of type " + column.type() + ", not DATE");
      }
    } else if (spec.clustering().enabled() && dateColumns(spec).size() > 1) {
      problems.add("clustering.birthDateColumn: the spec has several date columns " + dateColumns(spec)
          + "; name the one holding the date of birth");
    }
  }

  @Override
  public String toString() {
    return "LinkagePlan" + comparisons + blockingKeys;
  }
}
