package org.linkage.internal.block;

import java.util.List;
import java.util.Random;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

/** Seeded small tables with heavy key overlap, for the sorted-neighbourhood and analysis tests. */
final class BlockingFixtures {
  static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.of("forename", ColumnType.NAME),
      ColumnSpec.of("surname", ColumnType.NAME), ColumnSpec.of("dob", ColumnType.DATE));

  private static final String[] FORENAMES = {"ANN", "ANNA", "BEN", "CARL", "CARLA", "DAN", "EVE", "FAY", "GUS", "HAL",
      "IAN", "JO", "JOE", "KAY", "LEE", "MAX", "NED", "OLA", "PAT", "SUE"};
  private static final String[] SURNAMES = {"ABBOT", "ABBOTT", "BAKER", "BAKKER", "COLE", "COLES", "DEAN", "DEANE",
      "EVANS", "EVANSON", "FOX", "FOXE", "GRAY", "GREY", "HILL", "HILLS", "KING", "KINGS", "LAMB", "LAMBE"};

  private BlockingFixtures() {}

  static RecordTable table(String prefix, int size, long seed) {
    Random rnd = new Random(seed);
    RecordTable.Builder b = RecordTable.builder(prefix, COLUMNS);
    for (int i = 0; i < size; i++) {
      String forename = rnd.nextInt(20) == 0 ? null : FORENAMES[rnd.nextInt(FORENAMES.length)];
      String surname = rnd.nextInt(20) == 0 ? null : SURNAMES[rnd.nextInt(SURNAMES.length)];
      String dob = rnd.nextInt(25) == 0 ? null
          : String.format("19%02d-%02d-%02d", 90 + rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(28));
      b.add(prefix + i, new String[] {forename, surname, dob}, i + 2);
    }
    return b.build();
  }

  static EncodedData linkage(int nl, int nr, long seed) {
    return EncodedData.encode(table("L", nl, seed), table("R", nr, seed + 1));
  }

  static EncodedData deduplication(int n, long seed) {
    RecordTable t = table("D", n, seed);
    return EncodedData.encode(t, t);
  }

  /** Key and sorted-neighbourhood rules that overlap on purpose. */
  static List<BlockingRuleSpec> overlappingRules() {
    return List.of(
        BlockingRuleSpec.of("surname_forename_initial", "surname", "forename:initial"),
        BlockingRuleSpec.sortedNeighbourhood("sn_surname_forename", 3, "surname", "forename"),
        BlockingRuleSpec.of("dob", "dob"),
        BlockingRuleSpec.sortedNeighbourhood("sn_dob", 2, "dob"),
        BlockingRuleSpec.of("forename", "forename"),
        BlockingRuleSpec.sortedNeighbourhood("sn_forename_surname", 5, "forename", "surname"));
  }
}
