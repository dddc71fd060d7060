package org.linkage.testkit.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates a synthetic population modelled on the sources of the Longitudinal Education Outcomes
 * data: education records (school census by academic year, further and higher education) on the
 * left, labour-market records (employment spells by tax year with an earnings band, benefit spells)
 * on the right, and the ground truth linking them.
 *
 * <pre>{@code
 * PopulationGenerator.create(GeneratorSpec.builder().learners(20_000).seed(7).build())
 *     .writeTo(Path.of("out"));   // education.csv, labour.csv, truth.csv, truth_persons.csv
 * }</pre>
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li>Deterministic: the same spec gives byte-identical files and identical in-memory rows, on any
 *       machine. The population (people, records, ids) is drawn from one seeded stream, each
 *       person's life events and each record's corruption from streams of their own, so
 *       {@link ErrorModel#none()} with the same seed gives the same records, uncorrupted.</li>
 *   <li>Ids are {@code E}/{@code L} + a zero-padded number in file order; records are shuffled
 *       before numbering, so neither row order nor id leaks who is who.</li>
 *   <li>Default mode: at most one record per person per side (the most recent), so true links are
 *       1:1. Longitudinal mode: every record; {@code truth.csv} lists all cross pairs of a person.</li>
 *   <li>CSV per RFC 4180: UTF-8, LF line ends, a header row, fields quoted only when needed. Files are
 *       written to temporary names and moved into place when complete.</li>
 * </ul>
 *
 * <p>Cost: linear in records; about 100 bytes of memory per person while writing. Instances are
 * immutable and thread-safe; each call generates afresh.
 */
public final class PopulationGenerator {
  static final String[] EDUCATION_HEADER = {
    "id", "forename", "middle_name", "surname", "dob", "sex", "postcode", "nino", "source", "academic_year"};
  static final String[] LABOUR_HEADER = {
    "id", "forename", "middle_name", "surname", "dob", "sex", "postcode", "nino", "source", "tax_year", "earnings_band"};
  static final String[] TRUTH_HEADER = {"left_id", "right_id"};
  static final String[] TRUTH_PERSONS_HEADER = {"person_id", "side", "record_id"};
  static final String[] EDUCATION_SOURCES = {"school_census", "further_education", "higher_education"};
  static final String[] LABOUR_SOURCES = {"employment", "benefit"};
  static final String[] EARNINGS_BANDS = {"under_10k", "10k_to_20k", "20k_to_30k", "30k_to_40k", "40k_plus"};

  private final GeneratorSpec spec;

  private PopulationGenerator(GeneratorSpec spec) {
    this.spec = spec;
  }

  /** A generator for this spec. */
  public static PopulationGenerator create(GeneratorSpec spec) {
    return new PopulationGenerator(Objects.requireNonNull(spec, "spec"));
  }

  /** The spec this generator follows. */
  public GeneratorSpec spec() {
    return spec;
  }

  /**
   * Writes {@code education.csv}, {@code labour.csv}, {@code truth.csv} and {@code truth_persons.csv}
   * into {@code dir} (created if missing), streaming rows as they are made.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public void writeTo(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      String[] names = {"education.csv", "labour.csv", "truth.csv", "truth_persons.csv"};
      Path[] tmp = new Path[names.length];
      Writer[] out = new Writer[names.length];
      try {
        for (int i = 0; i < names.length; i++) {
          tmp[i] = dir.resolve(names[i] + ".tmp");
          out[i] = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp[i]), StandardCharsets.UTF_8), 1 << 16);
        }
        generate(new Sink() {
          @Override
          public void row(int file, String[] fields) {
            try {
              Csv.writeRow(out[file], fields);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
      } catch (IOException | RuntimeException e) {
        closeQuietly(out);
        for (Path t : tmp) {
          if (t != null) {
            Files.deleteIfExists(t); // never leave a half-written file behind
          }
        }
        throw e;
      }
      for (Writer w : out) {
        w.close();
      }
      for (int i = 0; i < names.length; i++) {
        Files.move(tmp[i], dir.resolve(names[i]), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated population to " + dir, e);
    }
  }

  private static void closeQuietly(Writer[] out) {
    for (Writer w : out) {
      try {
        if (w != null) {
          w.close();
        }
      } catch (IOException ignored) {
        // the original failure is the one worth reporting
      }
    }
  }

  /** The same rows {@link #writeTo} writes, held in memory. */
  public Population generateInMemory() {
    List<List<String[]>> rows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    generate((file, fields) -> rows.get(file).add(fields));
    return new Population(List.of(EDUCATION_HEADER), rows.get(0).subList(1, rows.get(0).size()),
      List.of(LABOUR_HEADER), rows.get(1).subList(1, rows.get(1).size()),
      rows.get(2).subList(1, rows.get(2).size()), rows.get(3).subList(1, rows.get(3).size()));
  }

  /** Receives rows: file 0 education, 1 labour, 2 truth, 3 truth persons; the first row of each is its header. */
  interface Sink {
    void row(int file, String[] fields);
  }

  void generate(Sink sink) {
    PopulationDraw d = PopulationDraw.draw(spec);
    LifeEvents life = new LifeEvents(d, spec.errorModel());
    Corruptor corruptor = new Corruptor(spec.errorModel(), NameTables.INSTANCE);
    int width = Math.max(7, Integer.toString(Math.max(Math.max(d.education.size, d.labour.size), d.persons)).length());
    long seed = spec.seed();
    Corruptor.Draft draft = new Corruptor.Draft();

    sink.row(0, EDUCATION_HEADER.clone());
    for (int pos = 0; pos < d.education.size; pos++) {
      int o = d.educationOrder[pos];
      int p = d.education.person[o];
      int year = d.education.year[o];
      fill(draft, d, life, p, year);
      corruptor.corrupt(draft, Seeds.stream(seed, Seeds.EDUCATION_RECORD, o), false);
      sink.row(0, new String[] {
        id('E', pos, width), draft.forename, draft.middle, draft.surname, dob(draft), draft.sex,
        draft.postcode, draft.nino, EDUCATION_SOURCES[d.education.source[o]], academicYear(year)});
    }
    sink.row(1, LABOUR_HEADER.clone());
    for (int pos = 0; pos < d.labour.size; pos++) {
      int o = d.labourOrder[pos];
      int p = d.labour.person[o];
      int year = d.labour.year[o];
      fill(draft, d, life, p, year);
      corruptor.corrupt(draft, Seeds.stream(seed, Seeds.LABOUR_RECORD, o), true);
      int band = d.labour.band[o];
      sink.row(1, new String[] {
        id('L', pos, width), draft.forename, draft.middle, draft.surname, dob(draft), draft.sex,
        draft.postcode, draft.nino, LABOUR_SOURCES[d.labour.source[o]], taxYear(year),
        band < 0 ? "" : EARNINGS_BANDS[band]});
    }
    writeTruth(sink, d, width);
  }

  private static void writeTruth(Sink sink, PopulationDraw d, int width) {
    sink.row(2, TRUTH_HEADER.clone());
    int[] rightIds = new int[64];
    for (int pos = 0; pos < d.education.size; pos++) {
      int p = d.education.person[d.educationOrder[pos]];
      int from = d.labourStart[p];
      int n = d.labourStart[p + 1] - from;
      if (n == 0) {
        continue;
      }
      if (rightIds.length < n) {
        rightIds = new int[n];
      }
      for (int i = 0; i < n; i++) {
        rightIds[i] = d.labourPosition[from + i];
      }
      Arrays.sort(rightIds, 0, n);
      String left = id('E', pos, width);
      for (int i = 0; i < n; i++) {
        sink.row(2, new String[] {left, id('L', rightIds[i], width)});
      }
    }
    sink.row(3, TRUTH_PERSONS_HEADER.clone());
    int[] ids = new int[64];
    for (int p = 0; p < d.persons; p++) {
      String person = id('P', p, width);
      for (int side = 0; side < 2; side++) {
        int[] start = side == 0 ? d.educationStart : d.labourStart;
        int[] position = side == 0 ? d.educationPosition : d.labourPosition;
        int from = start[p];
        int n = start[p + 1] - from;
        if (ids.length < n) {
          ids = new int[n];
        }
        for (int i = 0; i < n; i++) {
          ids[i] = position[from + i];
        }
        Arrays.sort(ids, 0, n);
        for (int i = 0; i < n; i++) {
          sink.row(3, new String[] {person, side == 0 ? "left" : "right", id(side == 0 ? 'E' : 'L', ids[i], width)});
        }
      }
    }
  }

  private static void fill(Corruptor.Draft draft, PopulationDraw d, LifeEvents life, int p, int year) {
    draft.forename = d.forename[p];
    draft.middle = d.middle[p];
    draft.surname = life.surnameIn(p, year);
    draft.year = d.birthYear[p];
    draft.month = d.birthMonth[p];
    draft.day = d.birthDay[p];
    draft.sex = d.female[p] ? "F" : "M";
    draft.postcode = Postcodes.format(life.postcodeIn(p, year));
    draft.nino = Ninos.forPerson(d.spec.seed(), p);
  }

  static String id(char prefix, int index, int width) {
    char[] c = new char[width + 1];
    c[0] = prefix;
    int v = index + 1;
    for (int i = width; i >= 1; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return new String(c);
  }

  private static String dob(Corruptor.Draft d) {
    if (d.year == 0) {
      return "";
    }
    char[] c = new char[10];
    int y = d.year;
    for (int i = 3; i >= 0; i--) {
      c[i] = (char) ('0' + y % 10);
      y /= 10;
    }
    c[4] = '-';
    c[5] = (char) ('0' + d.month / 10);
    c[6] = (char) ('0' + d.month % 10);
    c[7] = '-';
    c[8] = (char) ('0' + d.day / 10);
    c[9] = (char) ('0' + d.day % 10);
    return new String(c);
  }

  private static String academicYear(int start) {
    int next = (start + 1) % 100;
    return start + "/" + (next < 10 ? "0" : "") + next;
  }

  private static String taxYear(int start) {
    int next = (start + 1) % 100;
    return start + "-" + (next < 10 ? "0" : "") + next;
  }

  /** Life events: surname change on marriage and house moves, drawn per person (and per family for childhood moves). */
  static final class LifeEvents {
    private final PopulationDraw d;
    private final double marriage;
    private final double childMove;
    private final double adultMove;

    LifeEvents(PopulationDraw d, ErrorModel m) {
      this.d = d;
      this.marriage = m.surnameChangeOnMarriage();
      this.childMove = m.childMovePerYear();
      this.adultMove = m.adultMovePerYear();
    }

    String surnameIn(int p, int year) {
      if (marriage == 0.0 || !d.female[p]) {
        return d.surname[p];
      }
      SplittableRandom r = Seeds.stream(d.spec.seed(), Seeds.LIFE, p);
      double u = r.nextDouble();
      int age = 23 + r.nextInt(18);
      if (u >= marriage || year < d.birthYear[p] + age) {
        return d.surname[p];
      }
      NameDistribution names = d.spec.names();
      String married = names.surname(r);
      return married.equals(d.surname[p]) ? names.surname(r) : married;
    }

    int postcodeIn(int p, int year) {
      int code = d.home[p];
      if (childMove == 0.0 && adultMove == 0.0) {
        return code;
      }
      int lastChildYear = d.birthYear[p] + 17;
      // Siblings walk the same family stream from the same start year, so they move together.
      SplittableRandom family = Seeds.stream(d.spec.seed(), Seeds.FAMILY_MOVES, d.family[p]);
      for (int y = d.spec.firstBirthYear(); y <= Math.min(year, lastChildYear); y++) {
        if (family.nextDouble() < childMove) {
          code = Postcodes.move(code, family);
        }
      }
      SplittableRandom own = Seeds.stream(d.spec.seed(), Seeds.ADULT_MOVES, p);
      for (int y = lastChildYear + 1; y <= year; y++) {
        if (own.nextDouble() < adultMove) {
          code = Postcodes.move(code, own);
        }
      }
      return code;
    }
  }
}
