package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.LinkageResult;
import org.linkage.LinkageState;
import org.linkage.Linker;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.output.OutputWriter;
import org.linkage.internal.report.HtmlReport;
import org.linkage.internal.report.MemoryEstimate;
import org.linkage.model.FellegiSunterModel;
import org.linkage.progress.ProgressListener;
import org.linkage.record.CsvOptions;
import org.linkage.internal.output.InputSummary;
import org.linkage.spec.LinkageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage link}: link two CSV files. */
@Command(name = "link", mixinStandardHelpOptions = true,
    description = "Link two CSV files; writes links.csv, unmatched_left.csv, unmatched_right.csv, rejected.csv, "
        + "model.json, report.json and report.html into the output folder. --left, --right and --out may also be "
        + "JDBC URLs (jdbc:duckdb:..., jdbc:postgresql://...): see --left-query and --report-dir.")
final class LinkCommand implements Callable<Integer> {
  @Spec
  CommandSpec cmd;

  @Mixin
  InputFiles files;

  @Option(names = "--out", required = true, description = "Output folder, replaced as a whole when the run succeeds; "
      + "a failed or killed run keeps the earlier one (docs/outputs.md).")
  Path out;

  @Option(names = "--model", description = "model.json of an earlier run: link with it instead of training.")
  Path modelFile;

  @Mixin
  RunOptions run;

  @Option(names = "--assignment", description = "one_to_one or many_to_one (many right records to one left; default: the spec's).")
  String assignment;

  @Option(names = "--persons", description = "Group the records of both sides into persons; writes persons.csv.")
  boolean persons;

  @Option(names = "--save-state", paramLabel = "DIR", description = "With --persons: also save the linkage state "
      + "(spec, model, records, person ids) to DIR, for 'linkage update' (docs/incremental.md).")
  Path saveState;

  @Option(names = "--truth-persons", description = "truth_persons.csv: print person-level precision and recall of persons.csv.")
  Path truthPersons;

  @Mixin
  OutputOptions output;

  @Option(names = "--dry-run", description = "Count the rows of both files and print the Java heap the run would "
      + "need (docs/scaling.md), without linking or writing anything.")
  boolean dryRun;

  @Mixin
  DatabaseOptions databases;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    LinkageSpec spec = DedupCommand.PersonOptions.apply(run.spec(files.specFile), assignment, persons);
    // everything that needs no input is checked before the inputs are read: the spec compiles
    // (every problem at once), and a given model fits it
    LinkagePlan.compile(spec);
    FellegiSunterModel model = modelFile == null ? null : FellegiSunterModel.read(modelFile);
    if (model != null) {
      model.checkFits(spec);
    }
    DedupCommand.PersonOptions.checkTruth(truthPersons);
    if (saveState != null && !spec.clustering().enabled()) {
      throw new InvalidSpecException("--save-state needs --persons (a state holds person ids)");
    }
    if (saveState != null) {
      LinkageState.checkWritable(saveState);
    }
    if (dryRun) {
      if (databases.used()) {
        throw new InvalidSpecException("--dry-run counts the rows of files; it does not read databases");
      }
      long left = DataRows.count(files.left);
      long right = DataRows.count(files.right);
      var o = cmd.commandLine().getOut();
      o.printf(java.util.Locale.ROOT, "%,d left and %,d right rows (counted as lines); memory by component:%n", left,
          right);
      o.print(MemoryEstimate.of(spec, left, right).describe());
      o.flush();
      return 0;
    }
    CsvOptions csv = files.reading.csvOptions(run.strict);
    LinkageResult result;
    try (EngineChoice engine = run.engine(); ProgressLine progress = ProgressLine.open(run.quiet)) {
      result = databases.used()
          ? databases.link(spec, model, run.threads, csv, output.escapeFormulas(), truthPersons)
          : run(spec, files.left, files.right, out, model, run.threads, csv, output.escapeFormulas(), progress,
              saveState == null);
      if (saveState != null) {
        progress.started("save-state", 0, null);
        LinkageState.of(spec, result).save(saveState);
        progress.finished("save-state", "saved the linkage state to " + saveState);
      }
    }
    run.printSummary(cmd.commandLine().getOut(), "link", result, out, System.nanoTime() - t0,
        databases.used() ? null : DedupCommand.PersonOptions.evaluate(result, out, truthPersons));
    return 0;
  }

  /**
   * Prepares the output folder, reads, links, and publishes the outputs as one set, reporting each
   * stage to {@code progress}; shared with {@code demo}. {@code model} may be null (train first).
   * With {@code releaseValues} the raw values are dropped once encoded (the result then has ids
   * only: no linkage state can be saved from it).
   */
  static LinkageResult run(LinkageSpec spec, Path left, Path right, Path out, FellegiSunterModel model,
      Integer threads, CsvOptions csv, boolean escapeFormulas, ProgressListener progress, boolean releaseValues) {
    return run(spec, () -> Inputs.read(spec, left, right, csv, progress), out, model, threads, escapeFormulas,
        progress, releaseValues);
  }

  /** Like the above with inputs read by {@code read} (files or databases) once the folder is prepared. */
  static LinkageResult run(LinkageSpec spec, Supplier<Inputs> read, Path out, FellegiSunterModel model,
      Integer threads, boolean escapeFormulas) {
    return run(spec, read, out, model, threads, escapeFormulas, ProgressListener.NONE, false);
  }

  /** Like the above, reporting each stage to {@code progress}, releasing the raw values if asked. */
  static LinkageResult run(LinkageSpec spec, Supplier<Inputs> read, Path out, FellegiSunterModel model,
      Integer threads, boolean escapeFormulas, ProgressListener progress, boolean releaseValues) {
    try (OutputFolder folder = OutputFolder.prepare(out)) {
      Inputs in = read.get();
      Linker linker = RunOptions.linker(spec, threads, progress);
      if (releaseValues) {
        linker = linker.releasingRawValues();
      }
      LinkageResult result = model == null
          ? linker.link(in.left().table(), in.right().table())
          : linker.link(in.left().table(), in.right().table(), model);
      result.report().warnings().forEach(w -> System.err.println("warning: " + w));
      List<InputSummary> inputs = in.summaries();
      var context = OutputWriterSupport.modelContext(spec, inputs);
      progress.started("write", 0, null);
      OutputWriter.writeInto(folder, result, in.rejections(), inputs, context,
          Map.of("report.html", HtmlReport.render(result, inputs, spec.threshold())), escapeFormulas);
      folder.publish();
      progress.finished("write", "wrote the outputs to " + out);
      return result;
    }
  }

  /** Loading and overriding specs, shared by the commands. */
  static final class Specs {
    private Specs() {}

    static LinkageSpec load(Path specFile, Long seed, Double threshold, String strategy) throws IOException {
      LinkageSpec spec = specFile == null ? LinkageSpec.personDefaults() : LinkageSpec.fromJson(specFile);
      LinkageSpec.Builder b = spec.toBuilder();
      if (seed != null) {
        b.seed(seed);
      }
      if (threshold != null) {
        b.threshold(threshold);
      }
      if (strategy != null) {
        try {
          b.strategy(LinkageSpec.Strategy.valueOf(strategy.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidSpecException("--strategy: unknown strategy '" + strategy
              + "' (expected deterministic, probabilistic or cascade_then_probabilistic)");
        }
      }
      return b.build();
    }
  }
}
