package org.linkage.testkit.generate;

import java.util.HashMap;
import java.util.Map;

/**
 * Not a test: the name-ambiguity figures of {@code docs/generator.md}. For each number of learners it
 * draws the population (seeds 1–3) with {@code nameAmbiguityOf(M)} and prints the tempering, the top
 * name shares and the namesake counts measured on the true birth names. Run after {@code mvn test-compile} with
 * {@code java -cp linkage-testkit/target/classes:linkage-testkit/target/test-classes org.linkage.testkit.generate.NameAmbiguityFigures 39000000 20000 100000}.
 */
public final class NameAmbiguityFigures {
  private static final int DOB_DAYS = 7305;

  private NameAmbiguityFigures() {
  }

  public static void main(String[] args) {
    long population = args.length > 0 ? Long.parseLong(args[0]) : GeneratorSpec.UK_POPULATION;
    NameDistribution natural = NameDistribution.NATURAL;
    double c0 = natural.fullNameCollision();
    double q = 1.0 / DOB_DAYS;
    System.out.printf("natural: c0 = %.4g (forename %.4g x surname %.4g), top forename %.4f, top surname %.4f%n",
        c0, natural.forenameCollision(), natural.surnameCollision(), natural.topForenameShare(), natural.topSurnameShare());
    System.out.printf("natural population of %,d: others sharing full name %.1f, same name and dob %.4f,"
        + " share with a same-name-same-dob stranger %.4f%n",
        population, (population - 1) * c0, (population - 1) * c0 * q, naturalShare(natural, population, q));
    for (int i = 1; i < args.length; i++) {
      int learners = Integer.parseInt(args[i]);
      for (long seed = 1; seed <= 3; seed++) {
        for (long m : new long[] {0, population}) {
          GeneratorSpec spec = GeneratorSpec.builder().learners(learners).seed(seed).nameAmbiguityOf(m).build();
          PopulationDraw d = PopulationDraw.draw(spec);
          NameAmbiguityTest.Namesakes n = NameAmbiguityTest.Namesakes.of(d);
          if (seed == 1 && m != 0) {
            NameDistribution t = spec.names();
            System.out.printf("  tempered: forename collision %.4g, surname collision %.4g, c %.4g, compound share %.2e,"
                + " double-barrelled share %.5f%n", t.forenameCollision(), t.surnameCollision(), t.fullNameCollision(),
                t.compoundShare(), t.doubleBarrelledShare());
          }
          System.out.printf("learners %,d (people %,d) seed %d M %,d: alpha %.3f, top forename %.4f, top surname %.4f,"
              + " others sharing full name %.1f, same name and dob %.4f, share with a same-name-same-dob stranger %.4f%n",
              learners, d.persons, seed, m, spec.nameTempering(), topShare(d.forename), topShare(d.surname),
              n.meanOthersSharingName(), n.meanSameDobStrangers(), n.shareWithSameDobStranger());
        }
      }
    }
  }

  /** Σ P(name)·(1 − exp(−(M − 1)·P(name)·q)) over forename × surname: the share in a natural M-person population. */
  private static double naturalShare(NameDistribution d, long m, double q) {
    double share = 0;
    double[] surnames = d.namedSurnameMasses();
    for (double f : d.forenameMasses()) {
      for (double s : surnames) {
        double p = f * s;
        share += p * -Math.expm1(-(m - 1) * p * q);
      }
    }
    return share;
  }

  private static double topShare(String[] names) {
    Map<String, Integer> count = new HashMap<>();
    int top = 0;
    for (String name : names) {
      top = Math.max(top, count.merge(name, 1, Integer::sum));
    }
    return top / (double) names.length;
  }
}
