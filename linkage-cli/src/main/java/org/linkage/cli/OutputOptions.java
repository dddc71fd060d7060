package org.linkage.cli;

import picocli.CommandLine.Option;

/** How a run's outputs are written: the options {@code link} and {@code dedup} share. */
final class OutputOptions {
  @Option(names = "--no-csv-escape",
      description = "Write ids exactly as read. By default a CSV cell starting with = + - @ ' tab or carriage return "
          + "gets a ' in front, so a spreadsheet shows it as text instead of running it as a formula.")
  boolean noCsvEscape;

  boolean escapeFormulas() {
    return !noCsvEscape;
  }
}
