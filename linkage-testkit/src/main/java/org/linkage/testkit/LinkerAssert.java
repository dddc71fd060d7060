package org.linkage.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.linkage.Explanation;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.MatchKeySpec;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about how a {@link Linker} decides one pair of records; obtained from
 * {@link LinkageAssertions#assertThat(Linker)}.
 *
 * <p><b>How a pair is decided.</b> Each assertion puts the left record alone in a left table and
 * the right record alone in a right table and runs the whole linker on them with a fixed model:
 * blocking, comparisons, the deterministic cascade, the threshold. So "links" means: some blocking
 * rule (or match key) brings the pair together <em>and</em> a pass accepts it. The pair is judged in
 * isolation: 1:1 competition with other records (a better candidate taking the right record) is not
 * part of the check — test that on a population with {@link LinkageResultAssert}.
 *
 * <p><b>The model.</b> One pair is far too little to train on, so a probabilistic or hybrid spec
 * needs a model first: {@link #usingModel} (e.g. loaded from {@code model.json} or trained in a
 * {@code @BeforeAll}), or {@link #trainedOn(PopulationTables)}, which trains on a generated population
 * and caches the model in that population per spec. A purely deterministic spec needs none.
 *
 * <p>Immutable and thread-safe: {@code usingModel} and {@code trainedOn} return new instances.
 */
public final class LinkerAssert {
  private final Linker linker;
  private final FellegiSunterModel model;

  LinkerAssert(Linker linker, FellegiSunterModel model) {
    this.linker = Objects.requireNonNull(linker, "linker");
    this.model = model;
  }

  /** Scores pairs with {@code model}, which must fit the linker's spec (same comparisons and levels). */
  public LinkerAssert usingModel(FellegiSunterModel model) {
    return new LinkerAssert(linker, Objects.requireNonNull(model, "model"));
  }

  /** Scores pairs with the model trained on {@code population} under the linker's spec (cached there). */
  public LinkerAssert trainedOn(PopulationTables population) {
    return usingModel(population.modelFor(linker.spec()));
  }

  /** Scores pairs with a model trained now on {@code left} and {@code right}. */
  public LinkerAssert trainedOn(RecordTable left, RecordTable right) {
    return usingModel(linker.train(left, right).model());
  }

  /** The model pairs are scored with, or {@code null} if none was given. */
  public FellegiSunterModel model() {
    return model;
  }

  /** The waterfall of the pair under the model (whether or not it would be linked). */
  public Explanation explain(PersonRecord left, PersonRecord right) {
    PairOutcome o = decide(left, right);
    if (o.explanation == null) {
      throw new IllegalStateException("no model to explain with: call usingModel(model) or trainedOn(...)");
    }
    return o.explanation;
  }

  /**
   * Fails unless the linker links {@code left} to {@code right}. The message says why not: no
   * blocking rule brings them together, or their match probability is below the threshold —
   * followed by the waterfall ({@link Explanation#toText()}).
   *
   * @return assertions about the link, e.g. {@link LinkAssert#withProbabilityAtLeast}
   */
  public LinkAssert links(PersonRecord left, PersonRecord right) {
    PairOutcome o = decide(left, right);
    if (o.link == null) {
      throw new AssertionFailedError("expected " + o.pair() + " to link, but they do not: " + o.whyNotLinked()
        + o.details(), "linked", "not linked");
    }
    return new LinkAssert(this, o);
  }

  /**
   * Fails if the linker links {@code left} to {@code right}; the message names the pass that made
   * the link, its match probability and the waterfall.
   */
  public LinkerAssert doesNotLink(PersonRecord left, PersonRecord right) {
    PairOutcome o = decide(left, right);
    if (o.link != null) {
      throw new AssertionFailedError("expected " + o.pair() + " not to link, but they are linked by "
        + o.describeLink() + o.details(), "not linked", "linked");
    }
    return this;
  }

  private PairOutcome decide(PersonRecord left, PersonRecord right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    LinkageSpec spec = linker.spec();
    RecordTable l = PersonRecord.table(spec, "left record", List.of(left));
    RecordTable r = PersonRecord.table(spec, "right record", List.of(right));
    Linker one = linker.withThreads(1);
    LinkageResult result;
    if (model != null) {
      result = one.link(l, r, model);
    } else if (spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC || spec.comparisons().isEmpty()) {
      result = one.link(l, r);
    } else {
      throw new IllegalStateException("a single pair is too little to train on: give the assertion a model with "
        + "usingModel(model) or trainedOn(population) before links/doesNotLink");
    }
    Link link = result.links().isEmpty() ? null : result.links().get(0);
    Explanation explanation = result.model() == null ? null : result.explain(left.id(), right.id());
    return new PairOutcome(spec, left.id(), right.id(), link, explanation, result);
  }

  static void checkUnit(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
    }
  }

  /** What the linker did with one pair. */
  record PairOutcome(LinkageSpec spec, String leftId, String rightId, Link link, Explanation explanation,
             LinkageResult result) {

    String pair() {
      return "left " + leftId + " and right " + rightId;
    }

    String describeLink() {
      return Link.PROBABILISTIC.equals(link.method())
        ? String.format(Locale.ROOT, "the probabilistic pass with match probability %.6f (threshold %.4f)",
          link.matchProbability(), spec.threshold())
        : "match key " + link.method() + (Double.isNaN(link.matchProbability()) ? ""
          : String.format(Locale.ROOT, " (match probability %.6f)", link.matchProbability()));
    }

    String whyNotLinked() {
      boolean probabilistic = spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC && explanation != null;
      String keys = spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC || spec.matchKeys().isEmpty() ? ""
        : "; no match key agrees (" + spec.matchKeys().stream().map(MatchKeySpec::name)
          .collect(Collectors.joining(", ")) + ")";
      if (probabilistic && result.report().candidatePairs() == 0) {
        return "no blocking rule puts them in one block (rules: " + spec.blockingRules().stream()
          .map(BlockingRuleSpec::name).collect(Collectors.joining(", ")) + ")" + keys;
      }
      if (probabilistic) {
        return String.format(Locale.ROOT, "their match probability %.6f is below the threshold %.4f",
          explanation.matchProbability(), spec.threshold()) + keys;
      }
      return keys.isEmpty() ? "no pass accepts them" : keys.substring(2);
    }

    String details() {
      StringBuilder b = new StringBuilder();
      for (String w : result.report().warnings()) {
        b.append(System.lineSeparator()).append("warning: ").append(w);
      }
      if (explanation != null) {
        b.append(System.lineSeparator()).append(explanation.toText());
      }
      return b.toString();
    }
  }
}
