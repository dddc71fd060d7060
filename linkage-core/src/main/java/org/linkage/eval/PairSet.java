package org.linkage.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.linkage.error.InputException;
import org.linkage.internal.io.CsvOutput;
import org.linkage.error.InvalidSpecException;

/**
 * A set of (left id, right id) pairs: a run's links or the true matches. Immutable once read.
 */
public final class PairSet {
  private final Set<Pair> pairs;

  private PairSet(Set<Pair> pairs) {
    this.pairs = Set.copyOf(pairs);
  }

  /**
   * One pair of ids.
   *
   * @param left left id
   * @param right right id
   */
  public record Pair(String left, String right) {}

  /** A set of the given pairs (copied). */
  public static PairSet of(Set<Pair> pairs) {
    return new PairSet(pairs);
  }

  /**
   * Reads the {@code left_id} and {@code right_id} columns of a CSV file with a header (other
   * columns are ignored), e.g. {@code links.csv} or {@code truth.csv}. Ids escaped against formula
   * injection ({@link CsvOutput#unescape}) are read back as the original ids.
   */
  public static PairSet read(Path file) {
    String name = file.toString(); // the path as given, as the CSV reader names its files
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
      if (!parser.getHeaderMap().containsKey("left_id") || !parser.getHeaderMap().containsKey("right_id")) {
        throw new InvalidSpecException(name + ": expected columns left_id and right_id");
      }
      Set<Pair> out = new HashSet<>();
      for (CSVRecord r : parser) {
        out.add(new Pair(CsvOutput.unescape(r.get("left_id")), CsvOutput.unescape(r.get("right_id"))));
      }
      return new PairSet(out);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": file not found");
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InputException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Number of pairs. */
  public int size() {
    return pairs.size();
  }

  /** Whether the pair ({@code left}, {@code right}) is in the set. */
  public boolean contains(String left, String right) {
    return pairs.contains(new Pair(left, right));
  }

  /** The pairs, unmodifiable. */
  public Set<Pair> pairs() {
    return pairs;
  }
}
