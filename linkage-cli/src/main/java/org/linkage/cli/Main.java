package org.linkage.cli;

import java.io.PrintWriter;
import org.linkage.LinkageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code linkage} command. Progress and errors go to stderr, results to stdout; exit codes:
 * 0 success, 1 internal error, 2 bad usage or spec, 3 unreadable input.
 */
@Command(name = "linkage", mixinStandardHelpOptions = true, version = "linkage 0.1.0",
    description = "Longitudinal record linkage: deterministic cascades, Fellegi-Sunter, blocking, evaluation.",
    subcommands = {DemoCommand.class, GenerateCommand.class, LinkCommand.class, TrainCommand.class,
        ExplainCommand.class, EvaluateCommand.class, BlockingCommand.class, DedupCommand.class,
        BenchStrategiesCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("linkage: " + ex.getMessage());
      err.println("Try 'linkage " + (ex.getCommandLine().getCommandName().equals("linkage") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
      return LinkageException.BAD_USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof LinkageException le) {
        err.println("linkage: " + le.getMessage());
        return le.exitCode();
      }
      err.println("linkage: internal error: " + ex.getClass().getName()
          + " (please report it; no input values are shown)");
      for (StackTraceElement e : ex.getStackTrace()) {
        err.println("    at " + e);
      }
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    // listed from the registered subcommands, so a new command cannot be left out
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command ("
        + String.join(", ", spec.subcommands().keySet().stream().filter(c -> !c.equals("help")).toList()) + ")");
  }
}
