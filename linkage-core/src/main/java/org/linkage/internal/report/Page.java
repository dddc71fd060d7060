package org.linkage.internal.report;

/**
 * The frame every page of this package shares: the head with its content-security policy, the
 * error trap that runs first, the CSS, and the closing script that builds the table of contents and
 * checks that every chart has marks ({@code body[data-errors]}, {@code body[data-rendered]}).
 * Stateless.
 */
final class Page {
  private Page() {}

  /** Starts a page titled {@code title}: head, opening body and the heading with an empty table of contents. */
  static StringBuilder open(String title) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>").append(Svg.esc(title)).append("</title>")
        .append("<script>").append(ERROR_TRAP).append("</script>")
        .append("<style>").append(CSS).append("</style></head>\n<body data-errors=\"\" data-rendered=\"no\">\n")
        .append("<h1>").append(Svg.esc(title)).append("</h1><nav id=\"toc\"></nav>\n");
    return b;
  }

  /** Appends the checking script and closes the page. */
  static String close(StringBuilder b) {
    b.append("<script>").append(CHECK).append("</script>\n</body></html>\n");
    return b.toString();
  }

  static void section(StringBuilder b, String id, String title) {
    b.append("\n<h2 id=\"").append(id).append("\">").append(Svg.esc(title)).append("</h2>\n");
  }

  static String figure(String svg) {
    return "<figure>" + svg + "</figure>\n";
  }

  // Runs first: any later script error lands in body[data-errors] (the browser test asserts it is empty).
  private static final String ERROR_TRAP = """
      window.__errors = [];
      window.addEventListener('error', function (e) {
        window.__errors.push(String(e.message || e));
        if (document.body) { document.body.setAttribute('data-errors', window.__errors.join(' | ')); }
      });
      """;

  // Runs last: builds the table of contents and checks that every chart has marks.
  private static final String CHECK = """
      (function () {
        var toc = document.getElementById('toc');
        document.querySelectorAll('h2[id]').forEach(function (h) {
          var a = document.createElement('a');
          a.href = '#' + h.id;
          a.textContent = h.textContent;
          toc.appendChild(a);
        });
        var charts = document.querySelectorAll('svg.chart');
        var drawn = 0;
        charts.forEach(function (svg) {
          var marks = svg.querySelectorAll('rect, path, line').length;
          var box = svg.getBoundingClientRect();
          if (marks > 0 && box.width > 0 && box.height > 0) { drawn++; }
          svg.setAttribute('data-marks', String(marks));
        });
        document.body.setAttribute('data-charts', String(charts.length));
        document.body.setAttribute('data-errors', window.__errors.join(' | '));
        document.body.setAttribute('data-rendered', drawn === charts.length && drawn > 0 ? 'ok' : 'incomplete');
      })();
      """;

  private static final String CSS = """
      body { font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 820px; margin: 24px auto; padding: 0 16px; }
      h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
      h3 { font-size: 14px; margin: 16px 0 4px; }
      nav a { margin-right: 12px; }
      table { border-collapse: collapse; margin: 8px 0; } td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
      td:first-child, th:first-child { text-align: left; }
      figure { margin: 8px 0; }
      svg text { font: 12px system-ui, sans-serif; fill: #333; }
      svg .bar { fill: #4878a8; } svg .m, svg .key-m { fill: #2b8a3e; } svg .u, svg .key-u { fill: #e8590c; }
      svg .up { fill: #2b8a3e; } svg .down { fill: #c92a2a; } svg .total { fill: #4878a8; }
      svg .axis { stroke: #888; stroke-width: 1; } svg .mark { stroke: #c92a2a; stroke-width: 2; stroke-dasharray: 5 3; }
      svg rect:hover { opacity: 0.75; }
      svg .whisker { stroke: #4878a8; stroke-width: 2; } svg .point { fill: #4878a8; } svg .best { fill: #2b8a3e; }
      svg .grid { stroke: #eee; stroke-width: 1; }
      .table-wrap { overflow-x: auto; } table.wide td.n { white-space: nowrap; } table.wide td { min-width: 90px; }
      table.wide td:not(.n) { text-align: left; }
      table.wide td:nth-child(-n+3), table.wide th:nth-child(-n+3) { text-align: left; }
      .warnings li { color: #a61e4d; } .none { color: #777; font-style: italic; }
      """;
}
