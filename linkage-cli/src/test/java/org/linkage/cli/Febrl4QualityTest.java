package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;

/**
 * The FEBRL4 benchmark (the repository's {@code datasets/febrl4}) with the shipped spec, untuned: F1
 * at least 0.99 and precision at least 0.995 (a hand-tuned peer reaches 0.9999).
 */
class Febrl4QualityTest {

  @Test
  void link_febrl4WithShippedSpec_f1AtLeast099(@TempDir Path out) {
    // tests run from the module folder, one below the repository root
    Path febrl = Path.of("..", "datasets", "febrl4");
    Path spec = Path.of("..", "docs", "examples", "febrl4.json");
    int code = Main.run(new String[] {"link", "--spec", spec.toString(), "--left", febrl.resolve("dataset4a.csv").toString(),
        "--right", febrl.resolve("dataset4b.csv").toString(), "--out", out.toString(), "--threads", "2"},
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    Evaluation e = Evaluation.of(PairSet.read(out.resolve("links.csv")), PairSet.read(febrl.resolve("truth.csv")));
    assertThat(e.f1()).as(e.summary()).isGreaterThanOrEqualTo(0.99);
    assertThat(e.precision()).as(e.summary()).isGreaterThanOrEqualTo(0.995);
  }
}
