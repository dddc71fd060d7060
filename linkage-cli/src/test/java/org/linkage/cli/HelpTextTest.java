package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help texts wrap between words: a file name such as {@code report.json} is never cut at its dot. */
class HelpTextTest {
  private static final Pattern CUT_FILE_NAME = Pattern.compile("\\w\\.\\R\\s*(csv|json|html|md)\\b");

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "link", "train", "explain", "evaluate", "blocking", "dedup"})
  void help_command_noFileNameCutAtItsDot(String command) {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: linkage " + command).doesNotContainPattern(CUT_FILE_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "link", "train", "explain", "evaluate", "blocking", "dedup",
      "bench-strategies"})
  void run_noCommand_usageErrorListsEveryCommand(String command) {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[0], new PrintWriter(new StringWriter()), new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"update", "link", "bench-strategies"})
  void run_helpCommand_printsTheNamedCommandsUsage(String command) {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"help", command}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: linkage " + command);
  }

  @org.junit.jupiter.api.Test
  void run_misspeltCommand_usageErrorSuggestsTheCommand() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"--debug", "updte", "--state", "s"}, new PrintWriter(new StringWriter()),
        new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'updte'").contains("update");
  }

  @org.junit.jupiter.api.Test
  void run_optionBeforeTheCommand_runsThatCommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--debug", "update", "--help"}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: linkage update");
  }
}
