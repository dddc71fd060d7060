package org.linkage.cli;

import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.record.CsvOptions;
import org.linkage.io.LinkSink;
import org.linkage.internal.output.OutputWriter;
import org.linkage.io.RecordSource;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.report.HtmlReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * JDBC inputs and outputs of {@code link}: {@code --left}/{@code --right} may be a JDBC URL read
 * with {@code --left-query}/{@code --left-table} (and the right-hand pair), and {@code --out} a
 * JDBC URL that receives the tables {@code links}, {@code unmatched_left}, {@code unmatched_right},
 * {@code rejected}, {@code persons} and {@code report}; the report files then go to
 * {@code --report-dir}.
 */
final class DatabaseOptions {
  private static final String JDBC = "jdbc:";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--left-query", description = "With a JDBC URL as --left: the SQL query giving the left records.")
  String leftQuery;

  @Option(names = "--left-table", description = "With a JDBC URL as --left: the table holding the left records.")
  String leftTable;

  @Option(names = "--right-query", description = "With a JDBC URL as --right: the SQL query giving the right records.")
  String rightQuery;

  @Option(names = "--right-table", description = "With a JDBC URL as --right: the table holding the right records.")
  String rightTable;

  @Option(names = "--out-prefix", description = "With a JDBC URL as --out: prefix of the output table names "
      + "(letters, digits, _; optionally schema.).")
  String outPrefix;

  @Option(names = "--report-dir", description = "With a JDBC URL as --out: folder for model.json, report.json and "
      + "report.html.")
  Path reportDir;

  /**
   * The option's value as typed: a JDBC URL must not go through {@link Path}, which folds the
   * {@code //} of {@code jdbc:postgresql://host/db}.
   */
  private String raw(String option) {
    var matched = command.commandLine().getParseResult().matchedOption(option);
    return matched == null ? null : matched.stringValues().get(0);
  }

  private static boolean isJdbc(String location) {
    return location != null && location.startsWith(JDBC);
  }

  /** True if this run reads or writes a database, or names a database option. */
  boolean used() {
    return isJdbc(raw("--left")) || isJdbc(raw("--right")) || isJdbc(raw("--out")) || leftQuery != null
        || leftTable != null || rightQuery != null || rightTable != null || outPrefix != null || reportDir != null;
  }

  /**
   * Reads (from files or databases), links, and writes to a database or a folder. {@code model}
   * may be null (train first).
   */
  LinkageResult link(LinkageSpec spec, FellegiSunterModel model, Integer threads, CsvOptions csv,
      boolean escapeFormulas, Path truthPersons) {
    String out = raw("--out");
    if (!isJdbc(out) && (outPrefix != null || reportDir != null)) {
      throw new InvalidSpecException("--out-prefix and --report-dir need a JDBC URL as --out");
    }
    if (isJdbc(out) && truthPersons != null) {
      throw new InvalidSpecException("--truth-persons reads persons.csv and needs a folder as --out");
    }
    RecordSource left = source("left", raw("--left"), leftQuery, leftTable);
    RecordSource right = source("right", raw("--right"), rightQuery, rightTable);
    if (!isJdbc(out)) {
      return LinkCommand.run(spec, () -> read(spec, left, right, csv), Path.of(out), model, threads, escapeFormulas);
    }
    var sink = LinkSink.jdbc(out, outPrefix == null ? "" : outPrefix);
    Inputs in = read(spec, left, right, csv);
    Linker linker = RunOptions.linker(spec, threads);
    LinkageResult result = model == null
        ? linker.link(in.left().table(), in.right().table())
        : linker.link(in.left().table(), in.right().table(), model);
    result.report().warnings().forEach(w -> System.err.println("warning: " + w));
    var inputs = in.summaries();
    LinkSink.write(sink, result, List.of(in.left(), in.right()));
    if (reportDir != null) {
      writeReports(spec, result, inputs);
    }
    return result;
  }

  private static Inputs read(LinkageSpec spec, RecordSource left, RecordSource right, CsvOptions csv) {
    return new Inputs(Inputs.readOne(spec, left, csv), Inputs.readOne(spec, right, csv));
  }

  private void writeReports(LinkageSpec spec, LinkageResult result, java.util.List<org.linkage.internal.output.InputSummary> inputs) {
    try {
      Files.createDirectories(reportDir);
      if (result.model() != null) {
        Files.writeString(reportDir.resolve("model.json"),
            result.model().toJson(OutputWriterSupport.modelContext(spec, inputs)) + "\n");
      }
      Files.writeString(reportDir.resolve("report.json"), OutputWriter.reportJson(result, inputs) + "\n");
      Files.writeString(reportDir.resolve("report.html"), HtmlReport.render(result, inputs, spec.threshold()));
    } catch (IOException e) {
      throw new OutputException("cannot write the report files to " + reportDir + ": " + OutputException.describe(e), e);
    }
  }

  /** A CSV file, or a JDBC URL with exactly one of its query and table. */
  private static RecordSource source(String side, String location, String query, String table) {
    if (!isJdbc(location)) {
      if (query != null || table != null) {
        throw new InvalidSpecException("--" + side + "-query and --" + side + "-table need a JDBC URL as --" + side);
      }
      return RecordSource.csv(Path.of(location));
    }
    if ((query == null) == (table == null)) {
      throw new InvalidSpecException("--" + side + " is a JDBC URL: give exactly one of --" + side + "-query and --"
          + side + "-table");
    }
    if (query != null) {
      RecordSource s = RecordSource.jdbc(location, query);
      return s.named(s.name().replaceFirst(" query$", " " + side + " query"));
    }
    try {
      return RecordSource.jdbcTable(location, table);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException("--" + side + "-table: " + e.getMessage());
    }
  }
}
