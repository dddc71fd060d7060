package org.linkage.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.linkage.spec.LinkageSpec;
import org.linkage.internal.eval.EmpiricalParameters;
import org.linkage.eval.PairSet;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that a trained model has the parameters of the data: each comparison level's fitted
 * m beside its empirical m, the share of true pairs at that level ({@link EmpiricalParameters}).
 *
 * <pre>{@code
 * FellegiSunterModel model = population.modelFor(spec);
 * assertThat(model).against(population, spec).hasMWithin(0.03);   // levels with empirical m >= 1%
 * }</pre>
 *
 * <p>A failure lists every level out of tolerance with its fitted and empirical m — level names and
 * numbers only, never record values. Immutable and thread-safe.
 */
public final class ModelAssert {
  /** Levels rarer than this among true pairs are not checked by {@link #hasMWithin(double)}. */
  public static final double DEFAULT_MIN_EMPIRICAL_M = 0.01;
  /** Random pairs compared for the empirical u. */
  static final int U_SAMPLE = 200_000;

  private final FellegiSunterModel model;
  private final EmpiricalParameters parameters;

  ModelAssert(FellegiSunterModel model, EmpiricalParameters parameters) {
    this.model = Objects.requireNonNull(model, "model");
    this.parameters = parameters;
  }

  /** Measures the empirical parameters of {@code spec}'s comparisons on a generated population. */
  public ModelAssert against(PopulationTables population, LinkageSpec spec) {
    return against(population.education(spec), population.labour(spec), population.truth(), spec);
  }

  /** Measures the empirical parameters of {@code spec}'s comparisons on two tables with known truth. */
  public ModelAssert against(RecordTable left, RecordTable right, PairSet truth, LinkageSpec spec) {
    return new ModelAssert(model, EmpiricalParameters.measure(spec, model, left, right, truth, U_SAMPLE, spec.seed()));
  }

  /** The measured parameters, for assertions of one's own. */
  public EmpiricalParameters parameters() {
    requireMeasured();
    return parameters;
  }

  /** Fails unless every level with empirical m ≥ 1% has |fitted m − empirical m| ≤ {@code tolerance}. */
  public ModelAssert hasMWithin(double tolerance) {
    return hasMWithin(tolerance, DEFAULT_MIN_EMPIRICAL_M);
  }

  /** Fails unless every level with empirical m ≥ {@code minEmpiricalM} has |fitted m − empirical m| ≤ {@code tolerance}. */
  public ModelAssert hasMWithin(double tolerance, double minEmpiricalM) {
    LinkerAssert.checkUnit(tolerance, "tolerance");
    LinkerAssert.checkUnit(minEmpiricalM, "minEmpiricalM");
    requireMeasured();
    List<EmpiricalParameters.Level> off = parameters.mGapsAbove(tolerance, minEmpiricalM);
    if (!off.isEmpty()) {
      throw new AssertionFailedError(String.format(Locale.ROOT,
          "expected fitted m within %.3f of the empirical m on every level with empirical m >= %.3f, but %d "
              + "level(s) are not:%n%s%n%nall levels:%n%s", tolerance, minEmpiricalM, off.size(),
          off.stream().map(l -> String.format(Locale.ROOT, "  %s = %s: fitted %.4f, empirical %.4f (%d true pairs)",
              l.comparison(), l.level(), l.fittedM(), l.empiricalM(), l.truePairs())).collect(Collectors.joining("\n")),
          parameters.toTable()));
    }
    return this;
  }

  private void requireMeasured() {
    if (parameters == null) {
      throw new IllegalStateException("no empirical parameters: call against(population, spec) first");
    }
  }
}
