package org.linkage.internal.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.linkage.error.InputException;

/**
 * Reads a small settings file (a spec, a model) whole as UTF-8 text, with one-line errors that
 * name the file and say what is wrong. A leading byte-order mark is dropped. Thread-safe.
 */
public final class TextFile {
  private TextFile() {}

  /**
   * The text of {@code file}.
   *
   * @param role what the file is, for messages ("spec file", "model file")
   * @throws InputException if the file is missing, a folder, unreadable or not UTF-8 (exit code 3)
   */
  public static String read(Path file, String role) {
    if (Files.isDirectory(file)) {
      throw new InputException(role + " " + file + " is a folder, not a file");
    }
    String text;
    try {
      // decode strictly: a Latin-1 file must fail here, not later as a puzzling value
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new InputException(role + " " + file + " not found");
    } catch (AccessDeniedException e) {
      throw new InputException(role + " " + file + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new InputException(role + " " + file + " is not UTF-8 text (saved as Latin-1 or UTF-16?); save it as UTF-8");
    } catch (IOException e) {
      throw new InputException(role + " " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
