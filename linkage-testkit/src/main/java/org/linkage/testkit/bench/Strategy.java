package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.spec.LinkageSpec;
import org.linkage.model.FellegiSunterModel;

/**
 * One row of the benchmark on each data set: either a built-in variation of the data set's own spec
 * ({@link StrategyKind}) or a spec of the user's, optionally with a trained model to link with
 * instead of training on the data. Immutable and thread-safe.
 *
 * <pre>{@code
 * Strategy current = Strategy.fromFile(Path.of("specs/current.json"));
 * Strategy candidate = Strategy.of("stricter dob", LinkageSpec.fromJson(Path.of("specs/candidate.json")));
 * }</pre>
 */
public final class Strategy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final StrategyKind builtin;
  private final LinkageSpec spec;
  private final FellegiSunterModel model;

  private Strategy(String name, StrategyKind builtin, LinkageSpec spec, FellegiSunterModel model) {
    this.name = requireNonNull(name, "name");
    this.builtin = builtin;
    this.spec = spec;
    this.model = model;
  }

  /** The built-in strategy {@code kind}, named by its {@link StrategyKind#label()}. */
  public static Strategy builtin(StrategyKind kind) {
    return new Strategy(kind.label(), requireNonNull(kind, "kind"), null, null);
  }

  /** {@code spec} as written (its strategy, training and threshold), shown as {@code name}. */
  public static Strategy of(String name, LinkageSpec spec) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a strategy needs a name");
    }
    return new Strategy(name, null, requireNonNull(spec, "spec"), null);
  }

  /**
   * The spec in {@code specFile}, named by its {@code name} setting or else by the file name without
   * {@code .json}.
   *
   * @throws InvalidSpecException if the file is missing or not a valid spec
   */
  public static Strategy fromFile(Path specFile) {
    String text;
    try {
      text = Files.readString(specFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidSpecException("spec file not found: " + specFile);
    } catch (IOException e) {
      throw new InputException(specFile.getFileName() + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    LinkageSpec spec = LinkageSpec.fromJson(text);
    String name = specFile.getFileName().toString().replaceFirst("(?i)\\.json$", "");
    try {
      JsonNode n = JSON.readTree(text).path("name");
      if (n.isTextual() && !n.asText().isBlank()) {
        name = n.asText().strip();
      }
    } catch (JsonProcessingException e) {
      throw new InvalidSpecException(specFile.getFileName() + ": not valid JSON");
    }
    return of(name, spec);
  }

  /**
   * This spec strategy linking with {@code model} (e.g. {@code model.json} of an earlier run) instead
   * of training on each data set.
   *
   * @throws IllegalStateException on a built-in strategy
   */
  public Strategy withModel(FellegiSunterModel model) {
    if (builtin != null) {
      throw new IllegalStateException("built-in strategies train on the data; give a spec to link with a model");
    }
    return new Strategy(name, null, spec, requireNonNull(model, "model"));
  }

  /** {@link #withModel} with the model read from {@code modelFile}. */
  public Strategy withModel(Path modelFile) {
    return withModel(FellegiSunterModel.read(modelFile));
  }

  /** The name shown in the tables. */
  public String name() {
    return name;
  }

  /** The built-in kind, or empty for a spec of the user's. */
  public Optional<StrategyKind> builtin() {
    return Optional.ofNullable(builtin);
  }

  /** The user's spec, or empty for a built-in strategy (which derives its spec from the data set's). */
  public Optional<LinkageSpec> spec() {
    return Optional.ofNullable(spec);
  }

  /** The model to link with instead of training, if one was given. */
  public Optional<FellegiSunterModel> model() {
    return Optional.ofNullable(model);
  }

  @Override
  public String toString() {
    return name;
  }
}
