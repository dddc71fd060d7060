package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.Explanation;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.model.FellegiSunterModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage explain}: the match-weight waterfall of one named pair. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Print the prior, each comparison's level and weight, and the match probability of one pair.")
final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Mixin
  InputFiles files;

  @Option(names = "--left-id", required = true, description = "Id of the left record.")
  String leftId;

  @Option(names = "--right-id", required = true, description = "Id of the right record.")
  String rightId;

  @Option(names = "--model", description = "model.json to score with (default: train on the two files first).")
  Path modelFile;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    LinkageSpec spec = LinkCommand.Specs.load(files.specFile, null, null, null);
    FellegiSunterModel model = modelFile == null ? null : FellegiSunterModel.read(modelFile);
    if (model != null) { // before the inputs are read
      model.checkFits(spec);
    }
    LinkageResult result;
    try (ProgressLine progress = ProgressLine.open(quiet)) { // explaining one pair links both files first
      Inputs in = Inputs.read(spec, files.left, files.right, files.reading.csvOptions(false), progress);
      if (in.left().table().rowOf(leftId) < 0 || in.right().table().rowOf(rightId) < 0) {
        throw new org.linkage.error.InvalidSpecException("no record with that id in "
            + (in.left().table().rowOf(leftId) < 0 ? in.left().table().source() : in.right().table().source()));
      }
      Linker linker = Linker.create(spec).withProgress(progress);
      result = model == null
          ? linker.link(in.left().table(), in.right().table())
          : linker.link(in.left().table(), in.right().table(), model);
    }
    Explanation e = result.explain(leftId, rightId);
    command.commandLine().getOut().print(e.toText());
    boolean linked = result.links().stream().anyMatch(l -> l.leftId().equals(leftId) && l.rightId().equals(rightId));
    command.commandLine().getOut().println(linked ? "linked in this run" : "not linked in this run");
    return 0;
  }
}
