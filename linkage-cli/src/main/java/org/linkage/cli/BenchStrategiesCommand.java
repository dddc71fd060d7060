package org.linkage.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.linkage.InputException;
import org.linkage.InvalidSpecException;
import org.linkage.bench.harness.HarnessResults;
import org.linkage.bench.harness.MarkdownTable;
import org.linkage.bench.harness.StrategyHarness;
import org.linkage.bench.harness.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linkage bench-strategies}: the strategy harness of {@code linkage-bench} from the command
 * line. Prints a Markdown table to stdout; progress goes to stderr.
 */
@Command(name = "bench-strategies", mixinStandardHelpOptions = true,
    description = "Link generated data at several sizes and FEBRL4 with several strategies (deterministic cascade, "
        + "FS with textbook parameters, FS trained, cascade + FS trained, fewer blocking rules) and print precision, "
        + "recall, F1, candidate pairs, pair completeness, time and peak heap as a Markdown table.")
final class BenchStrategiesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
      description = "Learners per generated data set, comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--febrl", description = "FEBRL4 folder (dataset4a.csv, dataset4b.csv, truth.csv); default: "
      + "shared/datasets/febrl4 in the working folder or the nearest parent that has one.")
  Path febrl;

  @Option(names = "--febrl-spec", description = "Spec for FEBRL4 (default: docs/examples/febrl4.json in the working "
      + "folder or the nearest parent that has one).")
  Path febrlSpec;

  @Option(names = "--strategies", split = ",", description = "Strategies to run, comma-separated, from deterministic, "
      + "fs-textbook, fs-trained, fs-tf, default, fewer-rules (default: all).")
  List<String> strategies;

  @Option(names = "--no-febrl", description = "Leave FEBRL4 out.")
  boolean noFebrl;

  @Option(names = "--work", description = "Folder for the generated files, deleted once read (default: the "
      + "temporary folder).")
  Path work;

  @Option(names = "--out", description = "Also write the table, with the command, JVM and machine, to this "
      + "Markdown file.")
  Path out;

  @Override
  public Integer call() throws IOException {
    for (int s : sizes) {
      if (s <= 0) {
        throw new InvalidSpecException("--sizes: learners must be positive: " + s);
      }
    }
    StrategyHarness.Builder harness = StrategyHarness.builder().sizes(sizes).seed(seed)
        .progress(s -> System.err.println("bench-strategies: " + s));
    if (threads != null) {
      if (threads <= 0) {
        throw new InvalidSpecException("--threads must be positive: " + threads);
      }
      harness.threads(threads);
    }
    if (strategies != null) {
      Set<StrategyKind> kinds = EnumSet.noneOf(StrategyKind.class);
      for (String id : strategies) {
        try {
          kinds.add(StrategyKind.byId(id.trim()));
        } catch (IllegalArgumentException e) {
          throw new InvalidSpecException("--strategies: " + e.getMessage());
        }
      }
      harness.strategies(kinds);
    }
    if (work != null) {
      harness.workDir(work);
    }
    if (!noFebrl) {
      Path dir = febrl != null ? febrl : findUp(Path.of("shared", "datasets", "febrl4"));
      Path specFile = febrlSpec != null ? febrlSpec : findUp(Path.of("docs", "examples", "febrl4.json"));
      if (febrl != null && !Files.isRegularFile(febrl.resolve("dataset4a.csv"))) {
        throw new InputException(febrl + ": no dataset4a.csv there");
      }
      if (dir == null || specFile == null) {
        System.err.println("bench-strategies: FEBRL4 left out: " + (dir == null
            ? "no shared/datasets/febrl4 found above the working folder (use --febrl DIR)"
            : "no docs/examples/febrl4.json found above the working folder (use --febrl-spec FILE)"));
      } else {
        harness.febrl(dir, specFile);
      }
    }
    HarnessResults results = harness.build().run();
    String table = MarkdownTable.render(results);
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().flush();
    if (out != null) {
      writeReport(out, table, results);
    }
    return 0;
  }

  private void writeReport(Path file, String table, HarnessResults results) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), ".bench-strategies-", ".md");
    String text = "# Strategy benchmark results\n\n"
        + "- command: `linkage " + String.join(" ", spec.commandLine().getParseResult().originalArgs())
        + "`\n"
        + "- date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
        + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, threads " + results.threads() + "\n"
        + "- machine: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
        + Runtime.getRuntime().availableProcessors() + " processors, host " + hostName() + "\n\n"
        + table;
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** {@code relative} under the working folder or its nearest parent that has it, or null. */
  private static Path findUp(Path relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
