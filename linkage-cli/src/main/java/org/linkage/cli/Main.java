package org.linkage.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.linkage.error.LinkageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code linkage} command. Progress and errors go to stderr, results to stdout. Every error is
 * one line naming the option, file or key, with an {@link ExitCode exit code}: 0 success, 1 internal
 * error, 2 bad usage or spec, 3 unreadable input, 4 output cannot be written, 5 out of memory. A stack
 * trace is printed only with {@code --debug}.
 */
@Command(name = "linkage", mixinStandardHelpOptions = true, version = "linkage 0.1.0",
    description = "Longitudinal record linkage: deterministic cascades, Fellegi-Sunter, blocking, evaluation.")
public final class Main implements Runnable {
  /**
   * The subcommands, in the order help lists them. picocli reads a command's annotations by
   * reflection when it is registered (a fifth of a second for all of them, before any work): a
   * command line naming one of them registers that one only.
   */
  private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

  private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
    java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
    m.put("demo", DemoCommand::new);
    m.put("generate", GenerateCommand::new);
    m.put("link", LinkCommand::new);
    m.put("train", TrainCommand::new);
    m.put("explain", ExplainCommand::new);
    m.put("evaluate", EvaluateCommand::new);
    m.put("blocking", BlockingCommand::new);
    m.put("dedup", DedupCommand::new);
    m.put("update", UpdateCommand::new);
    m.put("bench-strategies", BenchStrategiesCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an error, also print its stack trace (for bug reports).")
  boolean debug;

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    boolean debug = Arrays.asList(args).contains("--debug");
    // an error on a thread other than the command's is reported the same way: one line, no trace
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> report(e, err, debug));
    System.exit(run(args, new PrintWriter(System.out, true), err));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new Main());
    // the first argument that is not an option names the command; "help", another word or none
    // registers every command (help and the error for an unknown one list them all)
    String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    COMMANDS.forEach((name, command) -> {
      if (!COMMANDS.containsKey(named) || named.equals("help") || named.equals(name)) {
        cli.addSubcommand(name, command.get());
      }
    });
    cli.setOut(out);
    cli.setErr(err);
    listExitCodes(cli);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("linkage: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err); // "Did you mean: ..." for a misspelling
      err.println("Try 'linkage " + (ex.getCommandLine().getCommandName().equals("linkage") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
      return ExitCode.BAD_USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err, debug));
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) { // Errors pass through picocli
      return report(e, err, debug);
    }
  }

  /** Prints the one-line message for {@code e} (and its stack trace under --debug); returns the exit code. */
  static int report(Throwable e, PrintWriter err, boolean debug) {
    int code = ExitCode.of(e);
    if (code == ExitCode.OUT_OF_MEMORY) {
      err.println("linkage: out of memory (the Java heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MB); give it more, e.g. LINKAGE_JAVA_OPTS=-Xmx8g ./linkage ..., or use smaller inputs "
          + "('link --dry-run' estimates what a run needs)");
    } else if (e instanceof LinkageException) {
      err.println("linkage: " + e.getMessage());
    } else {
      StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
      err.println("linkage: internal error: " + e.getClass().getName() + (at == null ? "" : " at " + at)
          + " (please report it with the output of --debug; no input values are shown)");
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Adds the exit-code table to the help of {@code c} and its subcommands. */
  private static void listExitCodes(CommandLine c) {
    c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.descriptions());
    c.getSubcommands().values().forEach(Main::listExitCodes);
  }

  @Override
  public void run() {
    // listed from the registered subcommands, so a new command cannot be left out
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command ("
        + String.join(", ", spec.subcommands().keySet().stream().filter(c -> !c.equals("help")).toList()) + ")");
  }
}
