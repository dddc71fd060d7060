package org.linkage.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.linkage.LinkageResult;
import org.linkage.Link;
import org.linkage.Person;
import org.linkage.record.ReadResult;

/**
 * What a {@link SparkLinker} run gives: the {@link LinkageResult} of the core (model, report,
 * explanations) and its tables as Datasets, with the column names of the CLI's CSV outputs. The
 * Datasets are made from the driver's result when asked for; rows are in the result's order.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparkLinkage {
  private static final StructType LINKS = new StructType()
      .add("left_id", DataTypes.StringType, false).add("right_id", DataTypes.StringType, false)
      .add("match_probability", DataTypes.DoubleType).add("match_weight", DataTypes.DoubleType)
      .add("method", DataTypes.StringType, false);
  private static final StructType AMBIGUOUS = new StructType()
      .add("left_id", DataTypes.StringType, false).add("right_id", DataTypes.StringType, false)
      .add("match_probability", DataTypes.DoubleType).add("match_weight", DataTypes.DoubleType);
  private static final StructType IDS = new StructType().add("id", DataTypes.StringType, false);
  private static final StructType PERSONS = new StructType()
      .add("person_id", DataTypes.StringType, false).add("side", DataTypes.StringType, false)
      .add("record_id", DataTypes.StringType, false);

  private final SparkSession session;
  private final LinkageResult result;
  private final ReadResult left;
  private final ReadResult right;

  SparkLinkage(SparkSession session, LinkageResult result, ReadResult left, ReadResult right) {
    this.session = session;
    this.result = result;
    this.left = left;
    this.right = right;
  }

  /** The core's result: links, model, run report, persons. */
  public LinkageResult result() {
    return result;
  }

  /** The left input as read (the accepted records and the rejected rows, by row number). */
  public ReadResult leftInput() {
    return left;
  }

  /** The right input as read; {@code null} for a deduplication. */
  public ReadResult rightInput() {
    return right;
  }

  /** The links: {@code left_id, right_id, match_probability, match_weight, method}, by left then right row. */
  public Dataset<Row> links() {
    List<Row> rows = new ArrayList<>();
    for (Link l : result.links()) {
      rows.add(RowFactory.create(l.leftId(), l.rightId(), l.matchProbability(), l.matchWeight(), l.method()));
    }
    return session.createDataFrame(rows, LINKS);
  }

  /** Pairs held back for clerical review: {@code left_id, right_id, match_probability, match_weight}. */
  public Dataset<Row> ambiguous() {
    List<Row> rows = new ArrayList<>();
    for (Link p : result.ambiguous()) {
      rows.add(RowFactory.create(p.leftId(), p.rightId(), p.matchProbability(), p.matchWeight()));
    }
    return session.createDataFrame(rows, AMBIGUOUS);
  }

  /** Ids of the left records in no link (one column {@code id}). */
  public Dataset<Row> unmatchedLeft() {
    return ids(result.unmatchedLeft());
  }

  /** Ids of the right records in no link (one column {@code id}). */
  public Dataset<Row> unmatchedRight() {
    return ids(result.unmatchedRight());
  }

  /**
   * The persons, one row per record: {@code person_id, side ("left" / "right"), record_id}.
   *
   * @throws IllegalStateException if the spec did not ask for persons
   */
  public Dataset<Row> persons() {
    if (!result.hasPersons()) {
      throw new IllegalStateException("no persons: the spec's clustering is off");
    }
    List<Row> rows = new ArrayList<>();
    for (Person p : result.persons()) {
      p.leftIds().forEach(id -> rows.add(RowFactory.create(p.id(), "left", id)));
      p.rightIds().forEach(id -> rows.add(RowFactory.create(p.id(), "right", id)));
    }
    return session.createDataFrame(rows, PERSONS);
  }

  private Dataset<Row> ids(List<String> ids) {
    List<Row> rows = new ArrayList<>(ids.size());
    ids.forEach(id -> rows.add(RowFactory.create(id)));
    return session.createDataFrame(rows, IDS);
  }
}
