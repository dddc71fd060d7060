package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

class KeyFunctionTest {
  /** Every transform of a key part, alone and combined, with refinement levels. */
  private static final List<BlockingRuleSpec> RULES = List.of(
      BlockingRuleSpec.of("dob", "dob"),
      BlockingRuleSpec.of("surname_year", "surname", "dob:year").refinedBy("forename:phonetic", "postcode:area"),
      BlockingRuleSpec.of("month_day_initial", "dob:month_day", "forename:initial").refinedBy("sex"),
      BlockingRuleSpec.of("postcode_parts", "postcode:sector", "postcode:district", "postcode:area"),
      BlockingRuleSpec.of("phonetic_postcode", "surname:phonetic", "postcode"),
      BlockingRuleSpec.of("initials_any_order", "forename|surname:sorted_initials", "dob:year"));

  /** The key of each row as the hash of the part codes (the whole-array way keys were computed before). */
  private static long[] reference(int[][] parts, int size) {
    long[] keys = new long[size];
    for (int row = 0; row < size; row++) {
      long h = KeyHash.START;
      boolean missing = false;
      for (int[] part : parts) {
        if (part[row] < 0) {
          missing = true;
          break;
        }
        h = KeyHash.add(h, part[row]);
      }
      keys[row] = missing ? Blocker.NO_KEY : KeyHash.finish(h);
    }
    return keys;
  }

  @Test
  void keysAndRefinedKeys_rowsPastSeveralChunks_hashOfThePartCodes() {
    // sizes around the chunk of rows keyed at a time, with one and two chunks' remainders
    RecordTable left = BlockerTest.randomTable("l.csv", "L", 5000, 11);
    RecordTable right = BlockerTest.randomTable("r.csv", "R", 2049, 12);
    EncodedData data = EncodedData.encode(left, right);
    for (BlockingRuleSpec rule : RULES) {
      KeyFunction f = KeyFunction.of(rule);
      for (int side = 0; side < 2; side++) {
        int size = side == 0 ? left.size() : right.size();
        int[][] parts = f.partCodes(data, side);
        long[] keys = f.keys(data, side);
        assertThat(keys).as(rule.name() + " side " + side).containsExactly(reference(parts, size));
        assertThat(java.util.Arrays.stream(keys).filter(k -> k == Blocker.NO_KEY).count())
            .as(rule.name() + ": some rows keyed, some not").isPositive().isLessThan(size);
        for (int level = 1; level <= rule.refineBy().size(); level++) {
          int[][] refined = java.util.Arrays.copyOf(parts, parts.length + level);
          for (int k = 1; k <= level; k++) {
            refined[parts.length + k - 1] = f.refinementCodes(data, side, k);
          }
          assertThat(f.refinedKeys(data, side, level)).as(rule.name() + " level " + level)
              .containsExactly(reference(refined, size));
        }
      }
    }
  }
}
