package org.linkage.internal.stage;

import java.io.Serializable;
import java.util.function.Consumer;
import org.linkage.internal.cluster.ComponentPersons;
import org.linkage.internal.cluster.ComponentRounds;

/**
 * Engine-facing: where a run's passes over its candidate pairs execute. {@link org.linkage.Linker} runs them on
 * its own threads unless given an engine ({@link org.linkage.Linker#withEngine}); an engine (Apache Spark in
 * {@code linkage-spark}) runs each pass's chunks of left rows elsewhere and hands the chunk results
 * back in chunk order, so the run's training, decisions and outputs are those of the in-process
 * engine. Everything else of the run (encoding, the index, training, decisions, persons) stays in
 * the calling process, except the rounds of competing assignment and the persons, which an engine
 * may run per connected component ({@link #rounds}, {@link #persons}). Not covered by the API's
 * compatibility promise (it hands out engine types).
 *
 * <p>Implementations must be safe to call from the thread running {@link org.linkage.Linker#link}; one call at a
 * time per run.
 */
public interface PairEngine {
  /**
   * Runs {@code task} over every chunk of left rows of the index that {@code source} rebuilds
   * ({@link PairPass.Source#index}), and passes each chunk's result to {@code merge} on the calling
   * thread in chunk order (chunk 0 first). {@code source} is the same object for every pass of one
   * index, so an engine may ship it once and reuse it.
   */
  <S extends Serializable> void stream(PairPass.Source source, PairPass.Task<S> task,
      Consumer<S> merge);

  /**
   * Where the rounds of one-to-one competing assignment run, per connected component of the kept
   * pairs ({@link ComponentRounds}); {@code null} (the default) runs them over all pairs in the
   * calling thread. Either gives the same decisions.
   */
  default ComponentRounds.Opener rounds() {
    return null;
  }

  /**
   * Where persons are clustered, per connected component of the links ({@link ComponentPersons});
   * {@code null} (the default) clusters all links in the calling thread. Either gives the same persons.
   */
  default ComponentPersons.Clusterer persons() {
    return null;
  }
}
