package org.linkage.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.cli.Main;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * The {@code spark-submit} example of docs/spark.md, run as {@code spark-submit} runs it: {@code
 * org.apache.spark.deploy.SparkSubmit} in a JVM of its own whose class path holds Spark and no
 * linkage class, the command-line jar as the application ({@code --class org.linkage.cli.Main}) and
 * the engine's jar in {@code --jars}; {@code local[2]} instead of YARN. Needs the command-line jar,
 * which {@code mvn verify} builds before this module's tests; skipped (not passed) without it.
 */
class SparkSubmitTest {
  @TempDir Path dir;

  @Test
  void sparkSubmit_docsExampleOnLocalMaster_sameLinksAsInProcess() throws Exception {
    Path cliJar = Path.of("..", "linkage-cli", "target", "linkage.jar").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(cliJar), "the command-line jar is built by mvn verify (or package): " + cliJar);
    Path data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(600).seed(23).build()).writeTo(data);
    Path engineJar = jarOf(Path.of("target", "classes"), dir.resolve("linkage-spark.jar"));
    Path local = dir.resolve("out-local");
    Path submitted = dir.resolve("out-submit");
    String[] link = {"link", "--left", data.resolve("education.csv").toString(), "--right",
        data.resolve("labour.csv").toString()};

    StringWriter err = new StringWriter();
    int code = Main.run(concat(link, "--out", local.toString(), "--quiet"), new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    // the module opens Spark's launcher adds (the surefire JVM has them: see the pom's argLine)
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty")).forEach(cmd::add);
    cmd.addAll(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--deploy-mode", "client", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=2", // 600 learners: the default 200 would be tasks of nothing
        "--jars", engineJar.toString(), "--class", "org.linkage.cli.Main", cliJar.toString()));
    cmd.addAll(List.of(concat(link, "--engine", "spark", "--out", submitted.toString(), "--quiet")));
    Path log = dir.resolve("spark-submit.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done && p.exitValue() == 0).as("spark-submit exited with 0:\n%s", Files.readString(log)).isTrue();

    for (String f : List.of("links.csv", "unmatched_left.csv", "unmatched_right.csv", "model.json")) {
      assertThat(Files.mismatch(submitted.resolve(f), local.resolve(f))).as(f).isEqualTo(-1L);
    }
    assertThat(Files.readAllLines(local.resolve("links.csv"))).hasSizeGreaterThan(300);
  }

  /** This JVM's class path without linkage's own classes and jars or the test libraries: Spark and its dependencies. */
  private static String sparkClassPath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean ours = entry.contains(File.separator + "target" + File.separator) || name.startsWith("linkage-");
      boolean testLibrary = Stream.of("junit-", "assertj-", "opentest4j-", "apiguardian-", "surefire")
          .anyMatch(name::startsWith);
      if (!ours && !testLibrary) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  /** A jar of the classes under {@code classes}, as {@code mvn package} makes the engine's jar. */
  private static Path jarOf(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
    return jar;
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }
}
