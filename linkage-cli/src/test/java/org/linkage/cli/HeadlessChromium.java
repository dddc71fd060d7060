package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens pages of ours in a real headless browser (Debian's {@code chromium}, installed by
 * {@code .ci/run}) with a throwaway profile and no network use, for the browser tests of
 * {@code report.html} and the bench page. The caller's test is skipped when no chromium is installed.
 */
final class HeadlessChromium {
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  private final Path chromium;
  private final Path scratch;

  private HeadlessChromium(Path chromium, Path scratch) {
    this.chromium = chromium;
    this.scratch = scratch;
  }

  /** The installed chromium, writing profiles and output under {@code scratch}; skips the test if none. */
  static HeadlessChromium find(Path scratch) {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(p))) {
        return new HeadlessChromium(Path.of(p), scratch);
      }
    }
    assumeTrue(false, "chromium is not installed (.ci/run installs it)");
    return null;
  }

  /** The DOM of {@code page} after its scripts ran. */
  String dumpDom(Path page) throws Exception {
    return run("--dump-dom", page.toUri().toString());
  }

  /** A screenshot of {@code page} {@code width} × {@code height} pixels, written to {@code png}. */
  void screenshot(Path page, Path png, int width, int height) throws Exception {
    run("--screenshot=" + png, "--window-size=" + width + "," + height, page.toUri().toString());
  }

  /** Runs headless chromium; returns stdout. */
  private String run(String... args) throws Exception {
    Path profile = Files.createTempDirectory(scratch, "profile-");
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "chromium-", ".out");
    Path log = Files.createTempFile(scratch, "chromium-", ".log");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(log));
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** The attributes of the dumped DOM's {@code <body>}. */
  static String bodyAttributes(String dom) {
    Matcher m = BODY.matcher(dom);
    assertThat(m.find()).as("no <body> in the dumped DOM").isTrue();
    return m.group(1);
  }

  /** Attribute {@code name} among {@code attributes}; fails if absent. */
  static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
    assertThat(m.find()).as("attribute " + name + " in <body" + attributes + ">").isTrue();
    return m.group(1);
  }

  /** Every {@code <svg>} element of {@code dom}. */
  static List<String> svgs(String dom) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)<svg.*?</svg>").matcher(dom);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Removes every rect of one chart, leaving it without bars: the page's check must notice. */
  static String stripMarks(String html, String chart) {
    int start = html.indexOf("data-chart=\"" + chart + "\"");
    int end = html.indexOf("</svg>", start);
    String svg = html.substring(start, end).replaceAll("(?s)<rect.*?</rect>", "").replaceAll("<rect[^>]*/>", "")
        .replaceAll("<line[^>]*/>", "");
    return html.substring(0, start) + svg + html.substring(end);
  }

  /** Variance of the luminance of every other pixel: near zero for a blank page. */
  static double luminanceVariance(BufferedImage img) {
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

  /** Distinct colours on a 3-pixel grid. */
  static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
