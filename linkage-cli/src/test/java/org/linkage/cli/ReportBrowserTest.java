package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.cli.HeadlessChromium.attribute;
import static org.linkage.cli.HeadlessChromium.bodyAttributes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * Opens the {@code report.html} of a small generated run in a real headless browser
 * ({@link HeadlessChromium}) and checks that the page loads without script errors and that its
 * charts render: the dumped DOM, after the page's script ran, and a screenshot. Skipped only when no
 * chromium is installed.
 */
class ReportBrowserTest {
  @TempDir
  static Path dir;

  static Path report;

  @BeforeAll
  static void linkSmallRun() throws IOException {
    PopulationGenerator.create(GeneratorSpec.builder().learners(1500).seed(11).build()).writeTo(dir.resolve("data"));
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"link", "--left", dir.resolve("data/education.csv").toString(), "--right",
        dir.resolve("data/labour.csv").toString(), "--out", dir.resolve("run").toString(), "--threads", "2"},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    report = dir.resolve("run/report.html");
  }

  @Test
  void reportHtml_inHeadlessChromium_rendersChartsWithoutScriptErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find(dir);
    String dom = chromium.dumpDom(report);
    String body = bodyAttributes(dom);
    assertThat(attribute(body, "data-errors")).as("script errors").isEmpty();
    assertThat(attribute(body, "data-rendered")).isEqualTo("ok");
    List<String> svgs = HeadlessChromium.svgs(dom);
    assertThat(svgs).hasSizeGreaterThanOrEqualTo(4);
    assertThat(svgs).allSatisfy(svg -> assertThat(svg).containsAnyOf("<rect", "<path"));
    assertThat(dom).contains("data-chart=\"weight-histogram\"", "data-chart=\"pairs-by-rule\"",
        "data-chart=\"links-by-method\"", "data-chart=\"waterfall-1\"", "data-chart=\"m-u-");

    Path png = dir.resolve("shot.png");
    chromium.screenshot(report, png, 1200, 2400);
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(HeadlessChromium.luminanceVariance(image)).as("screenshot is not a blank page").isGreaterThan(100);
    assertThat(HeadlessChromium.distinctColours(image)).isGreaterThan(20);
  }

  @Test
  void brokenReport_inHeadlessChromium_isDetected() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find(dir);
    String html = Files.readString(report, StandardCharsets.UTF_8)
        .replace("</body>", "<script>functionThatDoesNotExist();</script></body>");
    String stripped = HeadlessChromium.stripMarks(html, "links-by-method");
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, stripped, StandardCharsets.UTF_8);
    String body = bodyAttributes(chromium.dumpDom(broken));
    assertThat(attribute(body, "data-errors")).contains("functionThatDoesNotExist");
    assertThat(attribute(body, "data-rendered")).isEqualTo("incomplete");
  }

  @Test
  void reportHtml_isSelfContainedAndHasNoIds() throws IOException {
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("http://cdn", "https://", "<link ", "src=\"http", "@import");
    for (String line : Files.readAllLines(dir.resolve("run/links.csv")).subList(1, 50)) {
      String[] ids = line.split(",");
      assertThat(html).doesNotContain(ids[0]).doesNotContain(ids[1]);
    }
  }
}
