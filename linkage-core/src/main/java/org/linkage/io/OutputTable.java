package org.linkage.io;

import java.util.List;
import java.util.function.Consumer;
import org.linkage.AmbiguousPair;
import org.linkage.Link;
import org.linkage.cluster.Person;

/**
 * One output as a table: the names and kinds of its columns and a view of its rows, so the CSV
 * and JDBC sinks lay out links, ids, rejections and persons the same way (the CSV layout is
 * {@link OutputWriter}'s). Immutable; rows are produced from the underlying view on each call.
 */
final class OutputTable {
  /** What a column holds: text, a whole number, or a decimal written with {@code decimals} places in CSV. */
  record Column(String name, Kind kind, int decimals) {}

  enum Kind { TEXT, INTEGER, DECIMAL }

  /** Produces the rows, one {@code Object[]} per row (String, Long, Double or null); may reuse the array. */
  interface Rows {
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

  String name() {
    return name;
  }

  List<Column> columns() {
    return columns;
  }

  void forEachRow(Consumer<Object[]> row) {
    rows.forEach(row);
  }

  private static Column text(String name) {
    return new Column(name, Kind.TEXT, 0);
  }

  static OutputTable links(Iterable<Link> links) {
    return new OutputTable("links", List.of(text("left_id"), text("right_id"),
        new Column("match_probability", Kind.DECIMAL, 6), new Column("match_weight", Kind.DECIMAL, 4),
        text("method"), new Column("probability_given_competitors", Kind.DECIMAL, 6)), sink -> {
          for (Link l : links) {
            sink.accept(new Object[] {l.leftId(), l.rightId(), l.matchProbability(), l.matchWeight(), l.method(),
                l.probabilityGivenCompetitors()});
          }
        });
  }

  static OutputTable ambiguous(Iterable<AmbiguousPair> pairs) {
    return new OutputTable("ambiguous", List.of(text("left_id"), text("right_id"),
        new Column("match_probability", Kind.DECIMAL, 6), new Column("match_weight", Kind.DECIMAL, 4),
        new Column("probability_given_competitors", Kind.DECIMAL, 6)), sink -> {
          for (AmbiguousPair a : pairs) {
            sink.accept(new Object[] {a.leftId(), a.rightId(), a.matchProbability(), a.matchWeight(),
                a.probabilityGivenCompetitors()});
          }
        });
  }

  static OutputTable ids(String name, Iterable<String> ids) {
    return new OutputTable(name, List.of(text("id")), sink -> {
      for (String id : ids) {
        sink.accept(new Object[] {id});
      }
    });
  }

  /** The run report as one row of JSON text. */
  static OutputTable report(String reportJson) {
    return new OutputTable("report", List.of(text("report_json")), sink -> sink.accept(new Object[] {reportJson}));
  }

  static OutputTable rejected(Iterable<Rejection> rejections) {
    return new OutputTable("rejected", List.of(text("file"), new Column("line", Kind.INTEGER, 0), text("column"),
        text("reason")), sink -> {
          for (Rejection r : rejections) {
            sink.accept(new Object[] {r.file(), r.line(), r.column(), r.reason()});
          }
        });
  }

  static OutputTable persons(Iterable<Person> persons) {
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
