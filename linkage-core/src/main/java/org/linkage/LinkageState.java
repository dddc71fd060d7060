package org.linkage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linkage.error.InputException;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.settings.TextFile;
import org.linkage.internal.state.IdList;
import org.linkage.internal.state.StateFiles;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.LinkageSpec;

/**
 * The saved state of a run with persons, from which later records can be linked incrementally
 * ({@link #update}) without relinking or renumbering what is there: the spec, the trained model,
 * each blocking rule's cap, the records of both sides <em>encoded</em> (ids, per column the value
 * codes and the dictionary of values in code order) and each record's person id with the next free
 * one. An update encodes only the new records, against the saved dictionaries.
 *
 * <p>On disk ({@link #save}, {@link #load}) a state is a folder in format {@value #FORMAT}:
 * {@code manifest.json} (format, counts, next person id, caps, the segment list), {@code
 * spec.json}, {@code model.json}, append-only binary segments of the records each save added
 * ({@code segment-NNNNNN.bin}, with their raw values beside in {@code segment-NNNNNN.values} and
 * their blocking keys' fingerprints in {@code segment-NNNNNN.keys}), {@code persons.bin} and
 * {@code dictionaries.bin} (the dictionaries' hash tables). A save writes only the segments it
 * added and links the others from the folder they were read from; a {@code linkage-state/4} folder
 * (segments without keys) is read too, its keys computed where an update needs them. It is written into a staging folder and swapped in as a whole, like
 * a run's outputs; see {@code docs/incremental.md}.
 *
 * <p>Person ids are stable: an id, once issued, keeps naming its records plus whatever joins them;
 * when new records join two persons, the smaller id survives and the other is recorded as merged
 * into it; persons are never split.
 *
 * <p>Immutable and thread-safe: {@link #update} returns a new state and leaves this one as it was.
 */
public final class LinkageState {
  /** The on-disk format this version reads and writes. */
  public static final String FORMAT = "linkage-state/5";

  /** A format this version reads besides its own: {@code linkage-state/4}, whose segments lack saved blocking keys. */
  static final String KEYLESS_FORMAT = "linkage-state/4";

  /** The formats of earlier versions, refused with a message saying to re-create the state. */
  static final Set<String> EARLIER_FORMATS = Set.of("linkage-state/1", "linkage-state/2", "linkage-state/3");

  /** The fixed files of a state folder; besides these it holds only segment files. */
  static final Set<String> FILES = Set.of("manifest.json", "spec.json", "model.json", "persons.bin",
      "dictionaries.bin");

  /** The comparisons whose caps a state keeps: across the sides, within the left, within the right. */
  private static final String[] CAP_VIEWS = {"across", "left", "right"};

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final LinkageSpec spec;
  private final FellegiSunterModel model;
  /** Per blocking rule, its cap across the sides, within the left side and within the right side. */
  private final int[][] caps;
  private final EncodedData data;
  private final IdList leftIds;
  private final IdList rightIds;
  private final String leftSource;
  private final String rightSource;
  private final long[] leftPerson;
  private final long[] rightPerson;
  private final long nextPersonId;
  private final List<Part> parts;
  private volatile List<Person> persons;
  private volatile RecordTable[] tables;

  /**
   * The records one save added: rows {@code leftFrom..leftTo}, {@code rightFrom..rightTo}, and per
   * column the dictionary codes from {@code dictFrom[c]} on. Either on disk ({@code file}, and
   * {@code values} when the raw values were saved) or only in memory ({@code leftRaw}, {@code
   * rightRaw}: the tables read, row 0 being the part's first row).
   */
  record Part(int leftFrom, int leftTo, int rightFrom, int rightTo, int[] dictFrom, Path file, Path values,
      RecordTable leftRaw, RecordTable rightRaw, Path keysFile, java.nio.IntBuffer[][] keys) {
    /** A part only in memory: its tables read, no files. */
    Part(int leftFrom, int leftTo, int rightFrom, int rightTo, int[] dictFrom, RecordTable leftRaw,
        RecordTable rightRaw) {
      this(leftFrom, leftTo, rightFrom, rightTo, dictFrom, null, null, leftRaw, rightRaw, null, null);
    }
  }

  LinkageState(LinkageSpec spec, FellegiSunterModel model, int[][] caps, EncodedData data, IdList leftIds,
      IdList rightIds, String leftSource, String rightSource, long[] leftPerson, long[] rightPerson,
      long nextPersonId, List<Part> parts) {
    this.spec = spec;
    this.model = model;
    this.caps = caps;
    this.data = data;
    this.leftIds = leftIds;
    this.rightIds = rightIds;
    this.leftSource = leftSource;
    this.rightSource = rightSource;
    this.leftPerson = leftPerson;
    this.rightPerson = rightPerson;
    this.nextPersonId = nextPersonId;
    this.parts = List.copyOf(parts);
  }

  /**
   * The state of a finished run: {@code result} must hold persons ({@code --persons}) and a model,
   * and {@code left} and {@code right} must be the tables it linked (read under {@code spec}).
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
    withSpecColumns(spec, left);
    withSpecColumns(spec, right);
    EncodedData run = result.encodedData();
    // the run's own encoding when these are its tables; a state never re-reads raw values
    EncodedData encoded = run != null && run.leftTable() == left && run.rightTable() == right ? run
        : EncodedData.encode(left, right);
    Map<String, EncodedColumn> columns = new LinkedHashMap<>();
    for (ColumnSpec c : spec.columns()) {
      columns.put(c.name(), encoded.column(c.name()));
    }
    IdList lids = IdList.of(left);
    IdList rids = IdList.of(right);
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
    int[][] caps = capsOf(spec, result.blockCaps(), encoded);
    int[] dictFrom = new int[columns.size()];
    Part part = new Part(0, left.size(), 0, right.size(), dictFrom, left, right);
    return new LinkageState(spec, result.model(), caps, EncodedData.ofColumns(columns, left.size(), right.size()),
        lids, rids, left.source(), right.source(), lp, rp, max + 1, List.of(part));
  }

  /** As {@link #of(LinkageSpec, LinkageResult, RecordTable, RecordTable)} with the tables the result linked. */
  public static LinkageState of(LinkageSpec spec, LinkageResult result) {
    return of(spec, result, result.encodedData().leftTable(), result.encodedData().rightTable());
  }

  /** The caps the run recorded, or (when it did not) those its blocking gives over the same records. */
  private static int[][] capsOf(LinkageSpec spec, int[][] recorded, EncodedData encoded) {
    int[][] caps = new int[3][];
    for (int view = 0; view < 3; view++) {
      int[] c = recorded == null ? null : recorded[view];
      if ((c == null || c.length != spec.blockingRules().size()) && view > 0 && !spec.clustering().deduplicateSides()) {
        c = caps[0]; // no update links within a side: the caps are never read
      }
      if (c == null || c.length != spec.blockingRules().size()) {
        c = Blocker.build(spec, view == 0 ? encoded : encoded.side(view - 1)).caps();
      }
      caps[view] = c.clone();
    }
    return caps;
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

  /** Number of left records. */
  public int leftSize() {
    return leftIds.size();
  }

  /** Number of right records. */
  public int rightSize() {
    return rightIds.size();
  }

  /**
   * The left records as read, in the order they were added. Read from the saved raw values on first
   * call (updates never need them); without saved values (a run that released them) the table holds
   * ids only and {@link RecordTable#value} throws.
   */
  public RecordTable left() {
    return tables()[0];
  }

  /** The right records as read, in the order they were added; see {@link #left()}. */
  public RecordTable right() {
    return tables()[1];
  }

  private RecordTable[] tables() {
    RecordTable[] t = tables;
    if (t == null) { // immutable state: building it twice in a race gives equal tables
      t = readTables();
      tables = t;
    }
    return t;
  }

  private RecordTable[] readTables() {
    int columns = spec.columns().size();
    RecordTable.Builder lb = RecordTable.builder(leftSource, spec.columns());
    RecordTable.Builder rb = RecordTable.builder(rightSource, spec.columns());
    boolean allValues = true;
    String[] none = new String[columns];
    for (Part p : parts) {
      if (p.leftRaw() != null && p.leftRaw().hasValues() && p.rightRaw().hasValues()) {
        copyRows(p.leftRaw(), lb, p.leftTo() - p.leftFrom());
        copyRows(p.rightRaw(), rb, p.rightTo() - p.rightFrom());
      } else if (p.values() != null) {
        StateFiles.readValues(p.values(), leftIds, p.leftFrom(), p.leftTo(), rightIds, p.rightFrom(), p.rightTo(), lb,
            rb, columns);
      } else {
        allValues = false;
        for (int r = p.leftFrom(); r < p.leftTo(); r++) {
          lb.add(leftIds.id(r), none, 0);
        }
        for (int r = p.rightFrom(); r < p.rightTo(); r++) {
          rb.add(rightIds.id(r), none, 0);
        }
      }
    }
    RecordTable l = lb.build();
    RecordTable r = rb.build();
    if (!allValues) {
      l.releaseValues();
      r.releaseValues();
    }
    return new RecordTable[] {l, r};
  }

  private static void copyRows(RecordTable from, RecordTable.Builder to, int rows) {
    String[] row = new String[from.columns().size()];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < row.length; c++) {
        row[c] = from.value(c, i);
      }
      to.add(from.id(i), row, from.line(i));
    }
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
   * records ({@code record < leftSize()}) before right ones ({@code leftSize() + right row}), each
   * in record order. One primitive sort instead of a map of boxed ids.
   */
  long[] recordsByPerson() {
    int nl = leftSize();
    int n = nl + rightSize();
    long max = -1;
    for (long p : leftPerson) {
      max = Math.max(max, p);
    }
    for (long p : rightPerson) {
      max = Math.max(max, p);
    }
    if (max < 4L * n + 1024 && max < Integer.MAX_VALUE - 1) {
      // person numbers are dense: a counting sort, in record order within a person, as the sort below
      int persons = (int) max + 1;
      int[] starts = new int[persons + 1];
      for (long p : leftPerson) {
        starts[(int) p + 1]++;
      }
      for (long p : rightPerson) {
        starts[(int) p + 1]++;
      }
      for (int p = 0; p < persons; p++) {
        starts[p + 1] += starts[p];
      }
      long[] out = new long[n];
      for (int r = 0; r < nl; r++) {
        out[starts[(int) leftPerson[r]]++] = leftPerson[r] << 32 | r;
      }
      for (int r = 0; r < rightSize(); r++) {
        out[starts[(int) rightPerson[r]]++] = rightPerson[r] << 32 | (nl + r);
      }
      return out;
    }
    long[] keys = new long[n];
    for (int r = 0; r < nl; r++) {
      keys[r] = leftPerson[r] << 32 | r;
    }
    for (int r = 0; r < rightSize(); r++) {
      keys[nl + r] = rightPerson[r] << 32 | (nl + r);
    }
    Arrays.sort(keys);
    return keys;
  }

  private List<Person> groupPersons() {
    int nl = leftSize();
    long[] keys = recordsByPerson();
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < keys.length; ) {
      long person = keys[i] >>> 32;
      ImmutableList.Builder<String> l = ImmutableList.builder();
      ImmutableList.Builder<String> r = ImmutableList.builder();
      for (; i < keys.length && keys[i] >>> 32 == person; i++) {
        int node = (int) keys[i];
        if (node < nl) {
          l.add(leftIds.id(node));
        } else {
          r.add(rightIds.id(node - nl));
        }
      }
      out.add(new Person(personId(person), l.build(), r.build()));
    }
    return Collections.unmodifiableList(out);
  }

  /** Records {@link #writePersons} reads ahead at a time. */
  private static final int BATCH = 32;
  /** What {@link #writePersons}' reads ahead gave, stored so that the compiler cannot drop the reads. */
  private static int readAhead;

  /**
   * Writes every record's person as {@code persons.csv} (columns {@code person_id}, {@code side},
   * {@code record_id}; persons in id order, each one's left then right records in record order):
   * the same file as writing {@link #persons()} with the run's persons writer, without building
   * the list of persons. Text cells are escaped against formulas unless told not to. On the
   * calling thread.
   *
   * @throws IOException if the file cannot be written
   */
  public void writePersons(Path file, boolean escapeFormulas) throws IOException {
    writePersons(file, escapeFormulas, 1);
  }

  /**
   * {@link #writePersons(Path, boolean)}; with {@code threads} of 2 or more, a large state's records
   * are written in two halves at once (the second on a thread of the common pool). The same file.
   *
   * @throws IOException if the file cannot be written
   */
  public void writePersons(Path file, boolean escapeFormulas, int threads) throws IOException {
    writePersonsSplit(file, escapeFormulas, threads > 1 ? PARALLEL_PERSONS_ROWS : Integer.MAX_VALUE);
  }

  /** {@link #writePersons(Path, boolean)}, in two halves at once from {@code splitFrom} records on. */
  void writePersonsSplit(Path file, boolean escapeFormulas, int splitFrom) throws IOException {
    long[] keys = recordsByPerson();
    org.linkage.internal.parallel.StageClock.mark("persons.csv: grouped");
    // two halves of the records at once: the second into memory on a thread of its own, written
    // after the first (a range may start within a person: each row names its person)
    int mid = keys.length < Math.max(2, splitFrom) ? keys.length : keys.length / 2;
    java.util.concurrent.CompletableFuture<java.io.ByteArrayOutputStream> second = null;
    if (mid < keys.length) {
      second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(Math.max(1 << 16, (keys.length - mid) * 32));
        try {
          writePersonRows(keys, mid, keys.length, b, escapeFormulas, false);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return b;
      });
    }
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      writePersonRows(keys, 0, mid, out, escapeFormulas, true);
      org.linkage.internal.parallel.StageClock.mark("persons.csv: first half");
      if (second != null) {
        try {
          second.join().writeTo(out);
        } catch (java.util.concurrent.CompletionException e) {
          if (e.getCause() instanceof java.io.UncheckedIOException u) {
            throw u.getCause();
          }
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
  }

  /** Records from which {@link #writePersons} writes two halves at once. */
  private static final int PARALLEL_PERSONS_ROWS = 1 << 16;

  /**
   * The lines of {@code persons.csv} for records {@code keys[from .. to)} ({@link #recordsByPerson}),
   * after the header when {@code header}.
   */
  private void writePersonRows(long[] keys, int from, int to, java.io.OutputStream out, boolean escapeFormulas,
      boolean header) throws IOException {
    int nl = leftSize();
    // bytes straight from the ids (two million rows at a million learners); an id that needs
    // quoting or escaping goes through the CSV writer's own rules; rows are assembled in one
    // buffer and written a megabyte at a time
    byte[] buf = new byte[1 << 20];
    int at = 0;
    if (header) {
      byte[] h = CsvOutput.line(false, "person_id", "side", "record_id").getBytes(StandardCharsets.UTF_8);
      System.arraycopy(h, 0, buf, 0, h.length);
      at = h.length;
    }
    byte[] left = ",left,".getBytes(StandardCharsets.US_ASCII);
    byte[] right = ",right,".getBytes(StandardCharsets.US_ASCII);
    byte[] idBytes = new byte[24];
    int idLength = 0;
    long person = -1;
    // records a batch at a time: their ids' bounds, then their ids' first bytes, read in loops of
    // independent reads (the records of a person lie anywhere in the ids), then written
    long[] spans = new long[BATCH];
    for (int b = from; b < to; b += BATCH) {
      int m = Math.min(BATCH, to - b);
      for (int i = 0; i < m; i++) {
        int node = (int) keys[b + i];
        spans[i] = node < nl ? leftIds.span(node) : rightIds.span(node - nl);
      }
      int touched = 0;
      for (int i = 0; i < m; i++) {
        int node = (int) keys[b + i];
        touched += (node < nl ? leftIds : rightIds).touch(spans[i]);
      }
      readAhead = touched;
      for (int i = 0; i < m; i++) {
        long k = keys[b + i];
        if (k >>> 32 != person) {
          // persons mostly follow one another: the next id's digits counted up in place
          idLength = person >= 0 && k >>> 32 == person + 1 ? nextPersonIdBytes(idBytes, idLength)
              : personIdBytes(k >>> 32, idBytes);
          person = k >>> 32;
        }
        int node = (int) k;
        boolean isLeft = node < nl;
        IdList ids = isLeft ? leftIds : rightIds;
        int row = isLeft ? node : node - nl;
        byte[] side = isLeft ? left : right;
        long span = spans[i];
        int need = idLength + side.length + ((int) span - (int) (span >>> 32)) + 1;
        if (at + need > buf.length) {
          out.write(buf, 0, at);
          at = 0;
          if (need > buf.length) {
            buf = new byte[need];
          }
        }
        System.arraycopy(idBytes, 0, buf, at, idLength);
        System.arraycopy(side, 0, buf, at + idLength, side.length);
        int end = ids.copyPlainCell(span, buf, at + idLength + side.length);
        if (end >= 0) {
          buf[end] = '\n';
          at = end + 1;
        } else { // the row so far is plain: the CSV writer's line for it starts with the same bytes
          String id = personId(person);
          String line = CsvOutput.line(escapeFormulas, id, isLeft ? "left" : "right", ids.id(row));
          String start = id + (isLeft ? ",left," : ",right,");
          if (!line.startsWith(start)) {
            throw new IllegalStateException("person id or side written quoted: " + line);
          }
          out.write(buf, 0, at + idLength + side.length);
          at = 0;
          out.write(line.substring(start.length()).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    out.write(buf, 0, at);
  }

  /** Number of distinct persons, without grouping records. */
  private long personCount() {
    BitSet seen = new BitSet();
    for (long p : leftPerson) {
      seen.set((int) p);
    }
    for (long p : rightPerson) {
      seen.set((int) p);
    }
    return seen.cardinality();
  }

  /**
   * Links new records into this state with its spec and model (the steps are in
   * {@code docs/incremental.md}). Either table may be {@code null} or empty. Single-threaded.
   *
   * @throws InputException if a new record's id is already in the state
   */
  public Update update(RecordTable newLeft, RecordTable newRight) {
    return update(newLeft, newRight, 1);
  }

  /**
   * As {@link #update(RecordTable, RecordTable)} on {@code threads} worker threads (at least 1): the
   * result is the same on any number of threads.
   *
   * @throws InputException if a new record's id is already in the state
   */
  public Update update(RecordTable newLeft, RecordTable newRight, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    return StateUpdate.run(this, newLeft == null ? empty(leftSource) : newLeft,
        newRight == null ? empty(rightSource) : newRight, threads);
  }

  private RecordTable empty(String source) {
    return RecordTable.builder(source, spec.columns()).build();
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
   * existing folder may hold only state files). Segments read from a folder are linked (or, across
   * file systems, copied), not written again; the records this state added are written as one new
   * segment, and {@code persons.bin} and {@code dictionaries.bin} are rewritten whole.
   *
   * @throws OutputException if the folder cannot be written
   */
  public void save(Path dir) {
    try (OutputFolder folder = OutputFolder.prepare(dir, LinkageState::isStateFile)) {
      Path tmp = folder.staging();
      ObjectNode m = JSON.createObjectNode();
      m.put("format", FORMAT);
      m.put("leftRecords", leftSize());
      m.put("rightRecords", rightSize());
      m.put("persons", personCount());
      m.put("nextPersonId", nextPersonId);
      m.put("leftSource", leftSource);
      m.put("rightSource", rightSource);
      ObjectNode capNode = m.putObject("blockCaps");
      for (int view = 0; view < 3; view++) {
        ObjectNode v = capNode.putObject(CAP_VIEWS[view]);
        for (int q = 0; q < caps[view].length; q++) {
          v.put(spec.blockingRules().get(q).name(), caps[view][q]);
        }
      }
      ArrayNode segs = m.putArray("segments");
      List<EncodedColumn> columns = new ArrayList<>(data.columns().values());
      for (int i = 0; i < parts.size(); i++) {
        Part p = parts.get(i);
        String name = StateFiles.segmentName(i + 1);
        boolean values;
        if (p.file() != null) {
          linkOrCopy(p.file(), tmp.resolve(name));
          values = p.values() != null;
          if (values) {
            linkOrCopy(p.values(), tmp.resolve(StateFiles.valuesName(name)));
          }
        } else {
          StateFiles.writeSegment(tmp.resolve(name), leftIds, rightIds, p.leftFrom(), p.leftTo(), p.rightFrom(),
              p.rightTo(), columns, p.dictFrom(), dictTo(columns, i));
          values = p.leftRaw() != null && p.leftRaw().hasValues() && p.rightRaw().hasValues();
          if (values) {
            StateFiles.writeValues(tmp.resolve(StateFiles.valuesName(name)), p.leftRaw(), 0, p.leftTo() - p.leftFrom(),
                p.rightRaw(), 0, p.rightTo() - p.rightFrom());
          }
        }
        // the blocking keys' fingerprints: linked with a saved segment, computed for a new one (and for
        // a segment of a linkage-state/4 folder, which has none)
        Path keysOut = tmp.resolve(StateFiles.keysName(name));
        if (p.keysFile() != null) {
          linkOrCopy(p.keysFile(), keysOut);
        } else {
          StateFiles.writeKeys(keysOut, spec.blockingRules(), data, p.leftFrom(), p.leftTo(), p.rightFrom(),
              p.rightTo(), java.util.concurrent.ForkJoinPool.commonPool());
        }
        ObjectNode seg = segs.addObject();
        seg.put("file", name);
        seg.put("leftRecords", p.leftTo() - p.leftFrom());
        seg.put("rightRecords", p.rightTo() - p.rightFrom());
        seg.put("values", values);
        seg.put("keys", true);
      }
      Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("spec.json"), spec.toJson() + "\n", StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("model.json"), model.toJson() + "\n", StandardCharsets.UTF_8);
      StateFiles.writePersons(tmp.resolve("persons.bin"), leftPerson, rightPerson);
      StateFiles.writeDictionaries(tmp.resolve("dictionaries.bin"), columns);
      folder.publish();
    } catch (IOException e) {
      throw new OutputException("cannot write state " + dir + ": " + OutputException.describe(e), e);
    }
  }

  /** Per column, the dictionary size after part {@code i}: where the next part continues, or the whole. */
  private int[] dictTo(List<EncodedColumn> columns, int i) {
    int[] to = new int[columns.size()];
    for (int c = 0; c < to.length; c++) {
      Dictionary d = columns.get(c).dictionary();
      to[c] = d == null ? 0 : i + 1 < parts.size() ? parts.get(i + 1).dictFrom()[c] : d.size();
    }
    return to;
  }

  /** A segment written by an earlier save is immutable: a hard link shares it, a copy where links fail. */
  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static boolean isStateFile(String name) {
    return FILES.contains(name) || StateFiles.isSegmentFile(name);
  }

  /**
   * Checks, before a run, that {@link #save} could write {@code dir}: it is not the current folder
   * or a root, is not being written by another run, and holds only state files if it exists.
   *
   * @throws InvalidSpecException or {@link OutputException} as {@link OutputFolder#prepare}
   */
  public static void checkWritable(Path dir) {
    try (OutputFolder folder = OutputFolder.prepare(dir, LinkageState::isStateFile)) {
      // prepared and released: the staging folder is removed on close
    }
  }

  /**
   * Reads a state written by {@link #save}: the segments' ids and codes in bulk (no raw values, no
   * normalising), the dictionaries, the persons.
   *
   * @throws InvalidSpecException if the folder is not a state, or of a format this version does not
   *     read (a {@code linkage-state/1} or {@code /2} folder must be re-created with this version)
   * @throws InputException if a file of it is missing or damaged (named)
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
    if (EARLIER_FORMATS.contains(format)) {
      throw new InvalidSpecException("state " + dir + " is in format " + format + " of an earlier version, which"
          + " this version no longer reads; re-create it with this version (link --persons --save-state)");
    }
    if (!FORMAT.equals(format) && !KEYLESS_FORMAT.equals(format)) {
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
    int rules = spec.blockingRules().size();
    int[][] caps = new int[3][rules];
    for (int view = 0; view < 3; view++) {
      for (int q = 0; q < rules; q++) {
        String rule = spec.blockingRules().get(q).name();
        caps[view][q] = manifest.path("blockCaps").path(CAP_VIEWS[view]).path(rule).asInt(-1);
        if (caps[view][q] <= 0) {
          throw new InputException(manifestFile + ": no blockCaps." + CAP_VIEWS[view] + " entry for rule " + rule);
        }
      }
    }
    List<ColumnSpec> specColumns = spec.columns();
    int nc = specColumns.size();
    List<List<Dictionary.Values>> values = new ArrayList<>();
    List<Map<String, DerivedTable>> derived = new ArrayList<>();
    List<List<int[]>> leftCodes = new ArrayList<>();
    List<List<int[]>> rightCodes = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      values.add(new ArrayList<>());
      derived.add(null);
      leftCodes.add(new ArrayList<>());
      rightCodes.add(new ArrayList<>());
    }
    List<IdList> lids = new ArrayList<>();
    List<IdList> rids = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    int nl = 0;
    int nr = 0;
    for (JsonNode seg : manifest.path("segments")) {
      String name = seg.path("file").asText("");
      if (!StateFiles.isSegmentFile(name) || !name.endsWith(".bin")) {
        throw new InputException(manifestFile + ": segment file name '" + name + "' is not one a state writes");
      }
      Path file = dir.resolve(name);
      StateFiles.Segment s = StateFiles.readSegment(file, specColumns);
      int[] dictFrom = new int[nc];
      for (int c = 0; c < nc; c++) {
        int expectedFrom = specColumns.get(c).type() == org.linkage.spec.ColumnType.DATE ? -1
            : values.get(c).stream().mapToInt(Dictionary.Values::size).sum();
        if (s.dictFrom()[c] != expectedFrom) {
          throw new InputException(file + ": damaged state file (does not continue the segment before it)");
        }
        dictFrom[c] = Math.max(0, expectedFrom);
        derived.set(c, DerivedTable.continued(derived.get(c), s.derived().get(c), file));
        values.get(c).add(s.added().get(c));
        leftCodes.get(c).add(s.leftCodes()[c]);
        rightCodes.get(c).add(s.rightCodes()[c]);
      }
      lids.add(s.leftIds());
      rids.add(s.rightIds());
      // the blocking keys' fingerprints, mapped (not copied): read by an update's selection
      Path keysFile = seg.path("keys").asBoolean(false) ? dir.resolve(StateFiles.keysName(name)) : null;
      java.nio.IntBuffer[][] keys = keysFile == null ? null
          : StateFiles.readKeys(keysFile, spec.blockingRules(), s.leftRows(), s.rightRows());
      parts.add(new Part(nl, nl + s.leftRows(), nr, nr + s.rightRows(), dictFrom, file,
          seg.path("values").asBoolean(false) ? dir.resolve(StateFiles.valuesName(name)) : null, null, null,
          keysFile, keys));
      nl += s.leftRows();
      nr += s.rightRows();
    }
    if (nl != manifest.path("leftRecords").asInt(-1) || nr != manifest.path("rightRecords").asInt(-1)) {
      throw new InputException(manifestFile + ": the segments hold " + nl + " + " + nr
          + " records, not the counts it gives");
    }
    org.linkage.internal.parallel.StageClock.mark("load: segments read");
    // the dictionaries' hash tables as saved (a state without dictionaries.bin hashes its values again)
    StateFiles.HashTable[] tables = null;
    Path tableFile = dir.resolve("dictionaries.bin");
    if (Files.exists(tableFile)) {
      int[] sizes = new int[nc];
      for (int c = 0; c < nc; c++) {
        sizes[c] = specColumns.get(c).type() == org.linkage.spec.ColumnType.DATE ? -1
            : values.get(c).stream().mapToInt(Dictionary.Values::size).sum();
      }
      tables = StateFiles.readDictionaries(tableFile, sizes);
    }
    // each column's dictionary and derived tables built on its own (in parallel on the common
    // pool); failures reported in column order
    Object[] built = new Object[nc];
    int rows = nl;
    int rowsRight = nr;
    StateFiles.HashTable[] saved = tables;
    java.util.stream.IntStream.range(0, nc).parallel().forEach(c -> {
      try {
        built[c] = column(specColumns.get(c), values.get(c), saved == null ? null : saved[c], leftCodes.get(c),
            rightCodes.get(c), derived.get(c), rows, rowsRight, dir, tableFile);
      } catch (RuntimeException e) {
        built[c] = e;
      }
    });
    Map<String, EncodedColumn> columns = new LinkedHashMap<>();
    for (int c = 0; c < nc; c++) {
      if (built[c] instanceof RuntimeException e) {
        throw e;
      }
      columns.put(specColumns.get(c).name(), (EncodedColumn) built[c]);
    }
    org.linkage.internal.parallel.StageClock.mark("load: dictionaries");
    long next = manifest.path("nextPersonId").asLong(-1);
    long[][] persons = StateFiles.readPersons(dir.resolve("persons.bin"), nl, nr, next);
    IdList leftIds = concatIds(lids);
    IdList rightIds = concatIds(rids);
    return new LinkageState(spec, model, caps, EncodedData.ofColumns(columns, nl, nr), leftIds, rightIds,
        manifest.path("leftSource").asText("left"), manifest.path("rightSource").asText("right"), persons[0],
        persons[1], next, parts);
  }

  /** One column of a state read back: its dictionary (none for dates), codes and derived tables, checked. */
  private static EncodedColumn column(ColumnSpec cs, List<Dictionary.Values> values, StateFiles.HashTable table,
      List<int[]> leftCodes, List<int[]> rightCodes, Map<String, DerivedTable> derived, int nl, int nr, Path dir,
      Path tableFile) {
    Dictionary dict;
    try {
      if (cs.type() == org.linkage.spec.ColumnType.DATE) {
        dict = null;
      } else if (table != null) {
        dict = Dictionary.of(Dictionary.Values.join(values), table.hashes(), table.table());
      } else {
        dict = Dictionary.of(Dictionary.Values.join(values));
      }
    } catch (IllegalArgumentException e) {
      if (table != null) {
        throw new InputException(tableFile + ": damaged state file (" + e.getMessage() + ", column " + cs.name() + ")",
            e);
      }
      throw new InputException("state " + dir + ": damaged state file (column " + cs.name()
          + " repeats a dictionary value)", e);
    }
    int[] l = concat(leftCodes, nl);
    int[] r = concat(rightCodes, nr);
    int size = dict == null ? Integer.MAX_VALUE : dict.size();
    checkCodes(l, size, dir, cs);
    checkCodes(r, size, dir, cs);
    EncodedColumn column = EncodedColumn.of(cs, dict, l, r);
    if (dict != null) {
      for (Map.Entry<String, DerivedTable> e : derived.entrySet()) {
        column.giveDerived(e.getKey(), e.getValue().read(dict.size(), dir, cs));
      }
    }
    return column;
  }

  /**
   * One derived table of a column, gathered over the segments: kept only while every segment
   * continues it (a table a segment lacks is derived again on request, which gives the same codes).
   */
  private record DerivedTable(List<Dictionary.Values> values, List<int[]> codes) {
    static Map<String, DerivedTable> continued(Map<String, DerivedTable> before,
        Map<String, StateFiles.DerivedPart> segment, Path file) {
      Map<String, DerivedTable> out = new LinkedHashMap<>();
      segment.forEach((key, part) -> {
        DerivedTable t = before == null ? new DerivedTable(new ArrayList<>(), new ArrayList<>()) : before.get(key);
        if (t == null) {
          return;
        }
        if (part.derivedFrom() != t.values.stream().mapToInt(Dictionary.Values::size).sum()) {
          throw new InputException(file + ": damaged state file (derived codes " + key
              + " do not continue the segment before it)");
        }
        t.values.add(part.added());
        t.codes.add(part.codes());
        out.put(key, t);
      });
      return out;
    }

    Dictionary.Derived read(int size, Path dir, ColumnSpec c) {
      Dictionary d;
      try {
        d = Dictionary.of(Dictionary.Values.join(values));
      } catch (IllegalArgumentException e) {
        throw new InputException("state " + dir + ": damaged state file (column " + c.name()
            + " repeats a derived value)", e);
      }
      int[] all = concat(codes, size);
      checkCodes(all, d.size(), dir, c);
      return new Dictionary.Derived(d, all);
    }
  }

  private static void checkCodes(int[] codes, int size, Path dir, ColumnSpec c) {
    for (int v : codes) {
      if (v < EncodedColumn.MISSING || v >= size) {
        throw new InputException("state " + dir + ": damaged state file (column " + c.name()
            + " has a code outside its dictionary)");
      }
    }
  }

  private static int[] concat(List<int[]> parts, int total) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int[] out = new int[total];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static IdList concatIds(List<IdList> parts) {
    IdList out = parts.isEmpty() ? IdList.of(RecordTable.builder("none", List.of()).build()) : parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.append(parts.get(i));
    }
    return out;
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

  /** Each left record's person number, in a new array of {@code length} (at least the left size; 0 past it). */
  long[] leftPersonNumbers(int length) {
    return Arrays.copyOf(leftPerson, length);
  }

  /** Each right record's person number, in a new array of {@code length} (at least the right size; 0 past it). */
  long[] rightPersonNumbers(int length) {
    return Arrays.copyOf(rightPerson, length);
  }

  /** {@code P} and the number, zero-padded to seven digits as a run numbers its persons. */
  static String personId(long number) {
    String n = Long.toString(number);
    return "P" + "0".repeat(Math.max(0, 7 - n.length())) + n;
  }

  /** {@link #personId} of {@code number} as ASCII bytes at the start of {@code out} (20 bytes at least); its length. */
  static int personIdBytes(long number, byte[] out) {
    // long arithmetic only while the number does not fit an int: the client compiler divides longs
    // in a runtime call
    int digits = 1;
    long v = number;
    for (; v > Integer.MAX_VALUE; v /= 10) {
      digits++;
    }
    for (int w = (int) v; w >= 10; w /= 10) {
      digits++;
    }
    int length = 1 + Math.max(7, digits);
    out[0] = 'P';
    int i = length - 1;
    for (v = number; v > Integer.MAX_VALUE; v /= 10) {
      out[i--] = (byte) ('0' + v % 10);
    }
    for (int w = (int) v; i >= 1; w /= 10) {
      out[i--] = (byte) ('0' + w % 10);
    }
    return length;
  }


  /**
   * The {@link #personIdBytes} of the number after the one whose id is {@code id[0 .. length)}, in
   * place (the digits counted up with their carry; past all nines, written anew); its length.
   */
  static int nextPersonIdBytes(byte[] id, int length) {
    for (int i = length - 1; i >= 1; i--) {
      if (id[i] != '9') {
        id[i]++;
        return length;
      }
      id[i] = '0';
    }
    // every digit was a nine: one digit more, a one then zeros
    id[1] = '1';
    id[length] = '0';
    return length + 1;
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

  /**
   * Equal spec, model, caps, records (ids and normalised values, in order), person ids and next
   * person id. Raw values are not compared: an update never reads them.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof LinkageState s && spec.equals(s.spec) && modelText().equals(s.modelText())
        && Arrays.deepEquals(caps, s.caps) && leftIds.sameAs(s.leftIds) && rightIds.sameAs(s.rightIds)
        && sameValues(data, s.data) && Arrays.equals(leftPerson, s.leftPerson)
        && Arrays.equals(rightPerson, s.rightPerson) && nextPersonId == s.nextPersonId;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(leftPerson) * 31 + Arrays.hashCode(rightPerson) + Long.hashCode(nextPersonId);
  }

  @Override
  public String toString() {
    return "LinkageState[" + leftSize() + " left, " + rightSize() + " right records, next person "
        + personId(nextPersonId) + "]";
  }

  private String modelText() {
    return model.toJson();
  }

  /** Same normalised value in every row of every column (codes may differ: dictionaries are compared by value). */
  private static boolean sameValues(EncodedData a, EncodedData b) {
    if (!a.columns().keySet().equals(b.columns().keySet())) {
      return false;
    }
    for (EncodedColumn x : a.columns().values()) {
      EncodedColumn y = b.column(x.name());
      for (int side = 0; side < 2; side++) {
        int[] cx = x.side(side);
        int[] cy = y.side(side);
        if (cx.length != cy.length) {
          return false;
        }
        for (int r = 0; r < cx.length; r++) {
          if (cx[r] < 0 || cy[r] < 0 || x.dictionary() == null ? cx[r] != cy[r]
              : !Arrays.equals(x.dictionary().chars(cx[r]), y.dictionary().chars(cy[r]))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  // ---- read by StateUpdate ----

  /** This state with other persons (tests build states with persons split on purpose). */
  LinkageState withPersons(long[] leftPersons, long[] rightPersons, long next) {
    return new LinkageState(spec, model, caps, data, leftIds, rightIds, leftSource, rightSource, leftPersons.clone(),
        rightPersons.clone(), next, parts);
  }

  EncodedData data() {
    return data;
  }

  IdList leftIds() {
    return leftIds;
  }

  IdList rightIds() {
    return rightIds;
  }

  /** Per comparison (across, within left, within right), each rule's cap. */
  int[][] caps() {
    return new int[][] {caps[0].clone(), caps[1].clone(), caps[2].clone()};
  }

  List<Part> parts() {
    return parts;
  }

  /** The blocking keys' fingerprints the segments read from disk hold (none for parts only in memory). */
  org.linkage.internal.state.SavedKeys savedKeys() {
    int[] l = new int[parts.size()];
    int[] r = new int[parts.size()];
    List<java.nio.IntBuffer[][]> keys = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      l[i] = p.leftTo() - p.leftFrom();
      r[i] = p.rightTo() - p.rightFrom();
      keys.add(p.keys());
    }
    return org.linkage.internal.state.SavedKeys.of(l, r, keys);
  }

  String leftSource() {
    return leftSource;
  }

  String rightSource() {
    return rightSource;
  }
}
