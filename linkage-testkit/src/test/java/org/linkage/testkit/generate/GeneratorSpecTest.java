package org.linkage.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorSpecTest {

  @Test
  void builder_defaults_documentedValues() {
    GeneratorSpec spec = GeneratorSpec.builder().build();
    assertThat(spec.learners()).isEqualTo(10_000);
    assertThat(spec.longitudinal()).isFalse();
    assertThat(spec.errorModel()).isEqualTo(ErrorModel.defaults());
    assertThat(spec.educationOnlyRate()).isEqualTo(0.10);
    assertThat(spec.labourOnlyRate()).isEqualTo(0.08);
    assertThat(spec.twinBirthRate()).isEqualTo(0.015);
    assertThat(spec.firstBirthYear()).isEqualTo(1985);
    assertThat(spec.lastBirthYear()).isEqualTo(2004);
  }

  @Test
  void learners_nonPositive_failsWithValue() {
    assertThatThrownBy(() -> GeneratorSpec.builder().learners(0))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learners").hasMessageContaining(": 0");
  }

  @Test
  void rates_outOfRange_failWithValue() {
    assertThatThrownBy(() -> GeneratorSpec.builder().educationOnlyRate(1.5))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("educationOnlyRate").hasMessageContaining("1.5");
    assertThatThrownBy(() -> GeneratorSpec.builder().twinBirthRate(-0.1))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> GeneratorSpec.builder().birthYears(2000, 1990))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1990");
    assertThatThrownBy(() -> ErrorModel.builder().nameTypo(1.2))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nameTypo").hasMessageContaining("1.2");
    assertThatThrownBy(() -> ErrorModel.builder().nickname(Double.NaN))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void errorModel_dobRatesSumAboveOne_failsWithSum() {
    assertThatThrownBy(() -> ErrorModel.builder().dobMissing(0.6).dobDigitError(0.6).build())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed 1");
  }

  @Test
  void errorModel_none_allZero() {
    assertThat(ErrorModel.none().asMap().values()).containsOnly(0.0);
    assertThat(ErrorModel.defaults().asMap()).hasSize(26).containsEntry("nameTypo", 0.025);
  }

  @Test
  void toBuilder_overridesOneValue_keepsTheRest() {
    GeneratorSpec spec = GeneratorSpec.builder().learners(5).seed(9).longitudinal(true).build();
    GeneratorSpec other = spec.toBuilder().seed(10).build();
    assertThat(other.learners()).isEqualTo(5);
    assertThat(other.longitudinal()).isTrue();
    assertThat(other.seed()).isEqualTo(10);
  }
}
