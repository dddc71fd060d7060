package org.linkage.testkit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GeneratorSpec.Builder#nameAmbiguityOf(long)}: namesakes at the rate of a large population, natural output untouched. */
class NameAmbiguityTest {
  private static final long M = GeneratorSpec.UK_POPULATION;
  /** Days from 1985-01-01 to 2004-12-31: the default cohorts. */
  private static final int DOB_DAYS = 7305;

  /** SHA-256 of the four files, as generated before name ambiguity existed (main at 9b41d28). */
  private static final String PINNED_DEFAULT_2K_SEED_1 = "d7ec30812b8e785e31be4d42de4cda093db841cfe430c38bbd922e9ff43c2f10";
  private static final String PINNED_LONGITUDINAL_2K_SEED_9 = "036d6c7c11f6cd7d7e27c8db7bbed4ad96beae6589a795aa81619ef2e46b4d16";

  @Test
  void writeTo_ambiguityOff_byteIdenticalToOutputBeforeTheOption(@TempDir Path a, @TempDir Path b, @TempDir Path c)
      throws IOException {
    assertThat(hash(GeneratorSpec.builder().learners(2_000).seed(1).build(), a)).isEqualTo(PINNED_DEFAULT_2K_SEED_1);
    assertThat(hash(GeneratorSpec.builder().learners(2_000).seed(9).longitudinal(true).nameAmbiguityOf(0).build(), b))
      .isEqualTo(PINNED_LONGITUDINAL_2K_SEED_9);
    // a population no larger than the generated one needs no tempering: natural output
    GeneratorSpec self = GeneratorSpec.builder().learners(2_000).seed(1).build();
    assertThat(hash(self.toBuilder().nameAmbiguityOf(self.people()).build(), c)).isEqualTo(PINNED_DEFAULT_2K_SEED_1);
  }

  @Test
  void writeTo_sameAmbiguitySpec_byteIdenticalAndUnlikeNatural(@TempDir Path a, @TempDir Path b, @TempDir Path c)
      throws IOException {
    GeneratorSpec spec = GeneratorSpec.nationalAmbiguity(2_000).seed(1).build();
    String first = hash(spec, a);
    assertThat(hash(GeneratorSpec.nationalAmbiguity(2_000).seed(1).build(), b)).isEqualTo(first);
    assertThat(first).isNotEqualTo(PINNED_DEFAULT_2K_SEED_1);
    assertThat(spec.nameTempering()).isGreaterThan(1.0);
    assertThat(spec.nameAmbiguityOf()).isEqualTo(M);
  }

  @Test
  void fullNameCollision_naturalAndTempered_matchIndependentDraws() {
    // The exact bookkeeping (sex split, overlapping forename lists, compound and double-barrelled
    // surnames and their coincidences) against brute force: 4M pairs of independent draws.
    for (NameDistribution d : new NameDistribution[] {NameDistribution.NATURAL, NameDistribution.tempered(3.0)}) {
      assertThat(d.surnameTotal()).isCloseTo(1.0, within(1e-9));
      SplittableRandom r = new SplittableRandom(42);
      int pairs = 4_000_000;
      int sameForename = 0;
      int sameSurname = 0;
      for (int i = 0; i < pairs; i++) {
        sameForename += d.forename(r, r.nextBoolean()).equals(d.forename(r, r.nextBoolean())) ? 1 : 0;
        sameSurname += d.surname(r).equals(d.surname(r)) ? 1 : 0;
      }
      assertThat(sameForename / (double) pairs).as("forename, alpha %s", d.alpha)
        .isCloseTo(d.forenameCollision(), within(5 * Math.sqrt(d.forenameCollision() / pairs)));
      assertThat(sameSurname / (double) pairs).as("surname, alpha %s", d.alpha)
        .isCloseTo(d.surnameCollision(), within(5 * Math.sqrt(d.surnameCollision() / pairs)));
    }
  }

  @Test
  void draw_nationalAmbiguity20k_namesakesAsInThirtyNineMillion() {
    GeneratorSpec spec = GeneratorSpec.nationalAmbiguity(20_000).seed(3).build();
    Namesakes n = Namesakes.of(PopulationDraw.draw(spec));
    double target = (M - 1) * NameDistribution.NATURAL.fullNameCollision();
    assertThat(target).isBetween(300.0, 400.0); // about 344 for these name lists
    assertThat(n.meanOthersSharingName()).isCloseTo(target, within(0.15 * target));
    // double-barrelling is a naming practice, kept at its 1.5% (less pairs of one name twice) so hyphen errors still occur
    PopulationDraw d = PopulationDraw.draw(spec);
    long hyphenated = java.util.Arrays.stream(d.surname).filter(s -> s.indexOf('-') >= 0).count();
    assertThat(hyphenated / (double) d.persons).isBetween(0.010, 0.016);
    // natural names at this size: almost nobody has a namesake
    Namesakes natural = Namesakes.of(PopulationDraw.draw(GeneratorSpec.builder().learners(20_000).seed(3).build()));
    assertThat(natural.meanOthersSharingName()).isLessThan(1.0);
  }

  @Test
  void draw_nationalAmbiguity20k_sameNameSameDobStrangersAtExpectedRate() {
    GeneratorSpec spec = GeneratorSpec.nationalAmbiguity(20_000).seed(4).build();
    PopulationDraw d = PopulationDraw.draw(spec);
    Namesakes n = Namesakes.of(d);
    // dob independent of name and uniform over the cohorts' days: a namesake stranger shares the dob
    // with probability 1/7305, so the share with at least one is the mean of 1 - (1 - q)^k
    double q = 1.0 / DOB_DAYS;
    double expectedShare = 0;
    for (int k : n.namesakes) {
      expectedShare += 1 - Math.pow(1 - q, k);
    }
    expectedShare /= d.persons;
    assertThat(expectedShare).isGreaterThan(0.01);
    assertThat(n.shareWithSameDobStranger()).isCloseTo(expectedShare, within(0.15 * expectedShare));
    // and the mean count is that of a 39M natural population, (M - 1)·c0·q
    double target = (M - 1) * NameDistribution.NATURAL.fullNameCollision() * q;
    assertThat(n.meanSameDobStrangers()).isCloseTo(target, within(0.20 * target));
  }

  @Test
  void nameAmbiguityOf_badValues_failWithValue() {
    assertThatThrownBy(() -> GeneratorSpec.builder().nameAmbiguityOf(-5))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nameAmbiguityOf").hasMessageContaining(": -5");
    assertThatThrownBy(() -> GeneratorSpec.builder().nameAmbiguityOf(10_000_000_001L))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000000001");
    // 1,000 learners are 1,087 people: a population of 1,000 is smaller than that
    assertThatThrownBy(() -> GeneratorSpec.builder().learners(1_000).nameAmbiguityOf(1_000).build())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1087 people").hasMessageContaining(": 1000");
    assertThatThrownBy(() -> GeneratorSpec.builder().learners(10).nameAmbiguityOf(10_000_000_000L).build())
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000000000").hasMessageContaining("out of reach");
    assertThat(GeneratorSpec.builder().build().nameAmbiguityOf()).isZero();
    assertThat(GeneratorSpec.builder().build().nameTempering()).isEqualTo(1.0);
  }

  @Test
  void nameTempering_largerPopulationOrFewerPeople_largerExponent() {
    double small = GeneratorSpec.builder().learners(100_000).nameAmbiguityOf(M).build().nameTempering();
    double fewer = GeneratorSpec.builder().learners(20_000).nameAmbiguityOf(M).build().nameTempering();
    double larger = GeneratorSpec.builder().learners(100_000).nameAmbiguityOf(10 * M).build().nameTempering();
    assertThat(small).isGreaterThan(1.0);
    assertThat(fewer).isGreaterThan(small);
    assertThat(larger).isGreaterThan(small);
  }

  /** Namesakes on the true birth names and dobs of a draw; family members never count, as siblings and twins never share a forename. */
  static final class Namesakes {
    final int[] namesakes;
    final int[] sameDobStrangers;

    private Namesakes(int persons) {
      namesakes = new int[persons];
      sameDobStrangers = new int[persons];
    }

    static Namesakes of(PopulationDraw d) {
      Namesakes n = new Namesakes(d.persons);
      Map<String, int[]> byName = new HashMap<>();
      Map<String, int[]> byNameDob = new HashMap<>();
      for (int p = 0; p < d.persons; p++) {
        byName.computeIfAbsent(name(d, p), k -> new int[1])[0]++;
        byNameDob.computeIfAbsent(name(d, p) + "|" + d.birthYear[p] + "-" + d.birthMonth[p] + "-" + d.birthDay[p],
          k -> new int[1])[0]++;
      }
      for (int p = 0; p < d.persons; p++) {
        n.namesakes[p] = byName.get(name(d, p))[0] - 1;
        n.sameDobStrangers[p] = byNameDob.get(name(d, p) + "|" + d.birthYear[p] + "-" + d.birthMonth[p] + "-" + d.birthDay[p])[0] - 1;
      }
      return n;
    }

    private static String name(PopulationDraw d, int p) {
      return d.forename[p] + " " + d.surname[p];
    }

    double meanOthersSharingName() {
      return java.util.Arrays.stream(namesakes).average().orElse(0);
    }

    double meanSameDobStrangers() {
      return java.util.Arrays.stream(sameDobStrangers).average().orElse(0);
    }

    double shareWithSameDobStranger() {
      return java.util.Arrays.stream(sameDobStrangers).filter(k -> k > 0).count() / (double) sameDobStrangers.length;
    }
  }

  private static String hash(GeneratorSpec spec, Path dir) throws IOException {
    PopulationGenerator.create(spec).writeTo(dir);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String f : new String[] {"education.csv", "labour.csv", "truth.csv", "truth_persons.csv"}) {
        md.update(Files.readAllBytes(dir.resolve(f)));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
