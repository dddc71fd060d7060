package org.linkage.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;
import org.linkage.internal.settings.TextFile;

/**
 * {@code model.json}: every parameter of a {@link FellegiSunterModel} (λ, and m, u and the weight
 * of every level), plus free-form context (the data and settings it was trained on). Reading it
 * back gives an equal model. The model's {@link FellegiSunterModel#toJson} and
 * {@link FellegiSunterModel#read} are its public face. Thread-safe.
 */
final class ModelJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  /** The model as JSON, with {@code context} (may be {@code null}) stored under "trainedOn". */
  static String write(FellegiSunterModel model, JsonNode context) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", "linkage-model/1");
    root.put("lambda", model.lambda());
    root.put("priorWeight", model.priorWeight());
    if (!model.lambdaSource().isEmpty()) {
      root.put("lambdaSource", model.lambdaSource());
    }
    ArrayNode comps = root.putArray("comparisons");
    for (int c = 0; c < model.comparisons().size(); c++) {
      ComparisonModel cm = model.comparisons().get(c);
      ObjectNode cn = comps.addObject();
      cn.put("name", cm.name());
      if (!cm.source().isEmpty()) {
        cn.put("source", cm.source());
      }
      ArrayNode levels = cn.putArray("levels");
      for (int k = 1; k <= cm.levels().size(); k++) {
        levels.addObject().put("level", k).put("name", cm.levels().get(k - 1)).put("m", cm.m(k)).put("u", cm.u(k))
            .put("weight", model.weight(c, k));
      }
    }
    if (context != null) {
      root.set("trainedOn", context);
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws org.linkage.error.InputException if the file is missing, a folder, unreadable or not UTF-8
   * @throws InvalidSpecException if it is not a linkage model
   */
  static FellegiSunterModel read(Path file) {
    return parse(TextFile.read(file, "model file"), file.getFileName().toString());
  }

  /** Parses the text of a model written by {@link #write}; {@code name} names it in errors. */
  static FellegiSunterModel parse(String json, String name) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException(name + ": not valid JSON"
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    return parse(root, name);
  }

  static FellegiSunterModel parse(JsonNode root, String name) {
    if (root == null || !"linkage-model/1".equals(root.path("format").asText())) {
      throw new InvalidSpecException(name + ": not a linkage model (expected \"format\": \"linkage-model/1\")");
    }
    List<ComparisonModel> comps = new ArrayList<>();
    try {
      for (JsonNode cn : root.path("comparisons")) {
        List<String> levels = new ArrayList<>();
        List<Double> m = new ArrayList<>();
        List<Double> u = new ArrayList<>();
        for (JsonNode ln : cn.path("levels")) {
          levels.add(ln.path("name").asText());
          m.add(ln.path("m").asDouble(Double.NaN));
          u.add(ln.path("u").asDouble(Double.NaN));
        }
        comps.add(new ComparisonModel(cn.path("name").asText(), ImmutableList.copyOf(levels),
            m.stream().mapToDouble(Double::doubleValue).toArray(), u.stream().mapToDouble(Double::doubleValue).toArray(),
            cn.path("source").asText("")));
      }
      return new FellegiSunterModel(comps, root.path("lambda").asDouble(Double.NaN), root.path("lambdaSource").asText(""));
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException(name + ": " + e.getMessage());
    }
  }
}
