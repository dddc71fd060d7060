package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.error.OutputException;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.train.Training;
import org.linkage.internal.train.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code linkage train}: estimate u, m and λ and write model.json, without linking. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the Fellegi-Sunter model on two CSV files and write DIR/model.json (reusable with link --model); "
        + "DIR is replaced as a whole, like link's output folder.")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  InputFiles files;

  @Option(names = "--out", required = true, description = "Output folder for model.json.")
  Path out;

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--seed", description = "Seed for random sampling (default: the spec's).")
  Long seed;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    LinkageSpec spec = LinkCommand.Specs.load(files.specFile, seed, null, null);
    try (OutputFolder folder = OutputFolder.prepare(out)) {
      train(spec, folder);
      folder.publish();
    }
    System.err.println("wrote " + out.resolve("model.json"));
    return 0;
  }

  private void train(LinkageSpec spec, OutputFolder folder) throws IOException {
    Inputs in;
    Training.Outcome outcome;
    try (ProgressLine progress = ProgressLine.open(quiet)) {
      in = Inputs.read(spec, files.left, files.right, files.reading.csvOptions(false), progress);
      outcome = RunOptions.linker(spec, threads, progress).train(in.left().table(), in.right().table());
    }
    TrainingReport report = outcome.report();
    for (var seeds : report.seedLinks()) {
      System.err.printf(java.util.Locale.ROOT, "%s: %s%n", seeds.comparison(), seeds.source());
    }
    System.err.println("λ: " + outcome.model().lambdaSource());
    for (TrainingReport.RuleRun run : report.ruleRuns()) {
      System.err.printf(java.util.Locale.ROOT, "EM on %s: %d pairs, %d patterns, %d iterations%s, estimated %s%n",
          run.rule(), run.pairs(), run.patterns(), run.iterations(), run.converged() ? "" : " (not converged)",
          run.estimated());
    }
    report.warnings().forEach(w -> System.err.println("warning: " + w));
    String json = outcome.model().toJson(OutputWriterSupport.modelContext(spec, in.summaries())) + "\n";
    try {
      Files.writeString(folder.staging().resolve("model.json"), json);
    } catch (IOException e) {
      throw new OutputException("cannot write " + out.resolve("model.json") + ": " + OutputException.describe(e), e);
    }
  }
}
