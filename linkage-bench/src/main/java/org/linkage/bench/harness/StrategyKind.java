package org.linkage.bench.harness;

/**
 * The strategies the harness compares. Each is a variation of the dataset's own spec, so a row
 * differs from the default ({@link #CASCADE_FS_TRAINED}) in one respect only.
 */
public enum StrategyKind {
  /** The spec's match-key cascade alone: no blocking, no comparisons, no model. */
  DETERMINISTIC("deterministic cascade"),
  /**
   * Fellegi–Sunter with fixed textbook parameters ({@link org.linkage.model.TextbookModel}, λ =
   * 1 / max(left, right records)), no training, no term-frequency adjustment, no cascade.
   */
  FS_TEXTBOOK("FS, textbook parameters"),
  /** Fellegi–Sunter trained on the data (u by sampling, m and λ by EM), no TF adjustment, no cascade. */
  FS_TRAINED("FS trained, no TF"),
  /**
   * {@link #FS_TRAINED} plus term-frequency adjustment on the comparisons the spec marks (or, if it
   * marks none, on its forename and surname comparisons); skipped if there are none.
   */
  FS_TF("FS trained + TF"),
  /** The spec as written with the default strategy: the cascade, then trained FS (with the spec's TF). */
  CASCADE_FS_TRAINED("cascade + FS trained (default)"),
  /** {@link #CASCADE_FS_TRAINED} with only the spec's first {@link #REDUCED_RULES} blocking rules. */
  REDUCED_BLOCKING("default, first 3 blocking rules only");

  /** Blocking rules kept by {@link #REDUCED_BLOCKING}. */
  public static final int REDUCED_RULES = 3;

  private final String label;

  StrategyKind(String label) {
    this.label = label;
  }

  /** The name shown in the results table. */
  public String label() {
    return label;
  }
}
