package org.linkage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linkage.cli.CliEndToEndTest.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linkage.cli.CliEndToEndTest.Run;
import org.linkage.internal.io.OutputFolder;
import org.linkage.testkit.generate.GeneratorSpec;
import org.linkage.testkit.generate.PopulationGenerator;

/**
 * Faults while a run writes its outputs: a full disk, a read-only folder, a mount point as
 * {@code --out}, SIGKILL at random points of a 20k-record run and SIGTERM. After each, the output
 * folder holds exactly one whole run (the earlier or the new one) and, once the next run of the
 * same folder has started, nothing else. The filesystem cases mount a small tmpfs and are skipped
 * where that is not permitted (not root); the kill cases start the command line in a child JVM.
 */
class FaultInjectionTest {
  /** Their contents hold timings, so they are compared by name only. */
  static final List<String> TIMED = List.of("report.json", "report.html");

  @TempDir
  static Path dir;
  static Path smallLeft;
  static Path smallRight;
  static Path bigLeft;
  static Path bigRight;

  @BeforeAll
  static void generate() {
    PopulationGenerator.create(GeneratorSpec.builder().learners(300).seed(2).build()).writeTo(dir.resolve("small"));
    smallLeft = dir.resolve("small/education.csv");
    smallRight = dir.resolve("small/labour.csv");
    // about 10k records a side: the 20k-record run of the kill tests
    PopulationGenerator.create(GeneratorSpec.builder().learners(10_000).seed(3).build()).writeTo(dir.resolve("big"));
    bigLeft = dir.resolve("big/education.csv");
    bigRight = dir.resolve("big/labour.csv");
  }

  /** File name → content digest (name only for timed files): one run's whole output. */
  static Map<String, String> snapshot(Path out) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path f : s.toList()) {
        String name = f.getFileName().toString();
        m.put(name, TIMED.contains(name) ? "" : HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static Run link(Path left, Path right, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("link", "--left", left.toString(), "--right", right.toString(),
        "--out", out.toString(), "--threads", "1"));
    args.addAll(Arrays.asList(extra));
    return cli(args.toArray(String[]::new));
  }

  static boolean sh(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Mounts a tmpfs of {@code size} at a new folder, or skips the test with the reason. */
  static Path mountTmpfs(String name, String size) throws IOException {
    Path mnt = Files.createDirectories(dir.resolve(name));
    assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()),
        "mounting a tmpfs is not permitted here (needs root): filesystem fault case skipped");
    return mnt;
  }

  static void unmount(Path mnt) {
    sh("umount", "-l", mnt.toString());
  }

  @Test
  void diskFull_secondRun_exit4EarlierRunKeptNoLeftovers() throws IOException {
    Path mnt = mountTmpfs("full-fs", "4m");
    try {
      Path out = mnt.resolve("r");
      Run first = link(smallLeft, smallRight, out, "--persons");
      assertThat(first.exit()).as(first.err()).isZero();
      Map<String, String> before = snapshot(out);
      fill(mnt.resolve("filler"), 24 * 1024);
      Run full = link(smallLeft, smallRight, out, "--strategy", "deterministic");
      assertThat(full.exit()).as(full.err()).isEqualTo(4);
      assertThat(full.err()).contains("no space left on device").contains("r").doesNotContain("\tat ");
      assertThat(snapshot(out)).isEqualTo(before);
      assertThat(names(mnt)).containsExactly("filler", "r");
    } finally {
      unmount(mnt);
    }
  }

  /** Fills the filesystem holding {@code file}, then frees {@code slack} bytes. */
  static void fill(Path file, int slack) throws IOException {
    byte[] block = new byte[16 * 1024];
    try (OutputStream o = Files.newOutputStream(file)) {
      while (true) {
        o.write(block);
      }
    } catch (IOException full) {
      // the filesystem is full
    }
    long size = Files.size(file);
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(Math.max(0, size - slack));
    }
  }

  @Test
  void mountPointAsOut_exit4BeforeReadingInputs() throws IOException {
    Path mnt = mountTmpfs("mount-point", "1m");
    try {
      Files.writeString(mnt.resolve("links.csv"), "left_id,right_id\n");
      Run r = cli("link", "--left", "absent-left.csv", "--right", "absent-right.csv", "--out", mnt.toString());
      assertThat(r.exit()).as(r.err()).isEqualTo(4);
      assertThat(r.err()).contains("mount point").contains(mnt.resolve("results").toString());
      assertThat(names(mnt)).containsExactly("links.csv");
    } finally {
      unmount(mnt);
    }
  }

  @Test
  void readOnlyFolder_exit4BeforeReadingInputsEarlierRunKept() throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path parent;
    Runnable makeReadOnly;
    Runnable undo;
    if (root) { // permissions do not bind root: a read-only filesystem does
      Path mnt = mountTmpfs("ro-fs", "4m");
      parent = mnt;
      makeReadOnly = () -> assertThat(sh("mount", "-o", "remount,ro", mnt.toString())).isTrue();
      undo = () -> unmount(mnt);
    } else {
      Path p = Files.createDirectories(dir.resolve("ro-dir"));
      parent = p;
      makeReadOnly = () -> setPermissions(p, "r-xr-xr-x");
      undo = () -> setPermissions(p, "rwxr-xr-x");
    }
    try {
      Path out = parent.resolve("r");
      assertThat(link(smallLeft, smallRight, out).exit()).isZero();
      Map<String, String> before = snapshot(out);
      makeReadOnly.run();
      Run r = cli("link", "--left", "absent-left.csv", "--right", "absent-right.csv", "--out", out.toString());
      assertThat(r.exit()).as(r.err()).isEqualTo(4);
      assertThat(r.err()).contains(out.toString()).containsAnyOf("read-only file system", "permission denied");
      assertThat(link(smallLeft, smallRight, out).exit()).isEqualTo(4);
      assertThat(snapshot(out)).isEqualTo(before);
      assertThat(names(parent)).containsExactly("r");
    } finally {
      undo.run();
    }
  }

  static void setPermissions(Path p, String perms) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The command line in a child JVM, its stderr and stdout to {@code log}. */
  static Process start(Path out, Path log, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "link",
        "--left", bigLeft.toString(), "--right", bigRight.toString(), "--out", out.toString(), "--threads", "2"));
    cmd.addAll(Arrays.asList(extra));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void assertWholeRun(Path out, Map<String, String> old, Map<String, String> fresh) throws IOException {
    assertThat(snapshot(out)).satisfiesAnyOf(s -> assertThat(s).isEqualTo(old), s -> assertThat(s).isEqualTo(fresh));
  }

  @Test
  void sigkillAtRandomPoints_folderAlwaysOneWholeRun() throws Exception {
    Path runs = Files.createDirectories(dir.resolve("kill"));
    Path out = runs.resolve("r");
    assertThat(link(bigLeft, bigRight, out, "--strategy", "deterministic").exit()).isZero();
    Map<String, String> old = snapshot(out);
    Path ref = runs.resolve("reference");
    long t0 = System.nanoTime();
    Process whole = start(ref, runs.resolve("reference.log"), "--persons", "--strategy", "deterministic");
    assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(whole.exitValue()).as(Files.readString(runs.resolve("reference.log"))).isZero();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    Map<String, String> fresh = snapshot(ref);
    assertThat(fresh).isNotEqualTo(old).containsKey("persons.csv");

    Random random = new Random(20_000);
    for (int k = 0; k < 3; k++) {
      long delay = (long) (millis * (0.2 + 0.7 * random.nextDouble()));
      Process p = start(out, runs.resolve("kill" + k + ".log"), "--persons", "--strategy", "deterministic");
      if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(); // SIGKILL
      }
      if (Files.exists(out)) { // a kill between the two renames leaves no folder, never a mixed one
        assertWholeRun(out, old, fresh);
      }
      OutputFolder.prepare(out).close(); // what the next run does first: remove leftovers, restore if needed
      assertWholeRun(out, old, fresh);
      assertThat(names(runs)).as("after kill " + k + " at " + delay + " ms").doesNotContain(".r.lock")
          .allMatch(n -> !n.startsWith(".r."));
    }
  }

  @Test
  void sigterm_midRun_noTemporaryFolderLeft() throws Exception {
    Path runs = Files.createDirectories(dir.resolve("term"));
    Path out = runs.resolve("r");
    assertThat(link(smallLeft, smallRight, out).exit()).isZero();
    Map<String, String> old = snapshot(out);
    Process p = start(out, runs.resolve("term.log"), "--strategy", "deterministic");
    try {
      // wait until the staging folder exists, then ask the process to stop
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (names(runs).stream().noneMatch(n -> n.startsWith(".r.tmp-")) && p.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as("the run ended before it could be stopped").isTrue();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(names(runs)).containsExactlyInAnyOrder("r", "term.log");
    assertThat(snapshot(out)).isEqualTo(old);
  }
}
