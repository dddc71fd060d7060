package org.linkage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.linkage.LinkageException;
import org.linkage.LinkageSpec;
import org.linkage.io.InputSummary;

/** The output folder's check, and what a model was trained on, stored in model.json: input names and counts, the spec, the seed. */
final class OutputWriterSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputWriterSupport() {}

  /** Fails before any work, as bad usage, when {@code out} exists and is not a folder ({@code --out README.md}). */
  static void checkOutFolder(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new LinkageException("--out " + out + ": is a file, not a folder", LinkageException.BAD_USAGE);
    }
  }

  static ObjectNode modelContext(LinkageSpec spec, List<InputSummary> inputs) {
    ObjectNode n = JSON.createObjectNode();
    n.set("inputs", JSON.valueToTree(inputs));
    n.put("seed", spec.seed());
    try {
      n.set("spec", JSON.readTree(spec.toJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }
}
