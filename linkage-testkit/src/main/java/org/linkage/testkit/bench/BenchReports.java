package org.linkage.testkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.linkage.eval.Evaluation;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.report.StrategyReport;

/**
 * Renders {@link HarnessResults} as Markdown, CSV, JSON and a self-contained HTML page. All four
 * hold counts, metrics, strategy and data set names and agreement-pattern labels — never record
 * values or ids. Numbers are formatted locale-independently. Each format has a variant without
 * timings ({@code timings = false}: no time, pairs per second, heap or thread count), whose output
 * is a function of the data, the strategies and the seed only, so two runs with the same seed render
 * byte-identically on any number of threads. Stateless and thread-safe.
 */
public final class BenchReports {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReports() {}

  /** {@link #markdown(HarnessResults, boolean)} with timings. */
  public static String markdown(HarnessResults results) {
    return markdown(results, true);
  }

  /**
   * The results table (metrics with 95% intervals and whether each row differs significantly from
   * the best F1 of its data set), the McNemar test of every two rows, the error patterns of every
   * row and one line per data set, with the strategies that did not run on it and why.
   *
   * @param timings whether to include time, pairs per second and heap figures (which vary run to run)
   */
  public static String markdown(HarnessResults results, boolean timings) {
    StringBuilder sb = new StringBuilder();
    sb.append("| dataset | strategy | precision (95% CI) | recall (95% CI) | F1 (95% CI) | differs from best F1? "
        + "(McNemar) | candidate pairs | pair completeness |");
    sb.append(timings ? " pairs/s | time (s) | peak heap (MB) |\n" : "\n");
    sb.append("|---|---|---:|---:|---:|---|---:|---:|").append(timings ? "---:|---:|---:|\n" : "\n");
    for (ResultRow r : results.rows()) {
      if (r.isSkipped()) {
        continue; // listed under its data set below
      }
      Bootstrap.Intervals iv = r.intervals();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |", cell(r.dataset()),
          cell(r.strategy()), withInterval(r.evaluation().precision(), iv.precision()),
          withInterval(r.evaluation().recall(), iv.recall()), withInterval(r.evaluation().f1(), iv.f1()),
          versusBest(results, r), r.candidatePairs() < 0 ? "—" : String.format(Locale.ROOT, "%,d", r.candidatePairs()),
          Double.isNaN(r.pairCompleteness()) ? "—" : String.format(Locale.ROOT, "%.4f", r.pairCompleteness())));
      if (timings) {
        sb.append(String.format(Locale.ROOT, " %s | %.1f | %.0f |", Double.isNaN(r.pairsPerSecond()) ? "—"
            : String.format(Locale.ROOT, "%,.0f", r.pairsPerSecond()), r.seconds(), r.peakHeapMb()));
      }
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%nIntervals: 95%% percentile bootstrap over left records, %,d replicates, "
        + "seed %d. Significance: McNemar's test on the pairs the two strategies decide differently, at 5%%.%n",
        results.replicates(), results.seed()));

    if (!results.differences().isEmpty()) {
      sb.append("\n#### Paired tests (McNemar)\n\n| dataset | A | B | A right, B wrong | A wrong, B right | p | "
          + "significant at 5% |\n|---|---|---|---:|---:|---:|---|\n");
      for (HarnessResults.Difference d : results.differences()) {
        McNemar.Result t = d.test();
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %s | %s |%n", cell(d.dataset()),
            cell(d.first()), cell(d.second()), t.firstOnlyRight(), t.secondOnlyRight(), pValue(t),
            t.significant() ? "yes" : "no"));
      }
    }

    if (results.rows().stream().anyMatch(r -> !r.falseLinkPatterns().isEmpty() || !r.missedPatterns().isEmpty())) {
      sb.append("\n#### Where the errors are (agreement patterns with the most errors)\n\n"
          + "| dataset | strategy | false links | missed pairs |\n|---|---|---|---|\n");
      for (ResultRow r : results.rows()) {
        if (!r.isSkipped()) {
          sb.append("| ").append(cell(r.dataset())).append(" | ").append(cell(r.strategy())).append(" | ")
              .append(patterns(r.falseLinkPatterns())).append(" | ").append(patterns(r.missedPatterns()))
              .append(" |\n");
        }
      }
    }

    sb.append('\n');
    for (HarnessResults.DatasetSummary d : results.datasets()) {
      sb.append(String.format(Locale.ROOT, "- %s: %,d left and %,d right records, %,d true pairs, %d rejected rows",
          d.name(), d.leftRecords(), d.rightRecords(), d.truePairs(), d.rejectedRows()));
      if (timings) {
        sb.append(String.format(Locale.ROOT, "; heap in use after GC with the tables loaded: %.0f MB",
            d.liveHeapMb()));
      }
      sb.append(".\n");
      for (ResultRow r : results.rows()) {
        if (r.dataset().equals(d.name()) && r.isSkipped()) {
          sb.append("  - not run: ").append(r.strategy()).append(" (").append(r.note().replaceFirst("^skipped: ", ""))
              .append(")\n");
        }
      }
      for (String w : d.warnings()) {
        sb.append("  - warning: ").append(w).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * One line per row: metrics, interval ends, counts, the test against the best row, timings and the
   * top error patterns ({@code pattern: count} joined by {@code ;}).
   */
  public static String csv(HarnessResults results) {
    return csv(results, true);
  }

  /**
   * {@link #csv(HarnessResults)}, with the {@code pairs_per_second}, {@code seconds} and
   * {@code peak_heap_mb} columns left empty unless {@code timings}.
   */
  public static String csv(HarnessResults results, boolean timings) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      p.printRecord("dataset", "strategy", "precision", "precision_low", "precision_high", "recall", "recall_low",
          "recall_high", "f1", "f1_low", "f1_high", "tp", "fp", "fn", "best_f1_strategy", "p_vs_best",
          "differs_from_best", "candidate_pairs", "pair_completeness", "pairs_per_second", "seconds", "peak_heap_mb",
          "false_link_patterns", "missed_patterns", "note");
      for (ResultRow r : results.rows()) {
        List<Object> v = new ArrayList<>(List.of(r.dataset(), r.strategy()));
        if (r.isSkipped()) {
          for (int i = 0; i < 22; i++) {
            v.add("");
          }
        } else {
          Evaluation e = r.evaluation();
          Bootstrap.Intervals iv = r.intervals();
          ResultRow best = results.best(r.dataset()).orElseThrow();
          Optional<McNemar.Result> t = results.difference(r.dataset(), best.strategy(), r.strategy());
          v.addAll(List.of(num(e.precision(), 6), num(iv.precision().low(), 6), num(iv.precision().high(), 6),
              num(e.recall(), 6), num(iv.recall().low(), 6), num(iv.recall().high(), 6), num(e.f1(), 6),
              num(iv.f1().low(), 6), num(iv.f1().high(), 6), e.truePositives(), e.falsePositives(),
              e.falseNegatives(), best.strategy(), t.map(x -> num(x.pValue(), 6)).orElse(""),
              t.map(x -> String.valueOf(x.significant())).orElse(""),
              r.candidatePairs() < 0 ? "" : r.candidatePairs(), num(r.pairCompleteness(), 6),
              timings ? num(r.pairsPerSecond(), 0) : "", timings ? num(r.seconds(), 3) : "",
              timings ? num(r.peakHeapMb(), 0) : "",
              joined(r.falseLinkPatterns()), joined(r.missedPatterns())));
        }
        v.add(r.note());
        p.printRecord(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Everything: settings, rows (with intervals and error patterns), paired tests and data set summaries. */
  public static String json(HarnessResults results) {
    return json(results, true);
  }

  /** {@link #json(HarnessResults)}, without the time, pairs-per-second and heap fields unless {@code timings}. */
  public static String json(HarnessResults results, boolean timings) {
    ObjectNode root = JSON.createObjectNode();
    root.put("seed", results.seed()).put("bootstrapReplicates", results.replicates());
    if (timings) {
      root.put("threads", results.threads());
    }
    ArrayNode rows = root.putArray("rows");
    for (ResultRow r : results.rows()) {
      ObjectNode n = rows.addObject().put("dataset", r.dataset()).put("strategy", r.strategy());
      if (r.isSkipped()) {
        n.put("skipped", r.note());
        continue;
      }
      Evaluation e = r.evaluation();
      metric(n, "precision", e.precision(), r.intervals().precision());
      metric(n, "recall", e.recall(), r.intervals().recall());
      metric(n, "f1", e.f1(), r.intervals().f1());
      n.put("truePositives", e.truePositives()).put("falsePositives", e.falsePositives())
          .put("falseNegatives", e.falseNegatives());
      if (r.candidatePairs() >= 0) {
        n.put("candidatePairs", r.candidatePairs());
      }
      putNumber(n, "pairCompleteness", r.pairCompleteness());
      if (timings) {
        putNumber(n, "pairsPerSecond", r.pairsPerSecond());
        putNumber(n, "seconds", r.seconds());
        putNumber(n, "peakHeapMb", r.peakHeapMb());
      }
      patternsJson(n.putArray("falseLinkPatterns"), r.falseLinkPatterns());
      patternsJson(n.putArray("missedPatterns"), r.missedPatterns());
    }
    ArrayNode tests = root.putArray("pairedTests");
    for (HarnessResults.Difference d : results.differences()) {
      tests.addObject().put("dataset", d.dataset()).put("a", d.first()).put("b", d.second())
          .put("aRightBWrong", d.test().firstOnlyRight()).put("aWrongBRight", d.test().secondOnlyRight())
          .put("pValue", d.test().pValue()).put("exact", d.test().exact()).put("significant", d.test().significant());
    }
    ArrayNode datasets = root.putArray("datasets");
    for (HarnessResults.DatasetSummary d : results.datasets()) {
      ObjectNode n = datasets.addObject().put("name", d.name()).put("leftRecords", d.leftRecords())
          .put("rightRecords", d.rightRecords()).put("truePairs", d.truePairs()).put("rejectedRows", d.rejectedRows());
      if (timings) {
        putNumber(n, "liveHeapMb", d.liveHeapMb());
      }
      ArrayNode w = n.putArray("warnings");
      d.warnings().forEach(w::add);
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A self-contained HTML page in the style of {@code report.html}: per data set, F1 with its 95%
   * interval per strategy and time against F1, then the tables of {@link #markdown}.
   */
  public static String html(HarnessResults results) {
    return html(results, true);
  }

  /** {@link #html(HarnessResults)}, without the time chart and the timing columns unless {@code timings}. */
  public static String html(HarnessResults results, boolean timings) {
    List<StrategyReport.Entry> entries = new ArrayList<>();
    for (ResultRow r : results.rows()) {
      if (!r.isSkipped()) {
        entries.add(new StrategyReport.Entry(r.dataset(), r.strategy(), r.evaluation().f1(), r.intervals().f1().low(),
            r.intervals().f1().high(), timings ? r.seconds() : Double.NaN));
      }
    }
    List<String> header = new ArrayList<>(List.of("dataset", "strategy", "precision (95% CI)", "recall (95% CI)",
        "F1 (95% CI)", "differs from best F1? (McNemar)", "candidate pairs", "pair completeness"));
    if (timings) {
      header.addAll(List.of("pairs/s", "time (s)", "peak heap (MB)"));
    }
    List<List<String>> cells = new ArrayList<>();
    for (ResultRow r : results.rows()) {
      List<String> row = new ArrayList<>();
      if (r.isSkipped()) {
        row.addAll(List.of(r.dataset(), r.strategy(), r.note()));
        while (row.size() < header.size()) {
          row.add("");
        }
        cells.add(row);
        continue;
      }
      row.addAll(List.of(r.dataset(), r.strategy(), withInterval(r.evaluation().precision(), r.intervals().precision()),
          withInterval(r.evaluation().recall(), r.intervals().recall()),
          withInterval(r.evaluation().f1(), r.intervals().f1()), versusBest(results, r),
          r.candidatePairs() < 0 ? "—" : String.format(Locale.ROOT, "%,d", r.candidatePairs()),
          Double.isNaN(r.pairCompleteness()) ? "—" : String.format(Locale.ROOT, "%.4f", r.pairCompleteness())));
      if (timings) {
        row.addAll(List.of(
            Double.isNaN(r.pairsPerSecond()) ? "—" : String.format(Locale.ROOT, "%,.0f", r.pairsPerSecond()),
            String.format(Locale.ROOT, "%.1f", r.seconds()), String.format(Locale.ROOT, "%.0f", r.peakHeapMb())));
      }
      cells.add(row);
    }
    List<StrategyReport.Table> tables = new ArrayList<>();
    tables.add(new StrategyReport.Table("results", "Results", header, cells));
    List<List<String>> tests = new ArrayList<>();
    for (HarnessResults.Difference d : results.differences()) {
      tests.add(List.of(d.dataset(), d.first(), d.second(), String.valueOf(d.test().firstOnlyRight()),
          String.valueOf(d.test().secondOnlyRight()), pValue(d.test()), d.test().significant() ? "yes" : "no"));
    }
    tables.add(new StrategyReport.Table("tests", "Paired tests (McNemar)", List.of("dataset", "A", "B",
        "A right, B wrong", "A wrong, B right", "p", "significant at 5%"), tests));
    List<List<String>> errors = new ArrayList<>();
    for (ResultRow r : results.rows()) {
      if (!r.isSkipped()) {
        errors.add(List.of(r.dataset(), r.strategy(), joined(r.falseLinkPatterns()), joined(r.missedPatterns())));
      }
    }
    tables.add(new StrategyReport.Table("errors", "Where the errors are", List.of("dataset", "strategy",
        "false links (pattern: count)", "missed pairs (pattern: count)"), errors));
    String note = String.format(Locale.ROOT, "Intervals: 95%% percentile bootstrap over left records, %,d replicates, "
        + "seed %d. Significance: McNemar's test on the pairs two strategies decide differently, at 5%%.",
        results.replicates(), results.seed())
        + (timings ? " Times and heap depend on the machine and on what ran before." : "");
    return StrategyReport.render("linkage strategy benchmark", note, entries, tables);
  }

  /** {@code best}, or whether this row's links differ significantly from the best row's, with p. */
  private static String versusBest(HarnessResults results, ResultRow r) {
    ResultRow best = results.best(r.dataset()).orElseThrow();
    if (best.strategy().equals(r.strategy())) {
      return "best";
    }
    return results.difference(r.dataset(), best.strategy(), r.strategy())
        .map(t -> (t.significant() ? "yes, " : "no, ") + pValue(t)).orElse("—");
  }

  private static String pValue(McNemar.Result t) {
    return t.pValue() < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", t.pValue());
  }

  private static String withInterval(double value, Interval interval) {
    return String.format(Locale.ROOT, "%.4f (%.4f–%.4f)", value, interval.low(), interval.high());
  }

  private static String patterns(List<ResultRow.Pattern> patterns) {
    if (patterns.isEmpty()) {
      return "—";
    }
    List<String> parts = new ArrayList<>();
    for (ResultRow.Pattern p : patterns) {
      parts.add("`" + p.pattern().replace("|", "\\|") + "` " + p.count());
    }
    return String.join("<br>", parts);
  }

  private static String joined(List<ResultRow.Pattern> patterns) {
    List<String> parts = new ArrayList<>();
    for (ResultRow.Pattern p : patterns) {
      parts.add(p.pattern() + ": " + p.count());
    }
    return String.join("; ", parts);
  }

  private static void patternsJson(ArrayNode a, List<ResultRow.Pattern> patterns) {
    for (ResultRow.Pattern p : patterns) {
      a.addObject().put("pattern", p.pattern()).put("count", p.count());
    }
  }

  private static void metric(ObjectNode n, String name, double value, Interval interval) {
    n.putObject(name).put("value", value).put("low", interval.low()).put("high", interval.high());
  }

  private static void putNumber(ObjectNode n, String name, double value) {
    if (Double.isNaN(value)) {
      n.putNull(name);
    } else {
      n.put(name, value);
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String num(double v, int decimals) {
    return CsvOutput.numberText(v, decimals);
  }
}
