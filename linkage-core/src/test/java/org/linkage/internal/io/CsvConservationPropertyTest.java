package org.linkage.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.linkage.error.InputException;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.testing.RandomCases;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;

/**
 * Conservation on random CSV texts: every data row ends up either in the table or rejected, at the
 * line where it starts, with the reason a simple model of the file predicts. Files are drawn from
 * fixed seeds (see {@link RandomCases}): 300 files of up to 60 rows for the lenient read, 200 files of
 * up to 30 rows for the strict one, LF or CRLF, with or without a final line break.
 */
class CsvConservationPropertyTest {
  private static final List<ColumnSpec> PERSON = List.of(
      ColumnSpec.of("forename", ColumnType.NAME),
      ColumnSpec.of("surname", ColumnType.NAME),
      ColumnSpec.of("dob", ColumnType.DATE),
      ColumnSpec.of("postcode", ColumnType.POSTCODE));

  enum Kind { GOOD, QUOTED_NEWLINE, SHORT, LONG, EMPTY_ID, DUPLICATE_ID, BAD_DATE, BLANK_LINE }

  private static final Kind[] KINDS = Kind.values();
  private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L, 6L);
  private static final int FILES_PER_SEED = 50;

  /** The rows of a random file (about one file in ten has none) and its line breaks. */
  record Shape(List<Kind> kinds, boolean crlf, boolean finalNewline) {
    static Shape random(SplittableRandom random, int maxRows) {
      int rows = random.nextInt(10) == 0 ? 0 : random.nextInt(maxRows + 1);
      List<Kind> kinds = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        kinds.add(KINDS[random.nextInt(KINDS.length)]);
      }
      return new Shape(List.copyOf(kinds), random.nextBoolean(), random.nextBoolean());
    }
  }

  /** The text of a random file and what the reader must make of it. */
  private static final class Model {
    final StringBuilder text = new StringBuilder();
    final List<Long> acceptedLines = new ArrayList<>();
    final List<String> acceptedIds = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();
    final Map<String, Long> firstLine = new HashMap<>();
    long rows;
    long line = 1;

    Model(List<Kind> kinds, boolean crlf, boolean finalNewline) {
      String eol = crlf ? "\r\n" : "\n";
      text.append("id, forename,surname ,dob,postcode");
      int fresh = 0;
      for (int i = 0; i < kinds.size(); i++) {
        text.append(eol);
        line++;
        Kind kind = kinds.get(i);
        if (kind == Kind.DUPLICATE_ID && acceptedIds.isEmpty()) {
          kind = Kind.GOOD;
        }
        String id = "p" + fresh++;
        long start = line;
        switch (kind) {
          case BLANK_LINE -> {
            continue;
          }
          case GOOD -> text.append(id).append(",Ann,Lee,1990-01-02,AB1 2CD");
          case QUOTED_NEWLINE -> {
            text.append(id).append(",\"Ann").append(eol).append("Marie, Jo\",Lee,,");
            line++;
          }
          case SHORT -> {
            text.append(id).append(",Ann,Lee");
            reject(start, "expected 5 fields, found 3");
          }
          case LONG -> {
            text.append(id).append(",Ann,Lee,,,x");
            reject(start, "expected 5 fields, found 6");
          }
          case EMPTY_ID -> {
            text.append(" ,Ann,Lee,,");
            reject(start, "column id: empty id");
          }
          case BAD_DATE -> {
            text.append(id).append(",Ann,Lee,2.1.1990,");
            reject(start, "column dob: not a date (expected yyyy-mm-dd)");
          }
          case DUPLICATE_ID -> {
            String old = acceptedIds.get(i % acceptedIds.size());
            text.append(old).append(",Bo,Ray,,");
            reject(start, "column id: duplicate id (first seen on line " + firstLine.get(old) + ")");
          }
          default -> throw new AssertionError(kind);
        }
        rows++;
        if (kind == Kind.GOOD || kind == Kind.QUOTED_NEWLINE) {
          acceptedIds.add(id);
          acceptedLines.add(start);
          firstLine.put(id, start);
        }
      }
      if (finalNewline) {
        text.append(eol);
      }
    }

    private void reject(long start, String reason) {
      rejections.add("random.csv line " + start + ": " + reason);
    }
  }

  private static ReadResult read(String text, CsvOptions options) {
    return CsvTableReader.create("id", PERSON, options).read(new StringReader(text), "random.csv");
  }

  /** 6 seeds x 50 files. */
  @TestFactory
  Stream<DynamicTest> read_randomRows_everyRowInTableOrRejectedAtItsLine() {
    return RandomCases.forEachSeed(SEEDS, FILES_PER_SEED, random -> Shape.random(random, 60),
        CsvConservationPropertyTest::everyRowInTableOrRejectedAtItsLine);
  }

  private static void everyRowInTableOrRejectedAtItsLine(Shape shape) {
    Model model = new Model(shape.kinds(), shape.crlf(), shape.finalNewline());
    ReadResult r = read(model.text.toString(), CsvOptions.defaults());

    assertThat(r.rowsRead()).isEqualTo(model.rows);
    assertThat(r.rowsRead()).isEqualTo(r.table().size() + (long) r.rejections().size());
    assertThat(r.rejections()).extracting(Rejection::message).containsExactlyElementsOf(model.rejections);
    List<Long> lines = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int row = 0; row < r.table().size(); row++) {
      lines.add(r.table().line(row));
      ids.add(r.table().id(row));
    }
    assertThat(lines).containsExactlyElementsOf(model.acceptedLines);
    assertThat(ids).containsExactlyElementsOf(model.acceptedIds);
  }

  /** 4 seeds x 50 files. */
  @TestFactory
  Stream<DynamicTest> read_randomRowsStrict_throwsFirstRejectionOrReadsAll() {
    return RandomCases.forEachSeed(SEEDS.subList(0, 4), FILES_PER_SEED, random -> Shape.random(random, 30),
        CsvConservationPropertyTest::throwsFirstRejectionOrReadsAll);
  }

  private static void throwsFirstRejectionOrReadsAll(Shape shape) {
    // The strict read always sees a final line break, as before.
    Model model = new Model(shape.kinds(), shape.crlf(), true);
    CsvOptions strict = CsvOptions.defaults().withStrict(true);
    if (model.rejections.isEmpty()) {
      assertThat(read(model.text.toString(), strict).table().size()).isEqualTo(model.acceptedIds.size());
    } else {
      assertThatThrownBy(() -> read(model.text.toString(), strict))
          .isInstanceOf(InputException.class)
          .hasMessage(model.rejections.get(0));
    }
  }
}
