package org.linkage.internal.output;

import java.util.List;
import java.util.function.Consumer;
import org.linkage.Link;
import org.linkage.Person;
import org.linkage.record.ReadResult.Rejection;

/**
 * One output as a table: the names and kinds of its columns and a view of its rows, so the CSV
 * and JDBC sinks lay out links, ids, rejections and persons the same way (the CSV layout is
 * {@link OutputWriter}'s). Immutable; rows are produced from the underlying view on each call.
 */
public final class OutputTable {
  /** What a column holds: text, a whole number, or a decimal written with {@code decimals} places in CSV. */
  public record Column(String name, Kind kind, int decimals) {}

  /** The kind of value a column holds. */
  public enum Kind {
    /** Text. */
    TEXT,
    /** A whole number. */
    INTEGER,
    /** A decimal number. */
    DECIMAL
  }

  /** Produces the rows, one {@code Object[]} per row (String, Long, Double or null); may reuse the array. */
  public interface Rows {
    /** Passes each row to {@code row}. */
    void forEach(Consumer<Object[]> row);
  }

  private final String name;
  private final List<Column> columns;
  private final Rows rows;

  private OutputTable(String name, List<Column> columns, Rows rows) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  /** The table name (file stem or database table suffix). */
  public String name() {
    return name;
  }

  /** The columns, in output order. */
  public List<Column> columns() {
    return columns;
  }

  /** Passes each row to {@code row}, in output order. */
  public void forEachRow(Consumer<Object[]> row) {
    rows.forEach(row);
  }

  private static Column text(String name) {
    return new Column(name, Kind.TEXT, 0);
  }

  /** The links table. */
  public static OutputTable links(Iterable<Link> links) {
    return new OutputTable("links", List.of(text("left_id"), text("right_id"),
        new Column("match_probability", Kind.DECIMAL, 6), new Column("match_weight", Kind.DECIMAL, 4),
        text("method"), new Column("probability_given_competitors", Kind.DECIMAL, 6)), sink -> {
          for (Link l : links) {
            sink.accept(new Object[] {l.leftId(), l.rightId(), l.matchProbability(), l.matchWeight(), l.method(),
                l.probabilityGivenCompetitors()});
          }
        });
  }

  /** The ambiguous-pairs table. */
  public static OutputTable ambiguous(Iterable<Link> pairs) {
    return new OutputTable("ambiguous", List.of(text("left_id"), text("right_id"),
        new Column("match_probability", Kind.DECIMAL, 6), new Column("match_weight", Kind.DECIMAL, 4),
        new Column("probability_given_competitors", Kind.DECIMAL, 6)), sink -> {
          for (Link a : pairs) {
            sink.accept(new Object[] {a.leftId(), a.rightId(), a.matchProbability(), a.matchWeight(),
                a.probabilityGivenCompetitors()});
          }
        });
  }

  /** A one-column table of record ids. */
  public static OutputTable ids(String name, Iterable<String> ids) {
    return new OutputTable(name, List.of(text("id")), sink -> {
      for (String id : ids) {
        sink.accept(new Object[] {id});
      }
    });
  }

  /** The run report as one row of JSON text. */
  public static OutputTable report(String reportJson) {
    return new OutputTable("report", List.of(text("report_json")), sink -> sink.accept(new Object[] {reportJson}));
  }

  /** The rejected-rows table. */
  public static OutputTable rejected(Iterable<Rejection> rejections) {
    return new OutputTable("rejected", List.of(text("file"), new Column("line", Kind.INTEGER, 0), text("column"),
        text("reason")), sink -> {
          for (Rejection r : rejections) {
            sink.accept(new Object[] {r.file(), r.line(), r.column(), r.reason()});
          }
        });
  }

  /** The persons table. */
  public static OutputTable persons(Iterable<Person> persons) {
    return new OutputTable("persons", List.of(text("person_id"), text("side"), text("record_id")), sink -> {
      for (Person p : persons) {
        for (String id : p.leftIds()) {
          sink.accept(new Object[] {p.id(), "left", id});
        }
        for (String id : p.rightIds()) {
          sink.accept(new Object[] {p.id(), "right", id});
        }
      }
    });
  }
}
