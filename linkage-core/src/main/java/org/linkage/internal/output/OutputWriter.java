package org.linkage.internal.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.linkage.error.OutputException;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.Person;
import org.linkage.internal.output.InputSummary;
import org.linkage.record.ReadResult.Rejection;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.io.OutputFolder;

/**
 * Writes a run's outputs into a folder: {@code links.csv}, {@code unmatched_left.csv},
 * {@code unmatched_right.csv} (not for a deduplication), {@code rejected.csv}, {@code model.json},
 * {@code report.json}, and {@code persons.csv} when the run grouped records into persons.
 *
 * <p>The files are written into an {@link OutputFolder}'s staging folder and published as one set:
 * a reader sees all of the earlier run or all of this one, and a failed write keeps the earlier
 * run. Text cells of the CSV files are guarded against formula injection ({@link CsvOutput}).
 * Numbers are formatted locale-independently, so the same result gives the same bytes.
 */
public final class OutputWriter {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OutputWriter() {}

  /**
   * Writes all outputs of a run into {@code dir} as one set, with CSV formula escaping on.
   *
   * @param extraFiles further files to place (name → content), e.g. {@code report.html}
   * @throws OutputException if the outputs cannot be written; the earlier run stays in place
   */
  public static void write(Path dir, LinkageResult result, List<Rejection> rejections, List<InputSummary> inputs,
      ObjectNode modelContext, Map<String, String> extraFiles) {
    try (OutputFolder folder = OutputFolder.prepare(dir)) {
      writeInto(folder, result, rejections, inputs, modelContext, extraFiles, true);
      folder.publish();
    }
  }

  /**
   * Writes all outputs of a run into {@code folder}'s staging folder; the caller publishes it.
   *
   * @param escapeFormulas whether text cells are guarded against formula injection ({@link CsvOutput})
   * @throws OutputException if a file cannot be written
   */
  public static void writeInto(OutputFolder folder, LinkageResult result, List<Rejection> rejections,
      List<InputSummary> inputs, ObjectNode modelContext, Map<String, String> extraFiles, boolean escapeFormulas) {
    Path tmp = folder.staging();
    try {
      writeLinks(tmp.resolve("links.csv"), result.links(), escapeFormulas);
      writeAmbiguous(tmp.resolve("ambiguous.csv"), result.ambiguous(), escapeFormulas);
      writeIds(tmp.resolve("unmatched_left.csv"), result.unmatchedLeft(), escapeFormulas);
      if (!result.isDeduplication()) {
        writeIds(tmp.resolve("unmatched_right.csv"), result.unmatchedRight(), escapeFormulas);
      }
      if (result.hasPersons()) {
        writePersons(tmp.resolve("persons.csv"), result.persons(), escapeFormulas);
      }
      writeRejections(tmp.resolve("rejected.csv"), rejections, escapeFormulas);
      if (result.model() != null) {
        Files.writeString(tmp.resolve("model.json"), result.model().toJson(modelContext) + "\n");
      }
      Files.writeString(tmp.resolve("report.json"), reportJson(result, inputs) + "\n");
      for (var e : extraFiles.entrySet()) {
        Files.writeString(tmp.resolve(e.getKey()), e.getValue());
      }
    } catch (IOException e) {
      throw new OutputException("cannot write outputs to " + folder.target() + ": " + OutputException.describe(e), e);
    }
  }

  /** {@code links.csv}: one row per link, in the order given. */
  public static void writeLinks(Path file, List<Link> links, boolean escape) throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("left_id", "right_id", "match_probability", "match_weight", "method", "probability_given_competitors");
      for (Link l : links) {
        p.row(l.leftId(), l.rightId(), CsvOutput.number(l.matchProbability(), 6),
            CsvOutput.number(l.matchWeight(), 4), l.method(), CsvOutput.number(l.probabilityGivenCompetitors(), 6));
      }
    }
  }

  /** Pairs held back for clerical review, in decision order (descending weight). */
  static void writeAmbiguous(Path file, List<Link> pairs, boolean escape) throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("left_id", "right_id", "match_probability", "match_weight", "probability_given_competitors");
      for (Link a : pairs) {
        p.row(a.leftId(), a.rightId(), CsvOutput.number(a.matchProbability(), 6),
            CsvOutput.number(a.matchWeight(), 4), CsvOutput.number(a.probabilityGivenCompetitors(), 6));
      }
    }
  }

  /** {@code person_id,side,record_id}: by person, left records before right, each in input order. */
  /** {@code persons.csv}: {@code person_id,side,record_id}, by person, left records before right. */
  public static void writePersons(Path file, List<Person> persons, boolean escape) throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("person_id", "side", "record_id");
      for (Person person : persons) {
        for (String id : person.leftIds()) {
          p.row(person.id(), "left", id);
        }
        for (String id : person.rightIds()) {
          p.row(person.id(), "right", id);
        }
      }
    }
  }

  static void writeIds(Path file, List<String> ids, boolean escape) throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("id");
      for (String id : ids) {
        p.row(id);
      }
    }
  }

  /** {@code rejected.csv}: the rows not read, with file, line and reason. */
  public static void writeRejections(Path file, List<Rejection> rejections, boolean escape) throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("file", "line", "column", "reason");
      for (Rejection r : rejections) {
        p.row(r.file(), r.line(), r.column() == null ? "" : r.column(), r.reason());
      }
    }
  }

  /** The report as JSON: inputs, stage counts, training, warnings, timings. No record values. */
  public static String reportJson(LinkageResult result, List<InputSummary> inputs) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "linkage-report/1");
    root.set("inputs", JSON.valueToTree(inputs));
    var r = result.report();
    ObjectNode records = root.putObject("records");
    records.putObject("left").put("linked", r.linkedLeft()).put("unmatched", r.unmatchedLeft())
        .put("rejected", inputs.isEmpty() ? 0 : inputs.get(0).rejected());
    if (inputs.size() > 1) {
      records.putObject("right").put("linked", r.linkedRight()).put("unmatched", r.unmatchedRight())
          .put("rejected", inputs.get(1).rejected());
    }
    root.set("run", JSON.valueToTree(r));
    if (result.clusteringReport() != null) {
      root.set("persons", JSON.valueToTree(result.clusteringReport()));
    }
    return JSON.writeValueAsString(root);
  }
}
