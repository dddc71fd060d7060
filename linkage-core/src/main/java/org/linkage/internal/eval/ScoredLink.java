package org.linkage.internal.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.linkage.error.InputException;
import org.linkage.internal.io.CsvOutput;
import org.linkage.error.InvalidSpecException;
import org.linkage.eval.PairSet;

/**
 * One row of a run's {@code links.csv}: the pair, the model's probability and weight (NaN when the
 * run had no model) and the method that made the link. Immutable.
 *
 * @param left left id
 * @param right right id
 * @param probability match probability, NaN if empty
 * @param weight match weight, NaN if empty
 * @param method deterministic pass name or {@code probabilistic}
 */
public record ScoredLink(String left, String right, double probability, double weight, String method) {

  /** The pair of ids. */
  public PairSet.Pair pair() {
    return new PairSet.Pair(left, right);
  }

  /** Reads {@code links.csv} (header {@code left_id,right_id,match_probability,match_weight,method}), in file order. */
  public static List<ScoredLink> read(Path file) {
    String name = file.toString(); // the path as given, as the CSV reader names its files
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
      for (String col : List.of("left_id", "right_id", "match_probability", "match_weight", "method")) {
        if (!parser.getHeaderMap().containsKey(col)) {
          throw new InvalidSpecException(name + ": expected a links file with column " + col);
        }
      }
      List<ScoredLink> out = new ArrayList<>();
      for (CSVRecord r : parser) {
        out.add(new ScoredLink(CsvOutput.unescape(r.get("left_id")), CsvOutput.unescape(r.get("right_id")), number(r.get("match_probability"), name, r),
            number(r.get("match_weight"), name, r), r.get("method")));
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": file not found");
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InputException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static double number(String s, String file, CSVRecord r) {
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputException(file + " line " + (r.getRecordNumber() + 1) + ": not a number");
    }
  }
}
