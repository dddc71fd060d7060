package org.linkage.internal.eval;

import java.util.Comparator;
import java.util.List;
import org.linkage.Link;

/**
 * A sample of pairs for human checking: the probabilistic links nearest the threshold, i.e. with the
 * lowest match probability — where the model is least sure and a reviewer's verdict matters most.
 *
 * <p>Only links can be sampled: pairs just below the threshold are not in a run's outputs. The
 * sample is deterministic (lowest probability first, ties by ids), carries ids and scores only, and
 * no truth label, so reviewers judge blind. Deterministic-pass links are left out: their key, not
 * their probability, made them.
 */
public final class ClericalReview {
  private ClericalReview() {}

  /** Up to {@code size} probabilistic links with the lowest match probability, lowest first. */
  public static List<ScoredLink> sample(List<ScoredLink> links, int size) {
    return links.stream()
        .filter(l -> Link.PROBABILISTIC.equals(l.method()) && !Double.isNaN(l.probability()))
        .sorted(Comparator.comparingDouble(ScoredLink::probability).thenComparing(ScoredLink::left)
            .thenComparing(ScoredLink::right))
        .limit(size)
        .toList();
  }
}
