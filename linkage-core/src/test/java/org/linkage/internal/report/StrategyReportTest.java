package org.linkage.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StrategyReportTest {
  private static final List<StrategyReport.Entry> ENTRIES = List.of(
      new StrategyReport.Entry("sample", "current", 0.9946, 0.9938, 0.9953, 5.7),
      new StrategyReport.Entry("sample", "<b>strict</b>", 0.9924, 0.9914, 0.9933, 4.0),
      new StrategyReport.Entry("FEBRL4", "current", 0.9998, 0.9995, 1.0, 9.9));

  @Test
  void render_twoDataSets_drawsTwoChartsEachWithAMarkPerStrategy() {
    String html = StrategyReport.render("bench", "how to read", ENTRIES, List.of());
    assertThat(html).contains("data-chart=\"f1-1\"", "data-chart=\"time-f1-1\"", "data-chart=\"f1-2\"",
        "data-chart=\"time-f1-2\"", "<h2 id=\"dataset-1\">sample</h2>", "<h2 id=\"dataset-2\">FEBRL4</h2>");
    assertThat(count(chart(html, "f1-1"), "<rect class=\"point")).isEqualTo(2);
    assertThat(count(chart(html, "f1-1"), "<rect class=\"point best\"")).isEqualTo(1);
    assertThat(count(chart(html, "time-f1-2"), "<rect class=\"point")).isEqualTo(1);
    assertThat(html).contains("0.9946 (0.9938–0.9953)");
  }

  @Test
  void render_markupInNamesAndCells_isEscaped() {
    String html = StrategyReport.render("bench", "a < b", ENTRIES,
        List.of(new StrategyReport.Table("t", "Table", List.of("a&b"), List.of(List.of("<i>x</i>")))));
    assertThat(html).doesNotContain("<b>strict</b>", "<i>x</i>").contains("&lt;b&gt;strict&lt;/b&gt;",
        "<th>a&amp;b</th>", "<td class=\"n\">&lt;i&gt;x&lt;/i&gt;</td>", "<p>a &lt; b</p>");
  }

  @Test
  void intervals_pointsAndWhiskers_areOrderedLikeTheirValues() {
    String svg = Svg.intervals("c", "t", List.of("a", "b"), new double[] {0.90, 0.95}, new double[] {0.88, 0.94},
        new double[] {0.92, 0.96}, 1);
    List<Double> x = numbers(svg, "<rect class=\"point[^\"]*\" x=\"([0-9.]+)\"");
    assertThat(x).hasSize(2);
    assertThat(x.get(0)).isLessThan(x.get(1));
    List<Double> whiskerStarts = numbers(svg, "<line class=\"whisker\" x1=\"([0-9.]+)\"");
    assertThat(whiskerStarts.get(0)).isLessThan(x.get(0) + 4).isLessThan(whiskerStarts.get(1));
  }

  private static String chart(String html, String name) {
    int start = html.indexOf("data-chart=\"" + name + "\"");
    return html.substring(start, html.indexOf("</svg>", start));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<Double> numbers(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }
}
