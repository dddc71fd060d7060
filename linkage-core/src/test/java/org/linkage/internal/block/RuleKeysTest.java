package org.linkage.internal.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.record.RecordTable;
import org.linkage.spec.BlockingRuleSpec;

class RuleKeysTest {
  private static final List<BlockingRuleSpec> RULES = List.of(
      BlockingRuleSpec.of("dob", "dob"),
      BlockingRuleSpec.of("surname_year", "surname", "dob:year"),
      BlockingRuleSpec.of("initial_postcode", "forename:initial", "postcode"),
      BlockingRuleSpec.sortedNeighbourhood("surname_window", 3, "surname"));

  private static RuleKeys keys(EncodedData data) {
    return RuleKeys.of(RULES.stream().map(KeyFunction::of).toList(), data);
  }

  @Test
  void shares_keyRules_exactlyWhenBothRecordsHaveTheKeyAndItIsEqual() {
    RecordTable left = BlockerTest.randomTable("l.csv", "L", 120, 1);
    RecordTable right = BlockerTest.randomTable("r.csv", "R", 150, 2);
    RuleKeys keys = keys(EncodedData.encode(left, right));
    List<String> wrong = new ArrayList<>();
    long shared = 0;
    for (int r = 0; r < 3; r++) {
      for (int l = 0; l < left.size(); l++) {
        List<Object> a = BlockerTest.expectedKey(RULES.get(r).parts(), left, l);
        for (int q = 0; q < right.size(); q++) {
          boolean expected = a != null && Objects.equals(a, BlockerTest.expectedKey(RULES.get(r).parts(), right, q));
          shared += expected ? 1 : 0;
          if (keys.shares(r, l, q) != expected) {
            wrong.add(RULES.get(r).name() + " " + l + "," + q);
          }
        }
      }
    }
    assertThat(shared).as("the data shares keys").isPositive();
    assertThat(wrong).isEmpty();
  }

  @Test
  void shares_everyPairAndRule_sameAsTheBlockersKeysWhateverTheCap() {
    RecordTable left = BlockerTest.randomTable("l.csv", "L", 150, 3);
    RecordTable right = BlockerTest.randomTable("r.csv", "R", 130, 4);
    for (EncodedData data : List.of(EncodedData.encode(left, right), EncodedData.encode(left, left))) {
      // a small cap: blocks over it are skipped by the index, yet their pairs still share the key
      Blocker blocker = Blocker.build(RULES, data, 3);
      RuleKeys keys = keys(data);
      int nr = data.isDeduplication() ? data.leftSize() : data.rightSize();
      long shared = 0;
      long generated = 0;
      for (int r = 0; r < RULES.size(); r++) {
        for (int l = 0; l < data.leftSize(); l++) {
          for (int q = 0; q < nr; q++) {
            assertThat(keys.shares(r, l, q)).as("rule %s pair %s,%s", r, l, q).isEqualTo(blocker.sharesKey(r, l, q));
            shared += keys.shares(r, l, q) ? 1 : 0;
            generated += blocker.generates(r, l, q) ? 1 : 0;
          }
        }
      }
      assertThat(shared).as("the cap leaves pairs that share a key but are not generated").isGreaterThan(generated);
    }
  }
}
