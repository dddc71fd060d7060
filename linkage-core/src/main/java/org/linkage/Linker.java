package org.linkage;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.SortedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.linkage.internal.block.BlockingAnalysis;
import org.linkage.spec.LinkageSpec.Assignment;
import org.linkage.internal.cluster.ComponentPersons;
import org.linkage.internal.cluster.ComponentRounds;
import org.linkage.internal.cluster.Decisions;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.compare.PairSpill;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.block.RuleKeys;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.internal.train.Training;
import org.linkage.internal.train.TrainingReport;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.TrainingSpec;
import org.linkage.progress.ProgressListener;
import org.linkage.internal.train.CandidateSummary;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.internal.stage.ComparedPairs;
import org.linkage.internal.stage.KeptPairs;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.internal.stage.Scoring;
import org.linkage.internal.stage.PairEngine;
import org.linkage.internal.stage.PairPass;

/**
 * Links two tables of records under a {@link LinkageSpec}: normalise once, block, compare, train
 * (u by random sampling, m by EM), run the deterministic cascade, then the Fellegi–Sunter pass with
 * 1:1 or many:1 assignment by descending match weight ({@link LinkageSpec#assignment()}), and —
 * when {@link LinkageSpec#clustering()} is enabled — group the records of both sides into persons.
 *
 * <pre>{@code
 * Linker linker = Linker.create(LinkageSpec.personDefaults());
 * LinkageResult result = linker.link(left, right);          // trains, then links
 * FellegiSunterModel model = result.model();                 // reuse: linker.link(left, right, model)
 * }</pre>
 *
 * <p>A Linker is immutable and thread-safe; each call runs on its own pool of {@link #threads()}
 * threads. Output is identical for any thread count.
 */
public final class Linker {
  private final LinkagePlan plan;
  private final LinkageSpec spec;
  private final int threads;
  private final ProgressListener progress;
  private final double keepFrom; // NaN: the floor the decisions read; else keep from this weight (for tests)
  private final boolean releaseValues;
  // pairs the spill file may take: Long.MAX_VALUE; -1: no spill, pass 2 compares every pair again;
  // fewer: the spill fails there, as on a full disk (for tests)
  private final long spillLimit;
  private final PairEngine engine; // null: the passes over the pairs run on this linker's threads

  private Linker(LinkagePlan plan, int threads, ProgressListener progress, double keepFrom, boolean releaseValues,
      long spillLimit, PairEngine engine) {
    this.engine = engine;
    this.plan = plan;
    this.spec = plan.spec();
    this.threads = threads;
    this.progress = progress;
    this.keepFrom = keepFrom;
    this.releaseValues = releaseValues;
    this.spillLimit = spillLimit;
  }

  /** A linker using all available processors and reporting no progress. */
  public static Linker create(LinkageSpec spec) {
    return new Linker(LinkagePlan.compile(java.util.Objects.requireNonNull(spec, "spec")),
        Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, Double.NaN, false, Long.MAX_VALUE, null);
  }

  /** A copy running on {@code threads} threads. */
  public Linker withThreads(int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return new Linker(plan, threads, progress, keepFrom, releaseValues, spillLimit, engine);
  }

  /** A copy that passes each stage's one-line summary (no record values) to {@code progress}. */
  public Linker withProgress(Consumer<String> progress) {
    return new Linker(plan, threads, ProgressListener.ofSummaries(progress), keepFrom, releaseValues, spillLimit, engine);
  }

  /** A copy that reports every stage, with counts while comparing, to {@code progress}. */
  public Linker withProgress(ProgressListener progress) {
    return new Linker(plan, threads, java.util.Objects.requireNonNull(progress, "progress"), keepFrom, releaseValues, spillLimit, engine);
  }

  /**
   * A copy that keeps every scored candidate pair for the decisions instead of those at or above
   * the floor they read: the reference a streamed run must equal (for tests).
   */
  Linker keepingEveryPair() {
    return keepingFrom(Double.NEGATIVE_INFINITY);
  }

  /**
   * A copy whose scoring pass first keeps the pairs of weight at least {@code weight} (for tests: a
   * floor above what the decisions read makes the pass run again down to theirs).
   */
  Linker keepingFrom(double weight) {
    return new Linker(plan, threads, progress, weight, releaseValues, spillLimit, engine);
  }

  /**
   * A copy that {@linkplain RecordTable#releaseValues releases} the raw values of the tables it is
   * given once they are encoded, keeping their ids: the run then holds one code per value instead
   * of the strings, which at a million records a side is a few hundred megabytes. The tables
   * cannot be encoded again afterwards; the result is the same.
   */
  public Linker releasingRawValues() {
    return new Linker(plan, threads, progress, keepFrom, true, spillLimit, engine);
  }

  /**
   * A copy whose scoring pass compares every candidate pair again instead of reading back the pairs
   * the first pass wrote to a temporary file ({@link PairSpill}): the reference a spilled run
   * must equal (for tests).
   */
  Linker comparingTwice() {
    return new Linker(plan, threads, progress, keepFrom, releaseValues, -1, engine);
  }

  /**
   * A copy whose spill file fails once it would hold more than {@code pairs} pairs, as on a full
   * disk: the run must then compare again what it would have read back (for tests).
   */
  Linker spillFailingAfter(long pairs) {
    return new Linker(plan, threads, progress, keepFrom, releaseValues, pairs, engine);
  }

  /**
   * A copy whose passes over the candidate pairs (comparing, training's summary, scoring, and the
   * within-side passes of persons) run on {@code engine} instead of this linker's threads; the
   * encoding, index, training and decisions stay in this process, so the result is the same.
   * Engine-facing (not covered by the API's compatibility promise); {@code null} restores the
   * in-process passes. With an engine the raw values are kept (the engine ships them) and pass 2
   * compares the pairs again instead of reading a spill file.
   */
  public Linker withEngine(PairEngine engine) {
    return new Linker(plan, threads, progress, keepFrom, releaseValues, spillLimit, engine);
  }

  /** The spec this linker runs. */
  public LinkageSpec spec() {
    return spec;
  }

  /** Worker threads of each call; the output does not depend on it. */
  public int threads() {
    return threads;
  }

  /** Trains a model on the two tables without linking. */
  public Training.Outcome train(RecordTable left, RecordTable right) {
    return ParallelChunks.withPool(threads, pool -> {
      RunReport.Builder report = RunReport.builder();
      ComparedPairs indexed = ComparedPairs.indexed(plan, left, right, releaseValues && engine == null, pool, progress, report);
      return summariseAndTrain(indexed, pool, report, null);
    });
  }

  /** Trains on the two tables, then links them with the trained model. */
  public LinkageResult link(RecordTable left, RecordTable right) {
    return run(left, right, null);
  }

  /** Links with a given model (from an earlier {@link #train} or {@code model.json}). */
  public LinkageResult link(RecordTable left, RecordTable right, FellegiSunterModel model) {
    checkArgument(model != null, "model must not be null");
    return run(left, right, model);
  }

  /**
   * Finds duplicates within one table, with the same model and rules, and groups its records into
   * persons ({@link LinkageResult#persons()}). The links are the duplicate pairs kept inside a
   * person: key groups of the match keys, and every pair at or above the threshold, less those
   * dropped by the person constraints; unmatched records are those alone in their person.
   */
  public LinkageResult deduplicate(RecordTable table) {
    return run(table, table, null);
  }

  /**
   * The run as a pipeline of stages — records → pairs ({@link ComparedPairs}) → trainer
   * ({@link Scoring}) → decider ({@link Decisions}) → clusterer (persons, when asked for) → result —
   * each adding its figures to one run report builder.
   */
  private LinkageResult run(RecordTable left, RecordTable right, FellegiSunterModel given) {
    return ParallelChunks.withPool(threads, pool -> {
      RunReport.Builder report = RunReport.builder();
      ComparedPairs indexed = ComparedPairs.indexed(plan, left, right, releaseValues && engine == null, pool, progress, report);
      int[] crossCaps = indexed.blocker().caps(); // read now: the index is released after the last pass
      boolean scores = spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC && (given != null || trains(indexed.data()));
      Scoring scoring;
      Kept kept;
      // pass 1 writes the compared pairs to a file when it can, so pass 2 reads instead of comparing again
      try (PairSpill spill = scores && spillLimit >= 0 && engine == null ? PairSpill.open(spillLimit) : null) {
        scoring = trainer(indexed, given, pool, report, spill);
        kept = keep(indexed, scoring, pool, report, spill);
      }
      long t1 = System.nanoTime();
      ComparedPairs pairs = kept.pairs();
      Clustered persons = pairs.data().isDeduplication() || spec.clustering().enabled()
          ? clusterer(pairs, kept.decisions(), scoring, pool, report) : null;
      return result(pairs, scoring, kept.decisions(), persons, report, t1 - kept.decideNanos(), kept.histogram(),
          crossCaps);
    });
  }

  /** The kept candidate pairs, the decisions on them and the histogram of every candidate's weight. */
  private record Kept(ComparedPairs pairs, Decisions decisions, SortedMap<Integer, Long> histogram,
      long decideNanos) {}

  /**
   * Pass 2 and the decider stage: compares the candidates again, scores each, keeps those at or
   * above the floor the decisions read ({@link Decisions#keepFloor}), and decides on them. Should
   * the decisions read lower (a larger prior shift than the margin allows), the pass runs again
   * down to that floor, so the decisions are always those on every candidate.
   */
  private Kept keep(ComparedPairs indexed, Scoring scoring, ExecutorService pool, RunReport.Builder report,
      PairSpill spill) {
    boolean everyPair = indexed.data().isDeduplication();
    if (!scoring.hasModel() || spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC) {
      long t0 = System.nanoTime();
      Decisions d = decider(indexed, scoring, everyPair, true);
      report.kept(0);
      return new Kept(indexed, d, Collections.emptySortedMap(), System.nanoTime() - t0);
    }
    boolean competing = Decisions.competing(true, spec.assignment(), everyPair, indexed.data().isDeduplication(),
        Decisions.sidesRepeat(spec));
    double floor = Double.isNaN(keepFrom) ? Decisions.keepFloor(spec.threshold(), competing) : keepFrom;
    long scoreMillis = 0;
    while (true) {
      long t0 = System.nanoTime();
      double keepAt = floor;
      KeptPairs all = new KeptPairs(scoring.scorer(), keepAt);
      if (spill != null && spill.complete()) {
        // one sink in candidate order keeps and counts what the chunks' sinks appended in order would
        int rows = indexed.rowsToCompare();
        progress.started("score", rows, "records");
        int[] reported = {0};
        spill.replay((l, r, pattern, rule) -> {
          all.pair(l, r, pattern, rule);
          if (l >= reported[0] + 65_536) { // left rows read so far, now and then
            reported[0] = l;
            progress.advanced("score", l);
          }
        });
        progress.advanced("score", rows);
      } else {
        indexed.stream("score", pool, engine, kept(plan, scoring.model(), keepAt),
            () -> new KeptPairs(scoring.scorer(), keepAt), all::append, progress);
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      CandidatePairs keptPairs = all.pairs();
      scoreMillis += millis;
      report.timing("score", scoreMillis).pass("score", all.scored()).kept(keptPairs.size());
      progress.finished("score", "scored " + all.scored() + " candidate pairs, kept " + keptPairs.size());
      ComparedPairs pairs = indexed.withCandidates(keptPairs);
      long t1 = System.nanoTime();
      Decisions d = decider(pairs, scoring, everyPair, true, pool);
      if (d.floorUsed() >= floor) {
        return new Kept(pairs, d, all.histogram(), System.nanoTime() - t1);
      }
      floor = d.floorUsed(); // the prior shift exceeded the margin: keep down to what was read
    }
  }

  /**
   * Pass 1 and the trainer stage: compares every candidate pair once, keeping only what training
   * needs ({@link CandidateSummary}), then trains on that — or checks the given model against its
   * seed links; its warnings go to the report.
   */
  private Scoring trainer(ComparedPairs pairs, FellegiSunterModel given, ExecutorService pool,
      RunReport.Builder report, PairSpill spill) {
    EncodedData data = pairs.data();
    Scoring scoring;
    if (given != null) {
      boolean check = !spec.comparisons().isEmpty() && data.leftSize() > 0 && data.rightSize() > 0;
      CandidateSummary summary = summarise(pairs, check ? modelCheck(spec.comparisons(), given) : countsOnly(), pool,
          report, spill);
      long t0 = System.nanoTime();
      scoring = Scoring.of(plan, pairs, given);
      if (check) {
        report.warnings(Training.contradictions(given, List.of(pairs.comparisonsShared()), spec.comparisons(), data,
            pairs.ruleKeys(), summary.seedCandidates(), spec.assignment() == Assignment.ONE_TO_ONE));
      }
      report.timing("train", (System.nanoTime() - t0) / 1_000_000);
    } else if (!trains(data)) {
      summarise(pairs, countsOnly(), pool, report, spill);
      scoring = Scoring.none();
      if (!spec.comparisons().isEmpty() && spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC) {
        report.warning("no pairs of records to train on (a side has too few records): no model trained, "
            + "nothing linked");
      }
    } else {
      Training.Outcome outcome = summariseAndTrain(pairs, pool, report, spill);
      scoring = Scoring.trained(plan, pairs, outcome);
      report.training(outcome.report()).warnings(outcome.report().warnings());
    }
    FellegiSunterModel model = scoring.model();
    if (model != null && spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC) {
      double best = FellegiSunterModel.probability(model.maxWeight());
      if (best < spec.threshold()) {
        report.warning(String.format(java.util.Locale.ROOT,
            "the highest possible match probability under this model is %.4f, below the threshold %.4f: "
                + "no pair can be linked probabilistically", best, spec.threshold()));
      }
    }
    return scoring;
  }

  /** Whether a model is trained on {@code data}: there are comparisons, a probabilistic pass and pairs to train on. */
  private boolean trains(EncodedData data) {
    return !spec.comparisons().isEmpty() && spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC
        && data.leftSize() > 0 && data.rightSize() > 0 && !(data.isDeduplication() && data.leftSize() < 2);
  }

  /**
   * Pass 1: every candidate pair compared once and summarised under {@code what}, in candidate
   * order; written to {@code spill} too unless it is null.
   */
  private CandidateSummary summarise(ComparedPairs pairs, PairPass.Recipe<CandidateSummary> recipe,
      ExecutorService pool, RunReport.Builder report, PairSpill spill) {
    java.util.function.Supplier<CandidateSummary> what = recipe.sinks(pairs);
    long t0 = System.nanoTime();
    CandidateSummary summary = what.get();
    if (spill == null) {
      pairs.stream("compare", pool, engine, recipe, what, summary::append, progress);
    } else {
      pairs.stream("compare", pool, () -> new PairSpill.Recording<>(what.get()), r -> {
        summary.append(r.sink());
        spill.write(r.chunk());
      }, progress);
      spill.finish();
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    report.timing("compare", millis).pass("compare", summary.size());
    progress.finished("compare", "compared " + summary.size() + " candidate pairs");
    pairs.addTo(report, summary.size(), summary.countsByRule());
    if (spill != null && spill.complete()) {
      // every later pass reads the spill, nothing probes the index again: let it go before training,
      // the run's largest heap (at 1M a side it is a fifth of the heap)
      pairs.releaseIndex();
    }
    return summary;
  }

  /** u from random pairs, pass 1 with what training needs, then training on its summary. */
  private Training.Outcome summariseAndTrain(ComparedPairs pairs, ExecutorService pool,
      RunReport.Builder report, PairSpill spill) {
    long t0 = System.nanoTime();
    List<Comparison> comparisons = List.of(pairs.comparisonsShared());
    long[][] uCounts = Training.sampleU(comparisons, pairs.data(), spec.training(), spec.seed(), pool);
    long sampling = System.nanoTime() - t0;
    boolean oneToOne = spec.assignment() == Assignment.ONE_TO_ONE;
    // m from seed links needs EM's per-rule counts only as a fallback: leave them out of the pass,
    // and count them in a second one only if too few seed links turn up
    boolean ruleCounts = spec.training().mMethod() == TrainingSpec.MMethod.EM;
    double[][] u = Training.uFromCounts(uCounts);
    // with the pairs spilled, the λ fit reads them back instead of pass 1 grouping every pair by weight
    boolean groups = spill == null;
    CandidateSummary summary = summarise(pairs, forTraining(spec, u, ruleCounts, groups), pool, report, spill);
    RuleKeys ruleKeys = pairs.ruleKeys(); // the seed search's and EM's, computed once, freed after training
    if (!ruleCounts && Training.needsRuleCounts(comparisons, spec.comparisons(), pairs.data(), ruleKeys, summary,
        uCounts, oneToOne, spec.training())) {
      long t = System.nanoTime();
      PairPass.Recipe<CandidateSummary> all = forTraining(spec, u, true, groups);
      java.util.function.Supplier<CandidateSummary> local = all.sinks(pairs);
      summary = local.get();
      // part of training, not a stage of its own: progress sees it within train
      if (spill != null && spill.complete()) {
        // one sink in candidate order sums what the chunks' sinks appended in order would
        spill.replay(summary::pair);
      } else {
        pairs.stream("compare_rule_counts", pool, engine, all, local, summary::append, ProgressListener.NONE);
      }
      long millis = (System.nanoTime() - t) / 1_000_000;
      report.timing("compare_rule_counts", millis).pass("compare_rule_counts", summary.size());
    }
    Training.PairWeights weights = groups ? summary.pairWeights() : pairWeights(pairs, spill, u, pool);
    long t1 = System.nanoTime();
    progress.started("train", 0, null);
    Training.Outcome outcome = Training.train(comparisons, spec.comparisons(), pairs.data(), ruleKeys, summary,
        weights, uCounts, oneToOne, spec.training(), spec.seed());
    progress.finished("train", "trained: λ=" + String.format(java.util.Locale.ROOT, "%.3g", outcome.model().lambda()));
    report.timing("train", (sampling + System.nanoTime() - t1) / 1_000_000);
    return outcome;
  }

  /**
   * The decider stage: the cascade and the probabilistic pass on compared pairs ({@code everyPair}:
   * within one side); {@code announce} reports it as a stage (not for the sides of clustering).
   */
  private Decisions decider(ComparedPairs pairs, Scoring scoring, boolean everyPair, boolean announce) {
    return decider(pairs, scoring, everyPair, announce, null);
  }

  /**
   * As above, the rounds of competing assignment run per block of connected components on
   * {@code pool} when it is given and there are several threads (the same decisions: see
   * {@link ComponentRounds}); an engine runs them itself.
   */
  private Decisions decider(ComparedPairs pairs, Scoring scoring, boolean everyPair, boolean announce,
      ExecutorService pool) {
    ComponentRounds.Opener rounds = engine != null ? engine.rounds()
        : pool != null && threads > 1 ? ComponentRounds.inBlocks(2 * threads, pool) : null;
    if (announce) {
      progress.started("decide", 0, null);
    }
    Decisions d = Decisions.decide(spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys(),
        pairs.data(), pairs.comparisonsShared(), pairs.candidates(),
        spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scoring.scorer(), spec.threshold(),
        spec.assignment(), everyPair, Decisions.sidesRepeat(spec), Link.PROBABILISTIC, null, null,
        null, rounds);
    if (announce) {
      // ends before clustering, whose within-side passes report stages of their own
      progress.finished("decide", "accepted " + d.size() + " links" + (d.ambiguous().length == 0 ? ""
          : "; " + d.ambiguous().length + " pair(s) held back for clerical review (a competitor nearly as strong)"));
    }
    return d;
  }

  /** The result: links, held-back pairs and unmatched records by id, and the finished report. */
  private LinkageResult result(ComparedPairs pairs, Scoring scoring, Decisions cross, Clustered c,
      RunReport.Builder report, long decideStart, SortedMap<Integer, Long> histogram, int[] crossCaps) {
    EncodedData data = pairs.data();
    int nl = data.leftSize();
    int nr = data.rightSize();
    List<Link> links = new ArrayList<>();
    boolean[] leftLinked = cross.leftLinked();
    boolean[] rightFinal = data.isDeduplication() ? leftLinked : cross.rightLinked();
    if (data.isDeduplication()) { // a duplicate pair is a link kept inside a person
      leftLinked = c.inSeveralRecordPerson();
      rightFinal = leftLinked;
      for (int i : cross.sortedByRows()) {
        if (c.clustering().kept()[i]) {
          links.add(toLink(pairs, scoring, cross, i));
        }
      }
    } else {
      for (int i : cross.sortedByRows()) {
        links.add(toLink(pairs, scoring, cross, i));
      }
    }
    Map<String, Long> byMethod = cross.byMethod();
    if (data.isDeduplication()) { // count the pairs kept inside persons, so the counts add up to links
      byMethod = new LinkedHashMap<>();
      for (String method : cross.byMethod().keySet()) {
        byMethod.put(method, 0L);
      }
      for (Link link : links) {
        byMethod.merge(link.method(), 1L, Long::sum);
      }
    }
    List<String> unmatchedLeft = new ArrayList<>();
    List<String> unmatchedRight = new ArrayList<>();
    for (int l = 0; l < nl; l++) {
      if (!leftLinked[l]) {
        unmatchedLeft.add(data.leftTable().id(l));
      }
    }
    if (!data.isDeduplication()) {
      for (int r = 0; r < nr; r++) {
        if (!rightFinal[r]) {
          unmatchedRight.add(data.rightTable().id(r));
        }
      }
    }
    report.timing("decide", (System.nanoTime() - decideStart) / 1_000_000);
    List<Link> ambiguous = new ArrayList<>();
    for (int k = 0; k < cross.ambiguous().length; k++) {
      int i = cross.ambiguous()[k];
      double w = cross.candidateWeights()[i];
      ambiguous.add(new Link(pairs.leftId(i), pairs.rightId(i), FellegiSunterModel.probability(w), w,
          Link.PROBABILISTIC, cross.ambiguousProbability()[k]));
    }
    report.decisions(byMethod, cross.above(), ambiguous.size())
        .linked(nl - unmatchedLeft.size(), data.isDeduplication() ? 0 : nr - unmatchedRight.size(),
            unmatchedLeft.size(), unmatchedRight.size());
    LinkageResult result = new LinkageResult(links, ambiguous, unmatchedLeft, unmatchedRight, scoring.model(),
        scoring.hasModel() ? scoring.scorer() : null, report.build(), data,
        pairs.comparisonsShared(), histogram,
        c == null ? null : c.persons(), c == null ? null : c.report());
    // each rule's cap as indexed (across, and within each side), for a state saved from this run: an
    // update must block with the same caps
    result.blockCaps(new int[][] {crossCaps, c == null ? null : c.leftCaps(),
        c == null ? null : c.rightCaps()});
    return result;
  }

  private Link toLink(ComparedPairs pairs, Scoring scoring, Decisions d, int i) {
    int l = d.left(i);
    int r = d.right(i);
    String method = d.pass(i) == Decisions.PROBABILISTIC ? Link.PROBABILISTIC : spec.matchKeys().get(d.pass(i)).name();
    double w = weight(pairs, scoring, d, i);
    return new Link(pairs.data().leftTable().id(l), pairs.data().rightTable().id(r), scoring.probability(w), w, method,
        d.probability(i));
  }

  /**
   * The weight of accepted link {@code i}: a probabilistic link's was computed when deciding; a
   * match-key link's pair need not be a candidate, so its pattern is compared here, once.
   */
  private static double weight(ComparedPairs pairs, Scoring scoring, Decisions d, int i) {
    int candidate = d.candidate(i);
    if (candidate >= 0 && d.candidateWeights().length > 0) {
      return d.candidateWeights()[candidate];
    }
    return scoring.weight(pairs, d.left(i), d.right(i));
  }

  private record Clustered(List<Person> persons, LinkageResult.ClusteringReport report,
      PersonClusterer.Result clustering, boolean[] inSeveralRecordPerson, int[] leftCaps, int[] rightCaps) {}

  /**
   * The clusterer stage: groups records into persons over the accepted links of {@code cross} and,
   * for two tables with {@code deduplicateSides}, each side's links with itself under the same model
   * and match keys. The sides reuse the run's encoding; only their blocking and comparing is new.
   */
  private Clustered clusterer(ComparedPairs pairs, Decisions cross, Scoring scoring,
      ExecutorService pool, RunReport.Builder report) {
    EncodedData data = pairs.data();
    int nl = data.leftSize();
    int offset = data.isDeduplication() ? 0 : nl;
    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    addEdges(edges, pairs, cross, scoring, 0, offset);
    long leftLinks = data.isDeduplication() ? cross.size() : 0;
    long rightLinks = 0;
    int[] leftCaps = null;
    int[] rightCaps = null;
    if (!data.isDeduplication() && spec.clustering().deduplicateSides()) {
      long t0 = System.nanoTime();
      ComparedPairs il = pairs.sideIndexed(0, progress);
      leftCaps = il.blocker().caps(); // read before the last pass over the pairs may release the index
      Scoring sl = scoring.forPairs(plan, il);
      ComparedPairs pl = keptWithin(il, sl, pool);
      Decisions dl = decider(pl, sl, true, false);
      addEdges(edges, pl, dl, sl, 0, 0);
      ComparedPairs ir = pairs.sideIndexed(1, progress);
      rightCaps = ir.blocker().caps();
      Scoring sr = scoring.forPairs(plan, ir);
      ComparedPairs pr = keptWithin(ir, sr, pool);
      Decisions dr = decider(pr, sr, true, false);
      addEdges(edges, pr, dr, sr, nl, nl);
      leftLinks = dl.size();
      rightLinks = dr.size();
      report.timing("deduplicate_sides", (System.nanoTime() - t0) / 1_000_000);
    }
    long t1 = System.nanoTime();
    progress.started("cluster", 0, null);
    String birthDate = plan.birthDateColumn();
    if (birthDate == null && data.columns().values().stream().filter(col -> col.dictionary() == null).count() > 1) {
      report.warning("several date columns and none named as the birth date (clustering.birthDateColumn): "
          + "persons are not checked for conflicting birth dates");
    }
    ComponentPersons.Clusterer clusterer = engine == null || engine.persons() == null ? PersonClusterer::cluster
        : engine.persons();
    PersonClusterer.Result result = clusterer.cluster(edges, PersonConstraints.from(data, birthDate));
    List<Person> persons = Person.of(result, data.leftTable(), data.isDeduplication() ? null : data.rightTable());
    int both = 0;
    int several = 0;
    int[] members = new int[result.persons()];
    for (int v : result.personOf()) {
      members[v]++;
    }
    boolean[] inSeveral = new boolean[result.personOf().length];
    for (int v = 0; v < inSeveral.length; v++) {
      inSeveral[v] = members[result.personOf()[v]] > 1;
    }
    for (Person person : persons) {
      both += !person.leftIds().isEmpty() && !person.rightIds().isEmpty() ? 1 : 0;
      several += person.leftIds().size() + person.rightIds().size() > 1 ? 1 : 0;
    }
    report.timing("cluster", (System.nanoTime() - t1) / 1_000_000);
    progress.finished("cluster", "clustered into " + persons.size() + " persons (" + result.dropped()
        + " link(s) dropped by constraints)");
    LinkageResult.ClusteringReport clusteringReport = new LinkageResult.ClusteringReport(persons.size(), both, several,
        data.isDeduplication() ? 0 : cross.size(), leftLinks, rightLinks, result.dropped());
    return new Clustered(persons, clusteringReport, result, inSeveral, leftCaps, rightCaps);
  }

  /**
   * One side's pairs within itself, streamed once: scored, and kept if at or above the threshold
   * weight, all that links within a side read ({@link Decisions#keepFloor}).
   */
  private ComparedPairs keptWithin(ComparedPairs side, Scoring scoring, ExecutorService pool) {
    if (!scoring.hasModel() || spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC) {
      return side;
    }
    double floor = Double.isNaN(keepFrom) ? Decisions.keepFloor(spec.threshold(), false) : keepFrom;
    KeptPairs all = new KeptPairs(scoring.scorer(), floor);
    side.stream("compare", pool, engine, kept(plan, scoring.model(), floor), () -> new KeptPairs(scoring.scorer(), floor),
        all::append, progress);
    CandidatePairs kept = all.pairs();
    progress.finished("compare", "compared " + all.scored() + " candidate pairs within one side, kept "
        + kept.size());
    return side.withCandidates(kept);
  }

  /** Adds accepted links as clustering edges; left rows offset by {@code leftOffset}, right by {@code rightOffset}. */
  private static void addEdges(PersonClusterer.Edges edges, ComparedPairs pairs, Decisions d, Scoring scoring,
      int leftOffset, int rightOffset) {
    for (int i = 0; i < d.size(); i++) {
      edges.add(d.left(i) + leftOffset, d.right(i) + rightOffset, d.pass(i), weight(pairs, scoring, d, i));
    }
  }

  /*
   * The passes' sinks as recipes: static, capturing only serializable values, so that an engine can
   * build the same sinks in another process from the index it rebuilt there.
   */

  /** Pass 1 with only the counts per blocking rule. */
  private static PairPass.Recipe<CandidateSummary> countsOnly() {
    return ix -> CandidateSummary.countsOnly(ix.ruleKeys())::start;
  }

  /** Pass 1 checking a given model: the counts and the pairs that may be seed links under its u. */
  private static PairPass.Recipe<CandidateSummary> modelCheck(List<ComparisonSpec> specs, FellegiSunterModel model) {
    return ix -> CandidateSummary.forModel(List.of(ix.comparisonsShared()), specs, ix.data(), ix.ruleKeys(), model)::start;
  }

  /**
   * Pass 1 for training under the sampled {@code u}; EM's per-rule counts only with {@code ruleCounts},
   * the weight groups for the λ fit only with {@code weightGroups}.
   */
  private static PairPass.Recipe<CandidateSummary> forTraining(LinkageSpec spec, double[][] u, boolean ruleCounts,
      boolean weightGroups) {
    return ix -> CandidateSummary.forTraining(List.of(ix.comparisonsShared()), spec.comparisons(), ix.data(),
        ix.ruleKeys(), u, spec.training(), ruleCounts, weightGroups)::start;
  }

  /**
   * The candidates' weights for the λ fit when pass 1 gathered no weight groups: the spilled pairs
   * read back one by one, or, should the spill have failed, the groups of a pass that compares again.
   */
  private Training.PairWeights pairWeights(ComparedPairs pairs, PairSpill spill, double[][] u, ExecutorService pool) {
    if (spill.complete()) {
      return visitor -> spill.replay((left, right, pattern, rule) -> visitor.group(pattern, left, 1));
    }
    PairPass.Recipe<CandidateSummary> grouped = forTraining(spec, u, false, true);
    java.util.function.Supplier<CandidateSummary> sinks = grouped.sinks(pairs);
    CandidateSummary summary = sinks.get();
    pairs.stream("compare_weights", pool, engine, grouped, sinks, summary::append, ProgressListener.NONE);
    return summary.pairWeights();
  }

  /** Pass 2: scored with {@code model} and the term frequencies of the index's data, kept from {@code floor}. */
  private static PairPass.Recipe<KeptPairs> kept(LinkagePlan plan, FellegiSunterModel model, double floor) {
    return ix -> {
      MatchScorer scorer = Scoring.scorerOf(plan, ix, model);
      return () -> new KeptPairs(scorer, floor);
    };
  }
}
