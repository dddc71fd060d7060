package org.linkage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.linkage.error.InputException;

/** The rows of a CSV file counted as lines after the header, without parsing: for estimates only. */
final class DataRows {
  private DataRows() {}

  /**
   * Lines after the first, a last line without a line break included; a quoted value spanning
   * lines counts once per line, so this can overstate.
   */
  static long count(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long lines = 0;
      int last = '\n';
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        last = buffer[n - 1];
      }
      if (last != '\n') {
        lines++;
      }
      return Math.max(0, lines - 1);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": file not found", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
