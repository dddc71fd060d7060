package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.LinkageSpec;
import org.linkage.Linker;
import org.linkage.model.ModelJson;
import org.linkage.train.Training;
import org.linkage.train.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code linkage train}: estimate u, m and λ and write model.json, without linking. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the Fellegi-Sunter model on two CSV files and write DIR/model.json (reusable with link --model).")
final class TrainCommand implements Callable<Integer> {
  @Mixin
  InputFiles files;

  @Option(names = "--out", required = true, description = "Output folder for model.json.")
  Path out;

  @Option(names = "--threads", description = "Worker threads (default: all processors).")
  Integer threads;

  @Option(names = "--seed", description = "Seed for random sampling (default: the spec's).")
  Long seed;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    OutputWriterSupport.checkOutFolder(out);
    LinkageSpec spec = LinkCommand.Specs.load(files.specFile, seed, null, null);
    Inputs in;
    Training.Outcome outcome;
    try (ProgressLine progress = ProgressLine.open(quiet)) {
      in = Inputs.read(spec, files.left, files.right, false, progress);
      Linker linker = RunOptions.linker(spec, threads, progress);
      outcome = linker.train(in.left().table(), in.right().table());
    }
    TrainingReport report = outcome.report();
    for (TrainingReport.RuleRun run : report.ruleRuns()) {
      System.err.printf(java.util.Locale.ROOT, "EM on %s: %d pairs, %d patterns, %d iterations%s, estimated %s%n",
          run.rule(), run.pairs(), run.patterns(), run.iterations(), run.converged() ? "" : " (not converged)",
          run.estimated());
    }
    report.warnings().forEach(w -> System.err.println("warning: " + w));
    Files.createDirectories(out);
    Path tmp = Files.createTempFile(out, ".model", ".json");
    Files.writeString(tmp, ModelJson.write(outcome.model(), OutputWriterSupport.modelContext(spec, in.summaries())) + "\n");
    Files.move(tmp, out.resolve("model.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.err.println("wrote " + out.resolve("model.json"));
    return 0;
  }
}
