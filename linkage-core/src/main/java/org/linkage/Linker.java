package org.linkage;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.linkage.block.Blocker;
import org.linkage.compare.CandidatePairs;
import org.linkage.compare.Comparison;
import org.linkage.compare.ComparisonSpec;
import org.linkage.compare.Comparisons;
import org.linkage.compare.PairComparer;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.model.TermFrequencies;
import org.linkage.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.rules.DeterministicCascade;
import org.linkage.train.Training;
import org.linkage.train.TrainingReport;

/**
 * Links two tables of records under a {@link LinkageSpec}: normalise once, block, compare, train
 * (u by random sampling, m by EM), run the deterministic cascade, then the Fellegi–Sunter pass with
 * 1:1 assignment by descending match weight.
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
  private final Consumer<String> progress;

  private Linker(LinkageSpec spec, int threads, Consumer<String> progress) {
    this.spec = spec;
    this.threads = threads;
    this.progress = progress;
  }

  /** A linker using all available processors and reporting no progress. */
  public static Linker create(LinkageSpec spec) {
    return new Linker(spec, Runtime.getRuntime().availableProcessors(), s -> {});
  }

  /** A copy running on {@code threads} threads. */
  public Linker withThreads(int threads) {
    checkArgument(threads > 0, "threads must be positive: %s", threads);
    return new Linker(spec, threads, progress);
  }

  /** A copy that passes one-line progress messages (no record values) to {@code progress}. */
  public Linker withProgress(Consumer<String> progress) {
    return new Linker(spec, threads, progress);
  }

  public LinkageSpec spec() {
    return spec;
  }

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

  /** Finds duplicates within one table, with the same model and rules (pairs of distinct records). */
  public LinkageResult deduplicate(RecordTable table) {
    return run(table, table, null);
  }

  private record Prepared(EncodedData data, Comparison[] comparisons, Blocker blocker, CandidatePairs candidates) {}

  private Prepared prepare(RecordTable left, RecordTable right, ExecutorService pool, Map<String, Long> timings) {
    long t0 = System.nanoTime();
    EncodedData data = EncodedData.encode(left, right);
    long t1 = System.nanoTime();
    timings.put("normalise", (t1 - t0) / 1_000_000);
    progress.accept("normalised " + left.size() + " left and " + right.size() + " right records");
    Comparison[] comparisons = spec.comparisons().stream().map(c -> Comparisons.compile(c, data)).toArray(Comparison[]::new);
    Blocker blocker = Blocker.build(spec.blockingRules(), data, spec.maxBlockSize());
    long t2 = System.nanoTime();
    timings.put("index", (t2 - t1) / 1_000_000);
    CandidatePairs candidates = spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC
        ? PairComparer.compareAll(blocker, List.of(comparisons), 0, pool)
        : PairComparer.compareAll(blocker, List.of(comparisons), data.leftSize(), pool);
    long t3 = System.nanoTime();
    timings.put("compare", (t3 - t2) / 1_000_000);
    progress.accept("compared " + candidates.size() + " candidate pairs");
    return new Prepared(data, comparisons, blocker, candidates);
  }

  private Training.Outcome trainOn(Prepared p, ExecutorService pool) {
    return Training.train(List.of(p.comparisons()), p.blocker(), p.candidates(), p.data().leftSize(),
        p.data().rightSize(), p.data().isDeduplication(), spec.training(), spec.seed(), pool);
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
        checkModelFits(given);
        model = given;
      } else if (spec.comparisons().isEmpty() || spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC) {
        model = null;
      } else {
        Training.Outcome outcome = trainOn(p, pool);
        model = outcome.model();
        trainingReport = outcome.report();
        warnings.addAll(outcome.report().warnings());
        progress.accept("trained: λ=" + String.format(java.util.Locale.ROOT, "%.3g", model.lambda()));
      }
      TermFrequencies tf = model == null ? TermFrequencies.none() : TermFrequencies.of(spec.comparisons(), data, model);
      timings.put("train", (System.nanoTime() - t0) / 1_000_000);
      if (model != null && spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC) {
        double best = FellegiSunterModel.probability(model.maxWeight());
        if (best < spec.threshold()) {
          warnings.add(String.format(java.util.Locale.ROOT,
              "the highest possible match probability under this model is %.4f, below the threshold %.4f: "
                  + "no pair can be linked probabilistically", best, spec.threshold()));
        }
      }
      for (Blocker.IndexStats s : p.blocker().indexStats()) {
        if (s.oversizedBlocks() > 0) {
          warnings.add("blocking rule " + s.rule() + ": " + s.oversizedBlocks() + " block(s) larger than "
              + spec.maxBlockSize() + " records (largest " + s.largestBlock() + ") skipped");
        }
      }

      long t1 = System.nanoTime();
      int nl = data.leftSize();
      int nr = data.rightSize();
      boolean[] leftLinked = new boolean[nl];
      boolean[] rightLinked = new boolean[nr];
      int[] linkRight = new int[nl];
      String[] linkMethod = new String[nl];
      Arrays.fill(linkRight, -1);
      Map<String, Long> byMethod = new LinkedHashMap<>();
      if (spec.strategy() != LinkageSpec.Strategy.PROBABILISTIC) {
        for (var pass : spec.matchKeys()) {
          byMethod.put(pass.name(), 0L);
        }
        boolean[] rightTaken = data.isDeduplication() ? leftLinked : rightLinked;
        for (DeterministicCascade.Link link : DeterministicCascade.run(spec.matchKeys(), data, leftLinked, rightTaken)) {
          String method = spec.matchKeys().get(link.pass()).name();
          linkRight[link.left()] = link.right();
          linkMethod[link.left()] = method;
          byMethod.merge(method, 1L, Long::sum);
        }
      }
      long above = 0;
      if (spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC && model != null) {
        byMethod.put(Link.PROBABILISTIC, 0L);
        boolean[] rightTaken = data.isDeduplication() ? leftLinked : rightLinked;
        CandidatePairs cands = p.candidates();
        double minWeight = FellegiSunterModel.weightOf(spec.threshold());
        int[] accepted = new int[16];
        double[] weights = new double[cands.size()];
        int n = 0;
        for (int i = 0; i < cands.size(); i++) {
          double w = model.matchWeight(cands.pattern(i)) + tf.adjustment(cands.pattern(i), cands.left(i));
          weights[i] = w;
          if (w >= minWeight) {
            if (n == accepted.length) {
              accepted = Arrays.copyOf(accepted, n * 2);
            }
            accepted[n++] = i;
          }
        }
        above = n;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = accepted[i];
        }
        Arrays.sort(order, (a, b) -> {
          int c = Double.compare(weights[b], weights[a]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(cands.left(a), cands.left(b));
          return c != 0 ? c : Integer.compare(cands.right(a), cands.right(b));
        });
        for (int i : order) {
          int l = cands.left(i);
          int r = cands.right(i);
          if (leftLinked[l] || rightTaken[r]) {
            continue;
          }
          leftLinked[l] = true;
          rightTaken[r] = true;
          linkRight[l] = r;
          linkMethod[l] = Link.PROBABILISTIC;
          byMethod.merge(Link.PROBABILISTIC, 1L, Long::sum);
        }
      }
      List<Link> links = new ArrayList<>();
      for (int l = 0; l < nl; l++) {
        int r = linkRight[l];
        if (r < 0) {
          continue;
        }
        long pattern = PairComparer.pattern(p.comparisons(), l, r);
        double w = model == null ? Double.NaN : model.matchWeight(pattern) + tf.adjustment(pattern, l);
        links.add(new Link(data.leftTable().id(l), data.rightTable().id(r),
            model == null ? Double.NaN : FellegiSunterModel.probability(w), w, linkMethod[l]));
      }
      List<String> unmatchedLeft = new ArrayList<>();
      List<String> unmatchedRight = new ArrayList<>();
      boolean[] rightFinal = data.isDeduplication() ? leftLinked : rightLinked;
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
      progress.accept("linked " + links.size() + " pairs");

      Map<String, Long> byRule = new LinkedHashMap<>();
      long[] counts = p.candidates().countsByRule(spec.blockingRules().size());
      for (int r = 0; r < counts.length; r++) {
        byRule.put(spec.blockingRules().get(r).name(), counts[r]);
      }
      RunReport report = new RunReport(nl, data.isDeduplication() ? 0 : nr, p.candidates().size(),
          ImmutableMap.copyOf(byRule), p.blocker().indexStats(), ImmutableMap.copyOf(byMethod), above,
          links.size(), links.size(), unmatchedLeft.size(), unmatchedRight.size(), trainingReport,
          ImmutableList.copyOf(warnings), ImmutableMap.copyOf(timings));
      return new LinkageResult(links, unmatchedLeft, unmatchedRight, model, tf, report, data, p.comparisons());
    });
  }

  private void checkModelFits(FellegiSunterModel model) {
    List<String> problems = new ArrayList<>();
    List<ComparisonSpec> comps = spec.comparisons();
    if (model.comparisons().size() != comps.size()) {
      problems.add("the model has " + model.comparisons().size() + " comparisons, the spec " + comps.size());
    } else {
      for (int c = 0; c < comps.size(); c++) {
        ComparisonModel cm = model.comparisons().get(c);
        if (!cm.name().equals(comps.get(c).name()) || !cm.levels().equals(comps.get(c).kind().levels())) {
          problems.add("model comparison " + (c + 1) + " (" + cm.name() + ") does not match spec comparison "
              + comps.get(c).name());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
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
