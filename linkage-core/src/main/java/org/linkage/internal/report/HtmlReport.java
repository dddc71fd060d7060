package org.linkage.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.linkage.Explanation;
import org.linkage.Link;
import org.linkage.LinkageResult;
import org.linkage.RunReport;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.output.InputSummary;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts drawn here, a small
 * inline script; no network access, no fonts or libraries fetched) showing where a run's records
 * went and what the model learned:
 *
 * <ul>
 *   <li>record counts per side and stage, warnings, timings;
 *   <li>the match-weight histogram of all candidate pairs, with the threshold marked;
 *   <li>m and u of every comparison level;
 *   <li>candidate pairs per blocking rule and links per pass;
 *   <li>example waterfalls: the links with the highest, median and lowest match weight.
 * </ul>
 *
 * <p>The page holds counts, spec names (comparisons, levels, rules, passes), parameters and scores
 * — no record values and no record ids, so it can be shared more widely than {@code links.csv}.
 *
 * <p>Its script records script errors in {@code body[data-errors]} and, once it has checked that
 * every chart has marks, sets {@code body[data-rendered]="ok"}; the headless-browser test reads both.
 * Rendering is deterministic except for the timings, pass rates and peak heap. Stateless and thread-safe.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * The page for {@code result}.
   *
   * @param inputs the files read (names and counts), left first
   * @param threshold the run's match probability threshold, marked on the histogram
   */
  public static String render(LinkageResult result, List<InputSummary> inputs, double threshold) {
    RunReport r = result.report();
    StringBuilder b = Page.open("linkage run report");

    Page.section(b, "records", "Records");
    b.append("<table><tr><th>side</th><th>file</th><th>rows read</th><th>records</th><th>rejected</th>")
        .append("<th>linked</th><th>unmatched</th></tr>");
    for (int i = 0; i < inputs.size(); i++) {
      InputSummary in = inputs.get(i);
      boolean left = i == 0;
      b.append("<tr><td>").append(left ? "left" : "right").append("</td><td>").append(Svg.esc(in.file()))
          .append("</td><td>").append(in.rowsRead()).append("</td><td>").append(in.records())
          .append("</td><td>").append(in.rejected()).append("</td><td>")
          .append(left ? r.linkedLeft() : r.linkedRight()).append("</td><td>")
          .append(left ? r.unmatchedLeft() : r.unmatchedRight()).append("</td></tr>");
    }
    b.append("</table><p>").append(r.candidatePairs()).append(" candidate pairs compared; ")
        .append(r.pairsAboveThreshold()).append(" at or above the threshold ").append(Svg.num(threshold, 4))
        .append(" before 1:1 assignment; ").append(result.links().size()).append(" links; ")
        .append(r.heldForReview()).append(" pair(s) held for clerical review (ambiguous.csv): a competitor of one "
            + "of their records was nearly as strong.</p>");
    if (!r.warnings().isEmpty()) {
      b.append("<ul class=\"warnings\">");
      r.warnings().forEach(w -> b.append("<li>").append(Svg.esc(w)).append("</li>"));
      b.append("</ul>");
    }

    FellegiSunterModel model = result.model();
    Page.section(b, "weights", "Match weights of candidate pairs");
    java.util.SortedMap<Integer, Long> hist = result.candidateWeightHistogram();
    if (hist.isEmpty()) {
      b.append("<p class=\"none\">No probabilistic pass in this run: no weights to show.</p>");
    } else {
      long[] counts = hist.values().stream().mapToLong(Long::longValue).toArray();
      b.append("<p>Every candidate pair's match weight, in bins one bit wide (").append(java.util.Arrays.stream(counts).sum())
          .append(" pairs). Pairs right of the dashed line reach the threshold.</p>");
      b.append(Page.figure(Svg.histogram("weight-histogram", "match weight histogram", hist.firstKey(), counts,
          FellegiSunterModel.weightOf(threshold), "threshold " + Svg.num(threshold, 4))));
    }

    Page.section(b, "parameters", "m and u per comparison level");
    if (model == null) {
      b.append("<p class=\"none\">No model in this run (deterministic strategy).</p>");
    } else {
      b.append("<p>λ = ").append(String.format(java.util.Locale.ROOT, "%.4g", model.lambda()))
          .append(" (prior weight ").append(String.format(java.util.Locale.ROOT, "%+.2f", model.priorWeight()))
          .append(" bits). Level weights are log2(m/u); the null level (missing value) adds 0.</p>");
      if (!model.lambdaSource().isEmpty()) {
        b.append("<p class=\"source\">λ: ").append(Svg.esc(model.lambdaSource())).append("</p>");
      }
      for (int c = 0; c < model.comparisons().size(); c++) {
        ComparisonModel cm = model.comparisons().get(c);
        double[] w = new double[cm.levels().size()];
        for (int k = 0; k < w.length; k++) {
          w[k] = model.weight(c, k + 1);
        }
        b.append("<h3>").append(Svg.esc(cm.name())).append("</h3>");
        if (!cm.source().isEmpty()) {
          b.append("<p class=\"source\">").append(Svg.esc(cm.source())).append("</p>");
        }
        b.append(Page.figure(Svg.mAndU("m-u-" + cm.name(), "m and u of " + cm.name(), cm.levels(), cm.mValues(),
            cm.uValues(), w)));
      }
    }

    Page.section(b, "blocking", "Candidate pairs per blocking rule");
    b.append("<p>Each pair is counted under the first rule whose key it shares.</p>");
    b.append(Page.figure(bars("pairs-by-rule", "candidate pairs per blocking rule", r.pairsByRule())));
    b.append("<p>A block with more right-side records than the cap (maxBlockSize) is split by the rule's ")
        .append("refinement parts in turn; what is still over the cap after the last part is skipped.</p>");
    b.append("<table><tr><th>rule</th><th>blocks</th><th>largest block</th><th>blocks refined</th>")
        .append("<th>refinement</th><th>pairs avoided</th><th>oversized blocks skipped</th>")
        .append("<th>records unpaired</th></tr>");
    for (Blocker.IndexStats s : r.indexStats()) {
      StringBuilder how = new StringBuilder();
      for (Blocker.Refinement x : s.refinements()) {
        if (x.blocksRefined() > 0) {
          how.append(how.length() == 0 ? "" : "; ").append(x.blocksRefined()).append(" by ").append(x.part())
              .append(" into ").append(x.subBlocks()).append(" (largest ").append(x.largestSubBlock()).append(')');
        }
      }
      b.append("<tr><td>").append(Svg.esc(s.rule())).append("</td><td>").append(s.blocks()).append("</td><td>")
          .append(s.largestBlock()).append("</td><td>").append(s.refinedBlocks()).append("</td><td>")
          .append(Svg.esc(how.toString())).append("</td><td>").append(s.pairsAvoided()).append("</td><td>")
          .append(s.oversizedBlocks()).append("</td><td>").append(s.recordsInOversizedBlocks()).append("</td></tr>");
    }
    b.append("</table>");

    Page.section(b, "passes", "Links per pass");
    b.append("<p>Deterministic passes run first, in order; the probabilistic pass links what is left.</p>");
    b.append(Page.figure(bars("links-by-method", "links per pass", r.linksByMethod())));

    Page.section(b, "waterfalls", "Example waterfalls");
    List<Link> examples = examples(result);
    if (model == null || examples.isEmpty()) {
      b.append("<p class=\"none\">No scored links to explain.</p>");
    } else {
      b.append("<p>How a link's match weight adds up: the prior, then each comparison's log2 Bayes factor. ")
          .append("Level names and weights only — no record values or ids.</p>");
      String[] names = {"highest match weight", "median match weight", "lowest match weight"};
      for (int i = 0; i < examples.size(); i++) {
        Link l = examples.get(i);
        Explanation e = result.explain(l.leftId(), l.rightId());
        List<String> labels = new ArrayList<>();
        double[] terms = new double[e.terms().size() + 1];
        labels.add("prior");
        terms[0] = e.priorWeight();
        for (int t = 0; t < e.terms().size(); t++) {
          Explanation.Term term = e.terms().get(t);
          labels.add(term.comparison() + ": " + (term.levelName() == null ? "null" : term.levelName()));
          terms[t + 1] = term.weight();
        }
        b.append("<h3>Link with the ").append(names[i]).append(" (").append(Svg.esc(l.method()))
            .append(", probability ").append(Svg.num(e.matchProbability(), 6)).append(")</h3>");
        b.append(Page.figure(Svg.waterfall("waterfall-" + (i + 1), "waterfall: " + names[i], labels, terms)));
      }
    }

    Page.section(b, "timings", "Timings");
    b.append("<table><tr><th>stage</th><th>ms</th></tr>");
    r.timingsMillis().forEach((k, v) -> b.append("<tr><td>").append(Svg.esc(k)).append("</td><td>").append(v)
        .append("</td></tr>"));
    b.append("</table>\n");
    // the passes over the candidate pairs: neither holds them; pass 2 keeps only what decisions read
    b.append("<table><tr><th>pass</th><th>pairs</th><th>ms</th><th>pairs/s</th></tr>");
    r.pairsByPass().forEach((pass, pairs) -> {
      long millis = r.timingsMillis().getOrDefault(pass, 0L);
      b.append("<tr><td>").append(Svg.esc(pass)).append("</td><td>").append(pairs).append("</td><td>")
          .append(millis).append("</td><td>").append(millis <= 0 ? 0 : pairs * 1000 / millis).append("</td></tr>");
    });
    b.append("</table>\n<p>").append(r.pairsKept()).append(" of ").append(r.candidatePairs())
        .append(" candidate pairs kept for the decisions; peak heap ")
        .append(r.peakHeapBytes() / (1024 * 1024)).append(" MB.</p>\n");
    return Page.close(b);
  }

  /** Links with the highest, median and lowest weight (distinct, scored ones only). */
  static List<Link> examples(LinkageResult result) {
    List<Link> scored = new ArrayList<>(result.links().stream().filter(l -> !Double.isNaN(l.matchWeight())).toList());
    scored.sort(Comparator.comparingDouble(Link::matchWeight).reversed().thenComparing(Link::leftId));
    List<Link> out = new ArrayList<>();
    for (int i : new int[] {0, scored.size() / 2, scored.size() - 1}) {
      if (i >= 0 && i < scored.size() && !out.contains(scored.get(i))) {
        out.add(scored.get(i));
      }
    }
    return out;
  }

  private static String bars(String chart, String title, Map<String, Long> counts) {
    List<String> labels = new ArrayList<>(counts.keySet());
    double[] values = counts.values().stream().mapToDouble(Long::doubleValue).toArray();
    return Svg.horizontalBars(chart, title, labels, values, 0);
  }
}
