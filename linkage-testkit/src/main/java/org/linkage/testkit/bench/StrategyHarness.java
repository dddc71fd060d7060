package org.linkage.testkit.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.linkage.LinkageResult;
import org.linkage.LinkageSpec;
import org.linkage.Link;
import org.linkage.Linker;
import org.linkage.block.Blocker;
import org.linkage.block.BlockingRuleSpec;
import org.linkage.eval.Evaluation;
import org.linkage.eval.PairSet;
import org.linkage.compare.ComparisonKind;
import org.linkage.compare.ComparisonSpec;
import org.linkage.model.FellegiSunterModel;
import org.linkage.model.TextbookModel;
import org.linkage.normalize.EncodedData;
import org.linkage.record.RecordTable;

/**
 * The strategy harness: links each data set with each {@link StrategyKind} and measures quality
 * against the truth, candidate pairs, the recall ceiling set by blocking, time and peak heap —
 * the end-to-end analogue of Caffeine's simulator, which scores policies against an oracle.
 *
 * <pre>{@code
 * HarnessResults results = StrategyHarness.builder().sizes(List.of(10_000, 100_000)).seed(1).threads(2)
 *     .febrl(Path.of("../shared/datasets/febrl4"), Path.of("docs/examples/febrl4.json")).build().run();
 * System.out.print(MarkdownTable.render(results));
 * }</pre>
 *
 * <p>Strategies run one after another in this JVM, each after a full GC, so times include whatever
 * JIT warm-up is left and later runs benefit from earlier ones. A harness is immutable; {@link #run}
 * is not meant to be called concurrently (heap figures would mix).
 */
public final class StrategyHarness {
  private final List<Integer> sizes;
  private final long seed;
  private final int threads;
  private final Path febrlDir;
  private final Path febrlSpec;
  private final Path workDir;
  private final Set<StrategyKind> strategies;
  private final Consumer<String> progress;

  private StrategyHarness(Builder b) {
    this.sizes = List.copyOf(b.sizes);
    this.seed = b.seed;
    this.threads = b.threads;
    this.febrlDir = b.febrlDir;
    this.febrlSpec = b.febrlSpec;
    this.workDir = b.workDir;
    this.strategies = EnumSet.copyOf(b.strategies);
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs every data set with every strategy, generated sizes first (ascending as given), then FEBRL4. */
  public HarnessResults run() {
    List<ResultRow> rows = new ArrayList<>();
    List<HarnessResults.DatasetSummary> summaries = new ArrayList<>();
    for (int learners : sizes) {
      progress.accept("generating " + learners + " learners (seed " + seed + ")");
      runDataset(BenchDataset.generated(learners, seed, workDir), rows, summaries);
    }
    if (febrlDir != null) {
      progress.accept("reading FEBRL4 from " + febrlDir);
      runDataset(BenchDataset.febrl4(febrlDir, febrlSpec), rows, summaries);
    }
    return new HarnessResults(rows, summaries, seed, threads);
  }

  /** Links one data set with every selected strategy and appends its rows. */
  void runDataset(BenchDataset d, List<ResultRow> rows, List<HarnessResults.DatasetSummary> summaries) {
    LinkageSpec base = d.spec();
    List<BlockingRuleSpec> reducedRules =
        base.blockingRules().subList(0, Math.min(StrategyKind.REDUCED_RULES, base.blockingRules().size()));
    progress.accept(d.name() + ": measuring pair completeness of the blocking rules");
    EncodedData encoded = EncodedData.encode(d.left(), d.right());
    double pcFull = pairCompleteness(base.blockingRules(), base.maxBlockSize(), encoded, d.truth());
    double pcReduced = pairCompleteness(reducedRules, base.maxBlockSize(), encoded, d.truth());
    encoded = null;
    long liveBytes = HeapPeak.liveAfterGc();
    Set<String> warnings = new LinkedHashSet<>();
    for (StrategyKind kind : strategies) {
      LinkageSpec withTf = withTermFrequencies(base);
      if (kind == StrategyKind.FS_TF && withTf == null) {
        rows.add(ResultRow.skipped(d.name(), kind, "skipped: the spec has no name comparison to adjust"));
        continue;
      }
      progress.accept(d.name() + ": " + kind.label());
      LinkageSpec spec = switch (kind) {
        case DETERMINISTIC -> base.toBuilder().strategy(LinkageSpec.Strategy.DETERMINISTIC).build();
        case FS_TEXTBOOK, FS_TRAINED -> withoutTermFrequencies(base).toBuilder()
            .strategy(LinkageSpec.Strategy.PROBABILISTIC).build();
        case FS_TF -> withTf.toBuilder().strategy(LinkageSpec.Strategy.PROBABILISTIC).build();
        case CASCADE_FS_TRAINED -> base.toBuilder().strategy(LinkageSpec.Strategy.CASCADE_THEN_PROBABILISTIC).build();
        case REDUCED_BLOCKING -> base.toBuilder().strategy(LinkageSpec.Strategy.CASCADE_THEN_PROBABILISTIC)
            .blockingRules(reducedRules).build();
      };
      Linker linker = Linker.create(spec).withThreads(threads);
      LinkageResult result;
      double seconds;
      long peak;
      try (HeapPeak heap = HeapPeak.start()) {
        long t0 = System.nanoTime();
        if (kind == StrategyKind.FS_TEXTBOOK) {
          // every record of the smaller side is assumed to have a match: λ = min(nl, nr) / (nl × nr)
          double lambda = 1.0 / Math.max(2, Math.max(d.left().size(), d.right().size()));
          FellegiSunterModel model = TextbookModel.of(spec.comparisons(), lambda);
          result = linker.link(d.left(), d.right(), model);
        } else {
          result = linker.link(d.left(), d.right());
        }
        seconds = (System.nanoTime() - t0) / 1e9;
        peak = heap.peakBytes();
      }
      warnings.addAll(result.report().warnings());
      Evaluation e = Evaluation.of(linksOf(result), d.truth());
      boolean blocks = kind != StrategyKind.DETERMINISTIC;
      double pc = !blocks ? Double.NaN : kind == StrategyKind.REDUCED_BLOCKING ? pcReduced : pcFull;
      rows.add(new ResultRow(d.name(), kind, e, blocks ? result.report().candidatePairs() : -1, pc, seconds,
          peak / (1024.0 * 1024.0), ""));
      progress.accept(String.format(java.util.Locale.ROOT, "%s: %s: %s in %.1f s, %,d candidate pairs, peak heap %.0f MB",
          d.name(), kind.label(), e.summary(), seconds, result.report().candidatePairs(), peak / (1024.0 * 1024.0)));
      result = null;
    }
    summaries.add(new HarnessResults.DatasetSummary(d.name(), d.left().size(), d.right().size(), d.truth().size(),
        d.rejectedRows(), liveBytes / (1024.0 * 1024.0), List.copyOf(warnings)));
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
  static double pairCompleteness(List<BlockingRuleSpec> rules, int maxBlockSize, EncodedData data, PairSet truth) {
    if (truth.size() == 0) {
      return Double.NaN;
    }
    Blocker blocker = Blocker.build(rules, data, maxBlockSize);
    Map<Integer, Set<Integer>> wanted = new HashMap<>();
    // RecordTable.rowOf scans linearly: fine for one explanation, quadratic for a whole truth file
    Map<String, Integer> leftRows = rowsById(data.leftTable());
    Map<String, Integer> rightRows = rowsById(data.rightTable());
    for (PairSet.Pair p : truth.pairs()) {
      Integer l = leftRows.get(p.left());
      Integer r = rightRows.get(p.right());
      if (l != null && r != null) {
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

  private static Map<String, Integer> rowsById(RecordTable table) {
    Map<String, Integer> rows = new HashMap<>(table.size() * 2);
    for (int row = 0; row < table.size(); row++) {
      rows.put(table.id(row), row);
    }
    return rows;
  }

  /** Builds a {@link StrategyHarness}; every setter checks its value. Not thread-safe. */
  public static final class Builder {
    private List<Integer> sizes = List.of(10_000, 100_000);
    private long seed = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Path febrlDir;
    private Path febrlSpec;
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    private Set<StrategyKind> strategies = EnumSet.allOf(StrategyKind.class);
    private Consumer<String> progress = s -> {};

    private Builder() {}

    /** Learners per generated data set (default 10,000 and 100,000); may be empty. */
    public Builder sizes(List<Integer> sizes) {
      for (int s : sizes) {
        checkArgument(s > 0, "sizes must be positive: %s", s);
      }
      this.sizes = List.copyOf(sizes);
      return this;
    }

    /** Generator seed (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder threads(int threads) {
      checkArgument(threads > 0, "threads must be positive: %s", threads);
      this.threads = threads;
      return this;
    }

    /** Also run FEBRL4 from {@code dir} with the spec in {@code specFile}; {@code null} to leave it out. */
    public Builder febrl(Path dir, Path specFile) {
      checkArgument((dir == null) == (specFile == null), "FEBRL4 needs both a folder and a spec: %s, %s", dir, specFile);
      this.febrlDir = dir;
      this.febrlSpec = specFile;
      return this;
    }

    /** Where generated files are written (and deleted once read); default the temporary folder. */
    public Builder workDir(Path workDir) {
      this.workDir = requireNonNull(workDir, "workDir");
      return this;
    }

    /** Which strategies to run (default all). */
    public Builder strategies(Set<StrategyKind> strategies) {
      checkArgument(!strategies.isEmpty(), "at least one strategy");
      this.strategies = EnumSet.copyOf(strategies);
      return this;
    }

    /** Receives one-line progress messages (no record values). */
    public Builder progress(Consumer<String> progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    public StrategyHarness build() {
      return new StrategyHarness(this);
    }
  }
}
