package org.linkage.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.LinkageSpec;
import org.linkage.io.CsvOptions;
import org.linkage.io.CsvTableReader;
import org.linkage.io.InputSummary;
import org.linkage.io.ReadResult;
import org.linkage.io.Rejection;

/** Both input files of a run, read under a spec, with notes about them on stderr (no values). */
record Inputs(ReadResult left, ReadResult right) {

  static Inputs read(LinkageSpec spec, Path left, Path right, boolean strict) {
    CsvTableReader reader = CsvTableReader.create(spec.idColumn(), spec.columns(),
        CsvOptions.builder().strict(strict).build());
    Inputs inputs = new Inputs(reader.read(left), reader.read(right));
    for (ReadResult rr : List.of(inputs.left, inputs.right)) {
      if (!rr.absentColumns().isEmpty()) {
        System.err.println("note: " + rr.table().source() + " has no column(s) " + rr.absentColumns()
            + ": treated as missing");
      }
      if (!rr.rejections().isEmpty()) {
        System.err.println(rr.table().source() + ": " + rr.rejections().size() + " row(s) rejected (see rejected.csv)");
      }
    }
    return inputs;
  }

  List<Rejection> rejections() {
    List<Rejection> all = new ArrayList<>(left.rejections());
    all.addAll(right.rejections());
    return all;
  }

  List<InputSummary> summaries() {
    return List.of(summary(left), summary(right));
  }

  private static InputSummary summary(ReadResult r) {
    return new InputSummary(r.table().source(), r.rowsRead(), r.table().size(), r.rejections().size());
  }
}
