package org.linkage;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.BlockingAnalysis;
import org.linkage.spec.Assignment;
import org.linkage.internal.cluster.Decisions;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.spec.ComparisonSpec;
import org.linkage.internal.compare.Comparisons;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.model.TermFrequencies;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.internal.train.Training;
import org.linkage.internal.train.TrainingReport;
import org.linkage.spec.LinkageSpec;
import org.linkage.progress.ProgressListener;

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

  private Linker(LinkagePlan plan, int threads, ProgressListener progress) {
    this.plan = plan;
    this.spec = plan.spec();
    this.threads = threads;
    this.progress = progress;
  }

  /** A linker using all available processors and reporting no progress. */
  public static Linker create(LinkageSpec spec) {
    return create(LinkagePlan.compile(spec));
  }

  /** A linker running a compiled plan on all available processors, reporting no progress. */
  public static Linker create(LinkagePlan plan) {
    return new Linker(java.util.Objects.requireNonNull(plan, "plan"), Runtime.getRuntime().availableProcessors(),
        ProgressListener.NONE);
  }

  /** A copy running on {@code threads} threads. */
  public Linker withThreads(int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return new Linker(plan, threads, progress);
  }

  /** A copy that passes each stage's one-line summary (no record values) to {@code progress}. */
  public Linker withProgress(Consumer<String> progress) {
    return new Linker(plan, threads, ProgressListener.ofSummaries(progress));
  }

  /** A copy that reports every stage, with counts while comparing, to {@code progress}. */
  public Linker withProgress(ProgressListener progress) {
    return new Linker(plan, threads, java.util.Objects.requireNonNull(progress, "progress"));
  }

  /** The compiled plan this linker runs. */
  public LinkagePlan plan() {
    return plan;
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
    return withPool(threads, pool -> Scoring.outcome(plan,
        ComparedPairs.compare(plan, left, right, pool, progress, RunReport.builder()), pool, progress));
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
   * each adding its figures to one {@link RunReport.Builder}.
   */
  private LinkageResult run(RecordTable left, RecordTable right, FellegiSunterModel given) {
    return withPool(threads, pool -> {
      RunReport.Builder report = RunReport.builder();
      ComparedPairs pairs = ComparedPairs.compare(plan, left, right, pool, progress, report);
      Scoring scoring = trainer(pairs, given, pool, report);
      long t1 = System.nanoTime();
      Decisions cross = decider(pairs, scoring, pairs.data().isDeduplication(), true);
      Clustered persons = pairs.data().isDeduplication() || spec.clustering().enabled()
          ? clusterer(pairs, cross, scoring, pool, report) : null;
      return result(pairs, scoring, cross, persons, report, t1);
    });
  }

  /** The trainer stage: the given model, a trained one, or none; its warnings go to the report. */
  private Scoring trainer(ComparedPairs pairs, FellegiSunterModel given, ExecutorService pool,
      RunReport.Builder report) {
    long t0 = System.nanoTime();
    EncodedData data = pairs.data();
    Scoring scoring;
    if (given != null) {
      scoring = Scoring.of(plan, pairs, given);
      if (!spec.comparisons().isEmpty() && data.leftSize() > 0 && data.rightSize() > 0) {
        report.warnings(Training.contradictions(given, List.of(pairs.comparisonsShared()), spec.comparisons(), data,
            pairs.blocker(), pairs.candidates(), spec.assignment() == Assignment.ONE_TO_ONE));
      }
    } else if (spec.comparisons().isEmpty() || spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC) {
      scoring = Scoring.none();
    } else if (data.leftSize() == 0 || data.rightSize() == 0 || (data.isDeduplication() && data.leftSize() < 2)) {
      scoring = Scoring.none();
      report.warning("no pairs of records to train on (a side has too few records): no model trained, nothing linked");
    } else {
      scoring = Scoring.train(plan, pairs, pool, progress);
      report.training(scoring.training()).warnings(scoring.training().warnings());
    }
    report.timing("train", (System.nanoTime() - t0) / 1_000_000);
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

  /**
   * The decider stage: the cascade and the probabilistic pass on compared pairs ({@code everyPair}:
   * within one side); {@code announce} reports it as a stage (not for the sides of clustering).
   */
  private Decisions decider(ComparedPairs pairs, Scoring scoring, boolean everyPair, boolean announce) {
    if (announce) {
      progress.started("decide", 0, null);
    }
    Decisions d = Decisions.decide(spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys(),
        pairs.data(), pairs.comparisonsShared(), pairs.candidates(),
        spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scoring.scorer(), spec.threshold(),
        spec.assignment(), everyPair, Link.PROBABILISTIC);
    if (announce) {
      // ends before clustering, whose within-side passes report stages of their own
      progress.finished("decide", "accepted " + d.size() + " links" + (d.ambiguous().length == 0 ? ""
          : "; " + d.ambiguous().length + " pair(s) held back for clerical review (a competitor nearly as strong)"));
    }
    return d;
  }

  /** The result: links, held-back pairs and unmatched records by id, and the finished report. */
  private LinkageResult result(ComparedPairs pairs, Scoring scoring, Decisions cross, Clustered c,
      RunReport.Builder report, long decideStart) {
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
    List<AmbiguousPair> ambiguous = new ArrayList<>();
    for (int k = 0; k < cross.ambiguous().length; k++) {
      int i = cross.ambiguous()[k];
      double w = cross.candidateWeights()[i];
      ambiguous.add(new AmbiguousPair(pairs.leftId(i), pairs.rightId(i), FellegiSunterModel.probability(w), w,
          cross.ambiguousProbability()[k]));
    }
    report.decisions(byMethod, cross.above(), ambiguous.size())
        .linked(nl - unmatchedLeft.size(), data.isDeduplication() ? 0 : nr - unmatchedRight.size(),
            unmatchedLeft.size(), unmatchedRight.size());
    double[] weights = cross.candidateWeights();
    return new LinkageResult(links, ambiguous, unmatchedLeft, unmatchedRight, scoring.model(),
        scoring.hasModel() ? scoring.scorer().termFrequencies() : TermFrequencies.none(), report.build(), data,
        pairs.comparisonsShared(), LinkageResult.WeightHistogram.of(weights, weights.length),
        c == null ? null : c.persons(), c == null ? null : c.report());
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

  private record Clustered(List<Person> persons, ClusteringReport report, PersonClusterer.Result clustering,
      boolean[] inSeveralRecordPerson) {}

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
    if (!data.isDeduplication() && spec.clustering().deduplicateSides()) {
      long t0 = System.nanoTime();
      ComparedPairs pl = pairs.side(0, pool, progress);
      Scoring sl = scoring.forPairs(plan, pl);
      Decisions dl = decider(pl, sl, true, false);
      addEdges(edges, pl, dl, sl, 0, 0);
      ComparedPairs pr = pairs.side(1, pool, progress);
      Scoring sr = scoring.forPairs(plan, pr);
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
    PersonClusterer.Result result = PersonClusterer.cluster(edges, PersonConstraints.from(data, birthDate));
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
    ClusteringReport clusteringReport = new ClusteringReport(persons.size(), both, several,
        data.isDeduplication() ? 0 : cross.size(), leftLinks, rightLinks, result.dropped());
    return new Clustered(persons, clusteringReport, result, inSeveral);
  }

  /** Adds accepted links as clustering edges; left rows offset by {@code leftOffset}, right by {@code rightOffset}. */
  private static void addEdges(PersonClusterer.Edges edges, ComparedPairs pairs, Decisions d, Scoring scoring,
      int leftOffset, int rightOffset) {
    for (int i = 0; i < d.size(); i++) {
      edges.add(d.left(i) + leftOffset, d.right(i) + rightOffset, d.pass(i), weight(pairs, scoring, d, i));
    }
  }

  /** Runs {@code body} on a fresh pool of daemon worker threads, shut down when it returns. */
  static <T> T withPool(int threads, java.util.function.Function<ExecutorService, T> body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "linkage-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      return body.apply(pool);
    } finally {
      pool.shutdownNow();
    }
  }
}
