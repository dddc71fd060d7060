package org.linkage.testkit.generate;

import java.util.Objects;

/**
 * What population to generate: how many learners, the seed, one record per person per side or
 * several (longitudinal), the shares of people present on one side only, and the {@link ErrorModel}.
 *
 * <pre>{@code
 * GeneratorSpec spec = GeneratorSpec.builder().learners(20_000).seed(7).build();
 * GeneratorSpec panel = GeneratorSpec.builder().learners(5_000).seed(7).longitudinal(true)
 *     .errorModel(ErrorModel.defaults().toBuilder().nameTypo(0.05).build()).build();
 * }</pre>
 *
 * <p>A <em>learner</em> is a person with at least one education record; {@code learners} fixes their
 * number exactly. Of them a share {@link #educationOnlyRate()} has no labour-market record. People
 * who arrived as adults ({@link #labourOnlyRate()} of all people) have labour-market records only.
 *
 * <p><em>Name ambiguity.</em> By default names follow their natural frequencies, so a population of
 * thousands has far fewer namesakes than the tens of millions of a national dataset.
 * {@link Builder#nameAmbiguityOf(long)} tempers the forename and surname frequencies (p ∝ p^α,
 * α &gt; 1) so that each generated person has as many namesakes, on average, as in a natural
 * population of that size; see {@code docs/generator.md}.
 *
 * <pre>{@code
 * GeneratorSpec national = GeneratorSpec.nationalAmbiguity(100_000).seed(1).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GeneratorSpec {
  /**
   * People linked by the UK's Longitudinal Education Outcomes (LEO) data, about 39 million: the
   * population size whose name ambiguity {@link #nationalAmbiguity(int)} reproduces.
   */
  public static final long UK_POPULATION = 39_000_000L;

  /** The last calendar year covered: academic year 2023/24 and tax year 2023-24. */
  public static final int LAST_YEAR = 2023;

  private final int learners;
  private final long seed;
  private final boolean longitudinal;
  private final ErrorModel errorModel;
  private final double educationOnlyRate;
  private final double labourOnlyRate;
  private final double twinBirthRate;
  private final int firstBirthYear;
  private final int lastBirthYear;
  private final long nameAmbiguityOf;
  private final NameDistribution names;

  private GeneratorSpec(Builder b) {
    this.learners = b.learners;
    this.seed = b.seed;
    this.longitudinal = b.longitudinal;
    this.errorModel = b.errorModel;
    this.educationOnlyRate = b.educationOnlyRate;
    this.labourOnlyRate = b.labourOnlyRate;
    this.twinBirthRate = b.twinBirthRate;
    this.firstBirthYear = b.firstBirthYear;
    this.lastBirthYear = b.lastBirthYear;
    this.nameAmbiguityOf = b.nameAmbiguityOf;
    this.names = b.nameAmbiguityOf == 0 ? NameDistribution.NATURAL : NameDistribution.forAmbiguity(people(), b.nameAmbiguityOf);
  }

  /** A builder with the defaults: 10,000 learners, seed 1, one record per person per side, {@link ErrorModel#defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder for {@code learners} learners whose names are as ambiguous as in a natural population
   * of {@link #UK_POPULATION}: {@code builder().learners(learners).nameAmbiguityOf(UK_POPULATION)}.
   */
  public static Builder nationalAmbiguity(int learners) {
    return builder().learners(learners).nameAmbiguityOf(UK_POPULATION);
  }

  /** A builder starting from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.learners = learners;
    b.seed = seed;
    b.longitudinal = longitudinal;
    b.errorModel = errorModel;
    b.educationOnlyRate = educationOnlyRate;
    b.labourOnlyRate = labourOnlyRate;
    b.twinBirthRate = twinBirthRate;
    b.firstBirthYear = firstBirthYear;
    b.lastBirthYear = lastBirthYear;
    b.nameAmbiguityOf = nameAmbiguityOf;
    return b;
  }

  /** Number of people with at least one education record. */
  public int learners() { return learners; }

  /** Seed of every random stream; the same spec gives byte-identical output. */
  public long seed() { return seed; }

  /** {@code false}: at most one (the most recent) record per person per side; {@code true}: every record. */
  public boolean longitudinal() { return longitudinal; }

  /** The corruption and life-event rates. */
  public ErrorModel errorModel() { return errorModel; }

  /** Share of learners with no labour-market record (default 0.10). */
  public double educationOnlyRate() { return educationOnlyRate; }

  /** Share of all people who have labour-market records only (default 0.08). */
  public double labourOnlyRate() { return labourOnlyRate; }

  /** Share of births that are twin births (default 0.015). */
  public double twinBirthRate() { return twinBirthRate; }

  /** First birth year of the cohorts (default 1985). */
  public int firstBirthYear() { return firstBirthYear; }

  /** Last birth year of the cohorts (default 2004). */
  public int lastBirthYear() { return lastBirthYear; }

  /**
   * Number of people generated: the learners plus those with labour-market records only,
   * {@code learners + round(learners · labourOnlyRate / (1 − labourOnlyRate))}.
   */
  public int people() {
    return people(learners, labourOnlyRate);
  }

  private static int people(int learners, double labourOnlyRate) {
    return learners + (int) Math.round(learners * labourOnlyRate / (1.0 - labourOnlyRate));
  }

  /**
   * The natural population size whose name ambiguity the names reproduce, or 0 (the default) for
   * natural name frequencies. When positive, the mean number of other generated people sharing a
   * person's forename and surname is {@code (M − 1)·c0}, c0 being the natural probability that two
   * people share both.
   */
  public long nameAmbiguityOf() { return nameAmbiguityOf; }

  /**
   * The exponent α applied to the natural name weights (p ∝ p^α): 1 when {@link #nameAmbiguityOf()}
   * is 0 or no larger than {@link #people()}, otherwise the value found for it.
   */
  public double nameTempering() { return names.alpha; }

  /** How names are drawn, fixed when the spec is built. */
  NameDistribution names() { return names; }

  @Override
  public String toString() {
    return "GeneratorSpec{learners=" + learners + ", seed=" + seed + ", longitudinal=" + longitudinal
      + ", educationOnlyRate=" + educationOnlyRate + ", labourOnlyRate=" + labourOnlyRate
      + ", twinBirthRate=" + twinBirthRate + ", birthYears=" + firstBirthYear + ".." + lastBirthYear
      + ", nameAmbiguityOf=" + nameAmbiguityOf + ", errorModel=" + errorModel + "}";
  }

  /** Builds a {@link GeneratorSpec}; setters check their value and fail fast with it in the message. Not thread-safe. */
  public static final class Builder {
    /** Upper bound on learners: ids and arrays stay well inside int range. */
    public static final int MAX_LEARNERS = 50_000_000;
    /** Upper bound on {@link #nameAmbiguityOf(long)}: ten billion, above any national population. */
    public static final long MAX_NAME_AMBIGUITY = 10_000_000_000L;

    private int learners = 10_000;
    private long seed = 1L;
    private boolean longitudinal;
    private ErrorModel errorModel = ErrorModel.defaults();
    private double educationOnlyRate = 0.10;
    private double labourOnlyRate = 0.08;
    private double twinBirthRate = 0.015;
    private int firstBirthYear = 1985;
    private int lastBirthYear = 2004;
    private long nameAmbiguityOf;

    private Builder() {
    }

    /** Number of learners, 1 to {@value #MAX_LEARNERS}. */
    public Builder learners(int learners) {
      if (learners < 1 || learners > MAX_LEARNERS) {
        throw new IllegalArgumentException("learners must be in [1, " + MAX_LEARNERS + "]: " + learners);
      }
      this.learners = learners;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder longitudinal(boolean longitudinal) {
      this.longitudinal = longitudinal;
      return this;
    }

    public Builder errorModel(ErrorModel errorModel) {
      this.errorModel = Objects.requireNonNull(errorModel, "errorModel");
      return this;
    }

    public Builder educationOnlyRate(double p) {
      if (!(p >= 0.0 && p < 1.0)) {
        throw new IllegalArgumentException("educationOnlyRate must be in [0, 1): " + p);
      }
      this.educationOnlyRate = p;
      return this;
    }

    public Builder labourOnlyRate(double p) {
      if (!(p >= 0.0 && p <= 0.9)) {
        throw new IllegalArgumentException("labourOnlyRate must be in [0, 0.9]: " + p);
      }
      this.labourOnlyRate = p;
      return this;
    }

    public Builder twinBirthRate(double p) {
      if (!(p >= 0.0 && p <= 0.5)) {
        throw new IllegalArgumentException("twinBirthRate must be in [0, 0.5]: " + p);
      }
      this.twinBirthRate = p;
      return this;
    }

    /** Birth years of the cohorts, inclusive; within 1975..2006 so everyone can reach education and the labour market by {@value GeneratorSpec#LAST_YEAR}. */
    public Builder birthYears(int first, int last) {
      if (first < 1975 || first > 2006) {
        throw new IllegalArgumentException("first birth year must be in [1975, 2006]: " + first);
      }
      if (last < first || last > 2006) {
        throw new IllegalArgumentException("last birth year must be in [" + first + ", 2006]: " + last);
      }
      this.firstBirthYear = first;
      this.lastBirthYear = last;
      return this;
    }

    /**
     * Temper name frequencies so the generated people share forename and surname as often as the
     * people of a natural population of {@code population}; 0 (the default) keeps natural
     * frequencies and today's output. Must be 0 or in [{@link GeneratorSpec#people()},
     * {@value #MAX_NAME_AMBIGUITY}]; the lower bound is checked by {@link #build()}.
     */
    public Builder nameAmbiguityOf(long population) {
      if (population < 0 || population > MAX_NAME_AMBIGUITY) {
        throw new IllegalArgumentException("nameAmbiguityOf must be 0 or in [people generated, "
          + MAX_NAME_AMBIGUITY + "]: " + population);
      }
      this.nameAmbiguityOf = population;
      return this;
    }

    /**
     * The spec; with {@link #nameAmbiguityOf(long)} set, also finds the name tempering (a few
     * milliseconds).
     *
     * @throws IllegalArgumentException with the value when {@code nameAmbiguityOf} is below the
     *     number of people generated or cannot be reached by tempering
     */
    public GeneratorSpec build() {
      if (nameAmbiguityOf != 0) {
        int people = people(learners, labourOnlyRate);
        if (nameAmbiguityOf < people) {
          throw new IllegalArgumentException("nameAmbiguityOf must be 0 or at least the " + people
            + " people generated: " + nameAmbiguityOf);
        }
      }
      return new GeneratorSpec(this);
    }
  }
}
