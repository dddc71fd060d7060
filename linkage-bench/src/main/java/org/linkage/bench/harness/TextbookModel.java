package org.linkage.bench.harness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.linkage.LinkageSpec;
import org.linkage.compare.ComparisonSpec;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;

/**
 * A Fellegi–Sunter model with fixed "textbook" parameters, the baseline a practitioner writes down
 * without training:
 *
 * <ul>
 *   <li>m: 0.9 for the exact level; the remaining 0.1 split equally over every other level,
 *       {@code else} included;
 *   <li>u: {@code 1 / d} for the exact level, where d is the number of distinct non-empty values of
 *       the compared column over both tables (trimmed, lower-cased) — the chance that two random
 *       records agree if values were uniform; a fixed 0.01 for each partial level; {@code else}
 *       takes the rest;
 *   <li>λ: every record of the smaller table is assumed to have a match, so λ = min(nl, nr) /
 *       (nl × nr) = 1 / max(nl, nr).
 * </ul>
 *
 * <p>Uniform frequencies overstate rare-value evidence for common names and understate it for rare
 * ones; that is the point of the comparison with a trained model. Stateless and thread-safe.
 */
public final class TextbookModel {
  static final double M_EXACT = 0.9;
  static final double U_PARTIAL = 0.01;

  private TextbookModel() {}

  /** Builds the model for {@code spec}'s comparisons from the two tables' distinct values. */
  public static FellegiSunterModel build(LinkageSpec spec, RecordTable left, RecordTable right) {
    List<ComparisonModel> models = new ArrayList<>();
    for (ComparisonSpec c : spec.comparisons()) {
      List<String> levels = c.kind().levels();
      int n = levels.size();
      double[] m = new double[n];
      double[] u = new double[n];
      m[0] = M_EXACT;
      for (int k = 1; k < n; k++) {
        m[k] = (1 - M_EXACT) / (n - 1);
      }
      int distinct = Math.max(1, distinctValues(c.column(), left, right));
      u[0] = Math.max(ComparisonModel.FLOOR, 1.0 / distinct);
      double rest = 1 - u[0];
      for (int k = 1; k < n - 1; k++) {
        u[k] = Math.min(U_PARTIAL, rest / 2);
        rest -= u[k];
      }
      u[n - 1] = Math.max(0, rest);
      models.add(new ComparisonModel(c.name(), c.kind().levels(), m, u));
    }
    double lambda = 1.0 / Math.max(2, Math.max(left.size(), right.size()));
    return new FellegiSunterModel(models, lambda);
  }

  private static int distinctValues(String column, RecordTable left, RecordTable right) {
    Set<String> values = new HashSet<>();
    for (RecordTable t : List.of(left, right)) {
      int col = t.columnIndex(column);
      if (col < 0) {
        continue;
      }
      for (int row = 0; row < t.size(); row++) {
        String v = t.value(col, row);
        if (v != null && !v.isBlank()) {
          values.add(v.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return values.size();
  }
}
