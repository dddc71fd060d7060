package org.linkage.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.LinkageSpec;
import org.linkage.ProgressListener;
import org.linkage.io.CsvOptions;
import org.linkage.io.CsvTableReader;
import org.linkage.io.InputSummary;
import org.linkage.io.ReadResult;
import org.linkage.io.Rejection;

/** Both input files of a run, read under a spec, with notes about them on stderr (no values). */
record Inputs(ReadResult left, ReadResult right) {

  static Inputs read(LinkageSpec spec, Path left, Path right, boolean strict) {
    return read(spec, left, right, strict, ProgressListener.NONE);
  }

  /** Reads both files, reporting the bytes read to {@code progress}. */
  static Inputs read(LinkageSpec spec, Path left, Path right, boolean strict, ProgressListener progress) {
    return new Inputs(readOne(spec, left, strict, progress), readOne(spec, right, strict, progress));
  }

  /** Reads one file under {@code spec}, with its notes on stderr (absent columns, rejected rows). */
  static ReadResult readOne(LinkageSpec spec, Path file, boolean strict, ProgressListener progress) {
    ReadResult rr = CsvTableReader.create(spec.idColumn(), spec.columns(), CsvOptions.builder().strict(strict).build())
        .read(file, progress);
    if (!rr.absentColumns().isEmpty()) {
      System.err.println("note: " + rr.table().source() + " has no column(s) " + rr.absentColumns()
          + ": treated as missing");
    }
    if (!rr.rejections().isEmpty()) {
      System.err.println(rr.table().source() + ": " + rr.rejections().size() + " row(s) rejected (see rejected.csv)");
    }
    return rr;
  }

  List<Rejection> rejections() {
    List<Rejection> all = new ArrayList<>(left.rejections());
    all.addAll(right.rejections());
    return all;
  }

  List<InputSummary> summaries() {
    return List.of(summary(left), summary(right));
  }

  static InputSummary summary(ReadResult r) {
    return new InputSummary(r.table().source(), r.rowsRead(), r.table().size(), r.rejections().size());
  }
}
