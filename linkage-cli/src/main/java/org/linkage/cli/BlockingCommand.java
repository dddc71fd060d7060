package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.BlockingAnalysis;
import org.linkage.internal.report.MemoryEstimate;
import org.linkage.eval.PairSet;
import org.linkage.internal.normalize.EncodedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage blocking}: what the blocking rules would do, counted without comparing. */
@Command(name = "blocking", mixinStandardHelpOptions = true,
    description = "Count candidate pairs per blocking rule and cumulatively, with reduction ratio and, given "
        + "--truth, pair completeness (share of true pairs that reach comparison). Compares nothing.")
final class BlockingCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Mixin
  InputFiles files;

  @Option(names = "--truth", description = "True matches, columns left_id,right_id.")
  Path truth;

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    LinkageSpec spec = LinkCommand.Specs.load(files.specFile, null, null, null);
    long t0 = System.nanoTime();
    Inputs in = Inputs.read(spec, files.left, files.right, files.reading.csvOptions(false));
    EncodedData data = EncodedData.encode(in.left().table(), in.right().table());
    long t1 = System.nanoTime();
    Blocker blocker = Blocker.build(spec, data);
    long t2 = System.nanoTime();
    blocker.oversizeWarnings().forEach(w -> System.err.println("warning: " + w));
    BlockingAnalysis.TruthRows truthRows = null;
    if (truth != null) {
      List<String> li = new ArrayList<>();
      List<String> ri = new ArrayList<>();
      for (PairSet.Pair p : PairSet.read(truth).pairs()) {
        li.add(p.left());
        ri.add(p.right());
      }
      truthRows = BlockingAnalysis.TruthRows.fromIds(data, li, ri);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    BlockingAnalysis analysis;
    try {
      analysis = BlockingAnalysis.of(blocker, truthRows, pool);
    } finally {
      pool.shutdown();
    }
    long t3 = System.nanoTime();
    System.err.printf("read+normalise %d ms, index %d ms, count %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000);
    command.commandLine().getOut().print(analysis.toTable());
    command.commandLine().getOut().print("memory a link run of these records would need, by component:\n"
        + MemoryEstimate.of(spec, data.leftSize(), data.rightSize()).describe());
    command.commandLine().getOut().flush();
    return 0;
  }
}
