package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.linkage.InputException;
import org.linkage.LinkageSpec;
import org.linkage.eval.PairSet;
import org.linkage.io.CsvOptions;
import org.linkage.io.CsvTableReader;
import org.linkage.io.ReadResult;
import org.linkage.record.RecordTable;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * One data set the harness links: two tables read with the spec's columns, the spec itself and the
 * true pairs. Immutable.
 *
 * @param name the name shown in the table, e.g. {@code generated 100,000} or {@code FEBRL4}
 * @param spec the spec every strategy starts from
 * @param left the left table
 * @param right the right table
 * @param truth the true (left id, right id) pairs
 * @param rejectedRows rows the CSV reader rejected on both sides (they cannot be linked)
 */
public record BenchDataset(String name, LinkageSpec spec, RecordTable left, RecordTable right, PairSet truth,
    long rejectedRows) {

  public BenchDataset {
    requireNonNull(name, "name");
    requireNonNull(spec, "spec");
    requireNonNull(left, "left");
    requireNonNull(right, "right");
    requireNonNull(truth, "truth");
  }

  /**
   * Generates {@code learners} learners with the default generator settings and {@code seed} into a
   * temporary folder under {@code workDir}, reads them with the person profile and deletes the
   * files.
   */
  public static BenchDataset generated(int learners, long seed, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path dir = Files.createTempDirectory(workDir, "generated-" + learners + "-");
      try {
        PopulationGenerator.create(GeneratorSpec.builder().learners(learners).seed(seed).build()).writeTo(dir);
        return read(String.format(java.util.Locale.ROOT, "generated %,d", learners), LinkageSpec.personDefaults(),
            dir.resolve("education.csv"), dir.resolve("labour.csv"), dir.resolve("truth.csv"));
      } finally {
        deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** FEBRL4 from {@code dir} ({@code dataset4a.csv} left, {@code dataset4b.csv} right, {@code truth.csv}). */
  public static BenchDataset febrl4(Path dir, Path specFile) {
    LinkageSpec spec;
    try {
      spec = LinkageSpec.fromJson(specFile);
    } catch (IOException e) {
      throw new InputException(specFile.getFileName() + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    return read("FEBRL4", spec, dir.resolve("dataset4a.csv"), dir.resolve("dataset4b.csv"), dir.resolve("truth.csv"));
  }

  private static BenchDataset read(String name, LinkageSpec spec, Path left, Path right, Path truth) {
    CsvTableReader reader = CsvTableReader.create(spec.idColumn(), spec.columns(), CsvOptions.defaults());
    ReadResult l = reader.read(left);
    ReadResult r = reader.read(right);
    return new BenchDataset(name, spec, l.table(), r.table(), PairSet.read(truth),
        l.rejections().size() + r.rejections().size());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
