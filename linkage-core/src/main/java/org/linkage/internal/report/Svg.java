package org.linkage.internal.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts as strings: horizontal bars, paired m/u bars, a histogram, a waterfall, values
 * with intervals, and a scatter of labelled points.
 */
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

  /**
   * One row per label: a whisker from {@code lows[i]} to {@code highs[i]} and a mark at
   * {@code values[i]}, on a common linear axis spanning all intervals (with a little margin, within
   * 0–1); row {@code highlight} (or none, if -1) is drawn in the highlight colour.
   */
  static String intervals(String chart, String title, List<String> labels, double[] values, double[] lows,
      double[] highs, int highlight) {
    double lo = 1;
    double hi = 0;
    for (int i = 0; i < values.length; i++) {
      lo = Math.min(lo, Math.min(values[i], lows[i]));
      hi = Math.max(hi, Math.max(values[i], highs[i]));
    }
    double margin = Math.max(0.002, (hi - lo) * 0.08);
    lo = Math.max(0, lo - margin);
    hi = Math.min(1, hi + margin);
    if (hi <= lo) {
      hi = Math.min(1, lo + 0.01);
      lo = hi - 0.01;
    }
    int valueRoom = 150;
    int span = WIDTH - LABEL - valueRoom;
    int h = ROW * labels.size() + 30;
    double scale = span / (hi - lo);
    int decimals = tickDecimals(lo, hi, 2);
    StringBuilder b = new StringBuilder(open(chart, h, title));
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      double x = LABEL + (v - lo) * scale;
      b.append("<line class=\"grid\" x1=\"").append(num(x, 1)).append("\" y1=\"0\" x2=\"").append(num(x, 1))
          .append("\" y2=\"").append(ROW * labels.size() + 5).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(num(x, 1)).append("\" y=\"").append(ROW * labels.size() + 20)
          .append("\" text-anchor=\"middle\">").append(num(v, decimals)).append("</text>");
    }
    for (int i = 0; i < labels.size(); i++) {
      int y = 5 + i * ROW;
      double x0 = LABEL + (lows[i] - lo) * scale;
      double x1 = LABEL + (highs[i] - lo) * scale;
      double xv = LABEL + (values[i] - lo) * scale;
      String tip = esc(labels.get(i)) + ": " + num(values[i], 4) + " (" + num(lows[i], 4) + "–" + num(highs[i], 4) + ")";
      b.append("<text class=\"label\" x=\"").append(LABEL - 6).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(esc(labels.get(i))).append("</text>");
      b.append("<line class=\"whisker\" x1=\"").append(num(x0, 1)).append("\" y1=\"").append(y + 11)
          .append("\" x2=\"").append(num(Math.max(x1, x0 + 1), 1)).append("\" y2=\"").append(y + 11).append("\"/>");
      b.append("<rect class=\"").append(i == highlight ? "point best" : "point").append("\" x=\"")
          .append(num(xv - 4, 1)).append("\" y=\"").append(y + 7).append("\" width=\"8\" height=\"8\"><title>")
          .append(tip).append("</title></rect>");
      b.append("<text class=\"value\" x=\"").append(WIDTH - valueRoom + 6).append("\" y=\"").append(y + 15)
          .append("\">").append(num(values[i], 4)).append(" (").append(num(lows[i], 4)).append("–")
          .append(num(highs[i], 4)).append(")</text>");
    }
    return b.append("</svg>").toString();
  }

  /** Labelled points: {@code xs} against {@code ys}, each axis linear over its data range. */
  static String scatter(String chart, String title, List<String> labels, double[] xs, double[] ys, String xLabel,
      String yLabel) {
    int h = 300;
    int left = 84;
    int right = WIDTH - 20;
    int top = 15;
    int bottom = h - 40;
    double[] xr = range(xs);
    double[] yr = range(ys);
    StringBuilder b = new StringBuilder(open(chart, h, title));
    b.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"")
        .append(right).append("\" y2=\"").append(bottom).append("\"/>")
        .append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"")
        .append(left).append("\" y2=\"").append(bottom).append("\"/>");
    for (int t = 0; t <= 4; t++) {
      double xv = xr[0] + (xr[1] - xr[0]) * t / 4;
      double yv = yr[0] + (yr[1] - yr[0]) * t / 4;
      double x = left + (right - left) * t / 4.0;
      double y = bottom - (bottom - top) * t / 4.0;
      b.append("<text class=\"tick\" x=\"").append(num(x, 1)).append("\" y=\"").append(bottom + 14)
          .append("\" text-anchor=\"middle\">").append(num(xv, tickDecimals(xr[0], xr[1], 1))).append("</text>")
          .append("<text class=\"tick\" x=\"").append(left - 4).append("\" y=\"").append(num(y + 4, 1))
          .append("\" text-anchor=\"end\">").append(num(yv, tickDecimals(yr[0], yr[1], 2))).append("</text>");
    }
    for (int i = 0; i < labels.size(); i++) {
      double x = left + (right - left) * (xs[i] - xr[0]) / (xr[1] - xr[0]);
      double y = bottom - (bottom - top) * (ys[i] - yr[0]) / (yr[1] - yr[0]);
      b.append("<rect class=\"point\" x=\"").append(num(x - 4, 1)).append("\" y=\"").append(num(y - 4, 1))
          .append("\" width=\"8\" height=\"8\"><title>").append(esc(labels.get(i))).append(": ")
          .append(num(xs[i], 2)).append(", ").append(num(ys[i], 4)).append("</title></rect>")
          .append("<text class=\"tick\" x=\"").append(num(x + 7, 1)).append("\" y=\"").append(num(y - 5, 1))
          .append("\"").append(x > right - 150 ? " text-anchor=\"end\"" : "").append(">").append(esc(labels.get(i)))
          .append("</text>");
    }
    b.append("<text class=\"tick\" x=\"").append((left + right) / 2).append("\" y=\"").append(h - 4)
        .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
    b.append("<text class=\"tick\" x=\"14\" y=\"").append((top + bottom) / 2).append("\" transform=\"rotate(-90 14 ")
        .append((top + bottom) / 2).append(")\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
    return b.append("</svg>").toString();
  }

  /** Enough decimals (at least {@code min}) that five ticks from {@code lo} to {@code hi} read differently. */
  private static int tickDecimals(double lo, double hi, int min) {
    return Math.max(min, (int) Math.ceil(-Math.log10((hi - lo) / 4)) + 1);
  }

  /** The data range with 5% margin either side (±1% around a single value). */
  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    if (!(hi > lo)) {
      double mid = Double.isFinite(lo) ? lo : 0;
      double m = Math.max(Math.abs(mid) * 0.01, 1e-3);
      return new double[] {mid - m, mid + m};
    }
    double m = (hi - lo) * 0.05;
    // times and rates are never negative: do not let the margin suggest they could be
    return new double[] {lo >= 0 ? Math.max(0, lo - m) : lo - m, hi + m};
  }
}
