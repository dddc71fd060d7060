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
 * <p>Immutable and thread-safe.
 */
public final class GeneratorSpec {

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
  }

  /** A builder with the defaults: 10,000 learners, seed 1, one record per person per side, {@link ErrorModel#defaults()}. */
  public static Builder builder() {
    return new Builder();
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

  @Override
  public String toString() {
    return "GeneratorSpec{learners=" + learners + ", seed=" + seed + ", longitudinal=" + longitudinal
      + ", educationOnlyRate=" + educationOnlyRate + ", labourOnlyRate=" + labourOnlyRate
      + ", twinBirthRate=" + twinBirthRate + ", birthYears=" + firstBirthYear + ".." + lastBirthYear
      + ", errorModel=" + errorModel + "}";
  }

  /** Builds a {@link GeneratorSpec}; setters check their value and fail fast with it in the message. Not thread-safe. */
  public static final class Builder {
    /** Upper bound on learners: ids and arrays stay well inside int range. */
    public static final int MAX_LEARNERS = 50_000_000;

    private int learners = 10_000;
    private long seed = 1L;
    private boolean longitudinal;
    private ErrorModel errorModel = ErrorModel.defaults();
    private double educationOnlyRate = 0.10;
    private double labourOnlyRate = 0.08;
    private double twinBirthRate = 0.015;
    private int firstBirthYear = 1985;
    private int lastBirthYear = 2004;

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

    /** Seed of every random choice; same spec, same files. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether a person has many records over the years (education spells, jobs) instead of one per side. */
    public Builder longitudinal(boolean longitudinal) {
      this.longitudinal = longitudinal;
      return this;
    }

    /** The errors injected into the records; not null. */
    public Builder errorModel(ErrorModel errorModel) {
      this.errorModel = Objects.requireNonNull(errorModel, "errorModel");
      return this;
    }

    /** Share of learners with no labour-market record, in [0, 1). */
    public Builder educationOnlyRate(double p) {
      if (!(p >= 0.0 && p < 1.0)) {
        throw new IllegalArgumentException("educationOnlyRate must be in [0, 1): " + p);
      }
      this.educationOnlyRate = p;
      return this;
    }

    /** Share of labour-market records of people never in education, in [0, 0.9]. */
    public Builder labourOnlyRate(double p) {
      if (!(p >= 0.0 && p <= 0.9)) {
        throw new IllegalArgumentException("labourOnlyRate must be in [0, 0.9]: " + p);
      }
      this.labourOnlyRate = p;
      return this;
    }

    /** Share of births that are twins, in [0, 0.5]. */
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

    /** The spec set so far. */
    public GeneratorSpec build() {
      return new GeneratorSpec(this);
    }
  }
}
