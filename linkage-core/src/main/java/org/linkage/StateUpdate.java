package org.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.linkage.error.InputException;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.block.LongIntHashMap;
import org.linkage.internal.rules.DeterministicCascade;
import org.linkage.spec.MatchKeySpec;
import org.linkage.internal.cluster.DateCompatibility;
import org.linkage.internal.cluster.Decisions;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.normalize.Dictionary;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.internal.normalize.Normalizers;
import org.linkage.internal.parallel.ParallelChunks;
import org.linkage.internal.stage.LinkagePlan;
import org.linkage.internal.state.IdList;
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
    checkNewIds(state.leftIds(), newLeft);
    checkNewIds(state.rightIds(), newRight);
    int ol = state.leftSize();
    int or = state.rightSize();
    int nl = ol + newLeft.size();
    int nr = or + newRight.size();
    FellegiSunterModel model = state.model();
    int[][] caps = state.caps();

    int[] dictFrom = new int[spec.columns().size()];
    EncodedData data = append(state.data(), spec.columns(), newLeft, newRight, dictFrom);
    boolean within = spec.clustering().deduplicateSides();
    // the three comparisons are independent (each on its own view; derived codes are computed once,
    // in value order, whichever thread asks first), so threads change only the time taken
    List<Step> steps = ParallelChunks.withPool(Math.max(1, threads), pool -> {
      List<long[][]> keys = ParallelChunks.map(pool, 2, 1,
          (side, end) -> UpdatePairs.keys(spec.blockingRules(), data, side));
      long[][] leftKeys = keys.get(0);
      long[][] rightKeys = keys.get(1);
      return ParallelChunks.map(pool, within ? 3 : 1, 1, (i, end) -> switch (i) {
        case 0 -> step(plan, data, model, caps[0], ol, or, false, leftKeys, rightKeys);
        case 1 -> step(plan, data.side(0), model, caps[1], ol, ol, true, leftKeys, leftKeys);
        default -> step(plan, data.side(1), model, caps[2], or, or, true, rightKeys, rightKeys);
      });
    });
    Step cross = steps.get(0);
    Step withinLeft = within ? steps.get(1) : null;
    Step withinRight = within ? steps.get(2) : null;
    IdList lids = state.leftIds().append(IdList.of(newLeft));
    IdList rids = state.rightIds().append(IdList.of(newRight));

    // edges in the numbering of all records (left rows, then nl + right row)
    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    List<Link> links = new ArrayList<>();
    Decisions d = cross.decisions;
    for (int i : d.sortedByRows()) {
      int a = d.left(i);
      int b = d.right(i);
      if (a < ol && b < or) {
        continue;
      }
      double w = cross.weight(a, b);
      edges.add(a, nl + b, d.pass(i), w);
      String method = d.pass(i) == Decisions.PROBABILISTIC ? Link.PROBABILISTIC : spec.matchKeys().get(d.pass(i)).name();
      links.add(new Link(lids.id(a), rids.id(b), FellegiSunterModel.probability(w), w, method, d.probability(i)));
    }
    long compared = cross.candidates.size();
    if (withinLeft != null) {
      addWithin(edges, withinLeft, ol, 0);
      addWithin(edges, withinRight, or, nl);
      compared += withinLeft.candidates.size() + withinRight.candidates.size();
    }

    Clusters c = cluster(state, data, plan.birthDateColumn(), edges, nl, nr);
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
    // the saved persons of each component, for merges; a saved person always ends whole in one
    Map<Long, Integer> componentOfPerson = new TreeMap<>();
    for (int v = 0; v < c.nodes.length; v++) {
      int node = c.nodes[v];
      boolean isNew = node < nl ? node >= ol : node - nl >= or;
      if (!isNew) {
        Integer before = componentOfPerson.putIfAbsent(savedPerson(state, node, nl), c.result.personOf()[v]);
        if (before != null && before != c.result.personOf()[v]) {
          throw new IllegalStateException("a saved person was split: the saved persons break the person constraints");
        }
      }
    }
    Map<Integer, List<Long>> mergedIn = new TreeMap<>();
    componentOfPerson.forEach((person, comp) -> mergedIn.computeIfAbsent(comp, k -> new ArrayList<>()).add(person));
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
      List<String> merged = mergedIn.get(comp).stream().filter(p -> p != survivor).map(LinkageState::personId)
          .toList();
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

    long[] lp = new long[nl];
    long[] rp = new long[nr];
    for (int v = 0; v < ol; v++) {
      lp[v] = state.leftPersonNumber(v);
    }
    for (int v = 0; v < or; v++) {
      rp[v] = state.rightPersonNumber(v);
    }
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
    List<LinkageState.Part> parts = new ArrayList<>(state.parts());
    if (nl > ol || nr > or) {
      parts.add(new LinkageState.Part(ol, nl, or, nr, dictFrom, null, null, newLeft, newRight));
    }
    LinkageState updated = new LinkageState(spec, model, caps, data, lids, rids, state.leftSource(),
        state.rightSource(), lp, rp, next, parts);
    return new LinkageState.Update(updated, links, changes, review, compared);
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
      RecordTable newRight, int[] dictFrom) {
    Map<String, EncodedColumn> out = new LinkedHashMap<>();
    int a = newLeft.size();
    int b = newRight.size();
    for (int c = 0; c < specs.size(); c++) {
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
      out.put(spec.name(), EncodedColumn.extending(s, dict, left, right));
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
    LongIntHashMap touched = new LongIntHashMap(Math.max(16, links.size()));
    for (int e = 0; e < links.size(); e++) {
      for (int node : new int[] {links.nodeA(e), links.nodeB(e)}) {
        boolean isNew = node < nl ? node >= ol : node - nl >= or;
        if (!isNew) {
          touched.putIfAbsent(savedPerson(state, node, nl), 0);
        }
      }
    }
    // the touched persons' records as (person << 32 | node), grouped by person in record order
    long[] keys = new long[64];
    int n = 0;
    for (int v = 0; v < ol + or; v++) {
      int node = v < ol ? v : nl + (v - ol);
      long p = savedPerson(state, node, nl);
      if (touched.size() > 0 && touched.get(p) >= 0) {
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
  private record Step(Comparison[] comparisons, CandidatePairs candidates, MatchScorer scorer, Decisions decisions) {
    double weight(int left, int right) {
      return scorer.weight(PairComparer.pattern(comparisons, left, right), left);
    }
  }

  /**
   * The rows the match-key passes need to decide as over all records every link that an update
   * keeps, and whether each candidate's records are taken: the new records and the candidates'
   * records, closed under sharing a pass key (a row sharing a key of any pass with a chosen row is
   * chosen). A few scans of the keys; no grouping of every record's keys.
   */
  static int[][] cascadeRows(List<MatchKeySpec> passes, EncodedData data, CandidatePairs candidates,
      int firstNewLeft, int firstNewRight) {
    boolean dedup = data.isDeduplication();
    int nl = data.leftSize();
    int nr = data.rightSize();
    BitSet left = new BitSet(nl);
    BitSet right = dedup ? left : new BitSet(nr);
    left.set(firstNewLeft, nl);
    right.set(firstNewRight, nr);
    for (int i = 0; i < candidates.size(); i++) {
      left.set(candidates.left(i));
      right.set(candidates.right(i));
    }
    long[][] leftKeys = new long[passes.size()][];
    long[][] rightKeys = new long[passes.size()][];
    for (int p = 0; p < passes.size(); p++) {
      leftKeys[p] = DeterministicCascade.keys(passes.get(p), data, 0);
      rightKeys[p] = dedup ? leftKeys[p] : DeterministicCascade.keys(passes.get(p), data, 1);
    }
    // a pass whose keys have not grown since its last scan would add nothing: its scan is skipped
    LongIntHashMap[] keys = new LongIntHashMap[passes.size()];
    int[] scannedWith = new int[passes.size()];
    java.util.Arrays.fill(scannedWith, -1);
    for (boolean grown = true; grown; ) {
      grown = false;
      for (int p = 0; p < passes.size(); p++) {
        if (keys[p] == null) {
          keys[p] = new LongIntHashMap(Math.max(16, left.cardinality() + (dedup ? 0 : right.cardinality())));
        }
        collect(keys[p], leftKeys[p], left);
        if (!dedup) {
          collect(keys[p], rightKeys[p], right);
        }
        if (keys[p].size() == scannedWith[p]) {
          continue;
        }
        scannedWith[p] = keys[p].size();
        grown |= extend(left, leftKeys[p], keys[p]);
        if (!dedup) {
          grown |= extend(right, rightKeys[p], keys[p]);
        }
      }
    }
    int[] l = left.stream().toArray();
    return new int[][] {l, dedup ? l : right.stream().toArray()};
  }

  private static void collect(LongIntHashMap keys, long[] rowKeys, BitSet rows) {
    for (int r = rows.nextSetBit(0); r >= 0; r = rows.nextSetBit(r + 1)) {
      if (rowKeys[r] != Blocker.NO_KEY) {
        keys.putIfAbsent(rowKeys[r], 0);
      }
    }
  }

  private static boolean extend(BitSet rows, long[] rowKeys, LongIntHashMap keys) {
    boolean grown = false;
    for (int r = 0; r < rowKeys.length; r++) {
      if (!rows.get(r) && rowKeys[r] != Blocker.NO_KEY && keys.get(rowKeys[r]) >= 0) {
        rows.set(r);
        grown = true;
      }
    }
    return grown;
  }

  private static Step step(LinkagePlan plan, EncodedData data, FellegiSunterModel model, int[] caps, int firstNewLeft,
      int firstNewRight, boolean everyPair, long[][] leftKeys, long[][] rightKeys) {
    LinkageSpec spec = plan.spec();
    Comparison[] comparisons = plan.bindComparisons(data);
    CandidatePairs candidates = UpdatePairs.compare(spec.blockingRules(), caps, data, comparisons, firstNewLeft,
        firstNewRight, leftKeys, rightKeys);
    MatchScorer scorer = MatchScorer.of(spec.comparisons(), data, model);
    List<MatchKeySpec> passes = spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys();
    int[][] rows = passes == null || passes.isEmpty() ? new int[2][]
        : cascadeRows(passes, data, candidates, firstNewLeft, firstNewRight);
    Decisions decisions = Decisions.decide(passes, data, comparisons, candidates,
        spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scorer, spec.threshold(), spec.assignment(),
        everyPair, Decisions.sidesRepeat(spec), Link.PROBABILISTIC, rows[0], rows[1], null);
    return new Step(comparisons, candidates, scorer, decisions);
  }
}
