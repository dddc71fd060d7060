package org.linkage.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.linkage.internal.settings.TextFile;
import org.linkage.error.InvalidSpecException;

/** Reads and writes {@link LinkageSpec} as JSON, collecting every problem before failing. */
final class SpecJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TOP = Set.of("idColumn", "columns", "comparisons", "blockingRules", "matchKeys",
      "strategy", "threshold", "assignment", "clustering", "maxBlockSize", "pairBudget", "training", "seed", "description", "name");
  private static final Set<String> COLUMN = Set.of("name", "source", "type", "format");
  private static final Set<String> COMPARISON = Set.of("name", "kind", "column", "thresholds", "otherColumn",
      "swapColumn", "termFrequency", "elseSplit");
  private static final Set<String> ELSE_SPLIT = Set.of("column", "value", "level");
  private static final Set<String> BLOCKING_RULE = Set.of("name", "keys", "window", "refineBy");
  private static final Set<String> MATCH_KEY = Set.of("name", "columns", "mustNotDiffer");
  private static final Set<String> CLUSTERING = Set.of("enabled", "deduplicateSides", "birthDateColumn");
  private static final Set<String> TRAINING = Set.of("uSampleSize", "maxIterations", "tolerance", "estimateU", "rules",
      "mMethod");

  private SpecJson() {}

  /** A comparison's {@code elseSplit} object, or {@code null} when absent or wrong (a problem is noted). */
  private static ComparisonSpec.ElseSplit elseSplit(Fields f, JsonNode comparison, String where) {
    JsonNode n = comparison.get("elseSplit");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      f.problems.add(where + ": expected an object like {\"column\": \"sex\", \"value\": \"F\", \"level\": \"else_female\"}");
      return null;
    }
    f.known(n, where, ELSE_SPLIT);
    String column = f.text(n, "column", where, null);
    String value = f.text(n, "value", where, null);
    String level = f.text(n, "level", where, null);
    if (column == null || value == null || level == null) {
      f.problems.add(where + ": needs 'column', 'value' and 'level'");
      return null;
    }
    try {
      return new ComparisonSpec.ElseSplit(column, value, level);
    } catch (IllegalArgumentException e) {
      f.problems.add(where + ": " + e.getMessage());
      return null;
    }
  }

  static LinkageSpec read(Path file) {
    return parse(TextFile.read(file, "spec file"), file.getFileName().toString());
  }

  static LinkageSpec parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
    } catch (StreamConstraintsException e) {
      throw new InvalidSpecException(source + ": nested too deeply or too large to be a spec");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidSpecException(source + ": not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidSpecException(source + ": expected a JSON object");
    }
    Fields f = new Fields(new ArrayList<>());
    f.known(root, source, TOP);
    LinkageSpec.Builder b = LinkageSpec.personDefaults().toBuilder();
    String idColumn = f.text(root, "idColumn", source, null);
    if (idColumn != null) {
      b.idColumn(idColumn);
    }
    if (root.has("columns") && root.get("columns").isObject()) {
      b.columns(overrideColumns(LinkageSpec.personDefaults().columns(), root.get("columns"), source + ".columns", f));
    } else if (root.has("columns")) {
      List<ColumnSpec> cols = new ArrayList<>();
      f.each(root, "columns", source, COLUMN, (n, where) -> {
        ColumnType type = f.enumValue(ColumnType.class, f.text(n, "type", where, "text"), where + ".type");
        String name = f.text(n, "name", where, null);
        if (name == null) {
          f.problems.add(where + ": missing 'name'");
          return;
        }
        String format = f.text(n, "format", where, ColumnSpec.ISO_DATE);
        String columnSource = f.text(n, "source", where, name);
        if (type != null) {
          cols.add(new ColumnSpec(name, columnSource, type, type == ColumnType.DATE ? format : null));
        }
      });
      b.columns(cols);
    }
    if (root.has("comparisons")) {
      List<ComparisonSpec> comps = new ArrayList<>();
      f.each(root, "comparisons", source, COMPARISON, (n, where) -> {
        ComparisonKind kind = f.enumValue(ComparisonKind.class, f.text(n, "kind", where, null), where + ".kind");
        String column = f.text(n, "column", where, null);
        if (column == null) {
          f.problems.add(where + ": missing 'column'");
          return;
        }
        List<Double> thresholds = f.numbers(n, "thresholds", where);
        String name = f.text(n, "name", where, column);
        String other = f.text(n, "otherColumn", where, null);
        String swap = f.text(n, "swapColumn", where, null);
        boolean tf = f.bool(n, "termFrequency", where, false);
        ComparisonSpec.ElseSplit split = elseSplit(f, n, where + ".elseSplit");
        if (kind != null) {
          comps.add(new ComparisonSpec(name, kind, column, thresholds, other, swap, tf, split));
        }
      });
      b.comparisons(comps);
    }
    if (root.has("blockingRules")) {
      List<BlockingRuleSpec> rules = new ArrayList<>();
      f.each(root, "blockingRules", source, BLOCKING_RULE, (n, where) -> {
        List<KeyPart> parts = new ArrayList<>();
        f.texts(n, "keys", where).forEach(k -> parts.add(KeyPart.parse(k)));
        String name = f.text(n, "name", where, "rule" + (rules.size() + 1));
        List<KeyPart> refineBy = new ArrayList<>();
        f.texts(n, "refineBy", where).forEach(k -> refineBy.add(KeyPart.parse(k)));
        rules.add(new BlockingRuleSpec(name, parts, (int) f.integer(n, "window", where, 0), refineBy));
      });
      b.blockingRules(rules);
    }
    if (root.has("matchKeys")) {
      List<MatchKeySpec> keys = new ArrayList<>();
      f.each(root, "matchKeys", source, MATCH_KEY, (n, where) -> {
        List<String> cols = f.texts(n, "columns", where);
        List<String> veto = f.texts(n, "mustNotDiffer", where);
        keys.add(new MatchKeySpec(f.text(n, "name", where, "pass" + (keys.size() + 1)), cols, veto));
      });
      b.matchKeys(keys);
    }
    if (root.has("strategy")) {
      LinkageSpec.Strategy s = f.enumValue(LinkageSpec.Strategy.class, f.text(root, "strategy", source, null),
          source + ".strategy");
      if (s != null) {
        b.strategy(s);
      }
    }
    if (root.has("threshold")) {
      b.threshold(f.number(root, "threshold", source, LinkageSpec.personDefaults().threshold()));
    }
    if (root.has("assignment")) {
      LinkageSpec.Assignment a = f.enumValue(LinkageSpec.Assignment.class, f.text(root, "assignment", source, null),
          source + ".assignment");
      if (a != null) {
        b.assignment(a);
      }
    }
    if (root.has("clustering")) {
      JsonNode c = root.get("clustering");
      String where = source + ".clustering";
      if (!c.isObject()) {
        f.problems.add(where + ": expected an object like {\"enabled\": true}");
      } else {
        f.known(c, where, CLUSTERING);
        ClusteringSpec d = ClusteringSpec.defaults();
        b.clustering(new ClusteringSpec(f.bool(c, "enabled", where, d.enabled()),
            f.bool(c, "deduplicateSides", where, d.deduplicateSides()), f.text(c, "birthDateColumn", where, null)));
      }
    }
    if (root.has("maxBlockSize")) {
      b.maxBlockSize((int) f.integer(root, "maxBlockSize", source, LinkageSpec.personDefaults().maxBlockSize()));
    }
    if (root.has("pairBudget")) {
      b.pairBudget(f.number(root, "pairBudget", source, LinkageSpec.personDefaults().pairBudget()));
    }
    if (root.has("seed")) {
      b.seed(f.integer(root, "seed", source, 0));
    }
    f.text(root, "description", source, null);
    f.text(root, "name", source, null);
    if (root.has("training")) {
      JsonNode t = root.get("training");
      String where = source + ".training";
      if (!t.isObject()) {
        f.problems.add(where + ": expected an object like {\"maxIterations\": 25}");
      } else {
        f.known(t, where, TRAINING);
        TrainingSpec d = TrainingSpec.defaults();
        try {
          b.training(new TrainingSpec(f.integer(t, "uSampleSize", where, d.uSampleSize()),
              (int) f.integer(t, "maxIterations", where, d.maxIterations()), f.number(t, "tolerance", where, d.tolerance()),
              f.bool(t, "estimateU", where, d.estimateU()), f.texts(t, "rules", where),
              mMethod(f.text(t, "mMethod", where, ""))));
        } catch (IllegalArgumentException e) {
          f.problems.add(where + ": " + e.getMessage());
        }
      }
    }
    List<String> problems = f.problems;
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

  private static final Set<String> OVERRIDABLE = Set.of("source", "type", "format");

  /**
   * The object form of {@code columns}, {@code {"forename": {"source": "first_name"}}}: changes the
   * named columns of {@code base} and keeps the rest as they are, so renaming one header does not
   * mean restating the whole list (whose comparisons and rules would then miss the others).
   */
  private static List<ColumnSpec> overrideColumns(List<ColumnSpec> base, JsonNode overrides, String where, Fields f) {
    List<ColumnSpec> cols = new ArrayList<>(base);
    for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = where + "." + e.getKey();
      int i = 0;
      while (i < cols.size() && !cols.get(i).name().equals(e.getKey())) {
        i++;
      }
      if (i == cols.size()) {
        f.problems().add(at + ": no such column (the columns are " + base.stream().map(ColumnSpec::name).toList()
            + "; to add one, give 'columns' as a list)");
        continue;
      }
      JsonNode n = e.getValue();
      if (!n.isObject()) {
        f.problems().add(at + ": expected an object with 'source', 'type' or 'format'");
        continue;
      }
      f.known(n, at, OVERRIDABLE);
      ColumnSpec old = cols.get(i);
      ColumnType type = n.has("type") ? f.enumValue(ColumnType.class, f.text(n, "type", at, null), at + ".type")
          : old.type();
      if (type == null) {
        continue;
      }
      String format = f.text(n, "format", at, old.type() == ColumnType.DATE ? old.format() : ColumnSpec.ISO_DATE);
      String columnSource = f.text(n, "source", at, old.source());
      try {
        cols.set(i, new ColumnSpec(old.name(), columnSource, type, type == ColumnType.DATE ? format : null));
      } catch (IllegalArgumentException ex) {
        f.problems().add(at + ": " + ex.getMessage());
      }
    }
    return cols;
  }

  /** Typed access to a spec's fields, collecting a problem (and using the default) on a wrong type. */
  private record Fields(List<String> problems) {
    void known(JsonNode object, String where, Set<String> allowed) {
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!allowed.contains(name)) {
          problems.add(where + ": unknown setting '" + name + "' (expected one of " + new TreeSet<>(allowed) + ")");
        }
      }
    }

    void each(JsonNode root, String field, String source, Set<String> allowed, ElementReader reader) {
      JsonNode arr = root.get(field);
      if (!arr.isArray()) {
        problems.add(source + "." + field + ": expected a list");
        return;
      }
      for (int i = 0; i < arr.size(); i++) {
        String where = source + "." + field + "[" + i + "]";
        JsonNode element = arr.get(i);
        if (!element.isObject()) {
          problems.add(where + ": expected an object");
          continue;
        }
        known(element, where, allowed);
        try {
          reader.read(element, where);
        } catch (IllegalArgumentException | NullPointerException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
    }

    private JsonNode present(JsonNode n, String field) {
      JsonNode v = n.get(field);
      return v == null || v.isNull() ? null : v;
    }

    private void wrongType(String where, String field, String expected, JsonNode v) {
      problems.add(where + "." + field + ": expected " + expected + ", found " + v.getNodeType().name()
          .toLowerCase(Locale.ROOT));
    }

    String text(JsonNode n, String field, String where, String dflt) {
      return scalar(n, field, where, "a string", JsonNode::isTextual, JsonNode::asText, dflt);
    }

    double number(JsonNode n, String field, String where, double dflt) {
      return scalar(n, field, where, "a number", JsonNode::isNumber, JsonNode::asDouble, dflt);
    }

    long integer(JsonNode n, String field, String where, long dflt) {
      return scalar(n, field, where, "a whole number", v -> v.isIntegralNumber() && v.canConvertToLong(),
          JsonNode::asLong, dflt);
    }

    boolean bool(JsonNode n, String field, String where, boolean dflt) {
      return scalar(n, field, where, "true or false", JsonNode::isBoolean, JsonNode::asBoolean, dflt);
    }

    /** A field's value if present and {@code valid}; {@code dflt} if absent, or (with a problem) invalid. */
    private <T> T scalar(JsonNode n, String field, String where, String expected, Predicate<JsonNode> valid,
        Function<JsonNode, T> value, T dflt) {
      JsonNode v = present(n, field);
      if (v == null) {
        return dflt;
      }
      if (!valid.test(v)) {
        wrongType(where, field, expected, v);
        return dflt;
      }
      return value.apply(v);
    }

    List<String> texts(JsonNode n, String field, String where) {
      return list(n, field, where, "a list of strings", JsonNode::isTextual, JsonNode::asText);
    }

    List<Double> numbers(JsonNode n, String field, String where) {
      return list(n, field, where, "a list of numbers", JsonNode::isNumber, JsonNode::asDouble);
    }

    /** The elements of a list field, all passing {@code valid}; empty (and a problem) otherwise. */
    private <T> List<T> list(JsonNode n, String field, String where, String expected,
        Predicate<JsonNode> valid, Function<JsonNode, T> value) {
      List<T> out = new ArrayList<>();
      JsonNode v = present(n, field);
      if (v == null) {
        return out;
      }
      if (!v.isArray()) {
        wrongType(where, field, expected, v);
        return out;
      }
      for (JsonNode e : v) {
        if (!valid.test(e)) {
          wrongType(where, field, expected, e);
          return new ArrayList<>();
        }
        out.add(value.apply(e));
      }
      return out;
    }

    <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
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
      if (c.elseSplit() != null) {
        n.putObject("elseSplit").put("column", c.elseSplit().column()).put("value", c.elseSplit().value())
            .put("level", c.elseSplit().level());
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
      if (r.isRefined()) {
        ArrayNode refineBy = rule.putArray("refineBy");
        r.refineBy().forEach(p -> refineBy.add(p.toString()));
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
    ObjectNode clustering = root.putObject("clustering").put("enabled", spec.clustering().enabled())
        .put("deduplicateSides", spec.clustering().deduplicateSides());
    if (spec.clustering().birthDateColumn() != null) {
      clustering.put("birthDateColumn", spec.clustering().birthDateColumn());
    }
    root.put("maxBlockSize", spec.maxBlockSize());
    if (spec.pairBudget() > 0) {
      root.put("pairBudget", spec.pairBudget());
    }
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
