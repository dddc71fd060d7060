package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.linkage.LinkageSpec;
import org.linkage.Linker;
import picocli.CommandLine.Option;

/** The run settings {@code link} and {@code dedup} share: overrides of the spec, threads, strict reading. */
final class RunOptions {
  @Option(names = "--threads", converter = ThreadCount.class, description = "Worker threads, at least 1 (default: all processors).")
  Integer threads;

  @Option(names = "--seed", description = "Seed for random sampling (default: the spec's).")
  Long seed;

  @Option(names = "--threshold", description = "Match probability threshold (default: the spec's).")
  Double threshold;

  @Option(names = "--strategy", description = "deterministic, probabilistic or cascade_then_probabilistic (default: the spec's).")
  String strategy;

  @Option(names = "--strict", description = "Stop at the first bad row (exit 3) instead of rejecting it.")
  boolean strict;

  /** The spec file (or the person profile) with these overrides applied. */
  LinkageSpec spec(Path specFile) throws IOException {
    return LinkCommand.Specs.load(specFile, seed, threshold, strategy);
  }

  /** A linker for {@code spec} reporting progress on stderr, on the requested threads. */
  static Linker linker(LinkageSpec spec, Integer threads) {
    Linker linker = Linker.create(spec).withProgress(System.err::println);
    return threads == null ? linker : linker.withThreads(threads);
  }
}
