package org.linkage.internal.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.linkage.error.InputException;
import org.linkage.internal.io.CsvOutput;
import org.linkage.error.InvalidSpecException;

/**
 * Person-level quality: over all <em>pairs of records placed in the same person</em> (records of
 * either side, identified by side and id), precision = pairs in the same predicted and true person
 * / pairs in the same predicted person, recall = the same / pairs in the same true person. A record
 * missing from one of the two files (e.g. rejected while reading) counts as alone there.
 *
 * <p>Counts come from the contingency table of predicted × true persons, so the cost is linear in
 * records, not in pairs. Immutable.
 *
 * @param truePositivePairs pairs together in both
 * @param predictedPairs pairs together in the prediction
 * @param truePairs pairs together in the truth
 */
public record PersonEvaluation(long truePositivePairs, long predictedPairs, long truePairs) {

  /**
   * Compares two assignments of records to persons.
   *
   * @param predicted record key (e.g. {@code left:E0000017}) → person id
   * @param truth record key → person id
   */
  public static PersonEvaluation of(Map<String, String> predicted, Map<String, String> truth) {
    Map<String, Long> predictedSizes = new HashMap<>();
    predicted.values().forEach(p -> predictedSizes.merge(p, 1L, Long::sum));
    Map<String, Long> trueSizes = new HashMap<>();
    truth.values().forEach(p -> trueSizes.merge(p, 1L, Long::sum));
    Map<String, Long> both = new HashMap<>();
    for (Map.Entry<String, String> e : predicted.entrySet()) {
      String t = truth.get(e.getKey());
      if (t != null) {
        both.merge(e.getValue() + '\u0000' + t, 1L, Long::sum);
      }
    }
    return new PersonEvaluation(pairs(both), pairs(predictedSizes), pairs(trueSizes));
  }

  /** Reads two {@code person_id,side,record_id} files (e.g. {@code persons.csv}, {@code truth_persons.csv}) and compares them. */
  public static PersonEvaluation of(Path predicted, Path truth) {
    return of(read(predicted), read(truth));
  }

  /** Record key ({@code side:record_id}) → person id, from a {@code person_id,side,record_id} file. */
  public static Map<String, String> read(Path file) {
    String name = file.toString(); // the path as given, as the CSV reader names its files
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
      for (String col : new String[] {"person_id", "side", "record_id"}) {
        if (!parser.getHeaderMap().containsKey(col)) {
          throw new InvalidSpecException(name + ": expected columns person_id, side and record_id");
        }
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (CSVRecord r : parser) {
        String key = r.get("side") + ':' + CsvOutput.unescape(r.get("record_id"));
        if (out.put(key, CsvOutput.unescape(r.get("person_id"))) != null) {
          throw new InputException(name + " line " + parser.getCurrentLineNumber() + ": record listed twice");
        }
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": file not found");
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InputException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static long pairs(Map<String, Long> sizes) {
    long n = 0;
    for (long s : sizes.values()) {
      n += s * (s - 1) / 2;
    }
    return n;
  }

  /** Correct within-person record pairs over predicted ones; 1 when none were predicted. */
  public double precision() {
    return predictedPairs == 0 ? 1.0 : (double) truePositivePairs / predictedPairs;
  }

  /** Correct within-person record pairs over true ones; 1 when there are none. */
  public double recall() {
    return truePairs == 0 ? 1.0 : (double) truePositivePairs / truePairs;
  }

  /** Harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** {@code person pairs: precision 0.9981  recall 0.9874  F1 0.9927  (TP …, predicted …, true …)}. */
  public String summary() {
    return String.format(Locale.ROOT,
        "person pairs: precision %.4f  recall %.4f  F1 %.4f  (together in both %d, predicted %d, true %d)",
        precision(), recall(), f1(), truePositivePairs, predictedPairs, truePairs);
  }
}
