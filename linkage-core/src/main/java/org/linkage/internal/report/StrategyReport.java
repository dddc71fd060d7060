package org.linkage.internal.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML page of a strategy benchmark ({@code linkage bench-strategies --html}): one
 * self-contained page in the style of {@code report.html} (inline CSS, inline SVG, the same error
 * trap and chart check), with per data set a chart of F1 and its interval per strategy and a chart
 * of time against F1, then tables given by the caller.
 *
 * <p>The page holds whatever the caller passes — strategy and data set names, numbers, table cells —
 * escaped; it fetches nothing. Stateless and thread-safe.
 */
public final class StrategyReport {
  private static final int SHORT = 40;

  private StrategyReport() {}

  /**
   * One strategy on one data set.
   *
   * @param dataset data set name
   * @param strategy strategy name
   * @param f1 F1 against the truth
   * @param f1Low lower end of its interval
   * @param f1High upper end of its interval
   * @param seconds time the strategy took, or NaN to leave the data set's time chart out
   */
  public record Entry(String dataset, String strategy, double f1, double f1Low, double f1High, double seconds) {
    /** Checks dataset and strategy are set. */
    public Entry {
      requireNonNull(dataset, "dataset");
      requireNonNull(strategy, "strategy");
    }
  }

  /**
   * A table shown under the charts.
   *
   * @param id anchor of its section
   * @param title section heading
   * @param header column names
   * @param rows cells, as text
   */
  public record Table(String id, String title, List<String> header, List<List<String>> rows) {
    /** Copies the header and every row. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The page.
   *
   * @param title page title and heading
   * @param note a paragraph under the heading (how to read the page)
   * @param entries chart data, grouped by data set in order of first appearance
   * @param tables tables after the charts, in order
   */
  public static String render(String title, String note, List<Entry> entries, List<Table> tables) {
    StringBuilder b = Page.open(title);
    b.append("<p>").append(Svg.esc(note)).append("</p>\n");
    Map<String, List<Entry>> byDataset = new LinkedHashMap<>();
    for (Entry e : entries) {
      byDataset.computeIfAbsent(e.dataset(), k -> new ArrayList<>()).add(e);
    }
    int n = 0;
    for (Map.Entry<String, List<Entry>> d : byDataset.entrySet()) {
      n++;
      List<Entry> es = d.getValue();
      List<String> labels = es.stream().map(Entry::strategy).toList();
      double[] f1 = es.stream().mapToDouble(Entry::f1).toArray();
      double[] low = es.stream().mapToDouble(Entry::f1Low).toArray();
      double[] high = es.stream().mapToDouble(Entry::f1High).toArray();
      double[] seconds = es.stream().mapToDouble(Entry::seconds).toArray();
      int best = 0;
      for (int i = 1; i < f1.length; i++) {
        best = f1[i] > f1[best] ? i : best;
      }
      Page.section(b, "dataset-" + n, d.getKey());
      b.append("<h3>F1 with its 95% interval</h3>");
      b.append(Page.figure(Svg.intervals("f1-" + n, "F1 per strategy on " + d.getKey(), labels, f1, low, high, best)));
      if (es.stream().noneMatch(e -> Double.isNaN(e.seconds()))) {
        b.append("<h3>Time against F1</h3>");
        b.append(Page.figure(Svg.scatter("time-f1-" + n, "time against F1 on " + d.getKey(), labels, seconds, f1,
            "time (s)", "F1")));
      }
    }
    for (Table t : tables) {
      Page.section(b, t.id(), t.title());
      b.append("<div class=\"table-wrap\"><table class=\"wide\"><tr>");
      t.header().forEach(h -> b.append("<th>").append(Svg.esc(h)).append("</th>"));
      b.append("</tr>");
      for (List<String> row : t.rows()) {
        b.append("<tr>");
        // short cells (figures with intervals) stay on one line; long ones (reasons, patterns) wrap
        row.forEach(c -> b.append(c.length() <= SHORT ? "<td class=\"n\">" : "<td>").append(Svg.esc(c))
            .append("</td>"));
        b.append("</tr>");
      }
      b.append("</table></div>\n");
    }
    return Page.close(b);
  }
}
