package org.linkage.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.linkage.InputException;
import org.linkage.io.OutputWriter;

/**
 * Writes the CSV outputs of {@code linkage evaluate --out DIR}: {@code threshold_sweep.csv},
 * {@code pr_curve.csv}, {@code errors_by_pattern.csv} and {@code clerical_review.csv}. Numbers are
 * formatted locale-independently (same input, same bytes). Files hold ids, counts, level names and
 * scores — never record values.
 */
public final class EvaluationFiles {
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private EvaluationFiles() {}

  /** {@code threshold,links_kept,tp,fp,fn,precision,recall,f1}, one row per threshold. */
  public static void writeSweep(Path file, List<ThresholdSweep.Row> rows) {
    write(file, p -> {
      p.printRecord("threshold", "links_kept", "tp", "fp", "fn", "precision", "recall", "f1");
      for (ThresholdSweep.Row r : rows) {
        Evaluation e = r.evaluation();
        p.printRecord(OutputWriter.number(r.threshold(), 6), r.linksKept(), e.truePositives(), e.falsePositives(),
            e.falseNegatives(), OutputWriter.number(e.precision(), 6), OutputWriter.number(e.recall(), 6),
            OutputWriter.number(e.f1(), 6));
      }
    });
  }

  /** {@code threshold,precision,recall}, one row per distinct link probability, highest first. */
  public static void writeCurve(Path file, List<ThresholdSweep.Row> rows) {
    write(file, p -> {
      p.printRecord("threshold", "precision", "recall");
      for (ThresholdSweep.Row r : rows) {
        p.printRecord(OutputWriter.number(r.threshold(), 6), OutputWriter.number(r.evaluation().precision(), 6),
            OutputWriter.number(r.evaluation().recall(), 6));
      }
    });
  }

  /** {@code pattern,match_weight,match_probability,tp,fp,fn,fn_above_threshold}. */
  public static void writeErrors(Path file, List<ErrorPatterns.Row> rows) {
    write(file, p -> {
      p.printRecord("pattern", "match_weight", "match_probability", "tp", "fp", "fn", "fn_above_threshold");
      for (ErrorPatterns.Row r : rows) {
        p.printRecord(r.pattern(), OutputWriter.number(r.matchWeight(), 4), OutputWriter.number(r.matchProbability(), 6),
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
      p.printRecord("left_id", "right_id", "match_probability", "match_weight", "pattern");
      for (ScoredLink l : sample) {
        PairScorer.Scored s = scorer == null ? null : scorer.score(l.left(), l.right());
        p.printRecord(l.left(), l.right(), OutputWriter.number(l.probability(), 6), OutputWriter.number(l.weight(), 4),
            s == null ? "" : s.label());
      }
    });
  }

  private interface Body {
    void print(CSVPrinter p) throws IOException;
  }

  private static void write(Path file, Body body) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      body.print(p);
    } catch (IOException e) {
      throw new InputException("cannot write " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
