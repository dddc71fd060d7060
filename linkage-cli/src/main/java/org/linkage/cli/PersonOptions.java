package org.linkage.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.linkage.InvalidSpecException;
import org.linkage.LinkageResult;
import org.linkage.LinkageSpec;
import org.linkage.cluster.Assignment;
import org.linkage.cluster.ClusteringSpec;
import org.linkage.eval.PersonEvaluation;

/** The person options shared by {@code link} and {@code dedup}. */
final class PersonOptions {
  private PersonOptions() {}

  /** The spec with {@code --assignment} and {@code --persons} applied (either may be absent). */
  static LinkageSpec apply(LinkageSpec spec, String assignment, boolean persons) {
    if (assignment == null && !persons) {
      return spec;
    }
    LinkageSpec.Builder b = spec.toBuilder();
    if (assignment != null) {
      try {
        b.assignment(Assignment.valueOf(assignment.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidSpecException("--assignment: unknown assignment '" + assignment
            + "' (expected one_to_one or many_to_one)");
      }
    }
    if (persons) {
      b.clustering(new ClusteringSpec(true, spec.clustering().deduplicateSides()));
    }
    return b.build();
  }

  /** Prints the person count and, given the truth, person-level quality, to stderr. */
  static void report(LinkageResult result, Path out, Path truthPersons) {
    if (!result.hasPersons()) {
      if (truthPersons != null) {
        System.err.println("note: --truth-persons needs --persons (or clustering.enabled in the spec): not evaluated");
      }
      return;
    }
    var r = result.clusteringReport();
    System.err.println("persons: " + r.persons() + " (" + r.personsWithSeveralRecords() + " with several records, "
        + r.droppedLinks() + " link(s) dropped by constraints)");
    if (truthPersons != null) {
      System.out.println(PersonEvaluation.of(out.resolve("persons.csv"), truthPersons).summary());
    }
  }
}
