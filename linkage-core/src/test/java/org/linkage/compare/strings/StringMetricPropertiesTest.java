package org.linkage.compare.strings;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Metric laws: bounds, identity, symmetry, and the triangle inequality for the distances. */
class StringMetricPropertiesTest {

    @Property(tries = 500)
    void jaroWinkler_anyPair_isWithinZeroAndOne(
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'f') String a,
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'f') String b) {
        assertThat(JaroWinkler.similarity(a, b)).isBetween(0.0, 1.0);
        assertThat(JaroWinkler.similarity(a, a)).isEqualTo(1.0);
    }

    @Property(tries = 500)
    void levenshtein_anyTriple_isMetric(
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'd') String a,
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'd') String b,
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'd') String c) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        char[] z = c.toCharArray();
        int xy = Levenshtein.distance(x, y);
        assertThat(Levenshtein.distance(y, x)).isEqualTo(xy);
        assertThat(Levenshtein.distance(x, x)).isZero();
        assertThat(xy).isBetween(Math.abs(x.length - y.length), Math.max(x.length, y.length));
        assertThat(xy).isLessThanOrEqualTo(Levenshtein.distance(x, z) + Levenshtein.distance(z, y));
    }

    @Property(tries = 500)
    void osa_anyPair_isSymmetricAndBetweenLengthGapAndLevenshtein(
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'd') String a,
            @ForAll @StringLength(max = 80) @CharRange(from = 'a', to = 'd') String b) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        int xy = OptimalStringAlignment.distance(x, y);
        assertThat(OptimalStringAlignment.distance(y, x)).isEqualTo(xy);
        assertThat(xy).isBetween(Math.abs(x.length - y.length), Levenshtein.distance(x, y));
    }

    @Property(tries = 500)
    void qGramJaccard_anyPair_isSymmetricAndBounded(
            @ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'd') String a,
            @ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'd') String b) {
        double s = QGramJaccard.similarity(a.toCharArray(), b.toCharArray(), 2);
        assertThat(QGramJaccard.similarity(b.toCharArray(), a.toCharArray(), 2)).isEqualTo(s);
        assertThat(s).isBetween(0.0, 1.0);
    }
}
