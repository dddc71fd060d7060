package org.linkage.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.MatchKeySpec;

class DeterministicCascadeVetoTest {
  private static final LinkageSpec SPEC = LinkageSpec.personDefaults();

  private static RecordTable table(String source, String id, String nino) {
    return RecordTable.builder(source, SPEC.columns())
        .add(id, new String[] {"john", null, "smith", "1990-01-01", "m", null, nino}, 2)
        .build();
  }

  private static List<DeterministicCascade.Link> run(MatchKeySpec pass, String leftNino, String rightNino) {
    EncodedData data = EncodedData.encode(table("l.csv", "L1", leftNino), table("r.csv", "R1", rightNino));
    return DeterministicCascade.run(List.of(pass), data, new boolean[1], new boolean[1],
        DeterministicCascade.Mode.ONE_TO_ONE);
  }

  @Test
  void run_vetoColumnDiffers_noLink() {
    MatchKeySpec nameDob = MatchKeySpec.of("name_dob", "forename", "surname", "dob").vetoedBy("nino");
    assertThat(run(nameDob, "AB123456C", "ZZ999999Z")).isEmpty();
  }

  @Test
  void run_vetoColumnMissingOnOneSideOrEqual_links() {
    MatchKeySpec nameDob = MatchKeySpec.of("name_dob", "forename", "surname", "dob").vetoedBy("nino");
    assertThat(run(nameDob, null, "ZZ999999Z")).hasSize(1);
    assertThat(run(nameDob, "AB123456C", "AB 12 34 56 C")).hasSize(1);
  }

  @Test
  void run_noVetoColumns_differentNinoStillLinks() {
    assertThat(run(MatchKeySpec.of("name_dob", "forename", "surname", "dob"), "AB123456C", "ZZ999999Z")).hasSize(1);
  }

  @Test
  void spec_vetoColumns_roundTripThroughJson() {
    LinkageSpec back = LinkageSpec.fromJson(SPEC.toJson());
    assertThat(back.matchKeys().get(1).mustNotDiffer()).containsExactly("nino");
    assertThat(back).isEqualTo(SPEC);
  }
}
