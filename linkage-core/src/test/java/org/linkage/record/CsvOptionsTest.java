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
  void withMethods_settingsApplied() {
    CsvOptions o = CsvOptions.defaults().withStrict(true).withAllowDuplicateIds(true).withMaxFieldLength(5).withDelimiter(';');
    assertThat(o.strict()).isTrue();
    assertThat(o.allowDuplicateIds()).isTrue();
    assertThat(o.maxFieldLength()).isEqualTo(5);
    assertThat(o.delimiter()).isEqualTo(';');
  }

  @Test
  void withDelimiter_onStrictOptions_changesOnlyTheDelimiterAndLeavesTheOriginal() {
    CsvOptions strict = CsvOptions.defaults().withStrict(true);
    CsvOptions tabs = strict.withDelimiter('\t');
    assertThat(tabs).isEqualTo(CsvOptions.defaults().withDelimiter('\t').withStrict(true));
    assertThat(strict.delimiter()).isEqualTo(',');
    assertThat(CsvOptions.defaults().strict()).isFalse();
  }

  @Test
  void withMaxFieldLength_zero_throwsWithValue() {
    assertThatThrownBy(() -> CsvOptions.defaults().withMaxFieldLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFieldLength must be at least 1: 0");
  }

  @Test
  void withDelimiter_quote_throws() {
    assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter('"'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+22");
  }
}
