package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.linkage.spec.LinkageSpec;
import org.linkage.record.CsvOptions;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.record.ReadResult;
import org.linkage.record.RecordTable;

/**
 * Where one side of a benchmark data set comes from: given a strategy's spec, it returns the records
 * with that spec's id column and columns. Each strategy may read its own columns, so the harness
 * asks once per distinct column set. A database or other record source fits behind the same
 * method.
 *
 * <p>Implementations must return the same records for the same spec every time (results are
 * reproducible only then) and may be called from one thread at a time.
 */
@FunctionalInterface
public interface TableSource {

  /**
   * The records as {@code spec} reads them: accepted records, rejected rows and absent columns.
   *
   * @throws org.linkage.error.InputException if the source cannot be read
   */
  ReadResult read(LinkageSpec spec);

  /** A CSV file with a header, read with the spec's id column and columns and the default CSV options. */
  static TableSource csv(Path file) {
    requireNonNull(file, "file");
    return spec -> CsvTableReader.create(spec.idColumn(), spec.columns(), CsvOptions.defaults()).read(file);
  }

  /**
   * A table already in memory, whatever the spec: it must have the columns every strategy using it
   * compares.
   */
  static TableSource of(RecordTable table) {
    requireNonNull(table, "table");
    return spec -> new ReadResult(table, List.of(), table.size(), List.of());
  }
}
