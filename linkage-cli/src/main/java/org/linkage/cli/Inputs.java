package org.linkage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.progress.ProgressListener;
import org.linkage.record.CsvOptions;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.internal.output.InputSummary;
import org.linkage.record.ReadResult;
import org.linkage.io.RecordSource;
import org.linkage.record.ReadResult.Rejection;

/** Both input files of a run, read under a spec, with notes about them on stderr (no values). */
record Inputs(ReadResult left, ReadResult right) {

  /**
   * Reads both files. The same file on both sides is refused: every rejected row would be listed
   * twice, and finding duplicates within one file is what {@code dedup} does.
   */
  static Inputs read(LinkageSpec spec, Path left, Path right, CsvOptions options) {
    return read(spec, left, right, options, ProgressListener.NONE);
  }

  /** As {@link #read(LinkageSpec, Path, Path, CsvOptions)}, reporting the bytes read to {@code progress}. */
  static Inputs read(LinkageSpec spec, Path left, Path right, CsvOptions options, ProgressListener progress) {
    if (sameFile(left, right)) {
      throw new InvalidSpecException("--left and --right are the same file (" + left + "); to find the records of"
          + " one file that are the same person, use 'linkage dedup --input " + left + "'");
    }
    return new Inputs(readOne(spec, left, options, progress), readOne(spec, right, options, progress));
  }

  private static boolean sameFile(Path left, Path right) {
    try {
      return Files.exists(left) && Files.exists(right) && Files.isSameFile(left, right);
    } catch (IOException e) {
      return false; // the read that follows reports the unreadable file
    }
  }

  /** Reads one file under {@code spec}, with its notes on stderr (absent columns, rejected rows). */
  static ReadResult readOne(LinkageSpec spec, Path file, CsvOptions options, ProgressListener progress) {
    return notes(readQuietly(spec, file, options, progress));
  }

  /** Reads one file under {@code spec} without notes: {@link #notes} prints them when wanted. */
  static ReadResult readQuietly(LinkageSpec spec, Path file, CsvOptions options, ProgressListener progress) {
    return CsvTableReader.create(spec.idColumn(), spec.columns(), options).read(file, progress);
  }

  /** Reads one source (a file or a database) under {@code spec}, with its notes on stderr. */
  static ReadResult readOne(LinkageSpec spec, RecordSource source, CsvOptions options) {
    return notes(source.read(spec, options));
  }

  /** Notes on stderr about a read: absent columns, rejected rows. */
  static ReadResult notes(ReadResult rr) {
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
    return InputSummary.of(r);
  }
}
