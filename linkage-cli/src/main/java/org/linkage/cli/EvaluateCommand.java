package org.linkage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage evaluate}: precision, recall and F1 of links against the truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compare links.csv with a truth file (left_id,right_id) and print precision, recall and F1.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--links", required = true, description = "links.csv of a run.")
  Path links;

  @Option(names = "--truth", required = true, description = "True matches, columns left_id,right_id.")
  Path truth;

  @Override
  public Integer call() {
    Evaluation e = Evaluation.of(PairSet.read(links), PairSet.read(truth));
    spec.commandLine().getOut().println(e.summary());
    return 0;
  }
}
