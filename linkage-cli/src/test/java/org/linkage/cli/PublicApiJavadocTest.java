package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public type and member of the published modules has a javadoc comment: their sources are
 * compiled with doclint's "missing" check, and no "no comment" warning may come out. (The build's
 * javadoc runs without that check, whose {@code @param}/{@code @return} part is noise.)
 */
class PublicApiJavadocTest {
  @ParameterizedTest
  @ValueSource(strings = {"linkage-core", "linkage-testkit"})
  void publicMembers_publishedModule_allHaveAComment(String module, @TempDir Path classes) throws IOException {
    Path sources = Path.of("..", module, "src", "main", "java");
    List<File> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).collect(Collectors.toList());
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
        .map(d -> d.getSource().getName().replaceFirst(".*/src/main/java/", "") + ":" + d.getLineNumber())
        .collect(Collectors.toList());
    assertThat(files).isNotEmpty();
    assertThat(diagnostics.getDiagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    assertThat(uncommented).as("public members without a javadoc comment").isEmpty();
  }

  /**
   * The API packages of linkage-core are those whose package-info says so; each public top-level type
   * there states its thread-safety or immutability in its comment (the project's rule for API types).
   */
  @Test
  void apiTypes_linkageCore_stateThreadSafety() throws IOException {
    Path sources = Path.of("..", "linkage-core", "src", "main", "java");
    List<Path> apiPackages;
    try (Stream<Path> walk = Files.walk(sources)) {
      apiPackages = walk.filter(p -> p.getFileName().toString().equals("package-info.java"))
          .filter(p -> read(p).contains("<b>API</b>")).map(Path::getParent).collect(Collectors.toList());
    }
    List<String> silent = new ArrayList<>();
    int checked = 0;
    for (Path pkg : apiPackages) {
      try (Stream<Path> files = Files.list(pkg)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
          Matcher type = PUBLIC_TYPE.matcher(read(f));
          if (type.find()) {
            checked++;
            if (!THREAD_SAFETY.matcher(type.group(1)).find()) {
              silent.add(sources.relativize(f).toString());
            }
          }
        }
      }
    }
    assertThat(apiPackages).hasSizeGreaterThanOrEqualTo(5);
    assertThat(checked).isGreaterThanOrEqualTo(20);
    assertThat(silent).as("API types whose comment says nothing of thread-safety or immutability").isEmpty();
  }

  /** The comment right before the first top-level public type declaration. */
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(/\\*\\*(?:(?!\\*/).)*\\*/)\\s*(?:@\\w+\\s*)*^public ", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern THREAD_SAFETY = Pattern.compile("immutable|thread-safe|thread safe|threads",
      Pattern.CASE_INSENSITIVE);

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
