package org.linkage.internal.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.linkage.error.OutputException;
import org.linkage.internal.io.CsvOutput;
import org.linkage.eval.Evaluation;

/**
 * Writes the CSV outputs of {@code linkage evaluate --out DIR}: {@code threshold_sweep.csv},
 * {@code pr_curve.csv}, {@code errors_by_pattern.csv} and {@code clerical_review.csv}. Numbers are
 * formatted locale-independently (same input, same bytes); text cells are guarded against formula
 * injection ({@link CsvOutput}). Files hold ids, counts, level names and
 * scores — never record values.
 */
public final class EvaluationFiles {
  private EvaluationFiles() {}

  /** {@code threshold,links_kept,tp,fp,fn,precision,recall,f1}, one row per threshold. */
  public static void writeSweep(Path file, List<ThresholdSweep.Row> rows) {
    write(file, p -> {
      p.header("threshold", "links_kept", "tp", "fp", "fn", "precision", "recall", "f1");
      for (ThresholdSweep.Row r : rows) {
        Evaluation e = r.evaluation();
        p.row(CsvOutput.number(r.threshold(), 6), r.linksKept(), e.truePositives(), e.falsePositives(),
            e.falseNegatives(), CsvOutput.number(e.precision(), 6), CsvOutput.number(e.recall(), 6),
            CsvOutput.number(e.f1(), 6));
      }
    });
  }

  /** {@code threshold,precision,recall}, one row per distinct link probability, highest first. */
  public static void writeCurve(Path file, List<ThresholdSweep.Row> rows) {
    write(file, p -> {
      p.header("threshold", "precision", "recall");
      for (ThresholdSweep.Row r : rows) {
        p.row(CsvOutput.number(r.threshold(), 6), CsvOutput.number(r.evaluation().precision(), 6),
            CsvOutput.number(r.evaluation().recall(), 6));
      }
    });
  }

  /** {@code pattern,match_weight,match_probability,tp,fp,fn,fn_above_threshold}. */
  public static void writeErrors(Path file, List<ErrorPatterns.Row> rows) {
    write(file, p -> {
      p.header("pattern", "match_weight", "match_probability", "tp", "fp", "fn", "fn_above_threshold");
      for (ErrorPatterns.Row r : rows) {
        p.row(r.pattern(), CsvOutput.number(r.matchWeight(), 4), CsvOutput.number(r.matchProbability(), 6),
            r.truePositives(), r.falsePositives(), r.falseNegatives(), r.falseNegativesAboveThreshold());
      }
    });
  }

  /**
   * {@code left_id,right_id,match_probability,match_weight,pattern}; {@code scorer} may be
   * {@code null}, then {@code pattern} is empty.
   */
  public static void writeReview(Path file, List<ScoredLink> sample, PairScorer scorer) {
    write(file, p -> {
      p.header("left_id", "right_id", "match_probability", "match_weight", "pattern");
      for (ScoredLink l : sample) {
        PairScorer.Scored s = scorer == null ? null : scorer.score(l.left(), l.right());
        p.row(l.left(), l.right(), CsvOutput.number(l.probability(), 6), CsvOutput.number(l.weight(), 4),
            s == null ? "" : s.label());
      }
    });
  }

  private interface Body {
    void print(CsvOutput p) throws IOException;
  }

  private static void write(Path file, Body body) {
    try (CsvOutput p = CsvOutput.open(file, true)) {
      body.print(p);
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + OutputException.describe(e), e);
    }
  }
}
