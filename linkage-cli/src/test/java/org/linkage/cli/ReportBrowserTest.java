package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * Opens the {@code report.html} of a small generated run in a real headless browser (Debian's
 * {@code chromium}, installed by {@code .ci/run}) and checks that the page loads without script
 * errors and that its charts render: the dumped DOM, after the page's script ran, and a screenshot.
 * Skipped only when no chromium is installed.
 */
class ReportBrowserTest {
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

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
    Path chromium = chromium();
    String dom = dumpDom(chromium, report);
    String body = bodyAttributes(dom);
    assertThat(attribute(body, "data-errors")).as("script errors").isEmpty();
    assertThat(attribute(body, "data-rendered")).isEqualTo("ok");
    List<String> svgs = svgs(dom);
    assertThat(svgs).hasSizeGreaterThanOrEqualTo(4);
    assertThat(svgs).allSatisfy(svg -> assertThat(svg).containsAnyOf("<rect", "<path"));
    assertThat(dom).contains("data-chart=\"weight-histogram\"", "data-chart=\"pairs-by-rule\"",
        "data-chart=\"links-by-method\"", "data-chart=\"waterfall-1\"", "data-chart=\"m-u-");

    Path png = dir.resolve("shot.png");
    run(chromium, "--screenshot=" + png, "--window-size=1200,2400", report.toUri().toString());
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(luminanceVariance(image)).as("screenshot is not a blank page").isGreaterThan(100);
    assertThat(distinctColours(image)).isGreaterThan(20);
  }

  @Test
  void brokenReport_inHeadlessChromium_isDetected() throws Exception {
    Path chromium = chromium();
    String html = Files.readString(report, StandardCharsets.UTF_8)
        .replace("</body>", "<script>functionThatDoesNotExist();</script></body>");
    String stripped = stripMarks(html, "links-by-method");
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, stripped, StandardCharsets.UTF_8);
    String body = bodyAttributes(dumpDom(chromium, broken));
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

  /** Removes every bar of one chart, leaving an empty SVG: the page's check must notice. */
  private static String stripMarks(String html, String chart) {
    int start = html.indexOf("data-chart=\"" + chart + "\"");
    int end = html.indexOf("</svg>", start);
    String svg = html.substring(start, end).replaceAll("(?s)<rect.*?</rect>", "").replaceAll("<rect[^>]*/>", "");
    return html.substring(0, start) + svg + html.substring(end);
  }

  static Path chromium() {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    assumeTrue(false, "chromium is not installed (.ci/run installs it)");
    return null;
  }

  private static String dumpDom(Path chromium, Path page) throws Exception {
    return run(chromium, "--dump-dom", page.toUri().toString());
  }

  /** Runs headless chromium with a throwaway profile and no network use; returns stdout. */
  private static String run(Path chromium, String... args) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile-");
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "chromium-", ".out");
    Path log = Files.createTempFile(dir, "chromium-", ".log");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(log));
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String bodyAttributes(String dom) {
    Matcher m = BODY.matcher(dom);
    assertThat(m.find()).as("no <body> in the dumped DOM").isTrue();
    return m.group(1);
  }

  private static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
    assertThat(m.find()).as("attribute " + name + " in <body" + attributes + ">").isTrue();
    return m.group(1);
  }

  private static List<String> svgs(String dom) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)<svg.*?</svg>").matcher(dom);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static double luminanceVariance(BufferedImage img) {
    double sum = 0;
    double sq = 0;
    long n = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        double lum = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        sum += lum;
        sq += lum * lum;
        n++;
      }
    }
    double mean = sum / n;
    return sq / n - mean * mean;
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
