package org.linkage.testkit.bench;

import java.util.Locale;

/** Renders {@link HarnessResults} as GitHub-flavoured Markdown. Stateless. */
public final class MarkdownTable {
  private MarkdownTable() {}

  /** The results table, then one line per data set (records, true pairs, live heap, warnings). */
  public static String render(HarnessResults results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| dataset | strategy | precision | recall | F1 | candidate pairs | pair completeness | time (s) "
        + "| peak heap (MB) |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ResultRow r : results.rows()) {
      if (r.isSkipped()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | — | — | — | — | — | — | — |%n", r.dataset(),
            r.strategy().label() + " (" + r.note() + ")"));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %s | %s | %.1f | %.0f |%n",
          r.dataset(), r.strategy().label(), r.evaluation().precision(), r.evaluation().recall(),
          r.evaluation().f1(), r.candidatePairs() < 0 ? "—" : String.format(Locale.ROOT, "%,d", r.candidatePairs()),
          Double.isNaN(r.pairCompleteness()) ? "—" : String.format(Locale.ROOT, "%.4f", r.pairCompleteness()),
          r.seconds(), r.peakHeapMb()));
    }
    sb.append('\n');
    for (HarnessResults.DatasetSummary d : results.datasets()) {
      sb.append(String.format(Locale.ROOT,
          "- %s: %,d left and %,d right records, %,d true pairs, %d rejected rows; heap in use after GC with the "
              + "tables loaded: %.0f MB.%n",
          d.name(), d.leftRecords(), d.rightRecords(), d.truePairs(), d.rejectedRows(), d.liveHeapMb()));
      for (String w : d.warnings()) {
        sb.append("  - warning: ").append(w).append('\n');
      }
    }
    return sb.toString();
  }
}
