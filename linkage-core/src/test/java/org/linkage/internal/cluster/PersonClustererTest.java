package org.linkage.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonClustererTest {
  private static final int P = Decisions.PROBABILISTIC;

  @Test
  void cluster_noConflict_connectedComponents() {
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, P, 5);
    e.add(3, 1, P, 2);
    e.add(2, 4, 0, Double.NaN);
    PersonClusterer.Result r = PersonClusterer.cluster(e, PersonConstraints.none(6));
    assertThat(r.personOf()).containsExactly(0, 0, 1, 0, 1, 2);
    assertThat(r.persons()).isEqualTo(3);
    assertThat(r.dropped()).isZero();
    assertThat(r.kept()).containsOnly(true);
  }

  @Test
  void cluster_twoNinosInOneComponent_weakestLinkRemoved() {
    // 0 (NINO a) - 1 (none) - 2 (none) - 3 (NINO b): the weakest link on the path is 1-2
    int[][] nino = {{7, -1, -1, 8}};
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, P, 20);
    e.add(1, 2, P, 6);
    e.add(2, 3, P, 15);
    PersonClusterer.Result r = PersonClusterer.cluster(e, PersonConstraints.of(4, nino, new int[0][]));
    assertThat(r.personOf()).containsExactly(0, 0, 1, 1);
    assertThat(r.dropped()).isEqualTo(1);
    assertThat(r.kept()).containsExactly(true, false, true);
  }

  @Test
  void cluster_deterministicPassBeatsHeavierProbabilisticLink() {
    int[][] nino = {{7, 8, -1}};
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(1, 2, P, 40);
    e.add(0, 2, 0, 3);
    PersonClusterer.Result r = PersonClusterer.cluster(e, PersonConstraints.of(3, nino, new int[0][]));
    assertThat(r.personOf()).containsExactly(0, 1, 0);
  }

  @Test
  void cluster_incompatibleDatesOfBirth_split() {
    int[][] dob = {{19990915, 19990918, 20010203, 19990915}};
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, P, 10);
    e.add(1, 2, P, 9);
    e.add(2, 3, P, 8);
    e.add(3, 0, P, 1);
    PersonClusterer.Result r = PersonClusterer.cluster(e, PersonConstraints.of(4, new int[0][], dob));
    assertThat(r.personOf()).containsExactly(0, 0, 1, 0);
    assertThat(r.dropped()).isEqualTo(2);
    assertThat(r.kept()).containsExactly(true, false, false, true);
  }

  @Test
  void cluster_missingValues_constrainNothing() {
    int[][] nino = {{-1, -1, 5}};
    int[][] dob = {{-1, 19990915, -1}};
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    e.add(0, 1, P, 1);
    e.add(0, 2, P, 1);
    PersonClusterer.Result r = PersonClusterer.cluster(e, PersonConstraints.of(3, nino, dob));
    assertThat(r.persons()).isEqualTo(1);
  }

  @Test
  void cluster_edgeOrderShuffled_samePersons() {
    int[][] nino = {{7, -1, -1, 8, 7}};
    PersonClusterer.Edges a = new PersonClusterer.Edges();
    a.add(0, 1, P, 5);
    a.add(1, 2, P, 5);
    a.add(2, 3, P, 5);
    a.add(3, 4, P, 5);
    PersonClusterer.Edges b = new PersonClusterer.Edges();
    b.add(4, 3, P, 5);
    b.add(2, 3, P, 5);
    b.add(2, 1, P, 5);
    b.add(1, 0, P, 5);
    PersonConstraints c = PersonConstraints.of(5, nino, new int[0][]);
    assertThat(PersonClusterer.cluster(b, c).personOf()).containsExactly(PersonClusterer.cluster(a, c).personOf());
  }

  @Test
  void cluster_perComponentParts_equalClusteringOfAllLinks() {
    // many components, ties in weight, NINOs and dates of birth that split some components
    java.util.Random random = new java.util.Random(5);
    int nodes = 3000;
    int[][] nino = new int[1][nodes];
    int[][] dob = new int[1][nodes];
    for (int v = 0; v < nodes; v++) {
      nino[0][v] = random.nextInt(4) == 0 ? random.nextInt(400) : -1;
      dob[0][v] = random.nextInt(3) == 0 ? 20000101 + random.nextInt(3) * 10_000 + random.nextInt(3) : -1;
    }
    PersonClusterer.Edges e = new PersonClusterer.Edges();
    for (int k = 0; k < 2000; k++) {
      int a = random.nextInt(nodes);
      int b = Math.min(nodes - 1, a + 1 + random.nextInt(40));
      e.add(a, b, random.nextInt(5) == 0 ? random.nextInt(2) : P, random.nextInt(6) == 0 ? Double.NaN : random.nextInt(8));
    }
    PersonConstraints c = PersonConstraints.of(nodes, nino, dob);
    PersonClusterer.Result all = PersonClusterer.cluster(e, c);
    assertThat(all.dropped()).isGreaterThan(20);
    assertThat(all.persons()).isGreaterThan(100);
    for (int parts : new int[] {1, 3, 7}) {
      PersonClusterer.Result split = ComponentPersons.inParts(parts).cluster(e, c);
      assertThat(split.personOf()).containsExactly(all.personOf());
      assertThat(split.persons()).isEqualTo(all.persons());
      assertThat(split.kept()).containsExactly(all.kept());
      assertThat(split.dropped()).isEqualTo(all.dropped());
    }
  }
}
