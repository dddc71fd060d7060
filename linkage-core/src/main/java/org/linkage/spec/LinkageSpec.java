package org.linkage.spec;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linkage.error.InvalidSpecException;

/**
 * Everything a linkage job is told: which columns to read and how, how to compare them, which
 * pairs to compare at all (blocking), the deterministic passes, training settings, the probability
 * threshold and the assignment rule.
 *
 * <p>The usual start is {@link #personDefaults()}, the person profile for columns
 * {@code id, forename, middle_name, surname, dob, sex, postcode, nino}:
 *
 * <pre>{@code
 * LinkageSpec spec = LinkageSpec.personDefaults().toBuilder().threshold(0.95).build();
 * }</pre>
 *
 * <p>Specs are immutable and thread-safe. {@link Builder#build()} validates the whole spec and
 * reports every problem at once in one {@link InvalidSpecException}. Specs read from and write to
 * JSON ({@link #fromJson(Path)}, {@link #toJson()}); see {@code docs/spec-reference.md}.
 */
public final class LinkageSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Strategies: which decision stages run. */
  public enum Strategy {
    /** Match-key cascade only. */
    DETERMINISTIC,
    /** Fellegi–Sunter only. */
    PROBABILISTIC,
    /** The cascade first, then Fellegi–Sunter on what is left (default). */
    CASCADE_THEN_PROBABILISTIC
  }

  /** Most comparisons a spec may have: agreement patterns pack 4 bits per comparison into a long. */
  public static final int MAX_COMPARISONS = 16;

  /** The default {@link #maxBlockSize()}: measured to keep recall while bounding pairs per record (docs/performance.md). */
  public static final int DEFAULT_MAX_BLOCK_SIZE = 100;

  /** The default {@link #pairBudget()}: none. */
  public static final double DEFAULT_PAIR_BUDGET = 0;

  /** The person profile's {@link #pairBudget()}, measured on 1M and 3M generated learners (docs/scaling.md). */
  private static final double PERSON_PAIR_BUDGET = 20;

  private final String idColumn;
  private final ImmutableList<ColumnSpec> columns;
  private final ImmutableList<ComparisonSpec> comparisons;
  private final ImmutableList<BlockingRuleSpec> blockingRules;
  private final ImmutableList<MatchKeySpec> matchKeys;
  private final Strategy strategy;
  private final double threshold;
  private final Assignment assignment;
  private final ClusteringSpec clustering;
  private final int maxBlockSize;
  private final double pairBudget;
  private final TrainingSpec training;
  private final long seed;

  private LinkageSpec(Builder b) {
    this.idColumn = b.idColumn;
    this.columns = ImmutableList.copyOf(b.columns);
    this.comparisons = ImmutableList.copyOf(b.comparisons);
    this.blockingRules = ImmutableList.copyOf(b.blockingRules);
    this.matchKeys = ImmutableList.copyOf(b.matchKeys);
    this.strategy = b.strategy;
    this.threshold = b.threshold;
    this.assignment = b.assignment;
    this.clustering = b.clustering;
    this.maxBlockSize = b.maxBlockSize;
    this.pairBudget = b.pairBudget;
    this.training = b.training;
    this.seed = b.seed;
  }

  /** The default person profile (see class javadoc and {@code docs/spec-reference.md}). */
  public static LinkageSpec personDefaults() {
    return builder()
        .idColumn("id")
        .columns(List.of(
            ColumnSpec.of("forename", ColumnType.NAME),
            ColumnSpec.of("middle_name", ColumnType.NAME),
            ColumnSpec.of("surname", ColumnType.NAME),
            new ColumnSpec("dob", "dob", ColumnType.DATE, ColumnSpec.ISO_DATE),
            ColumnSpec.of("sex", ColumnType.SEX),
            ColumnSpec.of("postcode", ColumnType.POSTCODE),
            ColumnSpec.of("nino", ColumnType.NINO)))
        .comparisons(List.of(
            new ComparisonSpec("forename", ComparisonKind.FORENAME, "forename", null, "middle_name", "surname", true),
            new ComparisonSpec("surname", ComparisonKind.SURNAME, "surname", null, "forename", null, true,
                // married-name changes: far commoner among women's true pairs than men's
                new ComparisonSpec.ElseSplit("sex", "F", "else_female")),
            ComparisonSpec.of("middle_name", ComparisonKind.FORENAME, "middle_name"),
            ComparisonSpec.of("dob", ComparisonKind.DATE, "dob"),
            ComparisonSpec.of("sex", ComparisonKind.EXACT, "sex"),
            ComparisonSpec.of("postcode", ComparisonKind.POSTCODE, "postcode"),
            ComparisonSpec.of("nino", ComparisonKind.IDENTIFIER, "nino")))
        // each rule is refined first by a part that keeps what only it finds: the dob rules find changed
        // surnames (dob_sex_forename_initial) and changed forenames (dob_sex_surname_initial), so a block
        // over the cap is split by the name that still agrees; sex splits the rest in two and almost
        // never disagrees
        .blockingRules(List.of(
            BlockingRuleSpec.of("nino", "nino"),
            BlockingRuleSpec.of("dob_sex_forename_initial", "dob", "sex", "forename:initial")
                .refinedBy("forename:phonetic", "surname:initial"),
            BlockingRuleSpec.of("dob_sex_surname_initial", "dob", "sex", "surname:initial")
                .refinedBy("surname:phonetic", "forename:initial"),
            BlockingRuleSpec.of("surname_phonetic_year_initial", "surname:phonetic", "dob:year", "forename:initial")
                .refinedBy("sex", "forename:phonetic", "postcode:area"),
            BlockingRuleSpec.of("forename_phonetic_month_day_surname_initial", "forename:phonetic", "dob:month_day",
                "surname:initial").refinedBy("sex", "postcode:area", "surname:phonetic"),
            BlockingRuleSpec.of("postcode_forename_initial", "postcode", "forename:initial").refinedBy("surname:initial"),
            // one household, one family name: catches a new forename spelling with a mistyped date of birth
            BlockingRuleSpec.of("postcode_surname_initial", "postcode", "surname:initial").refinedBy("forename:initial"),
            BlockingRuleSpec.of("dob_postcode_area", "dob", "postcode:area").refinedBy("sex", "surname:initial"),
            BlockingRuleSpec.of("dob_name_initials_any_order", "dob", "forename|surname:sorted_initials")
                .refinedBy("sex", "postcode:area"),
            BlockingRuleSpec.of("names_phonetic_area", "forename:phonetic", "surname:phonetic", "postcode:area")
                .refinedBy("sex", "dob:year"),
            BlockingRuleSpec.of("forename_phonetic_month_day_area", "forename:phonetic", "dob:month_day",
                "postcode:area").refinedBy("sex", "surname:initial"),
            // common names make the largest blocks; year then area split them (pairs they hold are found by the
            // phonetic and date rules above anyway)
            BlockingRuleSpec.of("forename_surname", "forename", "surname").refinedBy("sex", "dob:year", "postcode:area")))
        // blocks keyed on a birth date or a name grow with the population; the budget refines the largest
        .pairBudget(PERSON_PAIR_BUDGET)
        .matchKeys(List.of(
            MatchKeySpec.of("nino_dob", "nino", "dob"),
            MatchKeySpec.of("name_dob", "forename", "surname", "dob").vetoedBy("nino")))
        .build();
  }

  /** A builder with nothing set but the defaults of the scalar settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Reads a spec from a JSON file; problems are reported all at once. */
  public static LinkageSpec fromJson(Path file) throws IOException {
    return SpecJson.read(file);
  }

  /** Reads a spec from JSON text. */
  public static LinkageSpec fromJson(String json) {
    return SpecJson.parse(json, "spec");
  }

  /** This spec as pretty-printed JSON, readable by {@link #fromJson}. */
  public String toJson() {
    return SpecJson.write(this);
  }

  /** Name of the id column in both input files; every row must have a unique, non-empty id. */
  public String idColumn() {
    return idColumn;
  }

  /** The columns read from each file, with their types and source headers. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /** The comparisons that make up a pair's agreement pattern, in order. */
  public List<ComparisonSpec> comparisons() {
    return comparisons;
  }

  /** The blocking rules; a pair is a candidate when any rule puts both records in one block. */
  public List<BlockingRuleSpec> blockingRules() {
    return blockingRules;
  }

  /** The passes of the deterministic cascade, in the order they run. */
  public List<MatchKeySpec> matchKeys() {
    return matchKeys;
  }

  /** Which passes run: the cascade, the probabilistic pass, or the cascade then the probabilistic pass. */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * Smallest probability at which the probabilistic pass links a pair: one-to-one, its probability
   * given the competing candidates of both records ({@code probability_given_competitors} of a link);
   * many-to-one, its own match probability. A match-key pass links a pair only if the model, where
   * one is trained, gives it this much too.
   */
  public double threshold() {
    return threshold;
  }

  /** How many links a record may be in: 1:1 (default) or many right records to one left. */
  public Assignment assignment() {
    return assignment;
  }

  /** Whether records are grouped into persons, and how (off by default). */
  public ClusteringSpec clustering() {
    return clustering;
  }

  /**
   * The cap on right-side records per block: a larger block is split by its rule's refinement parts
   * ({@link BlockingRuleSpec#refineBy}) until it fits, or skipped (and reported) when the rule has
   * none left. Default {@value #DEFAULT_MAX_BLOCK_SIZE}, so a record's candidate pairs per rule do
   * not grow with the population.
   */
  public int maxBlockSize() {
    return maxBlockSize;
  }

  /**
   * The most candidate pairs per left record all blocking rules together may give, each pair counted
   * once: where they would give more, blocks are refined largest first across the rules with
   * refinement parts (each such rule's cap is lowered, never below 4) until the pairs fit, so the
   * cost per record is the same at any population (see {@code docs/blocking.md}). Rules without
   * refinement parts and sorted-neighbourhood rules keep {@link #maxBlockSize()}, and their pairs
   * count. 0 for no budget (only {@link #maxBlockSize()} caps blocks): the builder's default; the
   * person profile uses 20.
   */
  public double pairBudget() {
    return pairBudget;
  }

  /** How u, m and λ are estimated (sample size, EM iterations and tolerance). */
  public TrainingSpec training() {
    return training;
  }

  /** Seed of every random choice (u sampling); same input, spec and seed give the same output. */
  public long seed() {
    return seed;
  }

  /** The column named {@code name}, or {@code null}. */
  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkageSpec s && s.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "LinkageSpec" + toJson();
  }

  /**
   * Builds a {@link LinkageSpec}. Setters take whole lists; {@link #build()} checks every setting
   * and their consistency (unknown columns, duplicate names, thresholds out of range) and lists all
   * problems in one {@link InvalidSpecException}. Not thread-safe.
   */
  public static final class Builder {
    private String idColumn = "id";
    private List<ColumnSpec> columns = List.of();
    private List<ComparisonSpec> comparisons = List.of();
    private List<BlockingRuleSpec> blockingRules = List.of();
    private List<MatchKeySpec> matchKeys = List.of();
    private Strategy strategy = Strategy.CASCADE_THEN_PROBABILISTIC;
    private double threshold = 0.7;
    private Assignment assignment = Assignment.ONE_TO_ONE;
    private ClusteringSpec clustering = ClusteringSpec.defaults();
    private int maxBlockSize = DEFAULT_MAX_BLOCK_SIZE;
    private double pairBudget = DEFAULT_PAIR_BUDGET;
    private TrainingSpec training = TrainingSpec.defaults();
    private long seed = 42;

    private Builder() {}

    private Builder(LinkageSpec s) {
      idColumn = s.idColumn;
      columns = s.columns;
      comparisons = s.comparisons;
      blockingRules = s.blockingRules;
      matchKeys = s.matchKeys;
      strategy = s.strategy;
      threshold = s.threshold;
      assignment = s.assignment;
      clustering = s.clustering;
      maxBlockSize = s.maxBlockSize;
      pairBudget = s.pairBudget;
      training = s.training;
      seed = s.seed;
    }

    /** Sets {@link LinkageSpec#idColumn()}; not null. */
    public Builder idColumn(String idColumn) {
      this.idColumn = requireNonNull(idColumn, "idColumn");
      return this;
    }

    /** Sets {@link LinkageSpec#columns()}, replacing the whole list (copied). */
    public Builder columns(List<ColumnSpec> columns) {
      this.columns = List.copyOf(columns);
      return this;
    }

    /** Sets {@link LinkageSpec#comparisons()}, replacing the whole list (copied). */
    public Builder comparisons(List<ComparisonSpec> comparisons) {
      this.comparisons = List.copyOf(comparisons);
      return this;
    }

    /** Sets {@link LinkageSpec#blockingRules()}, replacing the whole list (copied). */
    public Builder blockingRules(List<BlockingRuleSpec> blockingRules) {
      this.blockingRules = List.copyOf(blockingRules);
      return this;
    }

    /** Sets {@link LinkageSpec#matchKeys()}, replacing the whole list (copied). */
    public Builder matchKeys(List<MatchKeySpec> matchKeys) {
      this.matchKeys = List.copyOf(matchKeys);
      return this;
    }

    /** Sets {@link LinkageSpec#strategy()}; not null. */
    public Builder strategy(Strategy strategy) {
      this.strategy = requireNonNull(strategy, "strategy");
      return this;
    }

    /** Sets {@link LinkageSpec#threshold()}, a probability in (0, 1); checked by {@link #build()}. */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /** Sets {@link LinkageSpec#assignment()}; not null. */
    public Builder assignment(Assignment assignment) {
      this.assignment = requireNonNull(assignment, "assignment");
      return this;
    }

    /** Sets {@link LinkageSpec#clustering()}; not null. */
    public Builder clustering(ClusteringSpec clustering) {
      this.clustering = requireNonNull(clustering, "clustering");
      return this;
    }

    /** Sets {@link LinkageSpec#maxBlockSize()}; positive, checked by {@link #build()}. */
    public Builder maxBlockSize(int maxBlockSize) {
      this.maxBlockSize = maxBlockSize;
      return this;
    }

    /** Sets {@link LinkageSpec#pairBudget()}; not negative (0: no budget), checked by {@link #build()}. */
    public Builder pairBudget(double pairBudget) {
      this.pairBudget = pairBudget;
      return this;
    }

    /** Sets {@link LinkageSpec#training()}; not null. */
    public Builder training(TrainingSpec training) {
      this.training = requireNonNull(training, "training");
      return this;
    }

    /** Sets {@link LinkageSpec#seed()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Validates and builds: the whole spec is checked before any input is read and every problem
     * found is listed in one {@link InvalidSpecException}, so no invalid spec exists.
     */
    public LinkageSpec build() {
      LinkageSpec spec = new LinkageSpec(this);
      List<String> problems = SpecProblems.of(spec);
      if (!problems.isEmpty()) {
        throw new InvalidSpecException(problems);
      }
      return spec;
    }
  }

  /**
   * How many links a record may be in once the probabilistic pass and the cascade have decided which
   * pairs match. Set by {@code assignment} in the spec.
   * <p>Immutable and thread-safe.
   */
  public enum Assignment {
    /** Each record, on either side, in at most one link (default). */
    ONE_TO_ONE,
    /**
     * Each right record in at most one link; a left record may take many right records — one learner,
     * many employment and benefit spells.
     */
    MANY_TO_ONE
  }
}
