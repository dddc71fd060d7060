package org.linkage;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.SortedMap;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.internal.pattern.Patterns;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.normalize.EncodedData;

/**
 * The outcome of a run: the accepted links, the ids of records left unmatched on each side, the
 * model used and the {@link RunReport}. Every input record is in exactly one of links or unmatched
 * (rows rejected while reading never reach the linker; readers report them).
 *
 * <p>Immutable and thread-safe. Holds the encoded data so that {@link #explain} works for any pair.
 */
public final class LinkageResult {
  private final ImmutableList<Link> links;
  private final ImmutableList<String> unmatchedLeft;
  private final ImmutableList<String> unmatchedRight;
  private final FellegiSunterModel model;
  private final MatchScorer scorer; // null without a model
  private final RunReport report;
  private final EncodedData data;
  private final Comparison[] comparisons;
  private final SortedMap<Integer, Long> weightHistogram;
  private final ImmutableList<Person> persons;
  private final ClusteringReport clusteringReport;
  private final ImmutableList<Link> ambiguous;
  private int[][] blockCaps; // set once by the linker before the result is published

  LinkageResult(List<Link> links, List<Link> ambiguous, List<String> unmatchedLeft,
      List<String> unmatchedRight, FellegiSunterModel model, MatchScorer scorer, RunReport report,
      EncodedData data, Comparison[] comparisons, SortedMap<Integer, Long> weightHistogram, List<Person> persons,
      ClusteringReport clusteringReport) {
    this.ambiguous = ImmutableList.copyOf(ambiguous);
    this.weightHistogram = weightHistogram;
    this.persons = persons == null ? null : ImmutableList.copyOf(persons);
    this.clusteringReport = clusteringReport;
    this.links = ImmutableList.copyOf(links);
    this.unmatchedLeft = ImmutableList.copyOf(unmatchedLeft);
    this.unmatchedRight = ImmutableList.copyOf(unmatchedRight);
    this.model = model;
    this.scorer = scorer;
    this.report = report;
    this.data = data;
    this.comparisons = comparisons;
  }

  /**
   * Per blocking rule, the cap the run indexed it with across the sides, within the left and
   * within the right side ({@code null} when not recorded), for a {@link LinkageState}.
   */
  int[][] blockCaps() {
    return blockCaps;
  }

  /** Records the caps; called once by the linker before the result is handed out. */
  void blockCaps(int[][] caps) {
    this.blockCaps = caps.clone();
  }

  /** The encoded records of the run, for a {@link LinkageState} of it. */
  EncodedData encodedData() {
    return data;
  }

  /** True if records were grouped into persons (clustering enabled, or deduplication). */
  public boolean hasPersons() {
    return persons != null;
  }

  /**
   * The persons, in person id order; every record of both sides is in exactly one (singletons
   * included).
   *
   * @throws IllegalStateException if clustering did not run ({@link #hasPersons()})
   */
  public List<Person> persons() {
    if (persons == null) {
      throw new IllegalStateException("clustering did not run: enable it in the spec (clustering.enabled)");
    }
    return persons;
  }

  /** Counts of the clustering stage, or {@code null} if it did not run. */
  public ClusteringReport clusteringReport() {
    return clusteringReport;
  }

  /** True if this was a deduplication of one table (both sides the same). */
  public boolean isDeduplication() {
    return data.isDeduplication();
  }

  /** Accepted links, ordered by left record (input order), then right record. */
  public List<Link> links() {
    return links;
  }

  /**
   * Pairs held back for clerical review, in decision order: each reaches the threshold on its own,
   * but a competing candidate of one of its records is nearly as strong, so its
   * {@link Link#probabilityGivenCompetitors()} is below the threshold. They are not links: their
   * records are among the unmatched unless another pair linked them. Method {@code probabilistic}.
   */
  public List<Link> ambiguous() {
    return ambiguous;
  }

  /** Ids of left records in no link, in input order. */
  public List<String> unmatchedLeft() {
    return unmatchedLeft;
  }

  /** Ids of right records in no link, in input order. */
  public List<String> unmatchedRight() {
    return unmatchedRight;
  }

  /** The model that scored the pairs (trained in this run or given). */
  public FellegiSunterModel model() {
    return model;
  }

  /** Counts, timings, training figures and warnings of the run (no record values). */
  public RunReport report() {
    return report;
  }

  /**
   * The match weights of all candidate pairs scored by the probabilistic pass, in bins one bit wide
   * (for the weight histogram of {@code report.html}): the lower edge of each bin, in bits, to the
   * pairs whose weight lies in [edge, edge + 1), every bin from the lowest to the highest (empty ones
   * included), in ascending order. Empty when the run had no probabilistic pass; unmodifiable.
   */
  public SortedMap<Integer, Long> candidateWeightHistogram() {
    return weightHistogram;
  }

  /**
   * The waterfall for any pair of records, linked or not.
   *
   * @throws IllegalArgumentException if either id is unknown
   */
  public Explanation explain(String leftId, String rightId) {
    int l = data.leftTable().rowOf(leftId);
    int r = data.rightTable().rowOf(rightId);
    if (l < 0 || r < 0) {
      throw new IllegalArgumentException("unknown " + (l < 0 ? "left id" : "right id"));
    }
    if (model == null) {
      throw new IllegalStateException("this run had no model (deterministic strategy): nothing to explain");
    }
    return explain(scorer, comparisons, data, l, r);
  }

  static Explanation explain(MatchScorer scorer, Comparison[] comparisons, EncodedData data, int l, int r) {
    FellegiSunterModel model = scorer.model();
    long pattern = PairComparer.pattern(comparisons, l, r);
    ImmutableList.Builder<Explanation.Term> terms = ImmutableList.builder();
    for (int c = 0; c < comparisons.length; c++) {
      int level = Patterns.level(pattern, c);
      ComparisonModel cm = model.comparisons().get(c);
      double tfPart = scorer.adjustment(c, pattern, l);
      terms.add(new Explanation.Term(cm.name(), level, level == 0 ? null : cm.levels().get(level - 1),
          level == 0 ? Double.NaN : cm.m(level), level == 0 ? Double.NaN : cm.u(level),
          model.weight(c, level) + tfPart, tfPart));
    }
    double w = scorer.weight(pattern, l);
    return new Explanation(data.leftTable().id(l), data.rightTable().id(r), model.priorWeight(), terms.build(), w,
        FellegiSunterModel.probability(w));
  }

  /**
   * Counts of the clustering stage. Holds no record values.
   *
   * <p>Immutable and thread-safe.
   *
   * @param persons persons formed (singletons included)
   * @param personsOnBothSides persons with records on both sides
   * @param personsWithSeveralRecords persons with more than one record
   * @param crossLinks accepted left–right links offered to clustering
   * @param leftLinks within-left links offered (deduplication of the left side)
   * @param rightLinks within-right links offered
   * @param droppedLinks links dropped because they would have broken a constraint
   */
  public record ClusteringReport(int persons, int personsOnBothSides, int personsWithSeveralRecords, long crossLinks,
      long leftLinks, long rightLinks, int droppedLinks) {}
}
