package org.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linkage.record.RecordTable;
import org.linkage.spec.LinkageSpec;
import org.linkage.progress.ProgressListener;

/** The stages a link reports: each started then finished, in pipeline order, with compare counts up to the left size. */
class LinkerProgressTest {
  /** Records every event as text; advanced events from workers are kept as the largest count seen. */
  static final class Recorder implements ProgressListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Long> compareCounts = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void started(String stage, long total, String unit) {
      events.add("start " + stage + " " + total);
    }

    @Override
    public void advanced(String stage, long done) {
      if (stage.equals("compare")) {
        compareCounts.add(done);
      }
    }

    @Override
    public void finished(String stage, String summary) {
      events.add("end " + stage);
    }
  }

  private static RecordTable table(String source, int n, long seed) {
    Random rnd = new Random(seed);
    RecordTable.Builder b = RecordTable.builder(source, TestTables.PERSON);
    for (int i = 0; i < n; i++) {
      Random person = new Random(i); // the same person on both sides
      String[] values = {"f" + person.nextInt(300), null, "s" + person.nextInt(500),
          String.format(Locale.ROOT, "19%02d-%02d-%02d", 60 + person.nextInt(40), 1 + person.nextInt(12),
              1 + person.nextInt(28)), person.nextBoolean() ? "m" : "f", null,
          rnd.nextInt(3) == 0 ? null : String.format(Locale.ROOT, "AB%06dC", i)};
      b.add("R" + i, values, i + 2);
    }
    return b.build();
  }

  @Test
  void link_withProgressListener_stagesInOrderAndCompareCountsReachLeftSize() {
    RecordTable left = table("left.csv", 5000, 1);
    RecordTable right = table("right.csv", 4000, 2);
    Recorder recorder = new Recorder();

    LinkageResult result = Linker.create(LinkageSpec.personDefaults()).withThreads(2).withProgress(recorder)
        .link(left, right);

    assertThat(recorder.events).containsExactly("start normalise 0", "end normalise", "start index 0", "end index",
        "start compare 5000", "end compare", "start train 0", "end train", "start decide 0", "end decide");
    // one report per chunk of 2,048 left records; workers may report out of order, but the largest is all of them
    assertThat(recorder.compareCounts).hasSize(3).contains(5000L).allMatch(c -> c > 0 && c <= 5000);
    assertThat(result.links()).isNotEmpty();
  }

  @Test
  void link_withPersons_stagesNeverNest() {
    RecordTable left = table("left.csv", 600, 1);
    RecordTable right = table("right.csv", 500, 2);
    Recorder recorder = new Recorder();
    LinkageSpec persons = LinkageSpec.personDefaults().toBuilder()
        .clustering(new org.linkage.spec.ClusteringSpec(true, true)).build();

    Linker.create(persons).withThreads(2).withProgress(recorder).link(left, right);

    // each stage ends before the next starts, including the within-side passes of clustering
    List<String> events = recorder.events;
    assertThat(events).hasSizeGreaterThan(10).endsWith("start cluster 0", "end cluster");
    for (int i = 0; i < events.size(); i += 2) {
      assertThat(events.get(i + 1)).isEqualTo("end " + events.get(i).split(" ")[1]);
    }
  }

  @Test
  void link_withAndWithoutProgress_sameLinks() {
    RecordTable left = table("left.csv", 800, 1);
    RecordTable right = table("right.csv", 700, 2);
    Linker linker = Linker.create(LinkageSpec.personDefaults()).withThreads(2);

    assertThat(linker.withProgress(new Recorder()).link(left, right).links())
        .isEqualTo(linker.link(left, right).links());
  }
}
