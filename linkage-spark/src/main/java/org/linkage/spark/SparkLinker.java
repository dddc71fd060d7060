package org.linkage.spark;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.linkage.LinkageResult;
import org.linkage.Linker;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.ReadResult;
import org.linkage.spec.LinkageSpec;

/**
 * Links two Spark {@code Dataset<Row>}s (or deduplicates one) with a {@link LinkageSpec}, running the
 * run's passes over the candidate pairs, the rounds of one-to-one competing assignment and the
 * clustering into persons (per connected component) on the session's executors
 * ({@link SparkPairEngine}) and everything else with the core's own stages on the driver. The links,
 * unmatched records and persons are those {@link Linker} gives on the same records, spec and seed —
 * identical, not approximately so.
 *
 * <pre>{@code
 * SparkLinkage run = SparkLinker.create(spark, spec).link(education, labour);
 * run.links().write().parquet("links");               // left_id, right_id, match_probability, ...
 * FellegiSunterModel model = run.result().model();    // reuse: link(education, labour, model)
 * }</pre>
 *
 * <p>The Datasets' columns are named as the spec's {@code idColumn} and its columns' {@code source}
 * names; values are read as text, in the Dataset's order (which fixes row numbers and so the random
 * sample of u: order the Datasets for a repeatable run). The driver holds the encoded records of both
 * sides, their blocking index and the pairs kept above the floor; the executors hold their partitions
 * of the records, the pairs and the dictionaries.
 *
 * <p>Immutable and thread-safe; each call runs one job at a time on the session.
 */
public final class SparkLinker {
  private final SparkSession session;
  private final LinkageSpec spec;

  private SparkLinker(SparkSession session, LinkageSpec spec) {
    this.session = Objects.requireNonNull(session, "session");
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** A linker for {@code spec} on {@code session}. */
  public static SparkLinker create(SparkSession session, LinkageSpec spec) {
    return new SparkLinker(session, spec);
  }

  /** The spec this linker runs. */
  public LinkageSpec spec() {
    return spec;
  }

  /** Trains on the two Datasets, then links them with the trained model. */
  public SparkLinkage link(Dataset<Row> left, Dataset<Row> right) {
    return run(left, right, null);
  }

  /** Links the two Datasets with a given model (from an earlier run or {@code model.json}). */
  public SparkLinkage link(Dataset<Row> left, Dataset<Row> right, FellegiSunterModel model) {
    return run(left, right, Objects.requireNonNull(model, "model"));
  }

  /** Finds the duplicates within one Dataset and groups its records into persons. */
  public SparkLinkage deduplicate(Dataset<Row> table) {
    ReadResult in = DatasetRecords.read("table", table, spec);
    try (SparkPairEngine engine = SparkPairEngine.on(session)) {
      LinkageResult result = Linker.create(spec).withEngine(engine).deduplicate(in.table());
      return new SparkLinkage(session, result, in, null);
    }
  }

  private SparkLinkage run(Dataset<Row> left, Dataset<Row> right, FellegiSunterModel model) {
    ReadResult l = DatasetRecords.read("left", left, spec);
    ReadResult r = DatasetRecords.read("right", right, spec);
    try (SparkPairEngine engine = SparkPairEngine.on(session)) {
      Linker linker = Linker.create(spec).withEngine(engine);
      LinkageResult result = model == null ? linker.link(l.table(), r.table())
          : linker.link(l.table(), r.table(), model);
      return new SparkLinkage(session, result, l, r);
    }
  }
}
