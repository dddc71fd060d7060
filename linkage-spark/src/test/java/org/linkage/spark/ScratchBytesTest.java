package org.linkage.spark;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.linkage.LinkageResult;
import org.linkage.Linker;
import org.linkage.PairEngine;
import org.linkage.PairPass;
import org.linkage.io.RecordSource;
import org.linkage.record.CsvOptions;
import org.linkage.record.RecordTable;
import org.linkage.spec.LinkageSpec;

class ScratchBytesTest {
  static long size(Object o) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) { out.writeObject(o); }
    return b.size();
  }

  @Test
  void bytes() throws Exception {
    Path data = Path.of(System.getProperty("data", "/tmp/gen20k"));
    LinkageSpec spec = LinkageSpec.personDefaults();
    RecordTable left = RecordSource.csv(data.resolve("education.csv")).read(spec, CsvOptions.defaults()).table();
    RecordTable right = RecordSource.csv(data.resolve("labour.csv")).read(spec, CsvOptions.defaults()).table();
    long[] results = new long[2];
    PairEngine measuring = new PairEngine() {
      @Override
      public <S extends Serializable> void stream(PairPass.Source source, PairPass.Task<S> task, Consumer<S> merge) {
        try {
          System.err.printf("SCRATCH source %d bytes for %d records = %.1f bytes/record; task %d bytes%n", size(source),
              source.records(), size(source) / (double) source.records(), size(task));
          for (S s : task.run(source.index(), 0, task.chunks())) {
            results[0] += size(s);
            results[1]++;
            merge.accept(s);
          }
          System.err.printf("SCRATCH results so far %d bytes in %d chunks%n", results[0], results[1]);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }
    };
    LinkageResult r = Linker.create(spec).withEngine(measuring).link(left, right);
    System.err.printf("SCRATCH pairs %d kept %d links %d%n", r.report().candidatePairs(), r.report().pairsKept(), r.links().size());
  }
}
