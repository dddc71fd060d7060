package org.linkage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.progress.ProgressListener;
import org.linkage.internal.eval.PersonEvaluation;
import picocli.CommandLine.Option;

/** The run settings {@code link} and {@code dedup} share: overrides of the spec, threads, strict reading, output. */
final class RunOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--engine", description = "local (default: this process's threads) or spark (the passes over the "
      + "candidate pairs on Apache Spark; same outputs; needs linkage-spark and Spark on the classpath, see docs/spark.md).")
  String engine;

  @Option(names = "--master", description = "Spark master for --engine spark, e.g. local[2] or spark://host:7077 "
      + "(default: local[*], or the one spark-submit sets).")
  String master;

  @Option(names = "--seed", description = "Seed for random sampling (default: the spec's).")
  Long seed;

  @Option(names = "--threshold", description = "Match probability threshold (default: the spec's).")
  Double threshold;

  @Option(names = "--strategy", description = "deterministic, probabilistic or cascade_then_probabilistic (default: the spec's).")
  String strategy;

  @Option(names = "--strict", description = "Stop at the first bad row (exit 3) instead of rejecting it.")
  boolean strict;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Option(names = "--json", description = "Print the summary of the run on stdout as one JSON object.")
  boolean json;

  /** The engine of {@code --engine} for this run, released when closed (checked before any input is read). */
  EngineChoice engine() {
    return EngineChoice.open(engine, master);
  }

  /** The spec file (or the person profile) with these overrides applied. */
  LinkageSpec spec(Path specFile) throws IOException {
    return LinkCommand.Specs.load(specFile, seed, threshold, strategy);
  }

  /** A linker for {@code spec} reporting no progress, on the requested threads. */
  static Linker linker(LinkageSpec spec, Integer threads) {
    return linker(spec, threads, ProgressListener.NONE);
  }

  /** A linker for {@code spec} reporting to {@code progress}, on the requested threads. */
  static Linker linker(LinkageSpec spec, Integer threads, ProgressListener progress) {
    Linker linker = EngineChoice.apply(Linker.create(spec).withProgress(progress));
    return threads == null ? linker : linker.withThreads(threads);
  }

  /**
   * Prints the summary of a finished run on {@code out}: one line, or with {@code --json} one JSON
   * object with the same figures (counts only, no record values).
   *
   * @param persons person-level quality against {@code --truth-persons}, or {@code null}
   */
  void printSummary(PrintWriter out, String command, LinkageResult result, Path outDir, long nanos,
      PersonEvaluation persons) {
    var report = result.report();
    if (json) {
      ObjectNode n = JSON.createObjectNode();
      n.put("command", command);
      n.put("leftRecords", report.leftRecords());
      n.put("rightRecords", report.rightRecords());
      n.put("candidatePairs", report.candidatePairs());
      n.put("links", result.links().size());
      n.set("linksByMethod", JSON.valueToTree(report.linksByMethod()));
      n.put("unmatchedLeft", report.unmatchedLeft());
      n.put("unmatchedRight", report.unmatchedRight());
      if (result.hasPersons()) {
        n.put("persons", result.clusteringReport().persons());
        n.put("personsWithSeveralRecords", result.clusteringReport().personsWithSeveralRecords());
      }
      if (persons != null) {
        ObjectNode q = n.putObject("personQuality");
        q.put("precision", persons.precision());
        q.put("recall", persons.recall());
        q.put("f1", persons.f1());
      }
      n.put("warnings", report.warnings().size());
      n.put("out", outDir.toString());
      n.put("seconds", Math.round(nanos / 1e7) / 100.0);
      out.println(n.toString());
    } else {
      boolean dedup = result.isDeduplication();
      out.println(String.format(Locale.ROOT, "%s %d records: %d %s %s; %s; %s%.1f s; outputs in %s",
          dedup ? "deduplicated" : "linked", report.leftRecords() + report.rightRecords(), result.links().size(),
          dedup ? "duplicate links" : "links", report.linksByMethod(),
          dedup ? "alone in their person " + report.unmatchedLeft()
              : "unmatched left " + report.unmatchedLeft() + ", right " + report.unmatchedRight(),
          report.warnings().isEmpty() ? "" : report.warnings().size() + " warning(s) on stderr; ", nanos / 1e9, outDir));
      if (result.hasPersons()) {
        var r = result.clusteringReport();
        out.println("persons: " + r.persons() + " (" + r.personsWithSeveralRecords() + " with several records, "
            + r.droppedLinks() + " link(s) dropped by constraints)");
      }
      if (persons != null) {
        out.println(persons.summary());
      }
    }
    out.flush();
  }
}
