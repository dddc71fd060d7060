package org.linkage.internal.stage;

import java.util.List;
import java.util.Map;
import org.linkage.internal.block.Blocker;

/**
 * What the pairs stage adds to a run's report: wall times, record counts and blocking figures. The
 * run's report builder implements it; {@link #NONE} discards them (a stage run alone). Not
 * thread-safe unless an implementation says so.
 */
public interface StageFigures {
  /** Discards every figure. */
  StageFigures NONE = new StageFigures() {
    @Override
    public StageFigures timing(String stage, long millis) {
      return this;
    }

    @Override
    public StageFigures records(int left, int right) {
      return this;
    }

    @Override
    public StageFigures blocking(long candidatePairs, Map<String, Long> byRule, List<Blocker.IndexStats> indexStats,
        Map<String, Object> analysis, List<String> warnings) {
      return this;
    }
  };

  /** Wall time of {@code stage} in milliseconds. */
  StageFigures timing(String stage, long millis);

  /** Records on each side ({@code 0} right records when deduplicating). */
  StageFigures records(int left, int right);

  /** What blocking produced: pairs in all, by rule, block statistics, the analysis and its warnings. */
  StageFigures blocking(long candidatePairs, Map<String, Long> byRule, List<Blocker.IndexStats> indexStats,
      Map<String, Object> analysis, List<String> warnings);
}
