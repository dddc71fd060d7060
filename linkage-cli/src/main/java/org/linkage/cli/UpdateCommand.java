package org.linkage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.linkage.LinkageState;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;
import org.linkage.internal.eval.PersonEvaluation;
import org.linkage.internal.io.CsvOutput;
import org.linkage.internal.io.OutputFolder;
import org.linkage.internal.output.OutputWriter;
import org.linkage.progress.ProgressListener;
import org.linkage.record.CsvOptions;
import org.linkage.record.ReadResult;
import org.linkage.record.ReadResult.Rejection;
import org.linkage.spec.LinkageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linkage update}: link new records into a saved state with its spec and model. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Add new records to a state saved by 'link --persons --save-state': they are compared with the saved "
        + "records they share a block with and with each other, scored with the saved model (no retraining), and "
        + "joined to existing persons or given new person ids. Writes links.csv (new links), persons.csv (every "
        + "record), person_changes.csv and review.csv into --out (docs/incremental.md).")
final class UpdateCommand implements Callable<Integer> {
  /** The files an update writes; an existing output folder may hold only these. */
  static final Set<String> FILES = Set.of("links.csv", "persons.csv", "person_changes.csv", "review.csv",
      "rejected.csv");

  @Spec
  CommandSpec cmd;

  @Option(names = "--state", required = true, paramLabel = "DIR", description = "State folder to add to.")
  Path state;

  @Option(names = "--left", description = "New left records (CSV, the spec's columns).")
  Path left;

  @Option(names = "--right", description = "New right records (CSV, the spec's columns).")
  Path right;

  @Option(names = "--spec", description = "Spec JSON: refused (exit 2) unless it is the state's own.")
  Path specFile;

  @Option(names = "--out", required = true, description = "Output folder, replaced as a whole when the update succeeds.")
  Path out;

  @Option(names = "--save-state", paramLabel = "DIR", description = "Save the updated state here (may be --state).")
  Path saveState;

  @Option(names = "--truth-persons", description = "truth_persons.csv: print person-level precision and recall of "
      + "persons.csv against the truth of the records in the state.")
  Path truthPersons;

  @Option(names = "--threads", converter = ThreadCount.class,
      description = "Worker threads, at least 1 (default: all processors); outputs do not depend on it.")
  Integer threads;

  @Option(names = "--strict", description = "Stop at the first bad row (exit 3) instead of rejecting it.")
  boolean strict;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (warnings and errors still show).")
  boolean quiet;

  @Mixin
  CsvReadOptions reading;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    if (left == null && right == null) {
      throw new InvalidSpecException("update: give --left, --right or both (the new records)");
    }
    DedupCommand.PersonOptions.checkTruth(truthPersons);
    LinkageSpec expected = specFile == null ? null : LinkageSpec.fromJson(specFile);
    org.linkage.internal.parallel.StageClock.mark("start");
    CsvOptions csv = reading.csvOptions(strict);
    CompletableFuture<EarlyRead> early = readEarly(csv);
    LinkageState saved;
    try {
      saved = LinkageState.load(state, expected);
    } catch (RuntimeException e) {
      early.cancel(false);
      throw e;
    }
    org.linkage.internal.parallel.StageClock.mark("loaded");
    if (saveState != null) {
      LinkageState.checkWritable(saveState);
    }
    LinkageSpec spec = saved.spec();
    LinkageState.Update update;
    try (ProgressLine progress = ProgressLine.open(quiet); OutputFolder folder = OutputFolder.prepare(out, FILES)) {
      EarlyRead read = early.handle((r, e) -> e == null ? r : null).join();
      ReadResult newLeft;
      ReadResult newRight;
      if (read != null && read.spec().equals(spec)) {
        newLeft = read.left() == null ? null : Inputs.notes(read.left());
        newRight = read.right() == null ? null : Inputs.notes(read.right());
      } else { // the early read failed (or read under another spec): read here, so it fails as it always did
        newLeft = left == null ? null : Inputs.readOne(spec, left, csv, progress);
        newRight = right == null ? null : Inputs.readOne(spec, right, csv, progress);
      }
      org.linkage.internal.parallel.StageClock.mark("read new");
      progress.started("update", 0, null);
      update = saved.update(newLeft == null ? null : newLeft.table(), newRight == null ? null : newRight.table(),
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
      progress.finished("update", "compared " + update.comparedPairs() + " pairs with a new record; "
          + update.links().size() + " new links");
      org.linkage.internal.parallel.StageClock.mark("updated");
      write(folder, update, newLeft, newRight, output.escapeFormulas(),
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
      org.linkage.internal.parallel.StageClock.mark("written");
      if (saveState != null) {
        update.state().save(saveState);
      }
    }
    PrintWriter o = cmd.commandLine().getOut();
    Map<String, Long> byChange = new java.util.TreeMap<>();
    update.changes().forEach(c -> byChange.merge(c.change(), 1L, Long::sum));
    o.printf(Locale.ROOT, "update: %d left + %d right records in the state, %d new links, person changes %s, "
        + "%d refused link(s) for review, %.1f s%n", update.state().leftSize(), update.state().rightSize(),
        update.links().size(), byChange, update.review().size(), (System.nanoTime() - t0) / 1e9);
    if (truthPersons != null) {
      Map<String, String> predicted = PersonEvaluation.read(out.resolve("persons.csv"));
      Map<String, String> truth = new HashMap<>(PersonEvaluation.read(truthPersons));
      truth.keySet().retainAll(predicted.keySet()); // records not added yet are not a miss
      o.println(PersonEvaluation.of(predicted, truth).summary());
    }
    return 0;
  }

  /** The new records read under the state's own spec file, before the state was loaded. */
  private record EarlyRead(LinkageSpec spec, ReadResult left, ReadResult right) {}

  /**
   * Reads the new records on a second thread while the state loads (reading them takes about a
   * third of the load's time), under the state folder's {@code spec.json}; notes are printed when
   * they are taken, after the load. A failure here is not reported: the records are then read again
   * after the load, which reports it as before.
   */
  private CompletableFuture<EarlyRead> readEarly(CsvOptions csv) {
    return CompletableFuture.supplyAsync(() -> {
      LinkageSpec s;
      try {
        s = LinkageSpec.fromJson(state.resolve("spec.json"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      // the right file on a thread of its own: the state's load takes less time than reading both
      CompletableFuture<ReadResult> r = right == null ? CompletableFuture.completedFuture(null)
          : CompletableFuture.supplyAsync(() -> Inputs.readQuietly(s, right, csv, ProgressListener.NONE),
              UpdateCommand::daemon);
      ReadResult l = left == null ? null : Inputs.readQuietly(s, left, csv, ProgressListener.NONE);
      return new EarlyRead(s, l, r.join());
    }, UpdateCommand::daemon);
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "linkage-read-new");
    t.setDaemon(true);
    t.start();
  }

  private static void write(OutputFolder folder, LinkageState.Update update, ReadResult newLeft, ReadResult newRight,
      boolean escape, int threads) {
    Path tmp = folder.staging();
    // persons.csv lists every record: on a second thread (when given) while the small files are written
    java.util.concurrent.CompletableFuture<Void> persons = new java.util.concurrent.CompletableFuture<>();
    Runnable writePersons = () -> {
      try {
        update.state().writePersons(tmp.resolve("persons.csv"), escape, threads);
        org.linkage.internal.parallel.StageClock.mark("persons.csv");
        persons.complete(null);
      } catch (IOException | RuntimeException e) {
        persons.completeExceptionally(e);
      }
    };
    if (threads > 1) {
      Thread t = new Thread(writePersons, "linkage-persons-csv");
      t.setDaemon(true);
      t.start();
    } else {
      writePersons.run();
    }
    try {
      OutputWriter.writeLinks(tmp.resolve("links.csv"), update.links(), escape);
      writeChanges(tmp.resolve("person_changes.csv"), update.changes(), escape);
      writeReview(tmp.resolve("review.csv"), update.review(), escape);
      List<Rejection> rejections = new java.util.ArrayList<>();
      if (newLeft != null) {
        rejections.addAll(newLeft.rejections());
      }
      if (newRight != null) {
        rejections.addAll(newRight.rejections());
      }
      OutputWriter.writeRejections(tmp.resolve("rejected.csv"), rejections, escape);
    } catch (IOException e) {
      persons.exceptionally(x -> null).join(); // done with the staging folder before it is removed
      throw new OutputException("cannot write outputs to " + folder.target() + ": " + OutputException.describe(e), e);
    }
    try {
      persons.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new OutputException("cannot write outputs to " + folder.target() + ": " + OutputException.describe(io), io);
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    folder.publish();
  }

  private static void writeChanges(Path file, List<LinkageState.PersonChange> changes, boolean escape)
      throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("person_id", "change", "other_ids", "reason");
      for (LinkageState.PersonChange c : changes) {
        p.row(c.personId(), c.change(), String.join(" ", c.otherIds()), c.reason());
      }
    }
  }

  private static void writeReview(Path file, List<LinkageState.ReviewPair> review, boolean escape)
      throws IOException {
    try (CsvOutput p = CsvOutput.open(file, escape)) {
      p.header("side_a", "id_a", "person_a", "side_b", "id_b", "person_b");
      for (LinkageState.ReviewPair r : review) {
        p.row(r.sideA(), r.idA(), r.personA(), r.sideB(), r.idB(), r.personB());
      }
    }
  }
}
