package org.linkage.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linkage.spec.LinkageSpec;

class BenchDatasetTest {

  @Test
  void generated_sizeWithSuffix_isNamedWithTheLearnerCount() {
    assertThat(BenchDataset.generated("generated-2k", 1).name()).isEqualTo("generated 2,000");
    assertThat(BenchDataset.generated("generated-1500", 1).name()).isEqualTo("generated 1,500");
    assertThat(BenchDataset.generated("Generated-1M", 1).name()).isEqualTo("generated 1,000,000");
  }

  @Test
  void generated_nationalVariant_loadsTemperedNamesOfTheSameSize() {
    BenchDataset national = BenchDataset.generated("generated-2k-national", 1);
    assertThat(national.name()).isEqualTo("generated 2,000 national");
    BenchDataset.Data data = national.loader().get();
    BenchDataset.Data natural = BenchDataset.generated("generated-2k", 1).loader().get();
    LinkageSpec person = LinkageSpec.personDefaults();
    assertThat(data.left().read(person).table().size()).isEqualTo(2_000);
    assertThat(data.truth().size()).isBetween(1_500, 2_000);
    // names drawn from tempered frequencies: fewer distinct surnames among the same number of learners
    assertThat(distinctSurnames(data, person)).isLessThan(distinctSurnames(natural, person));
  }

  @Test
  void generated_unknownNameOrVariant_failsListingTheForm() {
    assertThatThrownBy(() -> BenchDataset.generated("generated-lots", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generated-<learners>[-<variant>]")
        .hasMessageContaining("national");
    assertThatThrownBy(() -> BenchDataset.generated("generated-2k-regional", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown data set 'generated-2k-regional'");
    assertThatThrownBy(() -> BenchDataset.generated("generated-0", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learners must be between 1");
  }

  private static long distinctSurnames(BenchDataset.Data data, LinkageSpec spec) {
    var table = data.left().read(spec).table();
    int col = table.columnIndex("surname");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int r = 0; r < table.size(); r++) {
      names.add(table.value(col, r));
    }
    return names.size();
  }
}
