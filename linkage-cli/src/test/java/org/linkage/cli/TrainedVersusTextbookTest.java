package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.record.CsvOptions;
import org.linkage.internal.io.CsvTableReader;
import org.linkage.internal.model.TextbookModel;
import org.linkage.record.RecordTable;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/** Issue 6: on LEO-like data, trained parameters beat textbook fixed parameters in F1. */
class TrainedVersusTextbookTest {

  @Test
  void link_probabilisticOnly_trainedModelBeatsTextbookParameters(@TempDir Path dir) {
    PopulationGenerator.create(GeneratorSpec.builder().learners(6_000).seed(11).build()).writeTo(dir);
    LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().strategy(LinkageSpec.Strategy.PROBABILISTIC).build();
    CsvTableReader reader = CsvTableReader.create(spec.idColumn(), spec.columns(), CsvOptions.defaults());
    RecordTable left = reader.read(dir.resolve("education.csv")).table();
    RecordTable right = reader.read(dir.resolve("labour.csv")).table();
    PairSet truth = PairSet.read(dir.resolve("truth.csv"));
    Linker linker = Linker.create(spec).withThreads(2);

    Evaluation trained = evaluate(linker.link(left, right), truth);
    double lambda = (double) truth.size() / ((double) left.size() * right.size());
    Evaluation textbook = evaluate(linker.link(left, right, TextbookModel.of(spec.comparisons(), lambda)), truth);

    assertThat(trained.f1())
        .as("trained %s vs textbook %s", trained.summary(), textbook.summary())
        .isGreaterThan(textbook.f1());
    assertThat(trained.precision()).isGreaterThanOrEqualTo(0.99);
  }

  private static Evaluation evaluate(LinkageResult result, PairSet truth) {
    Set<PairSet.Pair> links = new HashSet<>();
    for (Link l : result.links()) {
      links.add(new PairSet.Pair(l.leftId(), l.rightId()));
    }
    return Evaluation.of(PairSet.of(links), truth);
  }
}
