package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * The README's Java example is a complete program: compiled as written against linkage-core and its
 * dependencies alone (not the CLI or the testkit), then run on a small generated population. The
 * Maven coordinates the README gives are the reactor's.
 */
class ReadmeExampleTest {
  // tests run from the module folder, one below the repository root
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  /** The first ```java block of the README. */
  private static String javaBlock(String markdown) {
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(m.find()).as("README.md has a ```java block").isTrue();
    return m.group(1);
  }

  /** The test classpath less this module and the testkit, so the example sees only core and its dependencies. */
  private static List<String> coreClasspath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(e -> !e.contains("linkage-cli") && !e.contains("linkage-testkit") && !e.contains("linkage-bench"))
        .collect(Collectors.toList());
  }

  @Test
  void readmeJavaBlock_compiledAgainstCoreAndRun_printsLinksAndAnExplanation(@TempDir Path dir) throws Exception {
    String source = javaBlock(readme());
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(cls.find()).as("the example declares a public class").isTrue();
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    Path file = Files.writeString(src.resolve(cls.group(1) + ".java"), source);
    List<String> classpath = coreClasspath();
    assertThat(classpath).anyMatch(e -> e.contains("linkage-core")).noneMatch(e -> e.contains("linkage-testkit"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null, List.of("--release", "17", "-Xlint:all", "-Werror",
        "-classpath", String.join(File.pathSeparator, classpath), "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile())).call();
    assertThat(compiled).as(diagnostics.toString()).isTrue();

    Path data = dir.resolve("data");
    PopulationGenerator.create(GeneratorSpec.builder().learners(400).seed(3).build()).writeTo(data);
    List<URL> urls = new java.util.ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (String e : classpath) {
      urls.add(Path.of(e).toUri().toURL());
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {data.resolve("education.csv").toString(), data.resolve("labour.csv").toString()});
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).containsPattern("(?m)^[1-9]\\d* links$").contains("Link[leftId=").contains("prior");
  }

  @Test
  void readmeCoordinates_matchTheReactor() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher v = Pattern.compile("<artifactId>linkage-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(v.find()).isTrue();
    String readme = readme();
    String testing = Files.readString(ROOT.resolve("docs/testing-rules.md"));
    for (String artifact : List.of("linkage-core", "linkage-testkit")) {
      String coordinates = "<groupId>org.linkage</groupId>\n  <artifactId>" + artifact + "</artifactId>\n  <version>"
          + v.group(1) + "</version>";
      assertThat(readme).contains(coordinates);
    }
    assertThat(testing).contains("<artifactId>linkage-testkit</artifactId>\n  <version>" + v.group(1) + "</version>");
  }
}
