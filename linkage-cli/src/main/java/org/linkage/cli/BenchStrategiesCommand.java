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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;
import org.linkage.spec.LinkageSpec;
import org.linkage.testkit.bench.BenchDataset;
import org.linkage.testkit.bench.BenchReports;
import org.linkage.testkit.bench.HarnessResults;
import org.linkage.testkit.bench.Strategy;
import org.linkage.testkit.bench.StrategyHarness;
import org.linkage.testkit.bench.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linkage bench-strategies}: the strategy harness of {@code linkage-testkit} from the command
 * line. Prints a Markdown table to stdout (and optionally writes Markdown, CSV, JSON and HTML);
 * progress goes to stderr.
 */
@Command(name = "bench-strategies", mixinStandardHelpOptions = true,
    description = {"Link data sets with several strategies — your specs (--spec) and the built-in ones — and "
        + "print precision, recall and F1 with 95% bootstrap intervals, whether each differs significantly from the "
        + "best (McNemar), candidate pairs, pair completeness, pairs per second, time, peak heap and the agreement "
        + "patterns of the errors, as a Markdown table.",
        "Without --spec or --left: the built-in strategies on generated data (--sizes) and FEBRL4. With --spec: "
            + "your specs beside the default strategy on those data sets (or --datasets). With --left/--right/--truth: "
            + "your specs on your data (and any --datasets); --builtin adds every built-in strategy and, without "
            + "--datasets, the built-in data sets."})
final class BenchStrategiesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--spec", paramLabel = "FILE", description = "A spec of yours to benchmark (repeatable); the row "
      + "is named by the spec's \"name\" or its file name.")
  List<Path> specs = new ArrayList<>();

  @Option(names = "--model", paramLabel = "FILE", description = "model.json to link the --spec strategies with "
      + "instead of training: once for all of them, or once per --spec in the same order.")
  List<Path> models = new ArrayList<>();

  @Option(names = "--left", paramLabel = "CSV", description = "Your left file (with --right and --truth).")
  Path left;

  @Option(names = "--right", paramLabel = "CSV", description = "Your right file.")
  Path right;

  @Option(names = "--truth", paramLabel = "CSV", description = "Your true pairs (left_id, right_id).")
  Path truth;

  @Option(names = "--data-name", description = "Name of your data set in the tables (default: the left file's name).")
  String dataName;

  @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "Built-in data sets, "
      + "comma-separated: febrl4 and generated-<learners>[-<variant>], e.g. generated-20k (default: --sizes and "
      + "febrl4 when no --left is given).")
  List<String> datasets;

  @Option(names = "--builtin", description = "Also run every built-in strategy (and, without --datasets, the "
      + "built-in data sets) beside your specs and data.")
  boolean builtin;

  @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
      description = "Learners per generated data set when no --datasets are named (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--seed", defaultValue = "1", description = "Generator and bootstrap seed (default "
      + "${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "B",
      description = "Bootstrap replicates per interval (default ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--febrl", description = "FEBRL4 folder (dataset4a.csv, dataset4b.csv, truth.csv); default: "
      + "datasets/febrl4 (shipped with the repository) in the working folder or the nearest parent that has one.")
  Path febrl;

  @Option(names = "--febrl-spec", description = "Spec for FEBRL4 (default: docs/examples/febrl4.json in the working "
      + "folder or the nearest parent that has one).")
  Path febrlSpec;

  @Option(names = "--strategies", split = ",", description = "Built-in strategies to run, comma-separated, from "
      + "deterministic, fs-textbook, fs-trained, fs-tf, default, fewer-rules (default: all; beside --spec only "
      + "default; on your data (--left) none). On your data they vary the first --spec.")
  List<String> strategies;

  @Option(names = "--no-febrl", description = "Leave FEBRL4 out.")
  boolean noFebrl;

  @Option(names = "--no-timings", description = "Leave out time, pairs per second and heap (and, in --out, the "
      + "date, JVM and machine), so the same data, specs and seed give byte-identical outputs.")
  boolean noTimings;

  @Option(names = "--out", description = "Also write the table, with the command, JVM and machine, to this "
      + "Markdown file.")
  Path out;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write one CSV line per row to this file.")
  Path csv;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write everything as JSON to this file.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page with charts "
      + "(F1 with intervals, time against F1) to this file.")
  Path html;

  @Override
  public Integer call() {
    if (replicates <= 0) {
      throw new InvalidSpecException("--bootstrap must be positive: " + replicates);
    }
    StrategyHarness.Builder harness = StrategyHarness.builder().seed(seed).replicates(replicates)
        .progress(this::note);
    if (threads != null) {
      harness.threads(threads);
    }
    checkOutputs();
    List<Strategy> chosen = strategies();
    if (chosen.isEmpty()) {
      throw new InvalidSpecException("no strategy to run: give --spec, --strategies or --builtin");
    }
    List<BenchDataset> sets = datasets();
    if (sets.isEmpty()) {
      throw new InvalidSpecException("no data set to run: give --left/--right/--truth, --datasets or --builtin");
    }
    checkDistinct(chosen.stream().map(Strategy::name).toList(), "strategy names (rename a spec with \"name\")");
    checkDistinct(sets.stream().map(BenchDataset::name).toList(), "data set names");
    HarnessResults results = harness.datasets(sets).strategies(chosen).build().run();
    boolean timings = !noTimings;
    String table = BenchReports.markdown(results, timings);
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().flush();
    if (out != null) {
      write(out, header(results, timings) + table);
    }
    if (csv != null) {
      write(csv, BenchReports.csv(results, timings));
    }
    if (json != null) {
      write(json, BenchReports.json(results, timings));
    }
    if (html != null) {
      write(html, BenchReports.html(results, timings));
    }
    return 0;
  }

  private List<Strategy> strategies() {
    List<Strategy> out = new ArrayList<>();
    if (strategies != null) {
      for (String id : strategies) {
        try {
          out.add(Strategy.builtin(StrategyKind.byId(id.trim())));
        } catch (IllegalArgumentException e) {
          throw new InvalidSpecException("--strategies: " + e.getMessage());
        }
      }
    } else if (builtin || specs.isEmpty() && left == null) {
      for (StrategyKind k : StrategyKind.values()) {
        out.add(Strategy.builtin(k));
      }
    } else if (left == null) {
      // on built-in data sets the default strategy is the yardstick for your specs
      out.add(Strategy.builtin(StrategyKind.CASCADE_FS_TRAINED));
    }
    if (!models.isEmpty() && models.size() != 1 && models.size() != specs.size()) {
      throw new InvalidSpecException("--model: give one model for all --spec files or one per --spec ("
          + specs.size() + "), not " + models.size());
    }
    if (!models.isEmpty() && specs.isEmpty()) {
      throw new InvalidSpecException("--model needs a --spec to link with");
    }
    for (int i = 0; i < specs.size(); i++) {
      Strategy s = Strategy.fromFile(specs.get(i));
      out.add(models.isEmpty() ? s : s.withModel(models.get(models.size() == 1 ? 0 : i)));
    }
    return out;
  }

  private List<BenchDataset> datasets() {
    List<BenchDataset> out = new ArrayList<>();
    boolean user = left != null || right != null || truth != null;
    if (user) {
      if (left == null || right == null || truth == null) {
        throw new InvalidSpecException("--left, --right and --truth go together");
      }
      LinkageSpec base = specs.isEmpty() ? null : readSpec(specs.get(0));
      if (base == null) {
        throw new InvalidSpecException("--left needs at least one --spec (the built-in strategies vary the first)");
      }
      out.add(BenchDataset.csv(dataName != null ? dataName : left.getFileName().toString(), base, left, right,
          truth));
    }
    if (datasets != null) {
      for (String name : datasets) {
        out.add(named(name.trim()));
      }
    } else if (!user || builtin) {
      for (int s : sizes) {
        if (s <= 0) {
          throw new InvalidSpecException("--sizes: learners must be positive: " + s);
        }
        out.add(BenchDataset.generated(s, seed));
      }
      if (!noFebrl) {
        BenchDataset f = febrl4(false);
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private BenchDataset named(String name) {
    if (name.equalsIgnoreCase("febrl4")) {
      return febrl4(true);
    }
    try {
      return BenchDataset.generated(name, seed);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException("--datasets: " + e.getMessage());
    }
  }

  /** FEBRL4 from --febrl or found above the working folder; null (with a note) if not found and not required. */
  private BenchDataset febrl4(boolean required) {
    Path dir = febrl != null ? febrl : findUp(Path.of("datasets", "febrl4"));
    Path specFile = febrlSpec != null ? febrlSpec : findUp(Path.of("docs", "examples", "febrl4.json"));
    if (febrl != null && !Files.isRegularFile(febrl.resolve("dataset4a.csv"))) {
      throw new InputException(febrl + ": no dataset4a.csv there");
    }
    if (dir == null || specFile == null) {
      String why = dir == null ? "no datasets/febrl4 found above the working folder (use --febrl DIR)"
          : "no docs/examples/febrl4.json found above the working folder (use --febrl-spec FILE)";
      if (required) {
        throw new InvalidSpecException("--datasets febrl4: " + why);
      }
      note("FEBRL4 left out: " + why);
      return null;
    }
    return BenchDataset.febrl4(dir, specFile);
  }

  /** A progress line on the command's error stream (no record values). */
  private void note(String line) {
    spec.commandLine().getErr().println("bench-strategies: " + line);
    spec.commandLine().getErr().flush();
  }

  private static LinkageSpec readSpec(Path file) {
    return Strategy.fromFile(file).spec().orElseThrow();
  }

  private static void checkDistinct(List<String> names, String what) {
    List<String> seen = new ArrayList<>();
    for (String n : names) {
      if (seen.contains(n)) {
        throw new InvalidSpecException("two " + what + " are '" + n + "'");
      }
      seen.add(n);
    }
  }

  private String header(HarnessResults results, boolean timings) {
    String command = "# Strategy benchmark results\n\n"
        + "- command: `linkage " + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`\n";
    if (!timings) {
      return command + "\n";
    }
    return command
        + "- date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
        + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, threads " + results.threads() + "\n"
        + "- machine: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
        + Runtime.getRuntime().availableProcessors() + " processors, host " + hostName() + "\n\n";
  }

  /**
   * Fails now, before a run of minutes, if an output file could not be written: its folder must
   * exist or be creatable, and take a file.
   */
  private void checkOutputs() {
    for (Path file : new Path[] {out, csv, json, html}) {
      if (file != null) {
        write(file, null);
      }
    }
  }

  /**
   * Writes {@code text} to a temporary file beside {@code file}, then moves it into place, so a reader
   * sees the old file or the new one, never half of one; with {@code text} null, only checks that it
   * could.
   */
  private static void write(Path file, String text) {
    Path abs = file.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      if (Files.isDirectory(abs)) {
        throw new OutputException(file + ": is a folder; give a file name");
      }
      tmp = Files.createTempFile(abs.getParent(), ".bench-strategies-", ".tmp");
      if (text != null) {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new OutputException(file + ": cannot be written (" + e.getClass().getSimpleName() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover hidden temporary file is harmless; the error that matters was reported
        }
      }
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
