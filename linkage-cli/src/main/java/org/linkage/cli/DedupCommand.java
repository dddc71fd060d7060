package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.LinkageSpec.Assignment;
import org.linkage.spec.ClusteringSpec;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.internal.output.InputSummary;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.output.OutputWriter;
import org.linkage.record.ReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage dedup}: find the records of one file that are the same person. */
@Command(name = "dedup", mixinStandardHelpOptions = true,
    description = {"Deduplicate one CSV file into persons; writes persons.csv, links.csv (duplicate pairs),",
        "unmatched_left.csv (records alone in their person), rejected.csv, model.json and report.json."})
final class DedupCommand implements Callable<Integer> {
  @Spec
  CommandSpec cmd;

  @Option(names = "--input", required = true, description = "The CSV file.")
  Path input;

  @Option(names = "--out", required = true, description = "Output folder, replaced as a whole when the run succeeds; "
      + "a failed or killed run keeps the earlier one (docs/outputs.md).")
  Path out;

  @Option(names = "--spec", description = "Spec JSON file (default: the person profile).")
  Path specFile;

  @Mixin
  RunOptions run;

  @Option(names = "--truth-persons", description = "person_id,side,record_id truth (side 'left'): print person-level precision and recall.")
  Path truthPersons;

  @Mixin
  CsvReadOptions reading;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    LinkageSpec spec = run.spec(specFile);
    PersonOptions.checkTruth(truthPersons);
    LinkageResult result;
    try (EngineChoice engine = run.engine(); ProgressLine progress = ProgressLine.open(run.quiet);
        OutputFolder folder = OutputFolder.prepare(out)) {
      ReadResult in = Inputs.readOne(spec, input, reading.csvOptions(run.strict), progress);
      result = RunOptions.linker(spec, run.threads, progress).deduplicate(in.table());
      result.report().warnings().forEach(w -> System.err.println("warning: " + w));
      List<InputSummary> inputs = List.of(Inputs.summary(in));
      progress.started("write", 0, null);
      OutputWriter.writeInto(folder, result, in.rejections(), inputs, OutputWriterSupport.modelContext(spec, inputs),
          Map.of(), output.escapeFormulas());
      folder.publish();
      progress.finished("write", "wrote the outputs to " + out);
    }
    run.printSummary(cmd.commandLine().getOut(), "dedup", result, out, System.nanoTime() - t0,
        PersonOptions.evaluate(result, out, truthPersons));
    return 0;
  }

  /** The person options shared by {@code link} and {@code dedup}. */
  static final class PersonOptions {
    private PersonOptions() {}

    /** The spec with {@code --assignment} and {@code --persons} applied (either may be absent). */
    static LinkageSpec apply(LinkageSpec spec, String assignment, boolean persons) {
      if (assignment == null && !persons) {
        return spec;
      }
      LinkageSpec.Builder b = spec.toBuilder();
      if (assignment != null) {
        try {
          b.assignment(Assignment.valueOf(assignment.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidSpecException("--assignment: unknown assignment '" + assignment
              + "' (expected one_to_one or many_to_one)");
        }
      }
      if (persons) {
        b.clustering(new ClusteringSpec(true, spec.clustering().deduplicateSides(), spec.clustering().birthDateColumn()));
      }
      return b.build();
    }

    /** Fails before any input is read if a {@code --truth-persons} file is given but not a readable file. */
    static void checkTruth(Path truthPersons) {
      if (truthPersons != null && !Files.isRegularFile(truthPersons)) {
        throw new InputException("--truth-persons " + truthPersons
            + (Files.isDirectory(truthPersons) ? " is a folder, not a file" : " not found"));
      }
    }

    /** Person-level quality of the written persons.csv against {@code truthPersons}; {@code null} without them. */
    static PersonEvaluation evaluate(LinkageResult result, Path out, Path truthPersons) {
      if (truthPersons == null) {
        return null;
      }
      if (!result.hasPersons()) {
        System.err.println("note: --truth-persons needs --persons (or clustering.enabled in the spec): not evaluated");
        return null;
      }
      java.util.Map<String, String> truth = PersonEvaluation.read(truthPersons);
      if (result.isDeduplication()) { // one file: its records are the truth's left side
        truth.keySet().removeIf(k -> !k.startsWith("left:"));
      }
      return PersonEvaluation.of(PersonEvaluation.read(out.resolve("persons.csv")), truth);
    }
  }
}
