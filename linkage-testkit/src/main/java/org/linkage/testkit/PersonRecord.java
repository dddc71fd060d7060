package org.linkage.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.linkage.spec.LinkageSpec;
import org.linkage.spec.ColumnSpec;
import org.linkage.record.RecordTable;

/**
 * One person record written inline in a test: an id and raw values keyed by the engine's column
 * names ({@link ColumnSpec#name()}), exactly as they would appear in an input file.
 *
 * <pre>{@code
 * PersonRecord ann = PersonRecord.of("E1").forename("Ann").surname("Smith").dob("1990-01-02").sex("F");
 * PersonRecord annAtWork = ann.withId("L1").forename("Annie").postcode("LS6 2AB");
 * }</pre>
 *
 * <p>Immutable and thread-safe: every setter returns a new record. Columns left unset are missing
 * (null) values. Turning records into a table ({@link #table}) fails if a record sets a column the
 * spec does not have, so a misspelt column name cannot silently drop evidence from a test.
 */
public final class PersonRecord {
  private final String id;
  private final Map<String, String> values;

  private PersonRecord(String id, Map<String, String> values) {
    this.id = id;
    this.values = values;
  }

  /** A record with this id and no values. */
  public static PersonRecord of(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    return new PersonRecord(id, Map.of());
  }

  /** The record id. */
  public String id() {
    return id;
  }

  /** The values set, by column name, in the order they were first set. */
  public Map<String, String> values() {
    return values;
  }

  /** The value of {@code column}, or {@code null} if unset. */
  public String value(String column) {
    return values.get(column);
  }

  /** The same values under another id — handy for "the same person on the other side". */
  public PersonRecord withId(String newId) {
    return new PersonRecord(of(newId).id, values);
  }

  /**
   * This record with {@code column} set to {@code value}; {@code null} or empty unsets it.
   *
   * @param column an engine column name, e.g. {@code forename} or, for a FEBRL spec, {@code given_name}
   */
  public PersonRecord with(String column, String value) {
    Objects.requireNonNull(column, "column");
    Map<String, String> copy = new LinkedHashMap<>(values);
    if (value == null || value.isEmpty()) {
      copy.remove(column);
    } else {
      copy.put(column, value);
    }
    return new PersonRecord(id, Collections.unmodifiableMap(copy));
  }

  /** This record without a value for {@code column}. */
  public PersonRecord without(String column) {
    return with(column, null);
  }

  /** This record with {@code forename} set ({@code null} or empty unsets it). */
  public PersonRecord forename(String v) {
    return with("forename", v);
  }

  /** This record with {@code middle_name} set ({@code null} or empty unsets it). */
  public PersonRecord middleName(String v) {
    return with("middle_name", v);
  }

  /** This record with {@code surname} set ({@code null} or empty unsets it). */
  public PersonRecord surname(String v) {
    return with("surname", v);
  }

  /** Date of birth in the spec's date format; {@code yyyy-mm-dd} for the person profile. */
  public PersonRecord dob(String v) {
    return with("dob", v);
  }

  /** This record with {@code sex} set ({@code null} or empty unsets it). */
  public PersonRecord sex(String v) {
    return with("sex", v);
  }

  /** This record with {@code postcode} set ({@code null} or empty unsets it). */
  public PersonRecord postcode(String v) {
    return with("postcode", v);
  }

  /** This record with {@code nino} set ({@code null} or empty unsets it). */
  public PersonRecord nino(String v) {
    return with("nino", v);
  }

  /**
   * A table of these records with {@code spec}'s columns, in the given order (line numbers 1, 2, ...).
   *
   * @param source name used in the engine's messages, e.g. {@code "left record"}
   * @throws IllegalArgumentException if a record sets a column {@code spec} does not have
   */
  public static RecordTable table(LinkageSpec spec, String source, List<PersonRecord> records) {
    List<ColumnSpec> columns = spec.columns();
    RecordTable.Builder b = RecordTable.builder(source, columns);
    long line = 1;
    for (PersonRecord r : records) {
      List<String> unknown = new ArrayList<>(r.values.keySet());
      String[] row = new String[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        row[c] = r.values.get(columns.get(c).name());
        unknown.remove(columns.get(c).name());
      }
      if (!unknown.isEmpty()) {
        List<String> names = columns.stream().map(ColumnSpec::name).toList();
        throw new IllegalArgumentException("record " + r.id + " sets column(s) " + unknown
          + " that the spec does not have; its columns are " + names);
      }
      b.add(r.id, row, line++);
    }
    return b.build();
  }

  /** {@code PersonRecord[E1, forename=Ann, surname=Smith]}: test data, so values are shown. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("PersonRecord[").append(id);
    values.forEach((k, v) -> s.append(", ").append(k).append('=').append(v));
    return s.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonRecord p && p.id.equals(id) && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + values.hashCode();
  }
}
