package org.linkage.bench.harness;

/**
 * The strategies the harness compares. Each is a variation of the dataset's own spec, so a row
 * differs from the default ({@link #CASCADE_FS_TRAINED}) in one respect only.
 */
public enum StrategyKind {
  /** The spec's match-key cascade alone: no blocking, no comparisons, no model. */
  DETERMINISTIC("deterministic cascade"),
  /**
   * Fellegi–Sunter with fixed textbook parameters ({@link TextbookModel}), no training, no
   * cascade.
   */
  FS_TEXTBOOK("FS, textbook parameters"),
  /** Fellegi–Sunter trained on the data (u by sampling, m and λ by EM), no cascade. */
  FS_TRAINED("FS trained"),
  /** The library default: the cascade, then trained Fellegi–Sunter on what is left. */
  CASCADE_FS_TRAINED("cascade + FS trained (default)"),
  /** The default with only the spec's first {@link #REDUCED_RULES} blocking rules. */
  REDUCED_BLOCKING("cascade + FS trained, first 3 blocking rules"),
  /** Fellegi–Sunter with term-frequency adjustment: not implemented by linkage-core yet. */
  FS_TF("FS + TF");

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
