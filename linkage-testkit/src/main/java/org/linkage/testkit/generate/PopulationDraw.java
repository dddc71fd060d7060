package org.linkage.testkit.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The people and their record plans, drawn from the population stream only: who exists, their true
 * birth-time names, dob, sex, home postcode, NINO, family, and which education and labour-market
 * records they have (source, year, earnings band), plus the deterministic shuffle that gives records
 * their ids. Nothing here depends on the {@link ErrorModel}. Held in primitive arrays (about 60 bytes
 * a person) so a million learners fit comfortably in memory.
 */
final class PopulationDraw {
  static final int SCHOOL_CENSUS = 0;
  static final int FURTHER_EDUCATION = 1;
  static final int HIGHER_EDUCATION = 2;
  static final int EMPLOYMENT = 0;
  static final int BENEFIT = 1;
  static final int FIRST_CENSUS_YEAR = 2001; // the National Pupil Database's school census starts in 2001/02

  final GeneratorSpec spec;
  final int persons;
  final String[] forename;
  final String[] middle;
  final String[] surname;
  final boolean[] female;
  final short[] birthYear;
  final byte[] birthMonth;
  final byte[] birthDay;
  final int[] family;
  final int[] home;
  final boolean[] twin;
  final Records education = new Records();
  final Records labour = new Records();
  /** Records of person p on a side are ordinals [start[p], start[p+1]) of that side's table. */
  int[] educationStart;
  int[] labourStart;
  /** File position → record ordinal, and its inverse. */
  int[] educationOrder;
  int[] labourOrder;
  int[] educationPosition;
  int[] labourPosition;

  /** A growable table of record plans. */
  static final class Records {
    int size;
    int[] person = new int[1024];
    byte[] source = new byte[1024];
    short[] year = new short[1024];
    byte[] band = new byte[1024];

    void add(int p, int src, int yr, int bd) {
      if (size == person.length) {
        int n = size * 2;
        person = Arrays.copyOf(person, n);
        source = Arrays.copyOf(source, n);
        year = Arrays.copyOf(year, n);
        band = Arrays.copyOf(band, n);
      }
      person[size] = p;
      source[size] = (byte) src;
      year[size] = (short) yr;
      band[size] = (byte) bd;
      size++;
    }
  }

  private PopulationDraw(GeneratorSpec spec, int persons) {
    this.spec = spec;
    this.persons = persons;
    forename = new String[persons];
    middle = new String[persons];
    surname = new String[persons];
    female = new boolean[persons];
    birthYear = new short[persons];
    birthMonth = new byte[persons];
    birthDay = new byte[persons];
    family = new int[persons];
    home = new int[persons];
    twin = new boolean[persons];
  }

  static PopulationDraw draw(GeneratorSpec spec) {
    int learners = spec.learners();
    PopulationDraw d = new PopulationDraw(spec, spec.people());
    SplittableRandom r = Seeds.stream(spec.seed(), Seeds.POPULATION, 0);
    boolean[] hasLabour = new boolean[d.persons];
    d.drawFamilies(r, learners, hasLabour);
    d.drawImmigrants(r, learners, hasLabour);
    d.planRecords(r, learners, hasLabour);
    d.educationOrder = shuffle(d.education.size, r);
    d.labourOrder = shuffle(d.labour.size, r);
    d.educationPosition = inverse(d.educationOrder);
    d.labourPosition = inverse(d.labourOrder);
    return d;
  }

  private void drawFamilies(SplittableRandom r, int learners, boolean[] hasLabour) {
    NameDistribution names = spec.names();
    int first = spec.firstBirthYear();
    int last = spec.lastBirthYear();
    int p = 0;
    int fam = 0;
    while (p < learners) {
      String familySurname = names.surname(r);
      int familyHome = Postcodes.random(r);
      double u = r.nextDouble();
      int children = u < 0.42 ? 1 : u < 0.82 ? 2 : 3;
      int year = first + r.nextInt(last - first + 1);
      int start = p;
      for (int c = 0; c < children && p < learners && year <= last; c++) {
        boolean twins = r.nextDouble() < spec.twinBirthRate() && p + 1 < learners;
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(Corruptor.daysIn(year, month));
        boolean sex = r.nextBoolean();
        boolean sameSexTwins = r.nextDouble() < 0.65;
        int born = twins ? 2 : 1;
        for (int t = 0; t < born; t++) {
          boolean fem = t == 0 ? sex : (sameSexTwins ? sex : !sex);
          female[p] = fem;
          forename[p] = distinctForename(r, names, fem, start, p, twins && t == 1);
          middle[p] = r.nextDouble() < 0.60 ? middleName(r, fem, forename[p]) : "";
          surname[p] = familySurname;
          birthYear[p] = (short) year;
          birthMonth[p] = (byte) month;
          birthDay[p] = (byte) day;
          family[p] = fam;
          home[p] = familyHome;
          twin[p] = twins;
          hasLabour[p] = r.nextDouble() >= spec.educationOnlyRate();
          p++;
        }
        year += 1 + r.nextInt(4);
      }
      fam++;
    }
    familiesBeforeImmigrants = fam;
  }

  private int familiesBeforeImmigrants;

  private void drawImmigrants(SplittableRandom r, int learners, boolean[] hasLabour) {
    NameDistribution names = spec.names();
    int first = spec.firstBirthYear();
    int last = spec.lastBirthYear();
    for (int p = learners; p < persons; p++) {
      boolean fem = r.nextBoolean();
      int year = first + r.nextInt(last - first + 1);
      int month = 1 + r.nextInt(12);
      female[p] = fem;
      forename[p] = names.forename(r, fem);
      middle[p] = r.nextDouble() < 0.60 ? middleName(r, fem, forename[p]) : "";
      surname[p] = names.surname(r);
      birthYear[p] = (short) year;
      birthMonth[p] = (byte) month;
      birthDay[p] = (byte) (1 + r.nextInt(Corruptor.daysIn(year, month)));
      family[p] = familiesBeforeImmigrants + (p - learners);
      home[p] = Postcodes.random(r);
      hasLabour[p] = true;
    }
  }

  /** Siblings never share a forename; a second twin shares the first twin's initial 30% of the time. */
  private String distinctForename(SplittableRandom r, NameDistribution names, boolean fem, int familyStart, int p, boolean secondTwin) {
    boolean sameInitial = secondTwin && r.nextDouble() < 0.30;
    String candidate = names.forename(r, fem);
    for (int attempt = 0; attempt < 50; attempt++) {
      boolean clash = false;
      for (int s = familyStart; s < p; s++) {
        if (forename[s].equals(candidate)) {
          clash = true;
          break;
        }
      }
      if (!clash && (!sameInitial || candidate.charAt(0) == forename[p - 1].charAt(0))) {
        return candidate;
      }
      candidate = names.forename(r, fem);
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      boolean clash = false;
      for (int s = familyStart; s < p; s++) {
        clash |= forename[s].equals(candidate);
      }
      if (!clash) {
        return candidate;
      }
      candidate = names.forename(r, fem);
    }
    return candidate;
  }

  /** Middle names keep the natural forename weights in every mode: name ambiguity is about forename and surname. */
  private static String middleName(SplittableRandom r, boolean fem, String forename) {
    NameDistribution natural = NameDistribution.NATURAL;
    String m = natural.forename(r, fem);
    return m.equals(forename) ? natural.forename(r, fem) : m;
  }

  private void planRecords(SplittableRandom r, int learners, boolean[] hasLabour) {
    boolean all = spec.longitudinal();
    int lastYear = GeneratorSpec.LAST_YEAR;
    educationStart = new int[persons + 1];
    labourStart = new int[persons + 1];
    int[] eduYears = new int[24];
    int[] eduSources = new int[24];
    int[] labYears = new int[16];
    int[] labSources = new int[16];
    int[] labBands = new int[16];
    for (int p = 0; p < persons; p++) {
      educationStart[p] = education.size;
      labourStart[p] = labour.size;
      int by = birthYear[p];
      int reception = by + (birthMonth[p] >= 9 ? 5 : 4); // must be 4 by 31 August
      int ne = 0;
      boolean fe = false;
      boolean he = false;
      int entry;
      if (p < learners) {
        for (int a = reception + 1; a <= reception + 11; a++) {
          boolean present = r.nextDouble() < 0.92;
          if (present && a >= FIRST_CENSUS_YEAR && a <= lastYear) {
            eduYears[ne] = a;
            eduSources[ne++] = SCHOOL_CENSUS;
          }
        }
        fe = r.nextDouble() < 0.45;
        boolean secondFeYear = r.nextDouble() < 0.6;
        he = r.nextDouble() < 0.40;
        int heYears = 2 + r.nextInt(3);
        if (fe) {
          for (int a = reception + 12; a <= reception + (secondFeYear ? 13 : 12) && a <= lastYear; a++) {
            eduYears[ne] = a;
            eduSources[ne++] = FURTHER_EDUCATION;
          }
        }
        if (he) {
          for (int a = reception + 14; a < reception + 14 + heYears && a <= lastYear; a++) {
            eduYears[ne] = a;
            eduSources[ne++] = HIGHER_EDUCATION;
          }
        }
        if (ne == 0) { // older cohorts left school before the census began: an FE record
          eduYears[ne] = Math.min(reception + 12, lastYear);
          eduSources[ne++] = FURTHER_EDUCATION;
          fe = true;
        }
        entry = reception + (he ? 17 : fe ? 14 : 12) + r.nextInt(3);
      } else {
        entry = by + 18 + r.nextInt(13); // arrived as an adult
      }
      entry = Math.min(entry, lastYear);
      int nl = 0;
      int spells = 1;
      while (spells < 6 && r.nextDouble() < 0.55) {
        spells++;
      }
      for (int s = 0; s < spells; s++) {
        int year = entry + r.nextInt(lastYear - entry + 1);
        int age = year - by;
        int band = (age < 20 ? 0 : age < 25 ? 1 : age < 30 ? 2 : 3) + r.nextInt(3) - 1;
        labYears[nl] = year;
        labSources[nl] = EMPLOYMENT;
        labBands[nl++] = Math.max(0, Math.min(4, band));
      }
      int benefits = r.nextDouble() < 0.25 ? (r.nextDouble() < 0.3 ? 2 : 1) : 0;
      for (int s = 0; s < benefits; s++) {
        labYears[nl] = entry + r.nextInt(lastYear - entry + 1);
        labSources[nl] = BENEFIT;
        labBands[nl++] = -1;
      }
      if (p < learners) {
        sortByYear(eduYears, eduSources, null, ne);
        if (all) {
          for (int i = 0; i < ne; i++) {
            education.add(p, eduSources[i], eduYears[i], -1);
          }
        } else {
          education.add(p, eduSources[ne - 1], eduYears[ne - 1], -1);
        }
      }
      if (hasLabour[p]) {
        sortByYear(labYears, labSources, labBands, nl);
        if (all) {
          for (int i = 0; i < nl; i++) {
            labour.add(p, labSources[i], labYears[i], labBands[i]);
          }
        } else {
          labour.add(p, labSources[nl - 1], labYears[nl - 1], labBands[nl - 1]);
        }
      }
    }
    educationStart[persons] = education.size;
    labourStart[persons] = labour.size;
  }

  /** Stable insertion sort by year then source descending, so the last entry is the most recent (HE before FE before census, employment before benefit on ties). */
  private static void sortByYear(int[] years, int[] sources, int[] bands, int n) {
    for (int i = 1; i < n; i++) {
      for (int j = i; j > 0 && key(years, sources, bands, j - 1) > key(years, sources, bands, j); j--) {
        swap(years, j);
        swap(sources, j);
        if (bands != null) {
          swap(bands, j);
        }
      }
    }
  }

  private static long key(int[] years, int[] sources, int[] bands, int i) {
    // education: higher source = more advanced = later; labour: employment (0) ranks after benefit (1)
    int s = bands == null ? sources[i] : 1 - sources[i];
    return years[i] * 8L + s;
  }

  private static void swap(int[] a, int j) {
    int t = a[j];
    a[j] = a[j - 1];
    a[j - 1] = t;
  }

  private static int[] shuffle(int n, SplittableRandom r) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inv[order[i]] = i;
    }
    return inv;
  }
}
