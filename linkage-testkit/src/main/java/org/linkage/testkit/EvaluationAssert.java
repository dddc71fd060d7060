package org.linkage.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.linkage.LinkageResult;
import org.linkage.Link;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about pairwise precision, recall and F1. A failure names the metric, its value and the
 * bound, then the full summary (all three metrics, TP/FP/FN counts) and — when the evaluation came
 * from a {@link LinkageResult} — the first few false-positive links and missed true pairs by id, in
 * a stable order.
 *
 * <p>Immutable and thread-safe.
 */
public final class EvaluationAssert {
  /** How many example pairs a failure message lists per kind of error. */
  static final int EXAMPLES = 5;

  private final Evaluation evaluation;
  private final LinkageResult result;
  private final PairSet truth;

  EvaluationAssert(Evaluation evaluation, LinkageResult result, PairSet truth) {
    this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    this.result = result;
    this.truth = truth;
  }

  /** The evaluation being checked, for further assertions of one's own. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** Fails unless precision = TP/(TP+FP) ≥ {@code min}; precision of no links is 1. */
  public EvaluationAssert hasPrecisionAtLeast(double min) {
    return check("precision", evaluation.precision(), min);
  }

  /** Fails unless recall = TP/(TP+FN) ≥ {@code min}; recall against an empty truth is 1. */
  public EvaluationAssert hasRecallAtLeast(double min) {
    return check("recall", evaluation.recall(), min);
  }

  /** Fails unless F1, the harmonic mean of precision and recall, is ≥ {@code min}. */
  public EvaluationAssert hasF1AtLeast(double min) {
    return check("F1", evaluation.f1(), min);
  }

  private EvaluationAssert check(String metric, double actual, double min) {
    LinkerAssert.checkUnit(min, "min");
    if (actual >= min) {
      return this;
    }
    StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
      "expected %s at least %.4f, but it is %.4f%n  %s", metric, min, actual, evaluation.summary()));
    if (result != null) {
      appendExamples(m);
    }
    throw new AssertionFailedError(m.toString(), String.format(Locale.ROOT, "%s >= %.4f", metric, min),
      String.format(Locale.ROOT, "%s = %.4f", metric, actual));
  }

  private void appendExamples(StringBuilder m) {
    List<Link> falsePositives = new ArrayList<>();
    Set<PairSet.Pair> linked = new HashSet<>();
    for (Link l : result.links()) {
      linked.add(new PairSet.Pair(l.leftId(), l.rightId()));
      if (!truth.contains(l.leftId(), l.rightId())) {
        falsePositives.add(l);
      }
    }
    if (!falsePositives.isEmpty()) {
      m.append(String.format(Locale.ROOT, "%n  false positives (first %d of %d):",
        Math.min(EXAMPLES, falsePositives.size()), falsePositives.size()));
      for (Link l : falsePositives.subList(0, Math.min(EXAMPLES, falsePositives.size()))) {
        m.append(String.format(Locale.ROOT, "%n    %s -> %s  %s, match probability %.4f",
          l.leftId(), l.rightId(), l.method(), l.matchProbability()));
      }
    }
    List<PairSet.Pair> missed = truth.pairs().stream().filter(p -> !linked.contains(p))
      .sorted((a, b) -> a.left().equals(b.left()) ? a.right().compareTo(b.right()) : a.left().compareTo(b.left()))
      .toList();
    if (!missed.isEmpty()) {
      m.append(String.format(Locale.ROOT, "%n  missed true pairs (first %d of %d):",
        Math.min(EXAMPLES, missed.size()), missed.size()));
      for (PairSet.Pair p : missed.subList(0, Math.min(EXAMPLES, missed.size()))) {
        m.append(String.format(Locale.ROOT, "%n    %s -> %s", p.left(), p.right()));
        if (result.model() != null) {
          try {
            m.append(String.format(Locale.ROOT, "  match probability %.4f",
              result.explain(p.left(), p.right()).matchProbability()));
          } catch (IllegalArgumentException unknownId) {
            m.append("  (id not in the linked tables)");
          }
        }
      }
    }
    m.append(String.format(Locale.ROOT, "%n  (LinkageResult.explain(leftId, rightId).toText() shows why a pair scored as it did)"));
  }
}
