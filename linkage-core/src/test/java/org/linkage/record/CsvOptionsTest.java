package org.linkage.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvOptionsTest {
  @Test
  void defaults_lenientUniqueIdsCommaThousandChars() {
    CsvOptions o = CsvOptions.defaults();
    assertThat(o.strict()).isFalse();
    assertThat(o.allowDuplicateIds()).isFalse();
    assertThat(o.maxFieldLength()).isEqualTo(1000);
    assertThat(o.delimiter()).isEqualTo(',');
  }

  @Test
  void builder_settersApplied() {
    CsvOptions o = CsvOptions.builder().strict(true).allowDuplicateIds(true).maxFieldLength(5).delimiter(';').build();
    assertThat(o.strict()).isTrue();
    assertThat(o.allowDuplicateIds()).isTrue();
    assertThat(o.maxFieldLength()).isEqualTo(5);
    assertThat(o.delimiter()).isEqualTo(';');
  }

  @Test
  void builder_setterCalledTwice_throwsIllegalState() {
    assertThatThrownBy(() -> CsvOptions.builder().strict(true).strict(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("strict");
  }

  @Test
  void builder_maxFieldLengthZero_throwsWithValue() {
    assertThatThrownBy(() -> CsvOptions.builder().maxFieldLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFieldLength must be at least 1: 0");
  }

  @Test
  void builder_quoteAsDelimiter_throws() {
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('"'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+22");
  }
}
