package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linkage.TestTables.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.internal.normalize.EncodedData;

class PersonConstraintsTest {
  private static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.of("surname", ColumnType.NAME),
      new ColumnSpec("dob", "dob", ColumnType.DATE, ColumnSpec.ISO_DATE),
      new ColumnSpec("start", "start", ColumnType.DATE, ColumnSpec.ISO_DATE));

  private static EncodedData data() {
    // one person's two records: same birth date, start dates years apart
    RecordTable left = table("l.csv", COLUMNS, new String[] {"L0", "smith", "1990-01-02", "2010-09-01"});
    RecordTable right = table("r.csv", COLUMNS, new String[] {"R0", "smith", "1990-01-02", "2019-03-04"});
    return EncodedData.encode(left, right);
  }

  @Test
  void from_birthDateColumnNamed_onlyThatDateColumnConstrains() {
    PersonConstraints c = PersonConstraints.from(data(), "dob");
    assertThat(c.dateColumns()).isEqualTo(1);
    assertThat(c.date(0, 0)).isEqualTo(19900102);
    assertThat(c.date(0, 1)).isEqualTo(19900102);
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, Decisions.PROBABILISTIC, 5);
    assertThat(PersonClusterer.cluster(e, c).dropped()).isZero();
  }

  @Test
  void from_startDateTreatedAsBirthDate_splitsThePerson() {
    // what treating every date column as a birth date did: the start dates have no common centre
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, Decisions.PROBABILISTIC, 5);
    assertThat(PersonClusterer.cluster(e, PersonConstraints.from(data(), "start")).dropped()).isEqualTo(1);
  }

  @Test
  void from_noBirthDateColumn_noDateConstraint() {
    assertThat(PersonConstraints.from(data(), null).dateColumns()).isZero();
  }
}
