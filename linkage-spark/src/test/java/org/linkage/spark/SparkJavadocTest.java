package org.linkage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public type and member of linkage-spark has a javadoc comment (doclint's "missing" check, as
 * the command line's test does for core and testkit, which cannot compile these sources without
 * Spark), and every public type states its thread-safety.
 */
class SparkJavadocTest {
  private static final Path SOURCES = Path.of("src", "main", "java");

  @Test
  void publicMembers_sparkModule_allHaveAComment(@TempDir Path classes) throws IOException {
    List<File> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      javac.getTask(null, fm, diagnostics, List.of("--release", "17", "-proc:none", "-Xmaxwarns", "10000",
          "-Xdoclint:missing/protected", "-classpath", classpath, "-d", classes.toString()), null,
          fm.getJavaFileObjectsFromFiles(files)).call();
    }
    List<String> uncommented = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getMessage(Locale.ROOT).contains("no comment"))
        .map(d -> d.getSource().getName() + ":" + d.getLineNumber()).toList();
    assertThat(files).isNotEmpty();
    assertThat(diagnostics.getDiagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    assertThat(uncommented).as("public members without a javadoc comment").isEmpty();
  }

  @Test
  void publicTypes_sparkModule_stateThreadSafety() throws IOException {
    for (String type : List.of("SparkLinker", "SparkLinkage", "SparkPairEngine")) {
      String source = Files.readString(SOURCES.resolve(Path.of("org", "linkage", "spark", type + ".java")));
      assertThat(source).as(type).containsPattern("(?i)thread-safe|not thread-safe");
    }
  }
}
