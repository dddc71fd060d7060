package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.cli.CliEndToEndTest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --name-ambiguity-of}: tempered names on request, natural output otherwise, usage errors naming the option. */
class GenerateNameAmbiguityCliTest {

  @Test
  void generate_nameAmbiguityOf_saysSoAndDiffersFromNatural(@TempDir Path dir) throws IOException {
    CliEndToEndTest.Run tempered = cli("generate", "--learners", "1000", "--seed", "2", "--name-ambiguity-of", "39000000",
        "--out", dir.resolve("t").toString());
    CliEndToEndTest.Run natural = cli("generate", "--learners", "1000", "--seed", "2", "--out", dir.resolve("n").toString());
    CliEndToEndTest.Run zero = cli("generate", "--learners", "1000", "--seed", "2", "--name-ambiguity-of", "0",
        "--out", dir.resolve("z").toString());
    assertThat(tempered.exit()).as(tempered.err()).isZero();
    assertThat(tempered.err()).contains("name ambiguity of a 39,000,000-person population").contains("alpha = ");
    assertThat(natural.err()).doesNotContain("name ambiguity");
    assertThat(Files.readString(dir.resolve("t/education.csv"))).isNotEqualTo(Files.readString(dir.resolve("n/education.csv")));
    assertThat(Files.readString(dir.resolve("z/education.csv"))).isEqualTo(Files.readString(dir.resolve("n/education.csv")));
  }

  @Test
  void demo_nameAmbiguityOf_printsTheModeAndLinks(@TempDir Path dir) {
    CliEndToEndTest.Run run = cli("demo", "--learners", "1000", "--name-ambiguity-of", "39000000", "--threads", "1",
        "--out", dir.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("name ambiguity of a 39,000,000-person population").contains("F1");
  }

  @Test
  void generate_nameAmbiguityBelowPeople_usageErrorNamingOptionAndValue(@TempDir Path dir) {
    CliEndToEndTest.Run run = cli("generate", "--learners", "1000", "--name-ambiguity-of", "500", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--name-ambiguity-of").contains(": 500").doesNotContain("at org.");
    CliEndToEndTest.Run negative = cli("demo", "--learners", "1000", "--name-ambiguity-of", "-3", "--out", dir.toString());
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).contains("--name-ambiguity-of").contains(": -3");
  }
}
