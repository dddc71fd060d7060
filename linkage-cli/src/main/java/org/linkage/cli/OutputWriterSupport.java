package org.linkage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.output.InputSummary;

/** What a model was trained on, stored in model.json: input names and counts, the spec, the seed. */
final class OutputWriterSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputWriterSupport() {}

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
