package org.linkage.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.linkage.io.RecordSource;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.spec.LinkageSpec;

/**
 * A Dataset's rows read as records on the driver, in the Dataset's order, through the same row checks
 * as a CSV file or a database query ({@link RecordSource#rows}): values as text ({@code null} stays
 * missing, dates as ISO {@code yyyy-MM-dd}). Streams one partition at a time, so the driver never
 * holds more than the records and one partition of rows.
 */
final class DatasetRecords {
  private DatasetRecords() {}

  static ReadResult read(String name, Dataset<Row> rows, LinkageSpec spec) {
    List<String> header = Arrays.asList(rows.columns());
    Iterator<Row> it = rows.toLocalIterator();
    Stream<String[]> text = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false)
        .map(DatasetRecords::text);
    return RecordSource.rows(name, header, text).read(spec, CsvOptions.defaults());
  }

  private static String[] text(Row row) {
    String[] out = new String[row.length()];
    for (int i = 0; i < out.length; i++) {
      Object v = row.get(i);
      out[i] = v == null ? null : v.toString(); // java.sql.Date and LocalDate print as yyyy-MM-dd
    }
    return out;
  }
}
