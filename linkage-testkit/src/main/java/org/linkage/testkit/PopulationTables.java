package org.linkage.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.LinkageSpec.Assignment;
import org.linkage.Linker;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.ComparisonSpec;
import org.linkage.eval.PairSet;
import org.linkage.model.FellegiSunterModel;
import org.linkage.spec.ColumnSpec;
import org.linkage.record.RecordTable;
import org.linkage.spec.TrainingSpec;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.Population;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * A generated {@link Population} seen through the engine's types: the education rows as the left
 * {@link RecordTable}, the labour-market rows as the right one, and the truth as a {@link PairSet}.
 * Tables are built straight from the in-memory rows (no CSV round trip), with the columns of a spec
 * matched to the generator's headers by {@link ColumnSpec#source()}.
 *
 * <pre>{@code
 * PopulationTables pop = PopulationTables.generate(GeneratorSpec.builder().learners(5_000).seed(7).build());
 * LinkageResult result = Linker.create(spec).link(pop.education(spec), pop.labour(spec));
 * Evaluation quality = Evaluation.of(PairSet.of(...), pop.truth());
 * }</pre>
 *
 * <p>Immutable as far as callers can see and thread-safe: tables, truth and trained models are built
 * on first use and cached (models per spec), so tests sharing one instance — as
 * {@link org.linkage.testkit.junit.GeneratedPopulation} arranges — train once.
 */
public final class PopulationTables {
  private final Population population;
  private final Map<List<ColumnSpec>, RecordTable[]> tables = new ConcurrentHashMap<>();
  private final Map<TrainingKey, FellegiSunterModel> models = new ConcurrentHashMap<>();
  private volatile PairSet truth;

  private PopulationTables(Population population) {
    this.population = Objects.requireNonNull(population, "population");
  }

  /** Wraps a population generated earlier. */
  public static PopulationTables of(Population population) {
    return new PopulationTables(population);
  }

  /** Generates the population of {@code spec} in memory and wraps it. */
  public static PopulationTables generate(GeneratorSpec spec) {
    return new PopulationTables(PopulationGenerator.create(spec).generateInMemory());
  }

  /** The generated rows, headers and truth as strings. */
  public Population population() {
    return population;
  }

  /** The education records (left side) with the person-profile columns of {@link LinkageSpec#personDefaults()}. */
  public RecordTable education() {
    return education(LinkageSpec.personDefaults());
  }

  /** The labour-market records (right side) with the person-profile columns. */
  public RecordTable labour() {
    return labour(LinkageSpec.personDefaults());
  }

  /**
   * The education records with {@code spec}'s columns, in file order.
   *
   * @throws IllegalArgumentException if a column's {@code source} is not a generator header
   */
  public RecordTable education(LinkageSpec spec) {
    return tables(spec.columns())[0];
  }

  /**
   * The labour-market records with {@code spec}'s columns, in file order.
   *
   * @throws IllegalArgumentException if a column's {@code source} is not a generator header
   */
  public RecordTable labour(LinkageSpec spec) {
    return tables(spec.columns())[1];
  }

  /** Every (education id, labour id) pair of the same person: {@code truth.csv}. */
  public PairSet truth() {
    PairSet t = truth;
    if (t == null) {
      Set<PairSet.Pair> pairs = new HashSet<>();
      for (String[] row : population.truth()) {
        pairs.add(new PairSet.Pair(row[0], row[1]));
      }
      t = PairSet.of(pairs);
      truth = t;
    }
    return t;
  }

  /**
   * A model trained by {@code Linker.create(spec).train(education(spec), labour(spec))}: u by random
   * sampling, m from seed links (EM where they are too few), λ from the candidate pairs. Trained on first request and cached per
   * training input — the spec's columns, comparisons, blocking rules, block size limit, strategy,
   * training settings, seed and assignment — so specs differing only in threshold or match keys share one
   * model, as they would share one training run. Training is deterministic, so sharing changes no
   * result.
   */
  public FellegiSunterModel modelFor(LinkageSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return models.computeIfAbsent(TrainingKey.of(spec),
      k -> Linker.create(spec).train(education(spec), labour(spec)).model());
  }

  /** What {@code Linker.train} reads from a spec (threshold and match keys it does not). */
  private record TrainingKey(List<ColumnSpec> columns, List<ComparisonSpec> comparisons,
                 List<BlockingRuleSpec> blockingRules, int maxBlockSize, double pairBudget,
                 LinkageSpec.Strategy strategy, TrainingSpec training, long seed, Assignment assignment) {
    static TrainingKey of(LinkageSpec s) {
      return new TrainingKey(s.columns(), s.comparisons(), s.blockingRules(), s.maxBlockSize(), s.pairBudget(), s.strategy(),
        s.training(), s.seed(), s.assignment());
    }
  }

  /**
   * The education record {@code id} as a {@link PersonRecord} (person-profile columns only), to
   * use a generated record in a pair assertion.
   *
   * @throws IllegalArgumentException if there is no such record
   */
  public PersonRecord educationRecord(String id) {
    return record(population.educationHeader(), population.education(), id, "education");
  }

  /** The labour-market record {@code id} as a {@link PersonRecord}; see {@link #educationRecord}. */
  public PersonRecord labourRecord(String id) {
    return record(population.labourHeader(), population.labour(), id, "labour");
  }

  @Override
  public String toString() {
    return "PopulationTables[" + population.education().size() + " education, " + population.labour().size()
      + " labour records, " + population.truth().size() + " true pairs]";
  }

  private static PersonRecord record(List<String> header, List<String[]> rows, String id, String side) {
    for (String[] row : rows) {
      if (row[0].equals(id)) {
        PersonRecord r = PersonRecord.of(id);
        for (ColumnSpec c : LinkageSpec.personDefaults().columns()) {
          int i = header.indexOf(c.source());
          if (i >= 0 && row[i] != null && !row[i].isEmpty()) {
            r = r.with(c.name(), row[i]);
          }
        }
        return r;
      }
    }
    throw new IllegalArgumentException("no " + side + " record with id " + id);
  }

  private RecordTable[] tables(List<ColumnSpec> columns) {
    return tables.computeIfAbsent(List.copyOf(columns), cols -> new RecordTable[] {
      table("education.csv", population.educationHeader(), population.education(), cols),
      table("labour.csv", population.labourHeader(), population.labour(), cols)});
  }

  private static RecordTable table(String source, List<String> header, List<String[]> rows, List<ColumnSpec> columns) {
    int[] index = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      index[c] = header.indexOf(columns.get(c).source());
      if (index[c] < 0) {
        missing.add(columns.get(c).name() + " (source " + columns.get(c).source() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(source + " has no column for " + String.join(", ", missing)
        + "; its header is " + String.join(",", header));
    }
    RecordTable.Builder b = RecordTable.builder(source, columns);
    String[] values = new String[columns.size()];
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int c = 0; c < index.length; c++) {
        values[c] = row[index[c]];
      }
      b.add(row[0], values, r + 2L); // line 1 is the header
    }
    return b.build();
  }
}
