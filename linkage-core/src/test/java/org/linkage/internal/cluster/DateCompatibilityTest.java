package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateCompatibilityTest {
  @Test
  void compatible_recordingErrors_true() {
    assertThat(DateCompatibility.compatible(19990915, 19990915)).isTrue();
    assertThat(DateCompatibility.compatible(19990915, 19990918)).as("one digit").isTrue();
    assertThat(DateCompatibility.compatible(19990915, 19890915)).as("one digit of the year").isTrue();
    assertThat(DateCompatibility.compatible(19990915, 19990951)).as("transposed day digits").isTrue();
    assertThat(DateCompatibility.compatible(19990912, 19991209)).as("day and month swapped").isTrue();
    assertThat(DateCompatibility.compatible(19990923, 19990901)).as("day imputed to the first").isTrue();
  }

  @Test
  void compatible_differentPeople_false() {
    assertThat(DateCompatibility.compatible(19990915, 20010915)).isFalse();
    assertThat(DateCompatibility.compatible(19990915, 19990323)).isFalse();
    assertThat(DateCompatibility.compatible(19990915, 19991027)).isFalse();
    assertThat(DateCompatibility.compatible(19990915, 19990959)).as("two separate digits").isFalse();
  }

  @Test
  void haveCentre_twoErrorsAroundTheTruth_true() {
    // 19990915 is one digit from each of the others, which are two digits apart
    assertThat(DateCompatibility.haveCentre(new int[] {19990918, 19990915, 19990715}, 3)).isTrue();
    assertThat(DateCompatibility.haveCentre(new int[] {19990918, 19990715}, 2)).isFalse();
  }
}
