package org.linkage.testkit.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.linkage.error.InputException;
import org.linkage.spec.LinkageSpec;
import org.linkage.eval.PairSet;
import org.linkage.testkit.PopulationTables;
import org.linkage.testkit.generate.GeneratorSpec;

/**
 * One data set the harness links: where its two sides come from, the true pairs, and the spec the
 * built-in strategies start from. Loading is deferred until the harness gets to the data set (so a
 * list of large generated sets is cheap to build) and repeated by every run. Immutable and
 * thread-safe as far as its loader is.
 *
 * @param name the name shown in the tables, e.g. {@code generated 20,000} or {@code FEBRL4}
 * @param spec the spec the built-in strategies vary ({@link StrategyKind}); strategies with a spec of
 *     their own ignore it
 * @param loader loads the sides and the truth
 */
public record BenchDataset(String name, LinkageSpec spec, Supplier<Data> loader) {

  /** Checks name, spec and loader are set. */
  public BenchDataset {
    requireNonNull(name, "name");
    requireNonNull(spec, "spec");
    requireNonNull(loader, "loader");
  }

  /**
   * A loaded data set.
   *
   * @param left the left side
   * @param right the right side
   * @param truth the true (left id, right id) pairs
   */
  public record Data(TableSource left, TableSource right, PairSet truth) {
    /** Checks both sides and the truth are set. */
    public Data {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(truth, "truth");
    }
  }

  /** A data set from two sources and a truth at hand. */
  public static BenchDataset of(String name, LinkageSpec spec, TableSource left, TableSource right, PairSet truth) {
    Data data = new Data(left, right, truth);
    return new BenchDataset(name, spec, () -> data);
  }

  /** Two CSV files and a truth CSV ({@code left_id}, {@code right_id}), read when the harness gets to them. */
  public static BenchDataset csv(String name, LinkageSpec spec, Path left, Path right, Path truth) {
    return new BenchDataset(name, spec,
        () -> new Data(TableSource.csv(left), TableSource.csv(right), PairSet.read(truth)));
  }

  /**
   * Data generated in memory by {@code generator} (education records left, labour-market records
   * right), linked with the person profile {@link LinkageSpec#personDefaults()} by the built-in
   * strategies.
   */
  public static BenchDataset generated(String name, GeneratorSpec generator) {
    requireNonNull(generator, "generator");
    return new BenchDataset(name, LinkageSpec.personDefaults(), () -> of(PopulationTables.generate(generator)));
  }

  /**
   * A population generated earlier (e.g. injected by {@link org.linkage.testkit.junit.GeneratedPopulation}),
   * linked with the person profile by the built-in strategies.
   */
  public static BenchDataset of(String name, PopulationTables population) {
    requireNonNull(population, "population");
    Data data = of(population);
    return new BenchDataset(name, LinkageSpec.personDefaults(), () -> data);
  }

  private static Data of(PopulationTables pop) {
    return new Data(side(pop, true), side(pop, false), pop.truth());
  }

  /** {@code learners} generated learners with the default generator settings, named {@code generated 20,000}. */
  public static BenchDataset generated(int learners, long seed) {
    return generated(String.format(Locale.ROOT, "generated %,d", learners),
        GeneratorSpec.builder().learners(learners).seed(seed).build());
  }

  /**
   * Generator variants selectable by name: {@code generated-20k} is the default generator,
   * {@code generated-20k-<variant>} applies the variant's settings on top.
   */
  private static final Map<String, UnaryOperator<GeneratorSpec.Builder>> VARIANTS = new TreeMap<>(Map.of(
      "", b -> b,
      // names as ambiguous as among the people of a national population
      "national", b -> b.nameAmbiguityOf(GeneratorSpec.UK_POPULATION)));

  /**
   * The generated data set named {@code id}: {@code generated-<learners>[-<variant>]}, learners as a
   * number with an optional {@code k} (thousands) or {@code m} (millions), e.g. {@code generated-20k}.
   *
   * @throws IllegalArgumentException naming the expected form and the known variants
   */
  public static BenchDataset generated(String id, long seed) {
    Matcher m = GENERATED.matcher(id.strip().toLowerCase(Locale.ROOT));
    String variant = m.matches() && m.group(3) != null ? m.group(3) : "";
    if (!m.matches() || !VARIANTS.containsKey(variant)) {
      throw new IllegalArgumentException("unknown data set '" + id + "'; expected generated-<learners>[-<variant>] "
          + "(learners like 20000, 20k or 1m; variants " + VARIANTS.keySet().stream().filter(v -> !v.isEmpty())
          .toList() + ") or febrl4");
    }
    long learners = Long.parseLong(m.group(1)) * switch (m.group(2) == null ? "" : m.group(2)) {
      case "k" -> 1_000L;
      case "m" -> 1_000_000L;
      default -> 1L;
    };
    if (learners <= 0 || learners > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("data set '" + id + "': learners must be between 1 and "
          + Integer.MAX_VALUE);
    }
    GeneratorSpec spec = VARIANTS.get(variant).apply(GeneratorSpec.builder().learners((int) learners).seed(seed))
        .build();
    return generated(String.format(Locale.ROOT, "generated %,d%s", learners, variant.isEmpty() ? "" : " " + variant),
        spec);
  }

  private static final Pattern GENERATED = Pattern.compile("generated-(\\d+)([km])?(?:-([a-z0-9-]+))?");

  /** FEBRL4 from {@code dir} ({@code dataset4a.csv} left, {@code dataset4b.csv} right, {@code truth.csv}). */
  public static BenchDataset febrl4(Path dir, Path specFile) {
    LinkageSpec spec;
    try {
      spec = LinkageSpec.fromJson(specFile);
    } catch (IOException e) {
      throw new InputException(specFile.getFileName() + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    return csv("FEBRL4", spec, dir.resolve("dataset4a.csv"), dir.resolve("dataset4b.csv"), dir.resolve("truth.csv"));
  }

  private static TableSource side(PopulationTables pop, boolean education) {
    return spec -> {
      try {
        return TableSource.of(education ? pop.education(spec) : pop.labour(spec)).read(spec);
      } catch (IllegalArgumentException e) {
        // the generator's message ends with the whole header: the columns missing are enough here
        throw new InputException(e.getMessage().replaceFirst("; its header is .*", ""), e);
      }
    };
  }
}
