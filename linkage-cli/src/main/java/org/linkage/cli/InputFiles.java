package org.linkage.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every two-file command shares: the left and right CSV files, how to read them, the spec. */
final class InputFiles {
  @Option(names = "--left", required = true, description = "Left CSV file (e.g. education records).")
  Path left;

  @Option(names = "--right", required = true, description = "Right CSV file (e.g. labour-market records).")
  Path right;

  @Option(names = "--spec", description = "Spec JSON file (default: the person profile).")
  Path specFile;

  @Mixin
  CsvReadOptions reading;
}
