package org.linkage.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linkage.TestTables;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.pattern.Patterns;
import org.linkage.model.ComparisonModel;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnType;
import org.linkage.spec.ComparisonKind;
import org.linkage.spec.ComparisonSpec;

class TermFrequenciesTest {
  static final List<org.linkage.spec.ColumnSpec> COLS = TestTables.columns("colour", ColumnType.TEXT,
      "key", ColumnType.IDENTIFIER);
  // key first, so the adjusted comparison (colour) is comparison 1 and k = 0
  static final List<ComparisonSpec> SPECS = List.of(ComparisonSpec.of("key", ComparisonKind.EXACT, "key"),
      ComparisonSpec.of("colour", ComparisonKind.EXACT, "colour").withTermFrequency(true));
  static final double U_EXACT = 0.4;
  static final FellegiSunterModel MODEL = new FellegiSunterModel(List.of(
      new ComparisonModel("key", List.of("exact", "else"), new double[] {0.9, 0.1}, new double[] {0.01, 0.99}),
      new ComparisonModel("colour", List.of("exact", "else"), new double[] {0.8, 0.2},
          new double[] {U_EXACT, 1 - U_EXACT})), 0.1);

  /** Left: a ×6, b ×4; right: a ×2, b ×7, c ×1 and one missing. 20 values: a 8, b 11, c 1. */
  static EncodedData data() {
    RecordTable.Builder l = RecordTable.builder("l.csv", COLS);
    for (int i = 0; i < 10; i++) {
      l.add("L" + i, new String[] {i < 6 ? "a" : "b", "k" + i}, i + 2);
    }
    RecordTable.Builder r = RecordTable.builder("r.csv", COLS);
    for (int i = 0; i < 11; i++) {
      r.add("R" + i, new String[] {i == 10 ? null : i < 2 ? "a" : i < 9 ? "b" : "c", "k" + i}, i + 2);
    }
    return EncodedData.encode(l.build(), r.build());
  }

  @Test
  void of_valuesOnBothSides_countsAndAdjustmentKeyedByValueCode() {
    EncodedData data = data();
    TermFrequencies tf = TermFrequencies.of(SPECS, data, MODEL);
    Dictionary colours = data.column("colour").dictionary();

    assertThat(tf.size()).isEqualTo(1);
    assertThat(tf.comparison(0)).isEqualTo(1);
    assertThat(tf.column(0)).isEqualTo("colour");
    assertThat(tf.count(0, colours.codeOf("a"))).isEqualTo(8);
    assertThat(tf.count(0, colours.codeOf("b"))).isEqualTo(11);
    assertThat(tf.count(0, colours.codeOf("c"))).isEqualTo(1);
    // log2(u_exact / f_v): the rare value earns more than u_exact's average, the common one less
    assertThat(tf.adjustment(0, colours.codeOf("c"))).isCloseTo(FellegiSunterModel.log2(U_EXACT / (1.0 / 20)), within(1e-12));
    assertThat(tf.adjustment(0, colours.codeOf("b"))).isCloseTo(FellegiSunterModel.log2(U_EXACT / (11.0 / 20)), within(1e-12));
  }

  @Test
  void adjustment_byPatternAndCodes_onlyExactAgreementOfAdjustedComparisons() {
    EncodedData data = data();
    TermFrequencies tf = TermFrequencies.of(SPECS, data, MODEL);
    int c = data.column("colour").dictionary().codeOf("c");
    long bothExact = Patterns.with(Patterns.with(0, 0, 1), 1, 1);
    long colourElse = Patterns.with(Patterns.with(0, 0, 1), 1, 2);

    assertThat(tf.adjustment(bothExact, new int[] {c})).isEqualTo(tf.adjustment(0, c));
    assertThat(tf.adjustment(colourElse, new int[] {c})).isZero();
    assertThat(tf.adjustment(1, bothExact, c)).isEqualTo(tf.adjustment(0, c));
    assertThat(tf.adjustment(0, bothExact, c)).as("key is not adjusted").isZero();
  }

  @Test
  void matchScorer_weightOfLeftRow_modelWeightPlusTheRowValuesAdjustment() {
    EncodedData data = data();
    MatchScorer scorer = MatchScorer.of(SPECS, data, MODEL);
    TermFrequencies tf = scorer.termFrequencies();
    long bothExact = Patterns.with(Patterns.with(0, 0, 1), 1, 1);
    for (int left = 0; left < data.leftSize(); left++) {
      int code = data.column("colour").left()[left];
      assertThat(scorer.weight(bothExact, left))
          .isEqualTo(MODEL.matchWeight(bothExact) + tf.adjustment(bothExact, new int[] {code}));
    }
    // rows 0 (a) and 9 (b) differ only in their colour's frequency
    assertThat(scorer.weight(bothExact, 0)).isGreaterThan(scorer.weight(bothExact, 9));
  }

  @Test
  void none_anyPattern_noAdjustment() {
    assertThat(TermFrequencies.none().isEmpty()).isTrue();
    assertThat(TermFrequencies.none().adjustment(Patterns.with(0, 1, 1), new int[0])).isZero();
  }
}
