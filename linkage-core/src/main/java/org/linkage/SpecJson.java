package org.linkage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.linkage.block.BlockingRuleSpec;
import org.linkage.block.KeyPart;
import org.linkage.cluster.Assignment;
import org.linkage.cluster.ClusteringSpec;
import org.linkage.compare.ComparisonKind;
import org.linkage.compare.ComparisonSpec;
import org.linkage.record.ColumnSpec;
import org.linkage.record.ColumnType;
import org.linkage.rules.MatchKeySpec;
import org.linkage.train.TrainingSpec;

/** Reads and writes {@link LinkageSpec} as JSON, collecting every problem before failing. */
final class SpecJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TOP = Set.of("idColumn", "columns", "comparisons", "blockingRules", "matchKeys",
      "strategy", "threshold", "assignment", "clustering", "maxBlockSize", "training", "seed", "description");

  private SpecJson() {}

  static LinkageSpec read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidSpecException("spec file not found: " + file);
    }
    return parse(text, file.getFileName().toString());
  }

  static LinkageSpec parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidSpecException(source + ": expected a JSON object");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        problems.add(source + ": unknown setting '" + f + "' (expected one of " + new java.util.TreeSet<>(TOP) + ")");
      }
    }
    LinkageSpec.Builder b = LinkageSpec.personDefaults().toBuilder();
    if (root.has("idColumn")) {
      b.idColumn(root.get("idColumn").asText());
    }
    if (root.has("columns")) {
      List<ColumnSpec> cols = new ArrayList<>();
      each(root, "columns", source, problems, (n, where) -> {
        ColumnType type = enumValue(ColumnType.class, text(n, "type", "TEXT"), where + ".type", problems);
        String name = text(n, "name", null);
        if (name == null) {
          problems.add(where + ": missing 'name'");
          return;
        }
        if (type != null) {
          cols.add(new ColumnSpec(name, text(n, "source", name), type,
              type == ColumnType.DATE ? text(n, "format", ColumnSpec.ISO_DATE) : null));
        }
      });
      b.columns(cols);
    }
    if (root.has("comparisons")) {
      List<ComparisonSpec> comps = new ArrayList<>();
      each(root, "comparisons", source, problems, (n, where) -> {
        ComparisonKind kind = enumValue(ComparisonKind.class, text(n, "kind", null), where + ".kind", problems);
        String column = text(n, "column", null);
        if (column == null) {
          problems.add(where + ": missing 'column'");
          return;
        }
        List<Double> thresholds = new ArrayList<>();
        if (n.has("thresholds")) {
          n.get("thresholds").forEach(t -> thresholds.add(t.asDouble()));
        }
        if (kind != null) {
          comps.add(new ComparisonSpec(text(n, "name", column), kind, column, thresholds,
              text(n, "otherColumn", null), text(n, "swapColumn", null), n.path("termFrequency").asBoolean(false)));
        }
      });
      b.comparisons(comps);
    }
    if (root.has("blockingRules")) {
      List<BlockingRuleSpec> rules = new ArrayList<>();
      each(root, "blockingRules", source, problems, (n, where) -> {
        List<KeyPart> parts = new ArrayList<>();
        n.path("keys").forEach(k -> parts.add(KeyPart.parse(k.asText())));
        rules.add(new BlockingRuleSpec(text(n, "name", "rule" + (rules.size() + 1)), parts, n.path("window").asInt(0)));
      });
      b.blockingRules(rules);
    }
    if (root.has("matchKeys")) {
      List<MatchKeySpec> keys = new ArrayList<>();
      each(root, "matchKeys", source, problems, (n, where) -> {
        List<String> cols = new ArrayList<>();
        n.path("columns").forEach(k -> cols.add(k.asText()));
        List<String> veto = new ArrayList<>();
        n.path("mustNotDiffer").forEach(k -> veto.add(k.asText()));
        keys.add(new MatchKeySpec(text(n, "name", "pass" + (keys.size() + 1)), cols, veto));
      });
      b.matchKeys(keys);
    }
    if (root.has("strategy")) {
      LinkageSpec.Strategy s = enumValue(LinkageSpec.Strategy.class, root.get("strategy").asText(), source + ".strategy", problems);
      if (s != null) {
        b.strategy(s);
      }
    }
    if (root.has("threshold")) {
      b.threshold(root.get("threshold").asDouble());
    }
    if (root.has("assignment")) {
      Assignment a = enumValue(Assignment.class, root.get("assignment").asText(), source + ".assignment", problems);
      if (a != null) {
        b.assignment(a);
      }
    }
    if (root.has("clustering")) {
      JsonNode c = root.get("clustering");
      if (!c.isObject()) {
        problems.add(source + ".clustering: expected an object like {\"enabled\": true}");
      } else {
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!Set.of("enabled", "deduplicateSides").contains(f)) {
            problems.add(source + ".clustering: unknown setting '" + f + "' (expected one of [deduplicateSides, enabled])");
          }
        }
        ClusteringSpec d = ClusteringSpec.defaults();
        b.clustering(new ClusteringSpec(c.path("enabled").asBoolean(d.enabled()),
            c.path("deduplicateSides").asBoolean(d.deduplicateSides())));
      }
    }
    if (root.has("maxBlockSize")) {
      b.maxBlockSize(root.get("maxBlockSize").asInt());
    }
    if (root.has("seed")) {
      b.seed(root.get("seed").asLong());
    }
    if (root.has("training")) {
      JsonNode t = root.get("training");
      TrainingSpec d = TrainingSpec.defaults();
      List<String> trainingRules = new ArrayList<>();
      t.path("rules").forEach(r -> trainingRules.add(r.asText()));
      try {
        b.training(new TrainingSpec(t.path("uSampleSize").asLong(d.uSampleSize()),
            t.path("maxIterations").asInt(d.maxIterations()), t.path("tolerance").asDouble(d.tolerance()),
            t.path("estimateU").asBoolean(d.estimateU()), trainingRules, mMethod(t.path("mMethod").asText(""))));
      } catch (IllegalArgumentException e) {
        problems.add(source + ".training: " + e.getMessage());
      }
    }
    try {
      LinkageSpec spec = b.build();
      if (problems.isEmpty()) {
        return spec;
      }
    } catch (InvalidSpecException e) {
      e.problems().stream().map(p -> source + ": " + p).forEach(problems::add);
    }
    throw new InvalidSpecException(problems);
  }

  private interface ElementReader {
    void read(JsonNode node, String where);
  }

  private static void each(JsonNode root, String field, String source, List<String> problems, ElementReader reader) {
    JsonNode arr = root.get(field);
    if (!arr.isArray()) {
      problems.add(source + "." + field + ": expected a list");
      return;
    }
    for (int i = 0; i < arr.size(); i++) {
      String where = source + "." + field + "[" + i + "]";
      try {
        reader.read(arr.get(i), where);
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
  }

  private static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? dflt : v.asText();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, List<String> problems) {
    if (value == null) {
      problems.add(where + ": missing");
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name().toLowerCase(Locale.ROOT));
      }
      problems.add(where + ": unknown value '" + value + "' (expected one of " + allowed + ")");
      return null;
    }
  }

  static String write(LinkageSpec spec) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("idColumn", spec.idColumn());
    ArrayNode cols = root.putArray("columns");
    for (ColumnSpec c : spec.columns()) {
      ObjectNode n = cols.addObject().put("name", c.name()).put("source", c.source())
          .put("type", c.type().name().toLowerCase(Locale.ROOT));
      if (c.format() != null) {
        n.put("format", c.format());
      }
    }
    ArrayNode comps = root.putArray("comparisons");
    for (ComparisonSpec c : spec.comparisons()) {
      ObjectNode n = comps.addObject().put("name", c.name()).put("kind", c.kind().name().toLowerCase(Locale.ROOT))
          .put("column", c.column());
      if (!c.thresholds().isEmpty()) {
        ArrayNode t = n.putArray("thresholds");
        c.thresholds().forEach(t::add);
      }
      if (c.otherColumn() != null) {
        n.put("otherColumn", c.otherColumn());
      }
      if (c.swapColumn() != null) {
        n.put("swapColumn", c.swapColumn());
      }
      if (c.termFrequency()) {
        n.put("termFrequency", true);
      }
    }
    ArrayNode rules = root.putArray("blockingRules");
    for (BlockingRuleSpec r : spec.blockingRules()) {
      ObjectNode rule = rules.addObject().put("name", r.name());
      ArrayNode keys = rule.putArray("keys");
      r.parts().forEach(p -> keys.add(p.toString()));
      if (r.isSortedNeighbourhood()) {
        rule.put("window", r.window());
      }
    }
    ArrayNode passes = root.putArray("matchKeys");
    for (MatchKeySpec k : spec.matchKeys()) {
      ObjectNode pass = passes.addObject().put("name", k.name());
      k.columns().forEach(pass.putArray("columns")::add);
      if (!k.mustNotDiffer().isEmpty()) {
        k.mustNotDiffer().forEach(pass.putArray("mustNotDiffer")::add);
      }
    }
    root.put("strategy", spec.strategy().name().toLowerCase(Locale.ROOT));
    root.put("threshold", spec.threshold());
    root.put("assignment", spec.assignment().name().toLowerCase(Locale.ROOT));
    root.putObject("clustering").put("enabled", spec.clustering().enabled())
        .put("deduplicateSides", spec.clustering().deduplicateSides());
    root.put("maxBlockSize", spec.maxBlockSize());
    ObjectNode training = root.putObject("training").put("uSampleSize", spec.training().uSampleSize())
        .put("maxIterations", spec.training().maxIterations()).put("tolerance", spec.training().tolerance())
        .put("estimateU", spec.training().estimateU())
        .put("mMethod", spec.training().mMethod().name().toLowerCase(java.util.Locale.ROOT));
    if (!spec.training().rules().isEmpty()) {
      spec.training().rules().forEach(training.putArray("rules")::add);
    }
    root.put("seed", spec.seed());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code "seed_links"} (or empty) and {@code "em"}; anything else is a spec problem. */
  private static TrainingSpec.MMethod mMethod(String text) {
    if (text.isEmpty()) {
      return TrainingSpec.MMethod.SEED_LINKS;
    }
    for (TrainingSpec.MMethod m : TrainingSpec.MMethod.values()) {
      if (m.name().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("mMethod must be seed_links or em: " + text);
  }
}
