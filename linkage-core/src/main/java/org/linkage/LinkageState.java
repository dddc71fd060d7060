package org.linkage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.settings.TextFile;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.LinkageSpec;

/**
 * The saved state of a run with persons, from which later records can be linked incrementally
 * ({@link #update}) without relinking or renumbering what is there: the spec, the trained model,
 * the records of both sides as read (raw values, re-encoded with the spec when updating), and each
 * record's person id with the next free one.
 *
 * <p>On disk ({@link #save}, {@link #load}) a state is a folder: {@code manifest.json} (format
 * {@value #FORMAT}, counts, next person id), {@code spec.json}, {@code model.json},
 * {@code left.csv} and {@code right.csv} ({@code record_id} and one column per spec column, named as
 * in the spec) and {@code persons.csv} ({@code person_id,side,record_id}). It is written into a
 * staging folder and swapped in as a whole, like a run's outputs; see {@code docs/incremental.md}.
 *
 * <p>Person ids are stable: an id, once issued, keeps naming its records plus whatever joins them;
 * when new records join two persons, the smaller id survives and the other is recorded as merged
 * into it; persons are never split.
 *
 * <p>Immutable and thread-safe: {@link #update} returns a new state and leaves this one as it was.
 */
public final class LinkageState {
  /** The on-disk format this version reads and writes. */
  public static final String FORMAT = "linkage-state/1";

  /** The files of a state folder; an existing folder may hold only these. */
  static final Set<String> FILES =
      Set.of("manifest.json", "spec.json", "model.json", "left.csv", "right.csv", "persons.csv");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String ID_HEADER = "record_id";

  private final LinkageSpec spec;
  private final FellegiSunterModel model;
  private final RecordTable left;
  private final RecordTable right;
  private final long[] leftPerson;
  private final long[] rightPerson;
  private final long nextPersonId;
  private volatile List<Person> persons;

  LinkageState(LinkageSpec spec, FellegiSunterModel model, RecordTable left, RecordTable right, long[] leftPerson,
      long[] rightPerson, long nextPersonId) {
    this.spec = spec;
    this.model = model;
    this.left = left;
    this.right = right;
    this.leftPerson = leftPerson;
    this.rightPerson = rightPerson;
    this.nextPersonId = nextPersonId;
  }

  /**
   * The state of a finished run: {@code result} must hold persons ({@code --persons}) and a model,
   * and {@code left} and {@code right} must be the tables it linked.
   *
   * @throws IllegalArgumentException if the result has no persons or no model, or a record of the
   *     tables is in no person
   */
  public static LinkageState of(LinkageSpec spec, LinkageResult result, RecordTable left, RecordTable right) {
    requireNonNull(spec, "spec");
    if (!result.hasPersons() || result.isDeduplication()) {
      throw new IllegalArgumentException("a state needs a run of two tables with persons (--persons)");
    }
    if (result.model() == null) {
      throw new IllegalArgumentException("a state needs a model: the run trained or was given none");
    }
    long[] lp = new long[left.size()];
    long[] rp = new long[right.size()];
    Arrays.fill(lp, -1);
    Arrays.fill(rp, -1);
    long max = 0;
    for (Person p : result.persons()) {
      long id = number(p.id());
      max = Math.max(max, id);
      for (String r : p.leftIds()) {
        lp[left.rowOf(r)] = id;
      }
      for (String r : p.rightIds()) {
        rp[right.rowOf(r)] = id;
      }
    }
    checkAssigned(lp, "left");
    checkAssigned(rp, "right");
    return new LinkageState(spec, result.model(), withSpecColumns(spec, left), withSpecColumns(spec, right), lp, rp,
        max + 1);
  }

  /** As {@link #of(LinkageSpec, LinkageResult, RecordTable, RecordTable)} with the tables the result linked. */
  public static LinkageState of(LinkageSpec spec, LinkageResult result) {
    return of(spec, result, result.encodedData().leftTable(), result.encodedData().rightTable());
  }

  private static void checkAssigned(long[] persons, String side) {
    for (long p : persons) {
      if (p < 0) {
        throw new IllegalArgumentException("a " + side + " record is in no person: not the tables of this result");
      }
    }
  }

  /** The spec the state was linked under. */
  public LinkageSpec spec() {
    return spec;
  }

  /** The model that scores every update (never retrained). */
  public FellegiSunterModel model() {
    return model;
  }

  /** The left records, in the order they were added. */
  public RecordTable left() {
    return left;
  }

  /** The right records, in the order they were added. */
  public RecordTable right() {
    return right;
  }

  /** The person id ({@code P} and at least seven digits) of left row {@code row}. */
  public String leftPerson(int row) {
    return personId(leftPerson[row]);
  }

  /** The person id of right row {@code row}. */
  public String rightPerson(int row) {
    return personId(rightPerson[row]);
  }

  /** The number the next new person will get ({@code P} and this number, zero-padded). */
  public long nextPersonId() {
    return nextPersonId;
  }

  /**
   * Every person, in id order, with their left and right record ids in record order; every record
   * is in exactly one.
   */
  public List<Person> persons() {
    List<Person> p = persons;
    if (p == null) { // immutable state: computing it twice in a race gives the same list
      p = groupPersons();
      persons = p;
    }
    return p;
  }

  /**
   * Every saved record as {@code person << 32 | record}, sorted: grouped by person number, left
   * records ({@code record < left.size()}) before right ones ({@code left.size() + right row}), each
   * in record order. One primitive sort instead of a map of boxed ids.
   */
  long[] recordsByPerson() {
    int nl = left.size();
    long[] keys = new long[nl + right.size()];
    for (int r = 0; r < nl; r++) {
      keys[r] = leftPerson[r] << 32 | r;
    }
    for (int r = 0; r < right.size(); r++) {
      keys[nl + r] = rightPerson[r] << 32 | (nl + r);
    }
    Arrays.sort(keys);
    return keys;
  }

  private List<Person> groupPersons() {
    int nl = left.size();
    long[] keys = recordsByPerson();
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < keys.length; ) {
      long person = keys[i] >>> 32;
      ImmutableList.Builder<String> l = ImmutableList.builder();
      ImmutableList.Builder<String> r = ImmutableList.builder();
      for (; i < keys.length && keys[i] >>> 32 == person; i++) {
        int node = (int) keys[i];
        if (node < nl) {
          l.add(left.id(node));
        } else {
          r.add(right.id(node - nl));
        }
      }
      out.add(new Person(personId(person), l.build(), r.build()));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Links new records into this state with its spec and model (the steps are in
   * {@code docs/incremental.md}). Either table may be {@code null} or empty. Single-threaded.
   *
   * @throws InputException if a new record's id is already in the state
   */
  public Update update(RecordTable newLeft, RecordTable newRight) {
    return StateUpdate.run(this, newLeft == null ? empty(left) : newLeft, newRight == null ? empty(right) : newRight);
  }

  private static RecordTable empty(RecordTable like) {
    return RecordTable.builder(like.source(), like.columns()).build();
  }

  /**
   * What an {@link #update} did.
   *
   * @param state the state with the new records and their persons
   * @param links the new left–right links (each has at least one new record), by left then right row
   * @param changes every person created or affected, in person id order (merged persons after the
   *     survivor's own row)
   * @param review links between a new record and an existing person that the person constraints
   *     refused (two NINOs, incompatible dates of birth): candidates for clerical review
   * @param comparedPairs candidate pairs compared (cross and within sides)
   */
  public record Update(LinkageState state, List<Link> links, List<PersonChange> changes, List<ReviewPair> review,
      long comparedPairs) {
    /** Copies the lists. */
    public Update {
      links = List.copyOf(links);
      changes = List.copyOf(changes);
      review = List.copyOf(review);
    }
  }

  /**
   * One row of {@code person_changes.csv}.
   *
   * @param personId the person affected
   * @param change {@code new}, {@code gained_records} or {@code merged_into}
   * @param otherIds for {@code merged_into} the surviving person; for {@code gained_records} the
   *     persons merged into this one (may be empty); empty for {@code new}
   * @param reason a short explanation with counts, never record values
   */
  public record PersonChange(String personId, String change, List<String> otherIds, String reason) {
    /** Copies the list. */
    public PersonChange {
      otherIds = List.copyOf(otherIds);
    }
  }

  /**
   * A link the person constraints refused, between records of two different persons.
   *
   * @param sideA {@code left} or {@code right}
   * @param idA the record id
   * @param sideB {@code left} or {@code right}
   * @param idB the record id
   * @param personA the person {@code idA} is in after the update
   * @param personB the person {@code idB} is in after the update
   */
  public record ReviewPair(String sideA, String idA, String sideB, String idB, String personA, String personB) {}

  // ---- on disk ----

  /**
   * Writes the state to folder {@code dir}, replacing an earlier state there as a whole (an
   * existing folder may hold only state files).
   *
   * @throws OutputException if the folder cannot be written
   */
  public void save(Path dir) {
    try (OutputFolder folder = OutputFolder.prepare(dir, FILES)) {
      Path tmp = folder.staging();
      ObjectNode m = JSON.createObjectNode();
      m.put("format", FORMAT);
      m.put("leftRecords", left.size());
      m.put("rightRecords", right.size());
      m.put("persons", persons().size());
      m.put("nextPersonId", nextPersonId);
      m.put("leftSource", left.source());
      m.put("rightSource", right.source());
      Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("spec.json"), spec.toJson() + "\n", StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("model.json"), model.toJson() + "\n", StandardCharsets.UTF_8);
      writeRecords(tmp.resolve("left.csv"), left);
      writeRecords(tmp.resolve("right.csv"), right);
      try (CsvOutput p = CsvOutput.open(tmp.resolve("persons.csv"), false)) {
        p.header("person_id", "side", "record_id");
        for (Person person : persons()) {
          for (String id : person.leftIds()) {
            p.row(person.id(), "left", id);
          }
          for (String id : person.rightIds()) {
            p.row(person.id(), "right", id);
          }
        }
      }
      folder.publish();
    } catch (IOException e) {
      throw new OutputException("cannot write state " + dir + ": " + OutputException.describe(e), e);
    }
  }

  /**
   * Checks, before a run, that {@link #save} could write {@code dir}: it is not the current folder
   * or a root, is not being written by another run, and holds only state files if it exists.
   *
   * @throws InvalidSpecException or {@link OutputException} as {@link OutputFolder#prepare}
   */
  public static void checkWritable(Path dir) {
    try (OutputFolder folder = OutputFolder.prepare(dir, FILES)) {
      // prepared and released: the staging folder is removed on close
    }
  }

  private static void writeRecords(Path file, RecordTable t) throws IOException {
    try (CsvOutput out = CsvOutput.open(file, false)) {
      String[] header = new String[t.columns().size() + 1];
      header[0] = ID_HEADER;
      for (int c = 0; c < t.columns().size(); c++) {
        header[c + 1] = t.columns().get(c).name();
      }
      out.header(header);
      Object[] row = new Object[header.length];
      for (int r = 0; r < t.size(); r++) {
        row[0] = t.id(r);
        for (int c = 0; c < t.columns().size(); c++) {
          row[c + 1] = t.value(c, r);
        }
        out.row(row);
      }
    }
  }

  /**
   * Reads a state written by {@link #save}.
   *
   * @throws InvalidSpecException if the folder is not a state, or of a format this version does not
   *     read
   * @throws InputException if a file of it is missing or damaged
   */
  public static LinkageState load(Path dir) {
    return load(dir, null);
  }

  /**
   * As {@link #load(Path)}, and refuses a state saved under a spec other than {@code expected} (when
   * not {@code null}).
   *
   * @throws InvalidSpecException if the spec differs, or as {@link #load(Path)}
   */
  public static LinkageState load(Path dir, LinkageSpec expected) {
    Path manifestFile = dir.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new InvalidSpecException("state " + dir + ": no manifest.json (not a linkage state folder)");
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(TextFile.read(manifestFile, "state manifest"));
    } catch (IOException e) {
      throw new InvalidSpecException("state " + dir + ": manifest.json is not valid JSON");
    }
    String format = manifest.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new InvalidSpecException("state " + dir + ": format '" + format + "' is not one this version reads"
          + " (expected " + FORMAT + ")");
    }
    LinkageSpec spec;
    FellegiSunterModel model;
    try {
      spec = LinkageSpec.fromJson(dir.resolve("spec.json"));
      model = FellegiSunterModel.read(dir.resolve("model.json"));
    } catch (IOException e) {
      throw new InputException("state " + dir + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (expected != null && !expected.equals(spec)) {
      throw new InvalidSpecException("state " + dir + " was saved under a different spec than the one given;"
          + " update with the state's own spec (" + dir.resolve("spec.json") + ")");
    }
    RecordTable left = readRecords(dir.resolve("left.csv"), spec, manifest.path("leftSource").asText("left"));
    RecordTable right = readRecords(dir.resolve("right.csv"), spec, manifest.path("rightSource").asText("right"));
    long next = manifest.path("nextPersonId").asLong(-1);
    long[] lp = new long[left.size()];
    long[] rp = new long[right.size()];
    Arrays.fill(lp, -1);
    Arrays.fill(rp, -1);
    Path personsFile = dir.resolve("persons.csv");
    try (Reader reader = Files.newBufferedReader(personsFile, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      for (CSVRecord r : parser) {
        boolean isLeft = "left".equals(r.get("side"));
        RecordTable t = isLeft ? left : right;
        int row = t.rowOf(r.get("record_id"));
        long id = row < 0 ? -1 : number(r.get("person_id"));
        if (row < 0 || id < 0 || id >= next) {
          throw new InputException(personsFile + " line " + parser.getCurrentLineNumber()
              + ": not a record of the state, or a person id at or above nextPersonId");
        }
        (isLeft ? lp : rp)[row] = id;
      }
    } catch (NoSuchFileException e) {
      throw new InputException(personsFile + ": file not found", e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InputException(personsFile + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    for (long[] side : new long[][] {lp, rp}) {
      for (long p : side) {
        if (p < 0) {
          throw new InputException(personsFile + ": a record of the state has no person");
        }
      }
    }
    return new LinkageState(spec, model, left, right, lp, rp, next);
  }

  private static RecordTable readRecords(Path file, LinkageSpec spec, String source) {
    List<ColumnSpec> columns = spec.columns();
    RecordTable.Builder b = RecordTable.builder(source, columns);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      Map<String, Integer> header = parser.getHeaderMap();
      int[] at = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        Integer i = header.get(columns.get(c).name());
        if (i == null || !header.containsKey(ID_HEADER)) {
          throw new InputException(file + ": no column " + (i == null ? columns.get(c).name() : ID_HEADER)
              + " (not written under this state's spec)");
        }
        at[c] = i;
      }
      int id = header.get(ID_HEADER);
      String[] values = new String[columns.size()];
      for (CSVRecord r : parser) {
        for (int c = 0; c < at.length; c++) {
          values[c] = r.get(at[c]);
        }
        b.add(r.get(id), values, parser.getCurrentLineNumber());
      }
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": file not found", e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    return b.build();
  }

  // ---- helpers shared with StateUpdate ----

  /** {@code t}'s rows under the spec's columns (as read by the spec's reader they already are). */
  static RecordTable withSpecColumns(LinkageSpec spec, RecordTable t) {
    if (t.columns().equals(spec.columns())) {
      return t;
    }
    throw new IllegalArgumentException("table " + t.source() + " was not read under this spec's columns");
  }

  long leftPersonNumber(int row) {
    return leftPerson[row];
  }

  long rightPersonNumber(int row) {
    return rightPerson[row];
  }

  /** {@code P} and the number, zero-padded to seven digits as a run numbers its persons. */
  static String personId(long number) {
    String n = Long.toString(number);
    return "P" + "0".repeat(Math.max(0, 7 - n.length())) + n;
  }

  /** The number of person id {@code P0000123}, or -1 if it is not one. */
  static long number(String personId) {
    if (personId == null || personId.length() < 2 || personId.charAt(0) != 'P') {
      return -1;
    }
    try {
      return Long.parseLong(personId.substring(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Equal spec, model, records (ids and values, in order), person ids and next person id. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LinkageState s && spec.equals(s.spec) && modelText().equals(s.modelText())
        && sameRecords(left, s.left) && sameRecords(right, s.right) && Arrays.equals(leftPerson, s.leftPerson)
        && Arrays.equals(rightPerson, s.rightPerson) && nextPersonId == s.nextPersonId;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(leftPerson) * 31 + Arrays.hashCode(rightPerson) + Long.hashCode(nextPersonId);
  }

  @Override
  public String toString() {
    return "LinkageState[" + left.size() + " left, " + right.size() + " right records, next person "
        + personId(nextPersonId) + "]";
  }

  private String modelText() {
    return model.toJson();
  }

  private static boolean sameRecords(RecordTable a, RecordTable b) {
    if (a.size() != b.size() || !a.columns().equals(b.columns())) {
      return false;
    }
    for (int r = 0; r < a.size(); r++) {
      if (!a.id(r).equals(b.id(r))) {
        return false;
      }
      for (int c = 0; c < a.columns().size(); c++) {
        if (!java.util.Objects.equals(a.value(c, r), b.value(c, r))) {
          return false;
        }
      }
    }
    return true;
  }
}
