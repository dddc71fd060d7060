package org.linkage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.eval.ClericalReview;
import org.linkage.internal.eval.EmpiricalParameters;
import org.linkage.internal.eval.ErrorPatterns;
import org.linkage.eval.Evaluation;
import org.linkage.internal.eval.EvaluationFiles;
import org.linkage.internal.eval.PairScorer;
import org.linkage.eval.PairSet;
import org.linkage.internal.eval.ScoredLink;
import org.linkage.internal.eval.ThresholdSweep;
import org.linkage.record.CsvOptions;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.internal.io.OutputFolder;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code linkage evaluate}: precision, recall and F1 of links against the truth; with {@code --out},
 * the threshold sweep, the precision–recall curve, a clerical-review sample and — given the input
 * files — false positives and negatives grouped by agreement pattern.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Compare links.csv with a truth file (left_id,right_id) and print precision, recall and F1.",
        "With --model, --left and --right, also print the model's m and u beside the empirical m and u measured "
            + "on the true pairs and on random non-matching pairs.",
        "With --out DIR, also write threshold_sweep.csv, pr_curve.csv and clerical_review.csv; with --left and "
            + "--right (the run's input files) also errors_by_pattern.csv. See docs/evaluation.md."})
final class EvaluateCommand implements Callable<Integer> {
  /** The files {@code --out} may hold: what this command writes. */
  static final Set<String> FILES = Set.of("threshold_sweep.csv", "pr_curve.csv", "errors_by_pattern.csv",
      "clerical_review.csv");

  @Spec
  CommandSpec spec;

  @Option(names = "--links", description = "links.csv of a run (optional with --model, --left and --right).")
  Path links;

  @Option(names = "--truth", required = true, description = "True matches, columns left_id,right_id.")
  Path truth;

  @Option(names = "--out", description = "Folder for the evaluation files.")
  Path out;

  @Option(names = "--left", description = "The run's left input file (for agreement patterns of errors).")
  Path left;

  @Option(names = "--right", description = "The run's right input file.")
  Path right;

  @Option(names = "--spec", description = "The run's spec (default: the one in model.json, or the person profile).")
  Path specFile;

  @Option(names = "--model", description = "The run's model.json (default: model.json beside --links).")
  Path modelFile;

  @Option(names = "--review-size", defaultValue = "100",
      description = "Pairs in clerical_review.csv (default ${DEFAULT-VALUE}).")
  int reviewSize;

  @Override
  public Integer call() throws IOException {
    if ((left == null) != (right == null)) {
      throw new InvalidSpecException("--left and --right go together");
    }
    if (reviewSize < 0) {
      throw new InvalidSpecException("--review-size must not be negative: " + reviewSize);
    }
    if (links == null && (modelFile == null || left == null)) {
      throw new InvalidSpecException("give --links, or --model with --left and --right (or both)");
    }
    if (modelFile != null && left != null) {
      printEmpiricalParameters();
    }
    if (links == null) {
      return 0;
    }
    if (out == null) {
      summary();
      return 0;
    }
    try (OutputFolder folder = OutputFolder.prepare(out, FILES)) { // checked before anything is read
      writeFiles(summary(), folder.staging());
      folder.publish();
    }
    System.err.println("wrote evaluation files to " + out);
    return 0;
  }

  private record Read(List<ScoredLink> scored, PairSet truth) {}

  /** Reads the links and the truth, prints the summary. */
  private Read summary() {
    List<ScoredLink> scored = ScoredLink.read(links);
    PairSet linkSet = PairSet.of(scored.stream().map(ScoredLink::pair).collect(java.util.stream.Collectors.toSet()));
    PairSet truthSet = PairSet.read(truth);
    spec.commandLine().getOut().println(Evaluation.of(linkSet, truthSet).summary());
    return new Read(scored, truthSet);
  }

  private void writeFiles(Read read, Path dir) throws IOException {
    List<ScoredLink> scored = read.scored();
    PairSet truthSet = read.truth();
    ThresholdSweep sweep = ThresholdSweep.of(scored, truthSet);
    EvaluationFiles.writeSweep(dir.resolve("threshold_sweep.csv"), sweep.grid());
    EvaluationFiles.writeCurve(dir.resolve("pr_curve.csv"), sweep.curve());
    PairScorer scorer = null;
    if (left != null) {
      Path modelPath = modelFile != null ? modelFile : links.toAbsolutePath().resolveSibling("model.json");
      if (!Files.exists(modelPath)) {
        throw new InvalidSpecException(modelPath.getFileName() + ": not found; give the run's model with --model");
      }
      RunInputs run = readRun(modelPath);
      scorer = PairScorer.create(run.spec(), run.model(), run.left(), run.right());
      EvaluationFiles.writeErrors(dir.resolve("errors_by_pattern.csv"),
          ErrorPatterns.of(scored, truthSet, scorer, run.spec().threshold()));
    } else {
      System.err.println("note: errors_by_pattern.csv needs the run's input files: add --left and --right");
    }
    EvaluationFiles.writeReview(dir.resolve("clerical_review.csv"), ClericalReview.sample(scored, reviewSize), scorer);
  }

  /** A run's model and spec, checked against each other, and its two input files read under that spec. */
  private record RunInputs(FellegiSunterModel model, LinkageSpec spec, RecordTable left, RecordTable right) {}

  private RunInputs readRun(Path modelPath) throws IOException {
    FellegiSunterModel model = FellegiSunterModel.read(modelPath);
    LinkageSpec runSpec = runSpec(modelPath);
    model.checkFits(runSpec); // before the inputs are read
    CsvTableReader reader = CsvTableReader.create(runSpec.idColumn(), runSpec.columns(), CsvOptions.defaults());
    return new RunInputs(model, runSpec, reader.read(left).table(), reader.read(right).table());
  }

  /** The model's m and u beside those measured on the truth (true pairs, and random non-matching pairs). */
  private void printEmpiricalParameters() throws IOException {
    RunInputs run = readRun(modelFile);
    LinkageSpec runSpec = run.spec();
    EmpiricalParameters e = EmpiricalParameters.measure(runSpec, run.model(), run.left(), run.right(),
        PairSet.read(truth), 1_000_000, runSpec.seed());
    spec.commandLine().getOut().print(e.toTable());
    spec.commandLine().getOut().printf(java.util.Locale.ROOT,
        "largest m gap over levels with empirical m >= 0.01: %.4f%n", e.largestMGap(0.01));
  }

  /** --spec, else the spec stored in model.json by link, else the person profile. */
  private LinkageSpec runSpec(Path modelPath) throws IOException {
    if (specFile != null) {
      return LinkageSpec.fromJson(specFile);
    }
    JsonNode stored = new ObjectMapper().readTree(Files.readString(modelPath)).path("trainedOn").path("spec");
    return stored.isObject() ? LinkageSpec.fromJson(stored.toString()) : LinkageSpec.personDefaults();
  }
}
