package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linkage.error.InputException;
import org.linkage.error.LinkageException;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;

/**
 * Reads every file of the hostile-CSV corpus and checks the outcome its README documents, strict
 * mode, and that no message repeats a value from the file.
 */
class HostileCsvCorpusTest {
  private static final List<ColumnSpec> PERSON = List.of(
      ColumnSpec.of("forename", ColumnType.NAME),
      ColumnSpec.of("surname", ColumnType.NAME),
      ColumnSpec.of("dob", ColumnType.DATE),
      ColumnSpec.of("sex", ColumnType.SEX),
      ColumnSpec.of("postcode", ColumnType.POSTCODE));
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\| ([^|]+?) \\|$");
  private static final Pattern RESULT = Pattern.compile("rows=(\\d+) rejected=(\\d+)");
  private static final Pattern FAILURE = Pattern.compile("(\\w+) exit=(\\d)");

  static Path corpus() throws URISyntaxException {
    return Path.of(HostileCsvCorpusTest.class.getResource("/hostile-csv/README.md").toURI()).getParent();
  }

  /** file name → documented outcome, from the README table. */
  static Map<String, String> documented() throws IOException, URISyntaxException {
    Map<String, String> outcomes = new TreeMap<>();
    for (String line : Files.readAllLines(corpus().resolve("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        outcomes.put(m.group(1), m.group(2));
      }
    }
    return outcomes;
  }

  static Stream<String> corpusFiles() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("README.md") && !n.startsWith("."))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static CsvTableReader reader(CsvOptions options) {
    return CsvTableReader.create("id", PERSON, options);
  }

  @Test
  void readme_listsEveryCorpusFileAndNoOther() throws Exception {
    assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(corpusFiles().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void read_corpusFile_documentedOutcomeAndNoValueInMessages(String name) throws Exception {
    Path file = corpus().resolve(name);
    String outcome = documented().get(name);
    assertThat(outcome).as("README entry for %s", name).isNotNull();
    List<String> messages = new ArrayList<>();

    Matcher result = RESULT.matcher(outcome);
    if (result.matches()) {
      ReadResult r = reader(CsvOptions.defaults()).read(file);
      long rows = Long.parseLong(result.group(1));
      int rejected = Integer.parseInt(result.group(2));
      assertThat(r.rowsRead()).as("rows read").isEqualTo(rows);
      assertThat(r.rejections()).as("rejections").hasSize(rejected);
      assertThat(r.table().size()).as("conservation").isEqualTo(rows - rejected);
      r.rejections().forEach(x -> messages.add(x.message()));
      if (rejected > 0) {
        Throwable strict = catchThrowable(() -> reader(CsvOptions.defaults().withStrict(true)).read(file));
        assertThat(strict).isInstanceOf(org.linkage.error.InputException.class)
            .hasMessage(r.rejections().get(0).message());
        assertThat(strict).isInstanceOf(InputException.class);
        messages.add(strict.getMessage());
      }
    } else {
      Matcher failure = FAILURE.matcher(outcome);
      assertThat(failure.matches()).as("outcome grammar: %s", outcome).isTrue();
      for (CsvOptions options : List.of(CsvOptions.defaults(), CsvOptions.defaults().withStrict(true))) {
        Throwable t = catchThrowable(() -> reader(options).read(file));
        assertThat(t).isInstanceOf(LinkageException.class);
        assertThat(t.getClass().getSimpleName()).isEqualTo(failure.group(1));
        assertThat(t.getMessage()).startsWith(file.toString());
        messages.add(t.getMessage());
      }
    }

    Set<String> values = valuesIn(file);
    for (String message : messages) {
      assertThat(message).doesNotContain("Zebedee");
      for (String value : values) {
        assertThat(message).as("message leaks a value").doesNotContain(value);
      }
    }
  }

  /** Words of five or more letters or digits on the data lines, minus header names. */
  private static Set<String> valuesIn(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    String[] lines = text.split("\r\n|\r|\n", -1);
    Set<String> header = new TreeSet<>(List.of(lines[0].replaceAll("[^\\p{L}\\p{N}_]+", " ").trim().split(" ")));
    Set<String> values = new TreeSet<>();
    for (int i = 1; i < lines.length; i++) {
      for (String word : lines[i].split("[^\\p{L}\\p{N}]+")) {
        if (word.length() >= 5 && !header.contains(word)) {
          values.add(word);
        }
      }
    }
    return values;
  }
}
