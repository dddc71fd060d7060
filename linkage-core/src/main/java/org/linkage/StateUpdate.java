package org.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.linkage.error.InputException;
import org.linkage.spec.MatchKeySpec;
import org.linkage.internal.cluster.DateCompatibility;
import org.linkage.internal.cluster.Decisions;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.compare.SharedBinding;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.normalize.Normalizers;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.internal.parallel.StageClock;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.internal.state.IdList;
import org.linkage.internal.state.PassRows;
import org.linkage.internal.state.UpdatePairs;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.ColumnSpec;
import org.linkage.spec.ColumnType;
import org.linkage.spec.LinkageSpec;

/**
 * {@link LinkageState#update}: the new records encoded against the saved dictionaries (extended by
 * their new values; saved codes never change) and appended to each side, compared only in pairs
 * with at least one new record (cross and within each side, under the spec's blocking with the
 * saved caps, see {@link UpdatePairs}), scored with the saved model, decided with the rules of a
 * full {@code link --persons}, and clustered under the person constraints. Only the saved persons
 * a new link touches are clustered again, their records joined first — so no saved person is ever
 * split, and an untouched one keeps its id without being looked at. Components holding several
 * saved persons keep the smallest id; components of new records only get new ids in record order.
 */
final class StateUpdate {
  /** Pass of the edges that hold saved persons together: before every link of the update. */
  private static final int SAVED = Integer.MIN_VALUE;

  private StateUpdate() {}

  static LinkageState.Update run(LinkageState state, RecordTable newLeft, RecordTable newRight, int threads) {
    LinkageSpec spec = state.spec();
    LinkagePlan plan = LinkagePlan.compile(spec);
    LinkageState.withSpecColumns(spec, newLeft);
    LinkageState.withSpecColumns(spec, newRight);
    // each side's saved ids hashed once to refuse a new id already saved: the right side's on a
    // thread of the common pool with two or more threads (a left side's refusal is reported first)
    java.util.concurrent.CompletableFuture<Void> rightIds = threads < 2 ? null
        : java.util.concurrent.CompletableFuture.runAsync(() -> checkNewIds(state.rightIds(), newRight));
    checkNewIds(state.leftIds(), newLeft);
    if (rightIds == null) {
      checkNewIds(state.rightIds(), newRight);
    } else {
      ParallelChunks.get(rightIds);
    }
    int ol = state.leftSize();
    int or = state.rightSize();
    int nl = ol + newLeft.size();
    int nr = or + newRight.size();
    FellegiSunterModel model = state.model();
    int[][] caps = state.caps();

    int[] dictFrom = new int[spec.columns().size()];
    StageClock.mark("update start");
    EncodedData data = ParallelChunks.withPool(Math.max(1, threads),
        pool -> append(state.data(), spec.columns(), newLeft, newRight, dictFrom, pool));
    StageClock.mark("appended");
    boolean within = spec.clustering().deduplicateSides();
    List<MatchKeySpec> passes = spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC || spec.matchKeys().isEmpty()
        ? null : spec.matchKeys();
    IdList lids = state.leftIds().append(IdList.of(newLeft));
    IdList rids = state.rightIds().append(IdList.of(newRight));
    // the three comparisons are independent (each on its own view; derived codes are computed once,
    // in value order, whichever thread asks first), so threads change only the time taken. Their
    // steps (the comparisons' tables and candidate pairs, a few hundred MB at a million learners)
    // go straight to newLinks, held by no variable here: a collection during the clustering below
    // then leaves them behind instead of copying them (code run once is interpreted, and an
    // interpreted frame keeps every variable it holds reachable)
    NewLinks found = newLinks(ParallelChunks.withPool(Math.max(1, threads), pool -> {
      // the rows by match key (a task per pass), built once and shared, and the records each
      // blocking rule selects (a task per rule and side, each record's key computed as the scan
      // reaches it: no array of every record's keys per rule). The passes' tasks are queued first and
      // joined after the selection's, so the pool's threads go from one kind to the other without
      // waiting for the slowest pass
      int np = passes == null ? 0 : passes.size();
      List<java.util.concurrent.Future<Object>> passTasks = new ArrayList<>();
      for (int i = 0; i < np; i++) {
        MatchKeySpec pass = passes.get(i);
        passTasks.add(pool.submit(() -> PassRows.pass(pass, data)));
      }
      UpdatePairs.Selection selection = UpdatePairs.select(spec.blockingRules(), data, ol, or, state.savedKeys(),
          pool);
      PassRows byKey = passes == null ? null : PassRows.joined(ParallelChunks.join(passTasks), data);
      StageClock.mark("keys and pass rows");
      SharedBinding binding = new SharedBinding();
      return ParallelChunks.map(pool, within ? 3 : 1, 1, (i, end) -> switch (i) {
        case 0 -> step(plan, binding, data, model, caps[0], ol, or, false, selection, byKey, 0, 1, threads);
        case 1 -> step(plan, binding, data.side(0), model, caps[1], ol, ol, true, selection, byKey, 0, 0, threads);
        default -> step(plan, binding, data.side(1), model, caps[2], or, or, true, selection, byKey, 1, 1, threads);
      });
    }), spec, ol, or, nl, lids, rids, threads);
    PersonClusterer.Edges edges = found.edges();
    long compared = found.compared();

    StageClock.mark("edges");
    Clusters c = cluster(state, data, plan.birthDateColumn(), edges, nl, nr);
    StageClock.mark("clustered");
    long next = state.nextPersonId();
    int components = c.result.persons();
    long[] idOfComponent = new long[components];
    long[] survivorOf = new long[components];
    int[] newRecords = new int[components];
    Arrays.fill(survivorOf, -1);
    for (int v = 0; v < c.nodes.length; v++) {
      int node = c.nodes[v];
      int comp = c.result.personOf()[v];
      boolean isNew = node < nl ? node >= ol : node - nl >= or;
      if (isNew) {
        newRecords[comp]++;
      } else {
        long p = savedPerson(state, node, nl);
        survivorOf[comp] = survivorOf[comp] < 0 ? p : Math.min(survivorOf[comp], p);
      }
    }
    // the saved persons of each component, for merges; a saved person always ends whole in one:
    // (person << 32 | component) of every saved node, sorted, then each component's persons in
    // ascending order from mergedStart[comp] to mergedStart[comp + 1] of mergedPersons
    long[] personComponent = new long[c.nodes.length];
    int saved = 0;
    for (int v = 0; v < c.nodes.length; v++) {
      int node = c.nodes[v];
      boolean isNew = node < nl ? node >= ol : node - nl >= or;
      if (!isNew) {
        personComponent[saved++] = savedPerson(state, node, nl) << 32 | c.result.personOf()[v];
      }
    }
    personComponent = Arrays.copyOf(personComponent, saved);
    Arrays.sort(personComponent);
    int[] mergedStart = new int[components + 1];
    int distinct = 0;
    for (int i = 0; i < saved; i++) {
      if (i > 0 && personComponent[i] >>> 32 == personComponent[i - 1] >>> 32) {
        if (personComponent[i] != personComponent[i - 1]) {
          throw new IllegalStateException("a saved person was split: the saved persons break the person constraints");
        }
        continue;
      }
      personComponent[distinct++] = personComponent[i];
      mergedStart[(int) personComponent[i] + 1]++;
    }
    for (int comp = 0; comp < components; comp++) {
      mergedStart[comp + 1] += mergedStart[comp];
    }
    long[] mergedPersons = new long[distinct];
    int[] mergedAt = Arrays.copyOf(mergedStart, components);
    for (int i = 0; i < distinct; i++) { // ascending by person: each component's persons ascending
      mergedPersons[mergedAt[(int) personComponent[i]]++] = personComponent[i] >>> 32;
    }
    TreeMap<Long, List<LinkageState.PersonChange>> changesById = new TreeMap<>();
    for (int comp = 0; comp < components; comp++) { // components are numbered by lowest node: record order
      if (survivorOf[comp] < 0) {
        idOfComponent[comp] = next++;
        changesById.computeIfAbsent(idOfComponent[comp], k -> new ArrayList<>()).add(new LinkageState.PersonChange(
            LinkageState.personId(idOfComponent[comp]), "new", List.of(),
            newRecords[comp] + " new record(s) linked to no existing person"));
        continue;
      }
      long survivor = survivorOf[comp];
      idOfComponent[comp] = survivor;
      if (newRecords[comp] == 0) {
        continue;
      }
      List<String> others = new ArrayList<>();
      for (int i = mergedStart[comp]; i < mergedStart[comp + 1]; i++) {
        if (mergedPersons[i] != survivor) {
          others.add(LinkageState.personId(mergedPersons[i]));
        }
      }
      List<String> merged = List.copyOf(others);
      List<LinkageState.PersonChange> rows = changesById.computeIfAbsent(survivor, k -> new ArrayList<>());
      rows.add(new LinkageState.PersonChange(LinkageState.personId(survivor), "gained_records", merged,
          newRecords[comp] + " new record(s) linked" + (merged.isEmpty() ? "" : "; " + merged.size()
              + " person(s) merged in by them")));
      for (String m : merged) {
        rows.add(new LinkageState.PersonChange(m, "merged_into", List.of(LinkageState.personId(survivor)),
            "new record(s) link it to " + LinkageState.personId(survivor) + ", the older id"));
      }
    }
    List<LinkageState.PersonChange> changes = new ArrayList<>();
    changesById.values().forEach(changes::addAll);

    long[] lp = state.leftPersonNumbers(nl);
    long[] rp = state.rightPersonNumbers(nr);
    for (int v = 0; v < c.nodes.length; v++) {
      int node = c.nodes[v];
      long id = idOfComponent[c.result.personOf()[v]];
      if (node < nl) {
        lp[node] = id;
      } else {
        rp[node - nl] = id;
      }
    }
    List<LinkageState.ReviewPair> review = new ArrayList<>();
    boolean[] kept = c.result.kept();
    for (int e = c.savedEdges; e < c.edges.size(); e++) {
      if (kept[e]) {
        continue;
      }
      int a = c.nodes[c.edges.nodeA(e)];
      int b = c.nodes[c.edges.nodeB(e)];
      long pa = node(a, nl, lp, rp);
      long pb = node(b, nl, lp, rp);
      if (pa < state.nextPersonId() || pb < state.nextPersonId()) { // touches an existing person
        review.add(new LinkageState.ReviewPair(side(a, nl), id(a, lids, rids, nl), side(b, nl), id(b, lids, rids, nl),
            LinkageState.personId(pa), LinkageState.personId(pb)));
      }
    }
    StageClock.mark("persons and review");
    List<LinkageState.Part> parts = new ArrayList<>(state.parts());
    if (nl > ol || nr > or) {
      parts.add(new LinkageState.Part(ol, nl, or, nr, dictFrom, newLeft, newRight));
    }
    LinkageState updated = new LinkageState(spec, model, caps, data, lids, rids, state.leftSource(),
        state.rightSource(), lp, rp, next, parts);
    return new LinkageState.Update(updated, ParallelChunks.get(found.links()), changes, review, compared);
  }

  /**
   * The links and edges with a new record of an update's decided steps, and the pairs compared. The
   * links (their ids as text) are made while the edges are clustered: on a thread of the common pool
   * when the update has two or more threads.
   */
  private record NewLinks(PersonClusterer.Edges edges, java.util.concurrent.Future<List<Link>> links, long compared) {}

  private static NewLinks newLinks(List<Step> steps, LinkageSpec spec, int ol, int or, int nl, IdList lids,
      IdList rids, int threads) {
    StageClock.mark("steps");
    Step cross = steps.get(0);
    Step withinLeft = steps.size() > 1 ? steps.get(1) : null;
    Step withinRight = steps.size() > 1 ? steps.get(2) : null;
    // edges in the numbering of all records (left rows, then nl + right row)
    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    Decisions d = cross.decisions;
    int[] order = d.sortedByRows(ol, or); // a decision between saved records was made when the state was
    double[] weights = new double[order.length];
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      weights[k] = cross.weight(d.left(i), d.right(i));
      edges.add(d.left(i), nl + d.right(i), d.pass(i), weights[k]);
    }
    java.util.function.Supplier<List<Link>> links = () -> {
      List<Link> out = new ArrayList<>(order.length);
      for (int k = 0; k < order.length; k++) {
        int i = order[k];
        double w = weights[k];
        String method = d.pass(i) == Decisions.PROBABILISTIC ? Link.PROBABILISTIC
            : spec.matchKeys().get(d.pass(i)).name();
        out.add(new Link(lids.id(d.left(i)), rids.id(d.right(i)), FellegiSunterModel.probability(w), w, method,
            d.probability(i)));
      }
      return out;
    };
    long compared = cross.candidates.size();
    if (withinLeft != null) {
      addWithin(edges, withinLeft, ol, 0);
      addWithin(edges, withinRight, or, nl);
      compared += withinLeft.candidates.size() + withinRight.candidates.size();
    }
    return new NewLinks(edges, threads < 2 ? java.util.concurrent.CompletableFuture.completedFuture(links.get())
        : java.util.concurrent.CompletableFuture.supplyAsync(links), compared);
  }

  private static long node(int node, int nl, long[] lp, long[] rp) {
    return node < nl ? lp[node] : rp[node - nl];
  }

  private static long savedPerson(LinkageState state, int node, int nl) {
    return node < nl ? state.leftPersonNumber(node) : state.rightPersonNumber(node - nl);
  }

  private static void checkNewIds(IdList saved, RecordTable added) {
    List<String> ids = new ArrayList<>(added.size());
    for (int i = 0; i < added.size(); i++) {
      ids.add(added.id(i));
    }
    if (!saved.mayHoldAny(ids)) { // the usual case, without indexing every saved id
      return;
    }
    for (int i = 0; i < added.size(); i++) {
      if (saved.rowOf(added.id(i)) >= 0) {
        throw new InputException(added.source() + " line " + added.line(i)
            + ": record id already in the state (each record may be added once)");
      }
    }
  }

  /**
   * The saved columns with the new records' codes appended: text values normalised and interned in
   * an extended copy of the saved dictionary (new values get the next codes), dates parsed.
   * {@code dictFrom} receives each column's saved dictionary size.
   */
  private static EncodedData append(EncodedData saved, List<ColumnSpec> specs, RecordTable newLeft,
      RecordTable newRight, int[] dictFrom, java.util.concurrent.ExecutorService pool) {
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    int a = newLeft.size();
    int b = newRight.size();
    // each column on its own (a task each), then in spec order
    List<EncodedColumn> columns = ParallelChunks.map(pool, specs.size(), 1, (c, end) -> {
      ColumnSpec spec = specs.get(c);
      EncodedColumn s = saved.column(spec.name());
      int[] codes = new int[a + b];
      Dictionary dict = null;
      if (spec.type() == ColumnType.DATE) {
        for (int i = 0; i < a + b; i++) {
          String raw = i < a ? newLeft.value(c, i) : newRight.value(c, i - a);
          int d = Normalizers.date(raw, spec.format());
          codes[i] = d < 0 ? EncodedColumn.MISSING : d;
        }
        dictFrom[c] = 0;
      } else {
        String[] values = new String[a + b];
        for (int i = 0; i < a + b; i++) {
          values[i] = Normalizers.fold(spec.type(), i < a ? newLeft.value(c, i) : newRight.value(c, i - a));
        }
        dict = s.dictionary().extended(values, codes);
        dictFrom[c] = s.dictionary().size();
      }
      int[] left = Arrays.copyOf(s.left(), s.left().length + a);
      System.arraycopy(codes, 0, left, s.left().length, a);
      int[] right = Arrays.copyOf(s.right(), s.right().length + b);
      System.arraycopy(codes, a, right, s.right().length, b);
      return EncodedColumn.extending(s, dict, left, right);
    });
    for (int c = 0; c < specs.size(); c++) {
      out.put(specs.get(c).name(), columns.get(c));
    }
    return EncodedData.ofColumns(out, saved.leftSize() + a, saved.rightSize() + b);
  }

  /**
   * The clustering of an update over the records it can change: the new records and every record
   * of a saved person a new link touches, numbered in record order ({@code nodes}, ascending, so
   * ties break as over all records). Each touched saved person is joined first, as a star around a
   * record holding the centre of the person's birth dates: every group on the way then holds that
   * centre, so the constraints (checked as groups grow) accept every edge, and no saved person is
   * split by the order of its edges.
   */
  private record Clusters(int[] nodes, PersonClusterer.Edges edges, int savedEdges, PersonClusterer.Result result) {}

  private static Clusters cluster(LinkageState state, EncodedData data, String birthDate, PersonClusterer.Edges links,
      int nl, int nr) {
    int ol = state.leftSize();
    int or = state.rightSize();
    // the touched persons as a bit per person number (saved numbers are below the next id)
    long persons = state.nextPersonId();
    if (persons > Integer.MAX_VALUE - 64L) {
      throw new IllegalStateException("person numbers beyond " + Integer.MAX_VALUE + " are not supported");
    }
    long[] touched = new long[(int) ((persons + 63) >>> 6)];
    boolean any = false;
    for (int e = 0; e < links.size(); e++) {
      for (int node : new int[] {links.nodeA(e), links.nodeB(e)}) {
        boolean isNew = node < nl ? node >= ol : node - nl >= or;
        if (!isNew) {
          long p = savedPerson(state, node, nl);
          touched[(int) (p >>> 6)] |= 1L << p;
          any = true;
        }
      }
    }
    // the touched persons' records as (person << 32 | node), grouped by person in record order
    long[] keys = new long[64];
    int n = 0;
    for (int v = 0; any && v < ol + or; v++) {
      int node = v < ol ? v : nl + (v - ol);
      long p = savedPerson(state, node, nl);
      if ((touched[(int) (p >>> 6)] & (1L << p)) != 0) {
        if (n == keys.length) {
          keys = Arrays.copyOf(keys, n * 2);
        }
        keys[n++] = p << 32 | node;
      }
    }
    keys = Arrays.copyOf(keys, n);
    Arrays.sort(keys);
    int newCount = (nl - ol) + (nr - or);
    int[] nodes = new int[n + newCount];
    for (int i = 0; i < n; i++) {
      nodes[i] = (int) keys[i];
    }
    int at = n;
    for (int v = ol; v < nl; v++) {
      nodes[at++] = v;
    }
    for (int v = or; v < nr; v++) {
      nodes[at++] = nl + v;
    }
    Arrays.sort(nodes);
    EncodedColumn dates = birthDate == null ? null : data.column(birthDate);
    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    int[] d = new int[16];
    for (int start = 0; start < n; ) {
      int end = start;
      while (end < n && keys[end] >>> 32 == keys[start] >>> 32) {
        end++;
      }
      int hub = (int) keys[start];
      if (dates != null) {
        int size = end - start;
        if (d.length < size) {
          d = new int[size];
        }
        for (int i = 0; i < size; i++) {
          d[i] = dateOf(dates, (int) keys[start + i], nl);
        }
        for (int i = 0; i < size; i++) {
          if (d[i] != EncodedColumn.MISSING && isCentre(d, size, i)) {
            hub = (int) keys[start + i];
            break;
          }
        }
      }
      for (int k = start; k < end; k++) {
        int node = (int) keys[k];
        if (node != hub) {
          edges.add(Arrays.binarySearch(nodes, hub), Arrays.binarySearch(nodes, node), SAVED, 0);
        }
      }
      start = end;
    }
    int savedEdges = edges.size();
    for (int e = 0; e < links.size(); e++) {
      edges.add(Arrays.binarySearch(nodes, links.nodeA(e)), Arrays.binarySearch(nodes, links.nodeB(e)),
          links.pass(e), links.weight(e));
    }
    PersonClusterer.Result result = PersonClusterer.cluster(edges, PersonConstraints.from(data, birthDate, nodes));
    return new Clusters(nodes, edges, savedEdges, result);
  }

  private static int dateOf(EncodedColumn dates, int node, int nl) {
    return node < nl ? dates.left()[node] : dates.right()[node - nl];
  }

  private static boolean isCentre(int[] dates, int n, int i) {
    for (int k = 0; k < n; k++) {
      if (dates[k] != EncodedColumn.MISSING && !DateCompatibility.compatible(dates[i], dates[k])) {
        return false;
      }
    }
    return true;
  }

  private static String side(int node, int nl) {
    return node < nl ? "left" : "right";
  }

  private static String id(int node, IdList l, IdList r, int nl) {
    return node < nl ? l.id(node) : r.id(node - nl);
  }

  private static void addWithin(PersonClusterer.Edges edges, Step s, int firstNew, int offset) {
    Decisions d = s.decisions;
    for (int i = 0; i < d.size(); i++) {
      int a = d.left(i);
      int b = d.right(i);
      if (a < firstNew && b < firstNew) {
        continue;
      }
      edges.add(a + offset, b + offset, d.pass(i), s.weight(a, b));
    }
  }

  /** One comparison of the update: the pairs with a new record, scored and decided. */
  private record Step(PairComparer.PatternOf patterns, CandidatePairs candidates, MatchScorer scorer,
      Decisions decisions) {
    double weight(int left, int right) {
      return scorer.weight(patterns.of(left, right), left);
    }
  }

  /**
   * The rows the match-key passes need to decide as over all records every link that an update
   * keeps, and whether each candidate's records are taken: the new records and the candidates'
   * records, closed under sharing a pass key (a row sharing a key of any pass with a chosen row is
   * chosen). Groups the rows by key first; an update groups them once and shares them.
   */
  static int[][] cascadeRows(List<MatchKeySpec> passes, EncodedData data, CandidatePairs candidates,
      int firstNewLeft, int firstNewRight) {
    boolean dedup = data.isDeduplication();
    return cascadeRows(PassRows.of(passes, data), 0, dedup ? 0 : 1, candidates, firstNewLeft, firstNewRight);
  }

  /**
   * {@link #cascadeRows(List, EncodedData, CandidatePairs, int, int)} over rows grouped by key: the
   * comparison's left records are side {@code leftSide} of {@code byKey} and its right ones side
   * {@code rightSide} (the same side in deduplication). Each chosen row's groups are added whole,
   * once per group, so the work grows with the rows chosen, not with the scans of the history.
   */
  static int[][] cascadeRows(PassRows byKey, int leftSide, int rightSide, CandidatePairs candidates,
      int firstNewLeft, int firstNewRight) {
    return closure(byKey, leftSide, rightSide, (stack, left, right, dedup) -> {
      for (int i = 0; i < candidates.size(); i++) {
        stack.choose(left, candidates.left(i), false);
        stack.choose(right, candidates.right(i), !dedup);
      }
    }, firstNewLeft, firstNewRight);
  }

  /**
   * {@link #cascadeRows(PassRows, int, int, CandidatePairs, int, int)} of the pairs an update
   * generated and has not compared yet: the same rows, so the closure can be found while they are
   * compared.
   */
  static int[][] cascadeRows(PassRows byKey, int leftSide, int rightSide, UpdatePairs.Pairs pairs, int firstNewLeft,
      int firstNewRight) {
    return closure(byKey, leftSide, rightSide, (stack, left, right, dedup) -> {
      for (int q = 0; q < pairs.lists(); q++) {
        int[] l = pairs.left(q);
        int[] r = pairs.right(q);
        for (int i = 0; i < pairs.size(q); i++) {
          stack.choose(left, l[i], false);
          stack.choose(right, r[i], !dedup);
        }
      }
    }, firstNewLeft, firstNewRight);
  }

  /** The candidates' rows chosen into a closure's start: left rows into {@code left}, right rows into {@code right}. */
  private interface Seeds {
    void choose(RowStack stack, long[] left, long[] right, boolean dedup);
  }

  private static int[][] closure(PassRows byKey, int leftSide, int rightSide, Seeds seeds, int firstNewLeft,
      int firstNewRight) {
    boolean dedup = leftSide == rightSide;
    int nl = byKey.size(leftSide);
    int nr = byKey.size(rightSide);
    // chosen rows as bits (plain words: BitSet's checks per call were a tenth of this)
    long[] left = new long[(nl + 63) >>> 6];
    long[] right = dedup ? left : new long[(nr + 63) >>> 6];
    // rows chosen but not yet expanded: left rows as r, right rows as ~r (dedup: all as r)
    RowStack stack = new RowStack();
    for (int r = firstNewLeft; r < nl; r++) {
      stack.choose(left, r, false);
    }
    for (int r = firstNewRight; r < nr; r++) {
      stack.choose(right, r, !dedup);
    }
    seeds.choose(stack, left, right, dedup);
    int passes = byKey.passes();
    long[][] done = new long[passes][];
    // each pass's arrays read once here, not through accessors per row and group
    int[][] leftGroupOf = new int[passes][];
    int[][] rightGroupOf = new int[passes][];
    int[][] leftStarts = new int[passes][];
    int[][] rightStarts = new int[passes][];
    int[][] leftRows = new int[passes][];
    int[][] rightRows = new int[passes][];
    for (int p = 0; p < passes; p++) {
      done[p] = new long[(byKey.groups(p) + 63) >>> 6];
      leftGroupOf[p] = byKey.groupsOf(p, leftSide);
      rightGroupOf[p] = byKey.groupsOf(p, rightSide);
      leftStarts[p] = byKey.starts(p, leftSide);
      rightStarts[p] = byKey.starts(p, rightSide);
      leftRows[p] = byKey.rows(p, leftSide);
      rightRows[p] = byKey.rows(p, rightSide);
    }
    // while many rows are chosen at a time (the candidates' rows are a large share of every record),
    // in rounds over every row in order: each chosen row's groups marked, then every row of a
    // marked group chosen, so all a marked group's rows are chosen (it is done). Reading the rows in
    // order beat expanding them one by one, each a cache miss in arrays of every record
    int rows = nl + (dedup ? 0 : nr);
    for (int round = 0; stack.size > rows / SEQUENTIAL_SHARE; round++) {
      for (int p = 0; p < passes; p++) {
        if (round == 0) { // the seeds, in no order: every chosen row's group, in row order
          markGroups(left, leftGroupOf[p], done[p]);
          if (!dedup) {
            markGroups(right, rightGroupOf[p], done[p]);
          }
        } else { // the rows the last round chose, in row order (each side's, each pass's)
          for (int i = 0; i < stack.size; i++) {
            int v = stack.rows[i];
            int g = v >= 0 ? leftGroupOf[p][v] : rightGroupOf[p][~v];
            if (g >= 0) {
              done[p][g >>> 6] |= 1L << g;
            }
          }
        }
      }
      stack.size = 0;
      chooseMarked(left, leftGroupOf, done, stack, false);
      if (!dedup) {
        chooseMarked(right, rightGroupOf, done, stack, true);
      }
    }
    // rows taken from the stack a batch at a time: their groups, then the groups' bounds, each in a
    // loop of independent reads (rows and groups lie anywhere in arrays of every record), then the
    // groups' rows chosen; the chosen set does not depend on the order rows are expanded in
    int[] groups = new int[BATCH * passes];
    int[] bounds = new int[BATCH * passes * 4];
    while (stack.size > 0) {
      int m = Math.min(BATCH, stack.size);
      stack.size -= m;
      int[] batch = stack.rows;
      int base = stack.size;
      for (int i = 0; i < m; i++) {
        int v = batch[base + i];
        int row = v >= 0 ? v : ~v;
        for (int p = 0; p < passes; p++) {
          groups[i * passes + p] = (v >= 0 ? leftGroupOf[p] : rightGroupOf[p])[row];
        }
      }
      // each group once: a group already expanded, before or by an earlier row of the batch, is -1
      for (int i = 0; i < m * passes; i++) {
        int g = groups[i];
        if (g < 0) {
          continue;
        }
        int p = i % passes;
        long[] d = done[p];
        long bit = 1L << g;
        if ((d[g >>> 6] & bit) != 0) {
          groups[i] = -1;
          continue;
        }
        d[g >>> 6] |= bit;
        bounds[4 * i] = leftStarts[p][g];
        bounds[4 * i + 1] = leftStarts[p][g + 1];
        if (!dedup) {
          bounds[4 * i + 2] = rightStarts[p][g];
          bounds[4 * i + 3] = rightStarts[p][g + 1];
        }
      }
      // the batch's slots of the stack are free now: chosen rows are pushed over them
      for (int i = 0; i < m * passes; i++) {
        if (groups[i] >= 0) {
          int p = i % passes;
          stack.chooseAll(leftRows[p], bounds[4 * i], bounds[4 * i + 1], left, false);
          if (!dedup) {
            stack.chooseAll(rightRows[p], bounds[4 * i + 2], bounds[4 * i + 3], right, true);
          }
        }
      }
    }
    int[] l = rowsOf(left);
    return new int[][] {l, dedup ? l : rowsOf(right)};
  }

  /** Rows of the cascade's closure expanded at a time. */
  private static final int BATCH = 16;

  /**
   * The closure reads every row in order while more than one row in this many waits to be
   * expanded; then it expands the rows left one by one.
   */
  private static final int SEQUENTIAL_SHARE = 64;

  /** Marks in {@code marked} the group in {@code groupOf} of every row whose bit is set in {@code chosen}. */
  private static void markGroups(long[] chosen, int[] groupOf, long[] marked) {
    // row by row, not bit by bit: most rows are chosen, and the client compiler, which compiles a
    // short update, calls numberOfTrailingZeros rather than using the instruction
    for (int r = 0; r < groupOf.length; r++) {
      int g = groupOf[r];
      if (g >= 0 && (chosen[r >>> 6] & (1L << r)) != 0) {
        marked[g >>> 6] |= 1L << g;
      }
    }
  }

  /**
   * Chooses every row not yet chosen with a group marked in some pass (its bit set in
   * {@code chosen} and the row pushed onto {@code stack}).
   */
  private static void chooseMarked(long[] chosen, int[][] groupOf, long[][] marked, RowStack stack,
      boolean rightSide) {
    int n = groupOf[0].length;
    for (int p = 0; p < groupOf.length; p++) {
      int[] groups = groupOf[p];
      long[] m = marked[p];
      for (int r = 0; r < n; r++) {
        if ((chosen[r >>> 6] & (1L << r)) == 0) {
          int g = groups[r];
          if (g >= 0 && (m[g >>> 6] & (1L << g)) != 0) {
            stack.choose(chosen, r, rightSide);
          }
        }
      }
    }
  }

  /** The rows whose bits are set, ascending. */
  private static int[] rowsOf(long[] bits) {
    int n = 0;
    for (long w : bits) {
      n += Long.bitCount(w);
    }
    int[] out = new int[n];
    int at = 0;
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      // bit by bit (most are set): the client compiler calls numberOfTrailingZeros
      for (int b = 0; word != 0; b++, word >>>= 1) {
        if ((word & 1) != 0) {
          out[at++] = (w << 6) + b;
        }
      }
    }
    return out;
  }

  /** Rows chosen and not yet expanded: left rows as r, right rows as ~r. */
  private static final class RowStack {
    int[] rows = new int[1024];
    int size;

    void choose(long[] chosen, int r, boolean rightSide) {
      long bit = 1L << r;
      int w = r >>> 6;
      if ((chosen[w] & bit) != 0) {
        return;
      }
      chosen[w] |= bit;
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      rows[size++] = rightSide ? ~r : r;
    }

    /** {@link #choose} of {@code rows[from .. to)}. */
    void chooseAll(int[] rows, int from, int to, long[] chosen, boolean rightSide) {
      if (size + (to - from) > this.rows.length) {
        this.rows = Arrays.copyOf(this.rows, Math.max(this.rows.length * 2, size + (to - from)));
      }
      int[] stack = this.rows;
      int n = size;
      for (int i = from; i < to; i++) {
        int r = rows[i];
        long bit = 1L << r;
        int w = r >>> 6;
        if ((chosen[w] & bit) == 0) {
          chosen[w] |= bit;
          stack[n++] = rightSide ? ~r : r;
        }
      }
      size = n;
    }
  }

  private static Step step(LinkagePlan plan, SharedBinding binding, EncodedData data, FellegiSunterModel model,
      int[] caps, int firstNewLeft, int firstNewRight, boolean everyPair, UpdatePairs.Selection selection,
      PassRows byKey, int leftSide, int rightSide, int threads) {
    LinkageSpec spec = plan.spec();
    String view = leftSide != rightSide ? "cross" : leftSide == 0 ? "left" : "right";
    // the within-left comparison, bound while the cross comparison binds, binds last first: the two
    // then compute different shared tables at once
    Comparison[] comparisons = plan.bindComparisons(data, binding, "left".equals(view));
    StageClock.mark(view + " bound");
    UpdatePairs.Pairs pairs = UpdatePairs.prepare(spec.blockingRules(), caps, data, firstNewLeft, firstNewRight,
        selection, leftSide, rightSide);
    List<MatchKeySpec> passes = spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys();
    // the cascade's rows depend only on which rows the pairs hold: with two or more threads found on
    // a thread of the common pool while the pairs are compared (the comparison ending last then
    // ends sooner)
    boolean cascade = passes != null && !passes.isEmpty();
    java.util.concurrent.CompletableFuture<int[][]> closure = !cascade || threads < 2 ? null
        : java.util.concurrent.CompletableFuture.supplyAsync(
            () -> cascadeRows(byKey, leftSide, rightSide, pairs, firstNewLeft, firstNewRight));
    CandidatePairs candidates = pairs.compare(comparisons, firstNewLeft, threads > 1);
    StageClock.mark(view + " compared " + candidates.size());
    MatchScorer scorer = MatchScorer.of(spec.comparisons(), data, model);
    int[][] rows;
    if (!cascade) {
      rows = new int[2][];
    } else if (closure == null) {
      rows = cascadeRows(byKey, leftSide, rightSide, pairs, firstNewLeft, firstNewRight);
    } else {
      rows = ParallelChunks.get(closure);
    }
    StageClock.mark(view + " cascade rows " + (rows[0] == null ? 0 : rows[0].length + rows[1].length));
    Decisions decisions = Decisions.decide(passes, data, comparisons, candidates,
        spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scorer, spec.threshold(), spec.assignment(),
        everyPair, Decisions.sidesRepeat(spec), Link.PROBABILISTIC, rows[0], rows[1],
        byKey == null ? null : byKey.keyGroups(leftSide, rightSide), null);
    StageClock.mark(view + " decided");
    return new Step(PairComparer.patterns(comparisons), candidates, scorer, decisions);
  }
}
