package org.linkage.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts as strings: horizontal bars, paired m/u bars, a histogram, a waterfall. */
final class Svg {
  static final int WIDTH = 760;
  private static final int LABEL = 230;  // room for labels left of the bars
  private static final int VALUE = 90;   // room for values right of the bars
  private static final int ROW = 22;

  private Svg() {}

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String open(String chart, int height, String title) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"" + esc(chart) + "\" width=\""
        + WIDTH + "\" height=\"" + height + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\">"
        + "<title>" + esc(title) + "</title>";
  }

  /** One bar per label, length proportional to its value (linear from 0). */
  static String horizontalBars(String chart, String title, List<String> labels, double[] values, int decimals) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    int h = ROW * labels.size() + 10;
    int span = WIDTH - LABEL - VALUE;
    StringBuilder b = new StringBuilder(open(chart, h, title));
    for (int i = 0; i < labels.size(); i++) {
      int y = 5 + i * ROW;
      double len = max == 0 ? 0 : span * values[i] / max;
      b.append("<text class=\"label\" x=\"").append(LABEL - 6).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(esc(labels.get(i))).append("</text>");
      b.append("<rect class=\"bar\" x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"")
          .append(num(Math.max(len, 1), 1)).append("\" height=\"").append(ROW - 6).append("\"><title>")
          .append(esc(labels.get(i))).append(": ").append(num(values[i], decimals)).append("</title></rect>");
      b.append("<text class=\"value\" x=\"").append(num(LABEL + len + 6, 1)).append("\" y=\"").append(y + 15)
          .append("\">").append(num(values[i], decimals)).append("</text>");
    }
    return b.append("</svg>").toString();
  }

  /** For each level, an m bar over a u bar, both on a linear 0–1 scale. */
  static String mAndU(String chart, String title, List<String> levels, double[] m, double[] u, double[] weights) {
    int rowH = 2 * ROW - 8;
    int h = rowH * levels.size() + 30;
    int span = WIDTH - LABEL - VALUE;
    StringBuilder b = new StringBuilder(open(chart, h, title));
    b.append("<rect class=\"key-m\" x=\"").append(LABEL).append("\" y=\"4\" width=\"12\" height=\"10\"/>")
        .append("<text x=\"").append(LABEL + 16).append("\" y=\"13\">m (among matches)</text>")
        .append("<rect class=\"key-u\" x=\"").append(LABEL + 160).append("\" y=\"4\" width=\"12\" height=\"10\"/>")
        .append("<text x=\"").append(LABEL + 176).append("\" y=\"13\">u (among non-matches)</text>")
        .append("<text class=\"value\" x=\"").append(WIDTH - VALUE + 4).append("\" y=\"13\">log2(m/u)</text>");
    for (int k = 0; k < levels.size(); k++) {
      int y = 22 + k * rowH;
      b.append("<text class=\"label\" x=\"").append(LABEL - 6).append("\" y=\"").append(y + 18)
          .append("\" text-anchor=\"end\">").append(esc(levels.get(k))).append("</text>");
      b.append("<rect class=\"m\" x=\"").append(LABEL).append("\" y=\"").append(y + 2).append("\" width=\"")
          .append(num(Math.max(1, span * m[k]), 1)).append("\" height=\"12\"><title>m = ").append(num(m[k], 6))
          .append("</title></rect>");
      b.append("<rect class=\"u\" x=\"").append(LABEL).append("\" y=\"").append(y + 16).append("\" width=\"")
          .append(num(Math.max(1, span * u[k]), 1)).append("\" height=\"12\"><title>u = ").append(num(u[k], 6))
          .append("</title></rect>");
      b.append("<text class=\"value\" x=\"").append(WIDTH - VALUE + 4).append("\" y=\"").append(y + 18).append("\">")
          .append(String.format(Locale.ROOT, "%+.2f", weights[k])).append("</text>");
    }
    return b.append("</svg>").toString();
  }

  /**
   * Vertical bars, one per 1-bit bin from {@code firstBin}, heights on a log scale so that the few
   * matches stay visible beside the many non-matches; a dashed line marks {@code markAt}.
   */
  static String histogram(String chart, String title, int firstBin, long[] counts, double markAt, String markLabel) {
    int h = 260;
    int left = 50;
    int bottom = h - 30;
    int top = 20;
    int span = WIDTH - left - 20;
    double maxLog = 0;
    for (long c : counts) {
      maxLog = Math.max(maxLog, Math.log10(1 + c));
    }
    double bw = (double) span / Math.max(1, counts.length);
    StringBuilder b = new StringBuilder(open(chart, h, title));
    b.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"")
        .append(left + span).append("\" y2=\"").append(bottom).append("\"/>");
    for (int k = 0; k < counts.length; k++) {
      double bh = maxLog == 0 ? 0 : (bottom - top) * Math.log10(1 + counts[k]) / maxLog;
      double x = left + k * bw;
      b.append("<rect class=\"bar\" x=\"").append(num(x + 0.5, 1)).append("\" y=\"").append(num(bottom - bh, 1))
          .append("\" width=\"").append(num(Math.max(1, bw - 1), 1)).append("\" height=\"").append(num(bh, 1))
          .append("\"><title>weight ").append(firstBin + k).append(" to ").append(firstBin + k + 1).append(": ")
          .append(counts[k]).append(" pairs</title></rect>");
      int edge = firstBin + k;
      if (edge % 5 == 0) {
        b.append("<text class=\"tick\" x=\"").append(num(x, 1)).append("\" y=\"").append(bottom + 14)
            .append("\" text-anchor=\"middle\">").append(edge).append("</text>");
      }
    }
    if (!Double.isNaN(markAt) && counts.length > 0) {
      double x = left + (markAt - firstBin) * bw;
      x = Math.max(left, Math.min(left + span, x));
      b.append("<line class=\"mark\" x1=\"").append(num(x, 1)).append("\" y1=\"").append(top - 10).append("\" x2=\"")
          .append(num(x, 1)).append("\" y2=\"").append(bottom).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(num(x + 4, 1)).append("\" y=\"").append(top)
          .append("\">").append(esc(markLabel)).append("</text>");
    }
    b.append("<text class=\"tick\" x=\"").append(left + span / 2).append("\" y=\"").append(h - 2)
        .append("\" text-anchor=\"middle\">match weight (bits)</text>");
    b.append("<text class=\"tick\" x=\"12\" y=\"").append((top + bottom) / 2).append("\" transform=\"rotate(-90 12 ")
        .append((top + bottom) / 2).append(")\" text-anchor=\"middle\">pairs (log scale)</text>");
    return b.append("</svg>").toString();
  }

  /** A waterfall: one row per term, a bar from the running total before it to after it. */
  static String waterfall(String chart, String title, List<String> labels, double[] terms) {
    double run = 0;
    double lo = 0;
    double hi = 0;
    for (double t : terms) {
      run += t;
      lo = Math.min(lo, run);
      hi = Math.max(hi, run);
    }
    lo = Math.floor(lo) - 1;
    hi = Math.ceil(hi) + 1;
    int n = labels.size() + 1;
    int h = ROW * n + 30;
    int span = WIDTH - LABEL - VALUE;
    double scale = span / (hi - lo);
    StringBuilder b = new StringBuilder(open(chart, h, title));
    double zero = LABEL + (0 - lo) * scale;
    b.append("<line class=\"axis\" x1=\"").append(num(zero, 1)).append("\" y1=\"0\" x2=\"").append(num(zero, 1))
        .append("\" y2=\"").append(ROW * n + 5).append("\"/>");
    run = 0;
    for (int i = 0; i < n; i++) {
      boolean total = i == n - 1;
      double from = total ? 0 : run;
      double to = total ? run : run + terms[i];
      String label = total ? "match weight" : labels.get(i);
      double value = total ? run : terms[i];
      int y = 5 + i * ROW;
      double x0 = LABEL + (Math.min(from, to) - lo) * scale;
      double w = Math.max(1, Math.abs(to - from) * scale);
      String cls = total ? "total" : value >= 0 ? "up" : "down";
      b.append("<text class=\"label\" x=\"").append(LABEL - 6).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(esc(label)).append("</text>");
      b.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x0, 1)).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(num(w, 1)).append("\" height=\"").append(ROW - 6).append("\"><title>")
          .append(esc(label)).append(String.format(Locale.ROOT, ": %+.3f", value)).append("</title></rect>");
      b.append("<text class=\"value\" x=\"").append(WIDTH - VALUE + 4).append("\" y=\"").append(y + 15).append("\">")
          .append(String.format(Locale.ROOT, "%+.2f", value)).append("</text>");
      if (!total) {
        run = to;
      }
    }
    b.append("<text class=\"tick\" x=\"").append(num(zero, 1)).append("\" y=\"").append(ROW * n + 20)
        .append("\" text-anchor=\"middle\">0 bits</text>");
    return b.append("</svg>").toString();
  }
}
