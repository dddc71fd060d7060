package org.linkage.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.linkage.InputException;
import org.linkage.AmbiguousPair;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.cluster.Person;
import org.linkage.model.ModelJson;

/**
 * Writes a run's outputs into a folder: {@code links.csv}, {@code unmatched_left.csv},
 * {@code unmatched_right.csv} (not for a deduplication), {@code rejected.csv}, {@code model.json},
 * {@code report.json}, and {@code persons.csv} when the run grouped records into persons.
 *
 * <p>Everything is first written to a temporary folder beside the target and then moved into
 * place, {@code links.csv} last: a crash never leaves a half-written {@code links.csv} that looks
 * complete. Numbers are formatted locale-independently, so the same result gives the same bytes.
 */
public final class OutputWriter {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private OutputWriter() {}

  /**
   * Writes all outputs of a run.
   *
   * @param extraFiles further files to place (name → content), e.g. {@code report.html}
   */
  public static void write(Path dir, LinkageResult result, List<Rejection> rejections, List<InputSummary> inputs,
      ObjectNode modelContext, java.util.Map<String, String> extraFiles) {
    Path parent = dir.toAbsolutePath().getParent();
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new InputException("cannot create output folder " + dir + ": " + e.getClass().getSimpleName(), e);
    }
    try {
      writeLinks(tmp.resolve("links.csv"), result.links());
      writeAmbiguous(tmp.resolve("ambiguous.csv"), result.ambiguous());
      writeIds(tmp.resolve("unmatched_left.csv"), result.unmatchedLeft());
      if (!result.isDeduplication()) {
        writeIds(tmp.resolve("unmatched_right.csv"), result.unmatchedRight());
      }
      if (result.hasPersons()) {
        writePersons(tmp.resolve("persons.csv"), result.persons());
      }
      writeRejections(tmp.resolve("rejected.csv"), rejections);
      if (result.model() != null) {
        Files.writeString(tmp.resolve("model.json"), ModelJson.write(result.model(), modelContext) + "\n");
      }
      Files.writeString(tmp.resolve("report.json"), reportJson(result, inputs) + "\n");
      for (var e : extraFiles.entrySet()) {
        Files.writeString(tmp.resolve(e.getKey()), e.getValue());
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(tmp)) {
        files = new ArrayList<>(s.sorted().toList());
      }
      Path links = tmp.resolve("links.csv");
      files.remove(links);
      files.add(links);
      for (Path f : files) {
        move(f, dir.resolve(f.getFileName().toString()));
      }
      Files.delete(tmp);
    } catch (IOException e) {
      throw new InputException("cannot write outputs to " + dir + ": " + e.getClass().getSimpleName(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (!Files.exists(tmp)) {
      return;
    }
    try (Stream<Path> s = Files.walk(tmp)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a leftover temporary folder is harmless and clearly named
    }
  }

  /** Formats a probability or weight the same way everywhere (empty for NaN). */
  public static String number(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static void writeLinks(Path file, List<Link> links) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      p.printRecord("left_id", "right_id", "match_probability", "match_weight", "method", "probability_given_competitors");
      for (Link l : links) {
        p.printRecord(l.leftId(), l.rightId(), number(l.matchProbability(), 6), number(l.matchWeight(), 4), l.method(),
            number(l.probabilityGivenCompetitors(), 6));
      }
    }
  }

  /** Pairs held back for clerical review, in decision order (descending weight). */
  static void writeAmbiguous(Path file, List<AmbiguousPair> pairs) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      p.printRecord("left_id", "right_id", "match_probability", "match_weight", "probability_given_competitors");
      for (AmbiguousPair a : pairs) {
        p.printRecord(a.leftId(), a.rightId(), number(a.matchProbability(), 6), number(a.matchWeight(), 4),
            number(a.probabilityGivenCompetitors(), 6));
      }
    }
  }

  /** {@code person_id,side,record_id}: by person, left records before right, each in input order. */
  static void writePersons(Path file, List<Person> persons) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      p.printRecord("person_id", "side", "record_id");
      for (Person person : persons) {
        for (String id : person.leftIds()) {
          p.printRecord(person.id(), "left", id);
        }
        for (String id : person.rightIds()) {
          p.printRecord(person.id(), "right", id);
        }
      }
    }
  }

  static void writeIds(Path file, List<String> ids) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      p.printRecord("id");
      for (String id : ids) {
        p.printRecord(id);
      }
    }
  }

  static void writeRejections(Path file, List<Rejection> rejections) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSV)) {
      p.printRecord("file", "line", "column", "reason");
      for (Rejection r : rejections) {
        p.printRecord(r.file(), r.line(), r.column() == null ? "" : r.column(), r.reason());
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
