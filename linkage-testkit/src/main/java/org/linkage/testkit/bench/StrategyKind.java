package org.linkage.testkit.bench;

import java.util.List;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;

/**
 * The strategies the harness compares. Each is a variation of the dataset's own spec, so a row
 * differs from the default ({@link #CASCADE_FS_TRAINED}) in one respect only.
 */
public enum StrategyKind {
  /** The spec's match-key cascade alone: no blocking, no comparisons, no model. */
  DETERMINISTIC("deterministic", "deterministic cascade"),
  /**
   * Fellegi–Sunter with fixed textbook parameters ({@link org.linkage.internal.model.TextbookModel}, λ =
   * 1 / max(left, right records)), no training, no term-frequency adjustment, no cascade.
   */
  FS_TEXTBOOK("fs-textbook", "FS, textbook parameters"),
  /** Fellegi–Sunter trained on the data (u by sampling, m and λ by EM), no TF adjustment, no cascade. */
  FS_TRAINED("fs-trained", "FS trained, no TF"),
  /**
   * {@link #FS_TRAINED} plus term-frequency adjustment on the comparisons the spec marks (or, if it
   * marks none, on its forename and surname comparisons); skipped if there are none.
   */
  FS_TF("fs-tf", "FS trained + TF"),
  /** The spec as written with the default strategy: the cascade, then trained FS (with the spec's TF). */
  CASCADE_FS_TRAINED("default", "cascade + FS trained (default)"),
  /** {@link #CASCADE_FS_TRAINED} with only the spec's first {@link #REDUCED_RULES} blocking rules. */
  REDUCED_BLOCKING("fewer-rules", "default, first 3 blocking rules only");

  /** Blocking rules kept by {@link #REDUCED_BLOCKING}. */
  public static final int REDUCED_RULES = 3;

  private final String id;
  private final String label;

  StrategyKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The short name used on the command line, e.g. {@code fs-tf}. */
  public String id() {
    return id;
  }

  /** The strategy whose {@link #id()} is {@code id}. */
  public static StrategyKind byId(String id) {
    for (StrategyKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown strategy " + id + "; expected one of "
        + java.util.Arrays.stream(values()).map(StrategyKind::id).toList());
  }

  /** The name shown in the results table. */
  public String label() {
    return label;
  }

  /**
   * This strategy's variation of {@code base}, or {@code null} if it does not apply ({@link #FS_TF}
   * on a spec without name comparisons).
   */
  public LinkageSpec specFor(LinkageSpec base) {
    return switch (this) {
      case DETERMINISTIC -> base.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build();
      case FS_TEXTBOOK, FS_TRAINED -> withoutTermFrequencies(base).toBuilder()
          .strategy(LinkageSpec.Strategy.PROBABILISTIC).build();
      case FS_TF -> {
        LinkageSpec withTf = withTermFrequencies(base);
        yield withTf == null ? null : withTf.toBuilder().strategy(LinkageSpec.Strategy.PROBABILISTIC).build();
      }
      case CASCADE_FS_TRAINED -> base.toBuilder().strategy(LinkageSpec.Strategy.CASCADE_THEN_PROBABILISTIC).build();
      case REDUCED_BLOCKING -> {
        List<BlockingRuleSpec> rules = base.blockingRules();
        yield base.toBuilder().strategy(LinkageSpec.Strategy.CASCADE_THEN_PROBABILISTIC)
            .blockingRules(rules.subList(0, Math.min(REDUCED_RULES, rules.size()))).build();
      }
    };
  }

  private static LinkageSpec withoutTermFrequencies(LinkageSpec spec) {
    return spec.toBuilder()
        .comparisons(spec.comparisons().stream().map(c -> c.withTermFrequency(false)).toList()).build();
  }

  /** The spec's TF settings, or TF on its name comparisons if it has none; null if neither. */
  private static LinkageSpec withTermFrequencies(LinkageSpec spec) {
    if (spec.comparisons().stream().anyMatch(ComparisonSpec::termFrequency)) {
      return spec;
    }
    List<ComparisonSpec> comparisons = spec.comparisons().stream()
        .map(c -> c.withTermFrequency(c.kind() == ComparisonKind.FORENAME || c.kind() == ComparisonKind.SURNAME))
        .toList();
    return comparisons.stream().anyMatch(ComparisonSpec::termFrequency)
        ? spec.toBuilder().comparisons(comparisons).build() : null;
  }
}
