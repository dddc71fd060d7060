package org.linkage.testkit.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How names are drawn: forenames by sex and surnames (listed by frequency rank, 1.5% double-barrelled
 * at birth, 20% long-tail toponymic prefix + suffix), either with their natural Zipf-like weights
 * ({@link #NATURAL}) or tempered, p ∝ p_natural^α, so that a small population has the name ambiguity
 * of a large one. Tempering applies to each forename list, to the listed surnames (also the halves of
 * double-barrelled ones, whose 1.5% share stays) and to the toponymics as a whole: their share is
 * that of P·S names of natural probability 0.2/(P·S) each among the tempered listed names. Sampling is a binary search on a cumulative table, O(log n) a draw. Also computes
 * the exact probability that two random people share forename and surname. Immutable and
 * thread-safe.
 */
final class NameDistribution {
  private static final int FORENAME_OFFSET = 10;
  private static final int SURNAME_OFFSET = 20;
  private static final double DOUBLE_BARRELLED = 0.015;
  private static final double COMPOUND = 0.2;
  /** Natural branch thresholds, written as literals so the natural draw stays bit-for-bit as before. */
  private static final double NATURAL_DOUBLE_BARRELLED_BELOW = 0.015;
  private static final double NATURAL_COMPOUND_BELOW = 0.215;
  /** The largest tempering exponent searched; far beyond it one forename per sex and one surname take nearly all the mass. */
  static final double MAX_ALPHA = 64.0;

  static final NameDistribution NATURAL = new NameDistribution(NameTables.INSTANCE, 1.0);

  final double alpha;
  private final NameTables t;
  private final double[] femaleCdf;
  private final double[] maleCdf;
  private final double[] surnameCdf;
  private final double doubleBarrelledBelow;
  private final double compoundBelow;

  private NameDistribution(NameTables t, double alpha) {
    this.t = t;
    this.alpha = alpha;
    femaleCdf = rankCdf(t.female.length, FORENAME_OFFSET, alpha);
    maleCdf = rankCdf(t.male.length, FORENAME_OFFSET, alpha);
    surnameCdf = rankCdf(t.surnames.length, SURNAME_OFFSET, alpha);
    if (alpha == 1.0) {
      doubleBarrelledBelow = NATURAL_DOUBLE_BARRELLED_BELOW;
      compoundBelow = NATURAL_COMPOUND_BELOW;
    } else {
      // Double-barrelling is a naming practice, not a name: its 1.5% share stays and its halves come
      // from the tempered list. The toponymics are the rarest names, so they are tempered like names:
      // the branch's mass is P·S·(k/(P·S))^α against the listed names' Σ (l·q_i)^α.
      double[] q = probabilities(rankCdf(t.surnames.length, SURNAME_OFFSET, 1.0));
      int combos = t.surnamePrefixes.length * t.surnameSuffixes.length;
      double logListed = alpha * Math.log(1.0 - DOUBLE_BARRELLED - COMPOUND) + logSumPow(q, alpha);
      double logCompound = Math.log(combos) + alpha * Math.log(COMPOUND / combos);
      double compoundShare = (1.0 - DOUBLE_BARRELLED) / (1.0 + Math.exp(logListed - logCompound));
      doubleBarrelledBelow = DOUBLE_BARRELLED;
      compoundBelow = DOUBLE_BARRELLED + compoundShare;
    }
  }

  /** The natural weights to the power {@code alpha}; {@code alpha == 1} is {@link #NATURAL}. */
  static NameDistribution tempered(double alpha) {
    if (!(alpha >= 1.0 && alpha <= MAX_ALPHA)) {
      throw new IllegalArgumentException("tempering exponent must be in [1, " + MAX_ALPHA + "]: " + alpha);
    }
    return alpha == 1.0 ? NATURAL : new NameDistribution(NameTables.INSTANCE, alpha);
  }

  /**
   * The tempered distribution under which {@code people} generated people share full names as often
   * as {@code population} people do naturally: (people − 1)·c(α) = (population − 1)·c(1), α found by
   * bisection.
   *
   * @throws IllegalArgumentException naming both numbers when no α up to {@link #MAX_ALPHA} reaches it
   */
  static NameDistribution forAmbiguity(long people, long population) {
    if (population <= people) {
      return NATURAL;
    }
    if (people < 2) {
      throw new IllegalArgumentException("nameAmbiguityOf needs at least 2 people generated to share names, got "
        + people + ": " + population);
    }
    double target = NATURAL.fullNameCollision() * (population - 1) / (people - 1);
    NameDistribution hi = new NameDistribution(NameTables.INSTANCE, MAX_ALPHA);
    if (hi.fullNameCollision() < target) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
        "nameAmbiguityOf %d is out of reach for %d people: it needs a full-name collision probability of %.3g,"
          + " the most concentrated names give %.3g", population, people, target, hi.fullNameCollision()));
    }
    double lo = 1.0;
    double up = MAX_ALPHA;
    for (int i = 0; i < 60 && up - lo > 1e-9; i++) {
      double mid = 0.5 * (lo + up);
      if (new NameDistribution(NameTables.INSTANCE, mid).fullNameCollision() < target) {
        lo = mid;
      } else {
        up = mid;
      }
    }
    return new NameDistribution(NameTables.INSTANCE, 0.5 * (lo + up));
  }

  String forename(SplittableRandom r, boolean femaleSex) {
    return femaleSex ? t.female[sample(femaleCdf, r)] : t.male[sample(maleCdf, r)];
  }

  /** A surname at birth: double-barrelled, long-tail toponymic or listed, by this distribution's branch shares. */
  String surname(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < doubleBarrelledBelow) {
      String a = listedSurname(r);
      String b = listedSurname(r);
      if (a.indexOf('-') < 0 && b.indexOf('-') < 0 && !a.equals(b)) {
        return a + "-" + b;
      }
      return a;
    }
    if (u < compoundBelow) {
      return t.surnamePrefixes[r.nextInt(t.surnamePrefixes.length)] + t.surnameSuffixes[r.nextInt(t.surnameSuffixes.length)];
    }
    return listedSurname(r);
  }

  private String listedSurname(SplittableRandom r) {
    return t.surnames[sample(surnameCdf, r)];
  }

  /** Probability that two independent draws (sex 50/50) give the same forename string. */
  double forenameCollision() {
    double sum = 0;
    for (double p : forenameMasses()) {
      sum += p * p;
    }
    return sum;
  }

  /** Probability that two independent surname draws give the same string, coincidences between branches included. */
  double surnameCollision() {
    SurnameMasses m = surnameMasses();
    double sum = m.pairsSquared;
    for (double p : m.named) {
      sum += p * p;
    }
    return sum;
  }

  /** Probability that two independent people share forename and surname: the two are drawn independently. */
  double fullNameCollision() {
    return forenameCollision() * surnameCollision();
  }

  /** Largest probability of one forename string (sex 50/50). */
  double topForenameShare() {
    return Arrays.stream(forenameMasses()).max().orElse(0);
  }

  /** Largest probability of one surname string. */
  double topSurnameShare() {
    return Arrays.stream(surnameMasses().named).max().orElse(0);
  }

  /** Probability of each listed or compound surname string; double-barrelled strings that are neither are left out. */
  double[] namedSurnameMasses() {
    return surnameMasses().named;
  }

  /** Total probability of all surname strings; 1 up to rounding (a check on the bookkeeping). */
  double surnameTotal() {
    SurnameMasses m = surnameMasses();
    return Arrays.stream(m.named).sum() + m.pairsTotal;
  }

  /** Share of surnames drawn as long-tail toponymics (prefix + suffix): 0.20 when natural. */
  double compoundShare() {
    return compoundBelow - doubleBarrelledBelow;
  }

  /** Share of surnames drawn as double-barrelled (before invalid pairs fall back to one name): 0.015 when natural. */
  double doubleBarrelledShare() {
    return doubleBarrelledBelow;
  }

  /** Probability of each distinct forename string (sex 50/50). */
  double[] forenameMasses() {
    Structure s = Structure.INSTANCE;
    double[] mass = new double[s.forenames];
    double[] pf = probabilities(femaleCdf);
    double[] pm = probabilities(maleCdf);
    for (int i = 0; i < pf.length; i++) {
      mass[s.femaleId[i]] += 0.5 * pf[i];
    }
    for (int i = 0; i < pm.length; i++) {
      mass[s.maleId[i]] += 0.5 * pm[i];
    }
    return mass;
  }

  /** Masses of the listed and compound strings, plus the double-barrelled strings that are neither. */
  private static final class SurnameMasses {
    double[] named;
    double pairsSquared;
    double pairsTotal;
  }

  private SurnameMasses surnameMasses() {
    Structure s = Structure.INSTANCE;
    double[] q = probabilities(surnameCdf);
    double dbl = doubleBarrelledBelow;
    double compound = compoundBelow - doubleBarrelledBelow;
    double listed = 1.0 - compoundBelow;
    double[] mass = new double[s.surnames];
    double plain = 0; // mass of listed names without a hyphen: the valid halves of a double-barrelled name
    double plain2 = 0;
    double plain4 = 0;
    for (int i = 0; i < q.length; i++) {
      if (!s.hyphenated[i]) {
        plain += q[i];
        plain2 += q[i] * q[i];
        plain4 += q[i] * q[i] * q[i] * q[i];
      }
    }
    for (int i = 0; i < q.length; i++) {
      // a double-barrelled draw falls back to its first half when the pair is not valid
      double fallback = s.hyphenated[i] ? dbl * q[i] : dbl * q[i] * (1.0 - plain + q[i]);
      mass[s.listedId[i]] += listed * q[i] + fallback;
    }
    double perCombo = compound / s.compoundId.length;
    for (int id : s.compoundId) {
      mass[id] += perCombo;
    }
    double coinciding2 = 0;
    double coinciding = 0;
    for (int[] c : s.coincidingPairs) {
      double pq = q[c[0]] * q[c[1]];
      mass[c[2]] += dbl * pq;
      coinciding += pq;
      coinciding2 += pq * pq;
    }
    SurnameMasses m = new SurnameMasses();
    m.named = mass;
    m.pairsSquared = dbl * dbl * (plain2 * plain2 - plain4 - coinciding2);
    m.pairsTotal = dbl * (plain * plain - plain2 - coinciding);
    return m;
  }

  /** Which generated strings coincide: the same forename on both lists, a compound equal to a listed name, a pair equal to one. */
  private static final class Structure {
    static final Structure INSTANCE = new Structure(NameTables.INSTANCE);

    final int forenames;
    final int[] femaleId;
    final int[] maleId;
    final int surnames;
    final int[] listedId;
    final boolean[] hyphenated;
    final int[] compoundId;
    /** {first listed index, second listed index, surname id} of double-barrelled pairs that spell a listed or compound name. */
    final List<int[]> coincidingPairs = new ArrayList<>();

    private Structure(NameTables t) {
      Map<String, Integer> fore = new HashMap<>();
      femaleId = ids(t.female, fore);
      maleId = ids(t.male, fore);
      forenames = fore.size();
      Map<String, Integer> sur = new HashMap<>();
      listedId = ids(t.surnames, sur);
      hyphenated = new boolean[t.surnames.length];
      Map<String, Integer> listedIndex = new HashMap<>();
      for (int i = 0; i < t.surnames.length; i++) {
        hyphenated[i] = t.surnames[i].indexOf('-') >= 0;
        listedIndex.put(t.surnames[i], i);
      }
      compoundId = new int[t.surnamePrefixes.length * t.surnameSuffixes.length];
      int k = 0;
      for (String prefix : t.surnamePrefixes) {
        for (String suffix : t.surnameSuffixes) {
          compoundId[k++] = sur.computeIfAbsent(prefix + suffix, x -> sur.size());
        }
      }
      surnames = sur.size();
      for (Map.Entry<String, Integer> e : sur.entrySet()) {
        String name = e.getKey();
        for (int h = name.indexOf('-'); h >= 0; h = name.indexOf('-', h + 1)) {
          Integer a = listedIndex.get(name.substring(0, h));
          Integer b = listedIndex.get(name.substring(h + 1));
          if (a != null && b != null && !hyphenated[a] && !hyphenated[b] && !a.equals(b)) {
            coincidingPairs.add(new int[] {a, b, e.getValue()});
          }
        }
      }
    }

    private static int[] ids(String[] names, Map<String, Integer> index) {
      int[] id = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        id[i] = index.computeIfAbsent(names[i], x -> index.size());
      }
      return id;
    }
  }

  private static int sample(double[] cdf, SplittableRandom r) {
    double u = r.nextDouble() * cdf[cdf.length - 1];
    int i = Arrays.binarySearch(cdf, u);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cdf.length - 1);
  }

  /** Cumulative weights (1 / (rank + offset))^alpha, relative to the top rank so large alpha cannot underflow it. */
  private static double[] rankCdf(int n, int offset, double alpha) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += alpha == 1.0 ? 1.0 / (i + offset) : Math.exp(-alpha * Math.log((double) (i + offset) / offset));
      cdf[i] = sum;
    }
    return cdf;
  }

  private static double[] probabilities(double[] cdf) {
    double[] p = new double[cdf.length];
    double total = cdf[cdf.length - 1];
    double prev = 0;
    for (int i = 0; i < cdf.length; i++) {
      p[i] = (cdf[i] - prev) / total;
      prev = cdf[i];
    }
    return p;
  }

  /** log Σ p_i^alpha, computed relative to the largest p_i. */
  private static double logSumPow(double[] p, double alpha) {
    double max = Arrays.stream(p).max().orElse(1);
    double sum = 0;
    for (double x : p) {
      sum += x > 0 ? Math.exp(alpha * Math.log(x / max)) : 0;
    }
    return alpha * Math.log(max) + Math.log(sum);
  }
}
