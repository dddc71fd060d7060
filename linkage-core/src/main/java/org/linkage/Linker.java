package org.linkage;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
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
import org.linkage.internal.eval.PairScorer;
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
  private final LinkageSpec spec;
  private final int threads;
  private final ProgressListener progress;

  private Linker(LinkageSpec spec, int threads, ProgressListener progress) {
    this.spec = spec;
    this.threads = threads;
    this.progress = progress;
  }

  /** A linker using all available processors and reporting no progress. */
  public static Linker create(LinkageSpec spec) {
    return new Linker(spec, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
  }

  /** A copy running on {@code threads} threads. */
  public Linker withThreads(int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return new Linker(spec, threads, progress);
  }

  /** A copy that passes each stage's one-line summary (no record values) to {@code progress}. */
  public Linker withProgress(Consumer<String> progress) {
    return new Linker(spec, threads, ProgressListener.ofSummaries(progress));
  }

  /** A copy that reports every stage, with counts while comparing, to {@code progress}. */
  public Linker withProgress(ProgressListener progress) {
    return new Linker(spec, threads, java.util.Objects.requireNonNull(progress, "progress"));
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
    return withPool(pool -> {
      Prepared p = prepare(left, right, pool, new LinkedHashMap<>());
      return trainOn(p, pool);
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

  private record Prepared(EncodedData data, Comparison[] comparisons, Blocker blocker, CandidatePairs candidates) {}

  private Prepared prepare(RecordTable left, RecordTable right, ExecutorService pool, Map<String, Long> timings) {
    long t0 = System.nanoTime();
    progress.started("normalise", 0, null);
    EncodedData data = EncodedData.encode(left, right);
    long t1 = System.nanoTime();
    timings.put("normalise", (t1 - t0) / 1_000_000);
    // a within-side pass (persons) normalises one table against itself: say which
    progress.finished("normalise", left == right
        ? "normalised " + left.size() + " records of " + left.source() + " to link within it"
        : "normalised " + left.size() + " left and " + right.size() + " right records");
    progress.started("index", 0, null);
    Comparison[] comparisons = spec.comparisons().stream().map(c -> Comparisons.compile(c, data)).toArray(Comparison[]::new);
    Blocker blocker = Blocker.build(spec.blockingRules(), data, spec.maxBlockSize());
    long t2 = System.nanoTime();
    timings.put("index", (t2 - t1) / 1_000_000);
    progress.finished("index", "indexed " + spec.blockingRules().size() + " blocking rule(s)");
    int toCompare = spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? 0 : data.leftSize();
    progress.started("compare", toCompare, "records");
    CandidatePairs candidates = PairComparer.compareAll(blocker, List.of(comparisons), toCompare, pool,
        done -> progress.advanced("compare", done));
    long t3 = System.nanoTime();
    timings.put("compare", (t3 - t2) / 1_000_000);
    progress.finished("compare", "compared " + candidates.size() + " candidate pairs");
    return new Prepared(data, comparisons, blocker, candidates);
  }

  private Training.Outcome trainOn(Prepared p, ExecutorService pool) {
    progress.started("train", 0, null);
    Training.Outcome outcome = Training.train(List.of(p.comparisons()), spec.comparisons(), p.data(), p.blocker(), p.candidates(),
        spec.assignment() == Assignment.ONE_TO_ONE, spec.training(), spec.seed(), pool);
    progress.finished("train", "trained: λ=" + String.format(java.util.Locale.ROOT, "%.3g", outcome.model().lambda()));
    return outcome;
  }

  private LinkageResult run(RecordTable left, RecordTable right, FellegiSunterModel given) {
    return withPool(pool -> {
      Map<String, Long> timings = new LinkedHashMap<>();
      List<String> warnings = new ArrayList<>();
      Prepared p = prepare(left, right, pool, timings);
      EncodedData data = p.data();
      long t0 = System.nanoTime();
      FellegiSunterModel model;
      TrainingReport trainingReport = null;
      if (given != null) {
        PairScorer.checkFits(spec, given);
        model = given;
        if (!spec.comparisons().isEmpty() && data.leftSize() > 0 && data.rightSize() > 0) {
          warnings.addAll(Training.contradictions(given, List.of(p.comparisons()), spec.comparisons(), data,
              p.blocker(), p.candidates(), spec.assignment() == Assignment.ONE_TO_ONE));
        }
      } else if (spec.comparisons().isEmpty() || spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC) {
        model = null;
      } else if (data.leftSize() == 0 || data.rightSize() == 0 || (data.isDeduplication() && data.leftSize() < 2)) {
        model = null;
        warnings.add("no pairs of records to train on (a side has too few records): no model trained, nothing linked");
      } else {
        Training.Outcome outcome = trainOn(p, pool);
        model = outcome.model();
        trainingReport = outcome.report();
        warnings.addAll(outcome.report().warnings());
      }
      MatchScorer scorer = model == null ? null : new MatchScorer(model, TermFrequencies.of(spec.comparisons(), data, model));
      timings.put("train", (System.nanoTime() - t0) / 1_000_000);
      if (model != null && spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC) {
        double best = FellegiSunterModel.probability(model.maxWeight());
        if (best < spec.threshold()) {
          warnings.add(String.format(java.util.Locale.ROOT,
              "the highest possible match probability under this model is %.4f, below the threshold %.4f: "
                  + "no pair can be linked probabilistically", best, spec.threshold()));
        }
      }
      warnings.addAll(p.blocker().oversizeWarnings());

      long t1 = System.nanoTime();
      progress.started("decide", 0, null);
      int nl = data.leftSize();
      int nr = data.rightSize();
      Decisions cross = decide(p, scorer, data.isDeduplication());
      // ends before clustering, whose within-side passes report stages of their own
      progress.finished("decide", "accepted " + cross.size() + " links" + (cross.ambiguous().length == 0 ? ""
          : "; " + cross.ambiguous().length + " pair(s) held back for clerical review (a competitor nearly as strong)"));
      List<Link> links = new ArrayList<>();
      List<Person> persons = null;
      ClusteringReport clusteringReport = null;
      boolean[] leftLinked = cross.leftLinked();
      boolean[] rightFinal = data.isDeduplication() ? leftLinked : cross.rightLinked();
      if (data.isDeduplication() || spec.clustering().enabled()) {
        Clustered c = clusterPersons(p, cross, model, scorer, pool, timings);
        persons = c.persons();
        clusteringReport = c.report();
        if (data.isDeduplication()) { // a duplicate pair is a link kept inside a person
          leftLinked = c.inSeveralRecordPerson();
          rightFinal = leftLinked;
          for (int i : cross.sortedByRows()) {
            if (c.clustering().kept()[i]) {
              links.add(toLink(p, scorer, cross, i));
            }
          }
        }
      }
      if (!data.isDeduplication()) {
        for (int i : cross.sortedByRows()) {
          links.add(toLink(p, scorer, cross, i));
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
      long above = cross.above();
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
      timings.put("decide", (System.nanoTime() - t1) / 1_000_000);

      Map<String, Long> byRule = new LinkedHashMap<>();
      long[] counts = p.candidates().countsByRule(spec.blockingRules().size());
      for (int r = 0; r < counts.length; r++) {
        byRule.put(spec.blockingRules().get(r).name(), counts[r]);
      }
      List<AmbiguousPair> ambiguous = new ArrayList<>();
      for (int k = 0; k < cross.ambiguous().length; k++) {
        int i = cross.ambiguous()[k];
        double w = cross.candidateWeights()[i];
        ambiguous.add(new AmbiguousPair(data.leftTable().id(p.candidates().left(i)),
            data.rightTable().id(p.candidates().right(i)), FellegiSunterModel.probability(w), w,
            cross.ambiguousProbability()[k]));
      }
      RunReport report = new RunReport(nl, data.isDeduplication() ? 0 : nr, p.candidates().size(),
          ImmutableMap.copyOf(byRule), p.blocker().indexStats(), ImmutableMap.copyOf(byMethod), above,
          ambiguous.size(),
          nl - unmatchedLeft.size(), data.isDeduplication() ? 0 : nr - unmatchedRight.size(), unmatchedLeft.size(),
          unmatchedRight.size(), trainingReport, ImmutableList.copyOf(warnings), ImmutableMap.copyOf(timings),
          BlockingAnalysis.fromCounts(spec.blockingRules(), counts, p.blocker().indexStats(), nl, nr,
              data.isDeduplication()).toMap());
      double[] weights = cross.candidateWeights();
      return new LinkageResult(links, ambiguous, unmatchedLeft, unmatchedRight, model,
          scorer == null ? TermFrequencies.none() : scorer.termFrequencies(), report, data, p.comparisons(),
          LinkageResult.WeightHistogram.of(weights, weights.length), persons, clusteringReport);
    });
  }

  /** The cascade and the probabilistic pass on prepared pairs ({@code everyPair}: within one side). */
  private Decisions decide(Prepared p, MatchScorer scorer, boolean everyPair) {
    return Decisions.decide(spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys(), p.data(),
        p.comparisons(), p.candidates(), spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scorer, spec.threshold(),
        spec.assignment(), everyPair, Link.PROBABILISTIC);
  }

  private Link toLink(Prepared p, MatchScorer scorer, Decisions d, int i) {
    int l = d.left(i);
    int r = d.right(i);
    String method = d.pass(i) == Decisions.PROBABILISTIC ? Link.PROBABILISTIC : spec.matchKeys().get(d.pass(i)).name();
    double w = scorer == null ? Double.NaN : scorer.weight(PairComparer.pattern(p.comparisons(), l, r), l);
    return new Link(p.data().leftTable().id(l), p.data().rightTable().id(r),
        scorer == null ? Double.NaN : FellegiSunterModel.probability(w), w, method, d.probability(i));
  }

  private record Clustered(List<Person> persons, ClusteringReport report, PersonClusterer.Result clustering,
      boolean[] inSeveralRecordPerson) {}

  /**
   * Groups records into persons over the accepted links of {@code cross} and, for two tables with
   * {@code deduplicateSides}, each side's links with itself under the same model and match keys.
   */
  private Clustered clusterPersons(Prepared p, Decisions cross, FellegiSunterModel model, MatchScorer scorer,
      ExecutorService pool, Map<String, Long> timings) {
    EncodedData data = p.data();
    int nl = data.leftSize();
    int offset = data.isDeduplication() ? 0 : nl;
    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    addEdges(edges, p, cross, scorer, 0, offset);
    long leftLinks = data.isDeduplication() ? cross.size() : 0;
    long rightLinks = 0;
    if (!data.isDeduplication() && spec.clustering().deduplicateSides()) {
      long t0 = System.nanoTime();
      Map<String, Long> ignored = new LinkedHashMap<>();
      Prepared pl = prepare(data.leftTable(), data.leftTable(), pool, ignored);
      MatchScorer sl = scorerFor(model, pl);
      Decisions dl = decide(pl, sl, true);
      addEdges(edges, pl, dl, sl, 0, 0);
      Prepared pr = prepare(data.rightTable(), data.rightTable(), pool, ignored);
      MatchScorer sr = scorerFor(model, pr);
      Decisions dr = decide(pr, sr, true);
      addEdges(edges, pr, dr, sr, nl, nl);
      leftLinks = dl.size();
      rightLinks = dr.size();
      timings.put("deduplicate_sides", (System.nanoTime() - t0) / 1_000_000);
    }
    long t1 = System.nanoTime();
    progress.started("cluster", 0, null);
    PersonClusterer.Result result = PersonClusterer.cluster(edges, PersonConstraints.from(data));
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
    timings.put("cluster", (System.nanoTime() - t1) / 1_000_000);
    progress.finished("cluster", "clustered into " + persons.size() + " persons (" + result.dropped()
        + " link(s) dropped by constraints)");
    ClusteringReport report = new ClusteringReport(persons.size(), both, several,
        data.isDeduplication() ? 0 : cross.size(), leftLinks, rightLinks, result.dropped());
    return new Clustered(persons, report, result, inSeveral);
  }

  /** Adds accepted links as clustering edges; left rows offset by {@code leftOffset}, right by {@code rightOffset}. */
  /** Scores pairs of one side against itself: the same model, term frequencies of that side. */
  private MatchScorer scorerFor(FellegiSunterModel model, Prepared side) {
    return model == null ? null : new MatchScorer(model, TermFrequencies.of(spec.comparisons(), side.data(), model));
  }

  private static void addEdges(PersonClusterer.Edges edges, Prepared p, Decisions d, MatchScorer scorer,
      int leftOffset, int rightOffset) {
    for (int i = 0; i < d.size(); i++) {
      double w = scorer == null ? Double.NaN
          : scorer.weight(PairComparer.pattern(p.comparisons(), d.left(i), d.right(i)), d.left(i));
      edges.add(d.left(i) + leftOffset, d.right(i) + rightOffset, d.pass(i), w);
    }
  }

  private <T> T withPool(java.util.function.Function<ExecutorService, T> body) {
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
