package org.linkage;

import java.util.ArrayList;
import java.util.List;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.spec.LinkageSpec;

/** Small hand-made person tables for core tests (core cannot use the testkit generator). */
public final class TestTables {
  private TestTables() {}

  /** The person-profile columns, in {@link LinkageSpec#personDefaults()} order. */
  public static final List<ColumnSpec> PERSON = LinkageSpec.personDefaults().columns();

  /** Columns of the given names and types, read from headers of the same name. */
  public static List<ColumnSpec> columns(Object... nameTypePairs) {
    List<ColumnSpec> out = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      out.add(ColumnSpec.of((String) nameTypePairs[i], (ColumnType) nameTypePairs[i + 1]));
    }
    return out;
  }

  /** A table whose rows are {@code id, value per column...}. */
  public static RecordTable table(String source, List<ColumnSpec> columns, String[]... rows) {
    RecordTable.Builder b = RecordTable.builder(source, columns);
    long line = 2;
    for (String[] row : rows) {
      String[] values = new String[row.length - 1];
      System.arraycopy(row, 1, values, 0, values.length);
      b.add(row[0], values, line++);
    }
    return b.build();
  }

  /** A person row: id, forename, middle_name, surname, dob, sex, postcode, nino. */
  public static String[] person(String id, String forename, String middle, String surname, String dob, String sex,
      String postcode, String nino) {
    return new String[] {id, forename, middle, surname, dob, sex, postcode, nino};
  }
}
