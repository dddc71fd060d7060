package org.linkage.internal.model;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.linkage.spec.ComparisonSpec;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;

/**
 * Fixed "textbook" parameters, the baseline a trained model must beat: exact agreement m = 0.9,
 * u = 0.01; the last ("else") level m = 0.02, u = 0.95; the levels between share the rest evenly
 * (m 0.08, u 0.04). Nothing is learnt from the data. Thread-safe.
 */
public final class TextbookModel {
  private TextbookModel() {}

  /** Textbook parameters for these comparisons, with the given λ. */
  public static FellegiSunterModel of(List<ComparisonSpec> comparisons, double lambda) {
    List<ComparisonModel> models = new ArrayList<>();
    for (ComparisonSpec c : comparisons) {
      List<String> levels = c.levelNames();
      int k = levels.size();
      double[] m = new double[k];
      double[] u = new double[k];
      m[0] = 0.9;
      u[0] = 0.01;
      m[k - 1] = k == 2 ? 0.1 : 0.02;
      u[k - 1] = k == 2 ? 0.99 : 0.95;
      for (int i = 1; i < k - 1; i++) {
        m[i] = 0.08 / (k - 2);
        u[i] = 0.04 / (k - 2);
      }
      models.add(new ComparisonModel(c.name(), levels, m, u));
    }
    return new FellegiSunterModel(models, lambda);
  }
}
