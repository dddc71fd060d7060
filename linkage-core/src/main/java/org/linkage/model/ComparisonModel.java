package org.linkage.model;

import java.util.List;
import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;

/**
 * The parameters of one comparison: for each non-null level, m = P(level | match) and
 * u = P(level | non-match). The null level has no parameters: it contributes weight 0 (missing at
 * random). Immutable, thread-safe.
 */
public final class ComparisonModel implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Probabilities are kept inside [FLOOR, 1 - FLOOR] so every weight is finite. */
  public static final double FLOOR = 1e-6;

  private final String name;
  private final ImmutableList<String> levels;
  private final double[] m;
  private final double[] u;
  private final String source;

  /** A comparison's parameters with no recorded provenance. */
  public ComparisonModel(String name, List<String> levels, double[] m, double[] u) {
    this(name, levels, m, u, "");
  }

  /**
   * A comparison's parameters and where they came from ({@link #source()}).
   *
   * @param source plain-language provenance, e.g. {@code "m: 41,200 seed links; u: 1,000,000 random pairs"};
   *     empty when unknown
   */
  public ComparisonModel(String name, List<String> levels, double[] m, double[] u, String source) {
    checkArgument(m.length == levels.size() && u.length == levels.size(),
        "comparison %s: %s levels but %s m and %s u values", name, levels.size(), m.length, u.length);
    for (int k = 0; k < m.length; k++) {
      checkArgument(m[k] >= 0 && m[k] <= 1 && u[k] >= 0 && u[k] <= 1,
          "comparison %s level %s: m and u must be in [0,1]: m=%s u=%s", name, levels.get(k), m[k], u[k]);
    }
    this.name = name;
    this.levels = ImmutableList.copyOf(levels);
    this.m = m.clone();
    this.u = u.clone();
    this.source = source == null ? "" : source;
  }

  /** Where m and u came from (training method and sample sizes); empty when unknown. Never holds record values. */
  public String source() {
    return source;
  }

  /** The comparison's name, as in the spec. */
  public String name() {
    return name;
  }

  /** Level labels, strongest first; level {@code k} (1-based) is {@code levels().get(k-1)}. */
  public List<String> levels() {
    return levels;
  }

  /** m of level {@code level} (1-based). */
  public double m(int level) {
    return m[level - 1];
  }

  /** u of level {@code level} (1-based). */
  public double u(int level) {
    return u[level - 1];
  }

  /** A copy of m for each level, level 1 first. */
  public double[] mValues() {
    return m.clone();
  }

  /** A copy of u for each level, level 1 first. */
  public double[] uValues() {
    return u.clone();
  }

  /** log2(m/u) of {@code level}; 0 for the null level. */
  public double weight(int level) {
    if (level == 0) {
      return 0;
    }
    double mm = clamp(m[level - 1]);
    double uu = clamp(u[level - 1]);
    return Math.log(mm / uu) / Math.log(2);
  }

  /** {@code p} kept within [FLOOR, 1 - FLOOR], so weights stay finite. */
  public static double clamp(double p) {
    return Math.min(1 - FLOOR, Math.max(FLOOR, p));
  }

  @Override
  public String toString() {
    return name + levels + " m=" + Arrays.toString(m) + " u=" + Arrays.toString(u);
  }
}
