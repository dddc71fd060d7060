package org.linkage.testkit.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.spec.LinkageSpec;
import org.linkage.Linker;
import org.linkage.internal.block.Blocker;
import org.linkage.spec.BlockingRuleSpec;
import org.linkage.internal.eval.ErrorPatterns;
import org.linkage.eval.Evaluation;
import org.linkage.internal.eval.PairScorer;
import org.linkage.eval.PairSet;
import org.linkage.internal.eval.ScoredLink;
import org.linkage.record.ReadResult;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.model.TextbookModel;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;

/**
 * The strategy harness: links each data set with each strategy and measures quality against the
 * truth with 95% bootstrap intervals, McNemar tests between every two strategies on the same data,
 * candidate pairs, the recall ceiling set by blocking, time, peak heap and the agreement patterns of
 * the errors — the end-to-end analogue of Caffeine's simulator, which scores policies against an
 * oracle.
 *
 * <pre>{@code
 * HarnessResults results = StrategyHarness.builder()
 *     .datasets(List.of(BenchDataset.csv("sample", current, left, right, truth)))
 *     .strategies(List.of(Strategy.builtin(StrategyKind.CASCADE_FS_TRAINED),
 *         Strategy.fromFile(Path.of("specs/candidate.json"))))
 *     .seed(1).threads(2).build().run();
 * System.out.print(BenchReports.markdown(results));
 * }</pre>
 *
 * <p>Strategies run one after another in this JVM, each after a full GC, so times include whatever
 * JIT warm-up is left and later runs benefit from earlier ones. Everything but the timings and heap
 * figures is a function of the data, the strategies and the seed, whatever the thread count. A
 * harness is immutable; {@link #run} is not meant to be called concurrently (heap figures would mix).
 */
public final class StrategyHarness {
  /** Default number of error patterns kept per kind of error and row. */
  public static final int DEFAULT_TOP_PATTERNS = 3;

  private final List<BenchDataset> datasets;
  private final List<Strategy> strategies;
  private final long seed;
  private final int threads;
  private final int replicates;
  private final int topPatterns;
  private final Consumer<String> progress;

  private StrategyHarness(Builder b) {
    this.datasets = List.copyOf(b.datasets);
    this.strategies = List.copyOf(b.strategies);
    this.seed = b.seed;
    this.threads = b.threads;
    this.replicates = b.replicates;
    this.topPatterns = b.topPatterns;
    this.progress = b.progress;
  }

  /** A builder with no data sets, every built-in strategy, seed 1 and all processors. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every data set, in order, with every strategy, in order. */
  public HarnessResults run() {
    List<ResultRow> rows = new ArrayList<>();
    List<HarnessResults.Difference> differences = new ArrayList<>();
    List<HarnessResults.DatasetSummary> summaries = new ArrayList<>();
    for (BenchDataset d : datasets) {
      progress.accept(d.name() + ": loading");
      runDataset(d.name(), d.spec(), d.loader().get(), rows, differences, summaries);
    }
    return new HarnessResults(rows, differences, summaries, seed, threads, replicates);
  }

  /** What one strategy produced before the intervals are known: its row and its links as sorted codes. */
  private record Run(ResultRow row, long[] links) {}

  private void runDataset(String name, LinkageSpec base, BenchDataset.Data data, List<ResultRow> rows,
      List<HarnessResults.Difference> differences, List<HarnessResults.DatasetSummary> summaries) {
    Map<List<Object>, ReadResult[]> reads = new HashMap<>();
    Map<List<Object>, Double> completeness = new HashMap<>();
    Set<String> warnings = new LinkedHashSet<>();
    PairCodes codes = new PairCodes();
    // truth first, in a stable order, so unit numbers (and so the bootstrap draws) do not depend on hashing
    List<PairSet.Pair> truthPairs = new ArrayList<>(data.truth().pairs());
    truthPairs.sort(Comparator.comparing(PairSet.Pair::left).thenComparing(PairSet.Pair::right));
    long[] truth = codes.encode(truthPairs);
    ReadResult[] first = null;
    double liveMb = Double.NaN;
    List<Run> runs = new ArrayList<>();
    for (Strategy strategy : strategies) {
      LinkageSpec spec = strategy.builtin().map(k -> k.specFor(base)).orElseGet(() -> strategy.spec().orElseThrow());
      if (spec == null) {
        runs.add(new Run(ResultRow.skipped(name, strategy.name(), "skipped: the spec has no name comparison to adjust"),
            null));
        continue;
      }
      ReadResult[] sides;
      try {
        sides = read(spec, data, reads);
      } catch (InputException | InvalidSpecException e) {
        runs.add(new Run(ResultRow.skipped(name, strategy.name(), "skipped: " + e.getMessage()), null));
        continue;
      }
      if (first == null) {
        first = sides;
        liveMb = HeapPeak.liveAfterGc() / (1024.0 * 1024.0);
      }
      RecordTable left = sides[0].table();
      RecordTable right = sides[1].table();
      for (int i = 0; i < left.size(); i++) {
        codes.addLeft(left.id(i));
      }
      progress.accept(name + ": " + strategy.name());
      try {
        runs.add(runOne(name, strategy, spec, left, right, data.truth(), completeness, warnings, codes));
      } catch (InvalidSpecException e) {
        runs.add(new Run(ResultRow.skipped(name, strategy.name(), "skipped: " + e.getMessage()), null));
      }
    }
    for (Run r : runs) {
      rows.add(r.links() == null ? r.row() : withIntervals(r, codes.leftCount(), truth));
    }
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i + 1; j < runs.size(); j++) {
        if (runs.get(i).links() != null && runs.get(j).links() != null) {
          differences.add(new HarnessResults.Difference(name, runs.get(i).row().strategy(), runs.get(j).row().strategy(),
              McNemar.test(runs.get(i).links(), runs.get(j).links(), truth)));
        }
      }
    }
    summaries.add(new HarnessResults.DatasetSummary(name, first == null ? 0 : first[0].table().size(),
        first == null ? 0 : first[1].table().size(), data.truth().size(),
        first == null ? 0 : first[0].rejections().size() + first[1].rejections().size(), liveMb,
        List.copyOf(warnings)));
  }

  /** Both sides as {@code spec} reads them, read once per id column and column list. */
  private static ReadResult[] read(LinkageSpec spec, BenchDataset.Data data, Map<List<Object>, ReadResult[]> reads) {
    List<Object> key = List.of(spec.idColumn(), spec.columns());
    ReadResult[] sides = reads.get(key);
    if (sides == null) {
      sides = new ReadResult[] {data.left().read(spec), data.right().read(spec)};
      for (int s = 0; s < 2; s++) {
        if (!sides[s].absentColumns().isEmpty()) {
          throw new InvalidSpecException(sides[s].table().source() + " has no column "
              + String.join(", ", sides[s].absentColumns()));
        }
      }
      reads.put(key, sides);
    }
    return sides;
  }

  private Run runOne(String dataset, Strategy strategy, LinkageSpec spec, RecordTable left, RecordTable right,
      PairSet truth, Map<List<Object>, Double> completeness, Set<String> warnings, PairCodes codes) {
    Linker linker = Linker.create(spec).withThreads(threads);
    FellegiSunterModel model = strategy.model().orElse(null);
    if (strategy.builtin().orElse(null) == StrategyKind.FS_TEXTBOOK) {
      // every record of the smaller side is assumed to have a match: λ = min(nl, nr) / (nl × nr)
      model = TextbookModel.of(spec.comparisons(), 1.0 / Math.max(2, Math.max(left.size(), right.size())));
    }
    LinkageResult result;
    double seconds;
    long peak;
    try (HeapPeak heap = HeapPeak.start()) {
      long t0 = System.nanoTime();
      result = model == null ? linker.link(left, right) : linker.link(left, right, model);
      seconds = (System.nanoTime() - t0) / 1e9;
      peak = heap.peakBytes();
    }
    warnings.addAll(result.report().warnings());
    PairSet links = linksOf(result);
    Evaluation e = Evaluation.of(links, truth);
    boolean blocks = spec.strategy() != LinkageSpec.Strategy.DETERMINISTIC;
    double pc = Double.NaN;
    if (blocks) {
      List<Object> key = List.of(spec.idColumn(), spec.columns(), spec.blockingRules(), spec.maxBlockSize(),
          spec.pairBudget());
      pc = completeness.computeIfAbsent(key, k -> pairCompleteness(spec, EncodedData.encode(left, right), truth));
    }
    List<ResultRow.Pattern> falseLinks = List.of();
    List<ResultRow.Pattern> missed = List.of();
    if (result.model() != null && topPatterns > 0) {
      List<ScoredLink> scored = result.links().stream()
          .map(l -> new ScoredLink(l.leftId(), l.rightId(), l.matchProbability(), l.matchWeight(), l.method()))
          .toList();
      List<ErrorPatterns.Row> patterns =
          ErrorPatterns.of(scored, truth, PairScorer.create(spec, result.model(), left, right), spec.threshold());
      falseLinks = top(patterns, true);
      missed = top(patterns, false);
    }
    double peakMb = peak / (1024.0 * 1024.0);
    progress.accept(String.format(Locale.ROOT, "%s: %s: %s in %.1f s, %,d candidate pairs, peak heap %.0f MB",
        dataset, strategy.name(), e.summary(), seconds, result.report().candidatePairs(), peakMb));
    ResultRow row = new ResultRow(dataset, strategy.name(), e, null, blocks ? result.report().candidatePairs() : -1,
        pc, seconds, peakMb, falseLinks, missed, "");
    return new Run(row, codes.encode(links.pairs()));
  }

  private List<ResultRow.Pattern> top(List<ErrorPatterns.Row> patterns, boolean falseLinks) {
    return patterns.stream()
        .filter(p -> (falseLinks ? p.falsePositives() : p.falseNegatives()) > 0)
        .sorted(Comparator.comparingLong((ErrorPatterns.Row p) -> falseLinks ? -p.falsePositives() : -p.falseNegatives())
            .thenComparing(ErrorPatterns.Row::pattern))
        .limit(topPatterns)
        .map(p -> new ResultRow.Pattern(p.pattern(), falseLinks ? p.falsePositives() : p.falseNegatives()))
        .toList();
  }

  private ResultRow withIntervals(Run run, int units, long[] truth) {
    int[] tp = new int[units];
    int[] fp = new int[units];
    int[] fn = new int[units];
    for (long p : run.links()) {
      if (PairCodes.contains(truth, p)) {
        tp[PairCodes.leftOf(p)]++;
      } else {
        fp[PairCodes.leftOf(p)]++;
      }
    }
    for (long p : truth) {
      if (!PairCodes.contains(run.links(), p)) {
        fn[PairCodes.leftOf(p)]++;
      }
    }
    ResultRow r = run.row();
    // one seed for every row of a data set: all strategies see the same resamples of the same units
    return new ResultRow(r.dataset(), r.strategy(), r.evaluation(), Bootstrap.intervals(tp, fp, fn, replicates, seed),
        r.candidatePairs(), r.pairCompleteness(), r.seconds(), r.peakHeapMb(), r.falseLinkPatterns(),
        r.missedPatterns(), r.note());
  }

  private static PairSet linksOf(LinkageResult result) {
    Set<PairSet.Pair> pairs = new HashSet<>();
    for (Link l : result.links()) {
      pairs.add(new PairSet.Pair(l.leftId(), l.rightId()));
    }
    return PairSet.of(pairs);
  }

  /**
   * Share of the true pairs that the blocking rules make candidates (block caps applied): the
   * highest recall a pass over candidate pairs can reach. True pairs naming an id missing from
   * either table count as missed.
   */
  static double pairCompleteness(LinkageSpec spec, EncodedData data, PairSet truth) {
    if (truth.size() == 0) {
      return Double.NaN;
    }
    Blocker blocker = Blocker.build(spec, data);
    Map<Integer, Set<Integer>> wanted = new HashMap<>();
    for (PairSet.Pair p : truth.pairs()) {
      int l = data.leftTable().rowOf(p.left());
      int r = data.rightTable().rowOf(p.right());
      if (l >= 0 && r >= 0) {
        wanted.computeIfAbsent(l, k -> new HashSet<>()).add(r);
      }
    }
    long[] found = {0};
    for (Map.Entry<Integer, Set<Integer>> e : wanted.entrySet()) {
      Set<Integer> targets = e.getValue();
      blocker.candidatesOf(e.getKey(), (l, r, rule) -> {
        if (targets.contains(r)) {
          found[0]++;
        }
      });
    }
    return (double) found[0] / truth.size();
  }

  /** Builds a {@link StrategyHarness}; every setter checks its value. Not thread-safe. */
  public static final class Builder {
    private List<BenchDataset> datasets = List.of();
    private List<Strategy> strategies =
        java.util.Arrays.stream(StrategyKind.values()).map(Strategy::builtin).toList();
    private long seed = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int replicates = Bootstrap.DEFAULT_REPLICATES;
    private int topPatterns = DEFAULT_TOP_PATTERNS;
    private Consumer<String> progress = s -> {};

    private Builder() {}

    /** The data sets, run in this order; names must be distinct. */
    public Builder datasets(List<BenchDataset> datasets) {
      checkArgument(datasets.stream().map(BenchDataset::name).distinct().count() == datasets.size(),
          "data set names must be distinct: %s", datasets.stream().map(BenchDataset::name).toList());
      this.datasets = List.copyOf(datasets);
      return this;
    }

    /** The strategies, run in this order on each data set (default every built-in); names must be distinct. */
    public Builder strategies(List<Strategy> strategies) {
      checkArgument(!strategies.isEmpty(), "at least one strategy");
      checkArgument(strategies.stream().map(Strategy::name).distinct().count() == strategies.size(),
          "strategy names must be distinct: %s", strategies.stream().map(Strategy::name).toList());
      this.strategies = List.copyOf(strategies);
      return this;
    }

    /** Seed of the bootstrap (default 1); generated data sets carry their own. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Worker threads of every linkage call (default: all processors). */
    public Builder threads(int threads) {
      checkArgument(threads > 0, "threads must be positive: %s", threads);
      this.threads = threads;
      return this;
    }

    /** Bootstrap replicates per interval (default {@value Bootstrap#DEFAULT_REPLICATES}). */
    public Builder replicates(int replicates) {
      checkArgument(replicates > 0, "replicates must be positive: %s", replicates);
      this.replicates = replicates;
      return this;
    }

    /** Error patterns kept per kind of error and row (default {@value #DEFAULT_TOP_PATTERNS}; 0 for none). */
    public Builder topPatterns(int topPatterns) {
      checkArgument(topPatterns >= 0, "topPatterns must not be negative: %s", topPatterns);
      this.topPatterns = topPatterns;
      return this;
    }

    /** Receives one-line progress messages (no record values). */
    public Builder progress(Consumer<String> progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    /** The harness, with this builder's settings. */
    public StrategyHarness build() {
      return new StrategyHarness(this);
    }
  }
}
