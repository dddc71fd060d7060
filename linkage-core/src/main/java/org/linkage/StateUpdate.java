package org.linkage;

import org.linkage.internal.stage.LinkagePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.linkage.error.InputException;
import org.linkage.internal.block.Blocker;
import org.linkage.internal.cluster.DateCompatibility;
import org.linkage.internal.cluster.Decisions;
import org.linkage.internal.cluster.PersonClusterer;
import org.linkage.internal.cluster.PersonConstraints;
import org.linkage.internal.compare.CandidatePairs;
import org.linkage.internal.compare.Comparison;
import org.linkage.internal.compare.IncrementalPairs;
import org.linkage.internal.compare.PairComparer;
import org.linkage.internal.model.MatchScorer;
import org.linkage.internal.model.TermFrequencies;
import org.linkage.internal.normalize.EncodedColumn;
import org.linkage.internal.normalize.EncodedData;
import org.linkage.model.FellegiSunterModel;
import org.linkage.record.RecordTable;
import org.linkage.spec.LinkageSpec;

/**
 * {@link LinkageState#update}: new records appended to each side, encoded with the saved records
 * under the saved spec, compared only in pairs with at least one new record (cross and within each
 * side, under the spec's blocking), scored with the saved model, decided with the rules of a full
 * {@code link --persons}, and clustered under the person constraints with every saved person
 * joined first — so no saved person is ever split. Components holding several saved persons keep
 * the smallest id; components of new records only get new ids in record order.
 */
final class StateUpdate {
  /** Pass of the edges that hold saved persons together: before every link of the update. */
  private static final int SAVED = Integer.MIN_VALUE;

  private StateUpdate() {}

  static LinkageState.Update run(LinkageState state, RecordTable newLeft, RecordTable newRight) {
    LinkageSpec spec = state.spec();
    LinkagePlan plan = LinkagePlan.compile(spec);
    RecordTable oldL = state.left();
    RecordTable oldR = state.right();
    RecordTable l = append(oldL, LinkageState.withSpecColumns(spec, newLeft));
    RecordTable r = append(oldR, LinkageState.withSpecColumns(spec, newRight));
    int ol = oldL.size();
    int or = oldR.size();
    int nl = l.size();
    int nr = r.size();
    FellegiSunterModel model = state.model();

    EncodedData data = EncodedData.encode(l, r);
    Step cross = step(plan, data, model, ol, or, false);
    EncodedData leftSide = data.side(0);
    Step withinLeft = spec.clustering().deduplicateSides() ? step(plan, leftSide, model, ol, ol, true) : null;
    Step withinRight = spec.clustering().deduplicateSides() ? step(plan, data.side(1), model, or, or, true) : null;

    PersonClusterer.Edges edges = new PersonClusterer.Edges();
    glueSavedPersons(state, data, plan.birthDateColumn(), edges);
    int savedEdges = edges.size();
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
      links.add(new Link(l.id(a), r.id(b), FellegiSunterModel.probability(w), w, method, d.probability(i)));
    }
    long compared = cross.candidates.size();
    if (withinLeft != null) {
      addWithin(edges, withinLeft, ol, 0);
      addWithin(edges, withinRight, or, nl);
      compared += withinLeft.candidates.size() + withinRight.candidates.size();
    }

    PersonClusterer.Result clusters = PersonClusterer.cluster(edges, PersonConstraints.from(data, plan.birthDateColumn()));
    int[] component = clusters.personOf();
    // saved persons by component: a saved person always ends whole in one component
    Map<Integer, TreeSet<Long>> savedIn = new TreeMap<>();
    Map<Long, Integer> componentOf = new HashMap<>();
    for (int v = 0; v < ol + or; v++) {
      int node = v < ol ? v : nl + (v - ol);
      long person = v < ol ? state.leftPersonNumber(v) : state.rightPersonNumber(v - ol);
      Integer before = componentOf.putIfAbsent(person, component[node]);
      if (before != null && before != component[node]) {
        throw new IllegalStateException("a saved person was split: the saved persons break the person constraints");
      }
      savedIn.computeIfAbsent(component[node], k -> new TreeSet<>()).add(person);
    }
    int[] newRecords = new int[clusters.persons()];
    for (int v = 0; v < nl + nr; v++) {
      boolean isNew = v < nl ? v >= ol : v - nl >= or;
      if (isNew) {
        newRecords[component[v]]++;
      }
    }
    long next = state.nextPersonId();
    long[] idOfComponent = new long[clusters.persons()];
    List<LinkageState.PersonChange> changes = new ArrayList<>();
    TreeMap<Long, List<LinkageState.PersonChange>> changesById = new TreeMap<>();
    for (int c = 0; c < clusters.persons(); c++) { // components are numbered by lowest node: record order
      TreeSet<Long> saved = savedIn.get(c);
      if (saved == null) {
        idOfComponent[c] = next++;
        changesById.computeIfAbsent(idOfComponent[c], k -> new ArrayList<>()).add(new LinkageState.PersonChange(
            LinkageState.personId(idOfComponent[c]), "new", List.of(),
            newRecords[c] + " new record(s) linked to no existing person"));
        continue;
      }
      long survivor = saved.first();
      idOfComponent[c] = survivor;
      if (newRecords[c] == 0) {
        continue;
      }
      List<String> merged = saved.stream().skip(1).map(LinkageState::personId).toList();
      List<LinkageState.PersonChange> rows = changesById.computeIfAbsent(survivor, k -> new ArrayList<>());
      rows.add(new LinkageState.PersonChange(LinkageState.personId(survivor), "gained_records", merged,
          newRecords[c] + " new record(s) linked" + (merged.isEmpty() ? "" : "; " + merged.size()
              + " person(s) merged in by them")));
      for (String m : merged) {
        rows.add(new LinkageState.PersonChange(m, "merged_into", List.of(LinkageState.personId(survivor)),
            "new record(s) link it to " + LinkageState.personId(survivor) + ", the older id"));
      }
    }
    changesById.values().forEach(changes::addAll);

    long[] lp = new long[nl];
    long[] rp = new long[nr];
    for (int v = 0; v < nl; v++) {
      lp[v] = idOfComponent[component[v]];
    }
    for (int v = 0; v < nr; v++) {
      rp[v] = idOfComponent[component[nl + v]];
    }
    List<LinkageState.ReviewPair> review = new ArrayList<>();
    boolean[] kept = clusters.kept();
    for (int e = savedEdges; e < edges.size(); e++) {
      if (kept[e]) {
        continue;
      }
      int a = edges.nodeA(e);
      int b = edges.nodeB(e);
      long pa = idOfComponent[component[a]];
      long pb = idOfComponent[component[b]];
      if (pa < state.nextPersonId() || pb < state.nextPersonId()) { // touches an existing person
        review.add(new LinkageState.ReviewPair(side(a, nl), id(a, l, r, nl), side(b, nl), id(b, l, r, nl),
            LinkageState.personId(pa), LinkageState.personId(pb)));
      }
    }
    LinkageState updated = new LinkageState(spec, model, l, r, lp, rp, next);
    return new LinkageState.Update(updated, links, changes, review, compared);
  }

  /**
   * Joins each saved person's records first, as a star around a record holding the centre of the
   * person's birth dates: every group on the way then holds that centre, so the constraints (checked
   * as groups grow) accept every edge, and no saved person is split by the order of its edges.
   */
  private static void glueSavedPersons(LinkageState state, EncodedData data, String birthDate,
      PersonClusterer.Edges edges) {
    int ol = state.left().size();
    int nl = data.leftSize();
    EncodedColumn dates = birthDate == null ? null : data.column(birthDate);
    // saved records grouped by person, as (person, node) keys: a right record's node follows all left rows
    long[] keys = state.recordsByPerson();
    for (int k = 0; k < keys.length; k++) {
      int v = (int) keys[k];
      if (v >= ol) {
        keys[k] = (keys[k] >>> 32) << 32 | (nl + (v - ol));
      }
    }
    int[] d = new int[16];
    for (int start = 0; start < keys.length; ) {
      int end = start;
      while (end < keys.length && keys[end] >>> 32 == keys[start] >>> 32) {
        end++;
      }
      int hub = (int) keys[start];
      if (dates != null) {
        int n = end - start;
        if (d.length < n) {
          d = new int[n];
        }
        for (int i = 0; i < n; i++) {
          int node = (int) keys[start + i];
          d[i] = node < nl ? dates.left()[node] : dates.right()[node - nl];
        }
        for (int i = 0; i < n; i++) {
          if (d[i] != EncodedColumn.MISSING && isCentre(d, n, i)) {
            hub = (int) keys[start + i];
            break;
          }
        }
      }
      for (int k = start; k < end; k++) {
        int node = (int) keys[k];
        if (node != hub) {
          edges.add(hub, node, SAVED, 0);
        }
      }
      start = end;
    }
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

  private static String id(int node, RecordTable l, RecordTable r, int nl) {
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

  private static Step step(LinkagePlan plan, EncodedData data, FellegiSunterModel model, int firstNewLeft,
      int firstNewRight, boolean everyPair) {
    LinkageSpec spec = plan.spec();
    Comparison[] comparisons = plan.bindComparisons(data);
    Blocker blocker = Blocker.build(spec, data);
    CandidatePairs candidates = IncrementalPairs.compare(blocker, comparisons, firstNewLeft, firstNewRight);
    MatchScorer scorer = new MatchScorer(model, TermFrequencies.of(spec.comparisons(), data, model));
    Decisions decisions = Decisions.decide(spec.strategy() == LinkageSpec.Strategy.PROBABILISTIC ? null : spec.matchKeys(),
        data, comparisons, candidates, spec.strategy() == LinkageSpec.Strategy.DETERMINISTIC ? null : scorer,
        spec.threshold(), spec.assignment(), everyPair, Decisions.sidesRepeat(spec), Link.PROBABILISTIC);
    return new Step(comparisons, candidates, scorer, decisions);
  }

  /** {@code old}'s rows then {@code added}'s; an id of {@code added} already in {@code old} is refused. */
  private static RecordTable append(RecordTable old, RecordTable added) {
    RecordTable.Builder b = RecordTable.builder(old.source(), old.columns());
    String[] row = new String[old.columns().size()];
    for (RecordTable t : new RecordTable[] {old, added}) {
      for (int i = 0; i < t.size(); i++) {
        if (t == added && old.rowOf(t.id(i)) >= 0) {
          throw new InputException(added.source() + " line " + added.line(i)
              + ": record id already in the state (each record may be added once)");
        }
        for (int c = 0; c < row.length; c++) {
          row[c] = t.value(c, i);
        }
        b.add(t.id(i), row, t == old ? old.line(i) : added.line(i));
      }
    }
    return b.build();
  }
}
