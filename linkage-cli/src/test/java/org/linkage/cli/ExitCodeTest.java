package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;

/** The command line, not the library, owns the exit codes: each kind of linkage error maps to one. */
class ExitCodeTest {
  @Test
  void of_eachLinkageExceptionKind_hasItsOwnCode() {
    assertThat(ExitCode.of(new InvalidSpecException("threshold: must be in (0, 1)"))).isEqualTo(ExitCode.BAD_USAGE);
    assertThat(ExitCode.of(new InputException("a.csv: file not found"))).isEqualTo(ExitCode.UNREADABLE_INPUT);
    assertThat(ExitCode.of(new OutputException("cannot write out"))).isEqualTo(ExitCode.UNWRITABLE_OUTPUT);
  }

  @Test
  void of_otherException_isInternalError() {
    assertThat(ExitCode.of(new IllegalStateException("bug"))).isEqualTo(ExitCode.INTERNAL_ERROR);
    assertThat(ExitCode.of(new UncheckedIOException(new java.io.IOException("x")))).isEqualTo(ExitCode.INTERNAL_ERROR);
  }

  @Test
  void of_outOfMemoryWrapped_isOutOfMemory() {
    assertThat(ExitCode.of(new IllegalStateException(new OutOfMemoryError()))).isEqualTo(ExitCode.OUT_OF_MEMORY);
  }
}
