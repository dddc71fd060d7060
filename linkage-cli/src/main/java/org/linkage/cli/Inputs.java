package org.linkage.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.LinkageSpec;
import org.linkage.io.CsvOptions;
import org.linkage.io.InputSummary;
import org.linkage.io.ReadResult;
import org.linkage.io.RecordSource;
import org.linkage.io.Rejection;

/** Both input files of a run, read under a spec, with notes about them on stderr (no values). */
record Inputs(ReadResult left, ReadResult right) {

  static Inputs read(LinkageSpec spec, Path left, Path right, boolean strict) {
    return new Inputs(readOne(spec, left, strict), readOne(spec, right, strict));
  }

  /** Reads one file under {@code spec}, with its notes on stderr (absent columns, rejected rows). */
  static ReadResult readOne(LinkageSpec spec, Path file, boolean strict) {
    return readOne(spec, RecordSource.csv(file), strict);
  }

  /** Reads one source (a file or a database) under {@code spec}, with its notes on stderr. */
  static ReadResult readOne(LinkageSpec spec, RecordSource source, boolean strict) {
    ReadResult rr = source.read(spec, CsvOptions.builder().strict(strict).build());
    if (!rr.absentColumns().isEmpty()) {
      System.err.println("note: " + rr.table().source() + " has no column(s) " + rr.absentColumns()
          + ": treated as missing");
    }
    if (!rr.rejections().isEmpty()) {
      System.err.println(rr.table().source() + ": " + rr.rejections().size() + " row(s) rejected (see rejected)");
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
