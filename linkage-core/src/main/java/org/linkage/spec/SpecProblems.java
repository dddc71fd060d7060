package org.linkage.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every problem of a {@link LinkageSpec}, found before any input is read and listed at once: the
 * checks {@link LinkageSpec.Builder#build()} runs. Stateless, thread-safe.
 */
final class SpecProblems {
  private SpecProblems() {}

  /** Every problem of {@code spec}, in the order of its settings; empty when it is valid. */
  static List<String> of(LinkageSpec spec) {
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
    if (!(spec.pairBudget() >= 0) || Double.isInfinite(spec.pairBudget())) {
      problems.add("pairBudget must be a number, 0 or more: " + spec.pairBudget());
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
    if (spec.comparisons().size() > LinkageSpec.MAX_COMPARISONS) {
      problems.add("at most " + LinkageSpec.MAX_COMPARISONS + " comparisons, got " + spec.comparisons().size());
    }
    Set<String> comparisonNames = new HashSet<>();
    for (ComparisonSpec c : spec.comparisons()) {
      String at = "comparison " + c.name();
      if (!comparisonNames.add(c.name())) {
        problems.add(at + " is declared twice");
      }
      ComparisonKind kind = c.kind();
      if (c.elseSplit() != null) {
        ComparisonSpec.ElseSplit split = c.elseSplit();
        ColumnSpec by = spec.column(split.column());
        if (by == null) {
          problems.add(at + ": elseSplit column " + split.column() + " is unknown");
        } else if (by.type() == ColumnType.DATE) {
          problems.add(at + ": elseSplit column " + split.column() + " is a DATE column; split by a column of values");
        }
        if (kind.levels().contains(split.level())) {
          problems.add(at + ": elseSplit level " + split.level() + " is already a level of " + kind);
        }
      }
      if (c.levelNames().size() > ComparisonSpec.MAX_LEVELS) {
        problems.add(at + " has more than " + ComparisonSpec.MAX_LEVELS + " levels");
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

  private static List<String> dateColumns(LinkageSpec spec) {
    return spec.columns().stream().filter(c -> c.type() == ColumnType.DATE).map(ColumnSpec::name).toList();
  }
}
