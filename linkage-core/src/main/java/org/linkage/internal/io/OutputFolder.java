package org.linkage.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.linkage.error.InvalidSpecException;
import org.linkage.error.OutputException;

/**
 * An output folder published as one set: a run writes into a fresh staging folder beside the
 * target ({@code <parent>/.<name>.tmp-<random>}, so on the same filesystem) and {@link #publish()}
 * swaps it in with two renames: the old folder to {@code .<name>.old-<random>}, the staging folder
 * to {@code <name>}; then the old one is deleted.
 *
 * <p>What a reader of {@code <name>} sees: all of the earlier run, then (for the instant between
 * the two renames) no folder, then all of the new run; never a mix, and never a file of an
 * earlier run beside the new ones. A failure before {@link #publish()} (disk full, permission
 * denied, a kill) leaves the earlier run untouched.
 *
 * <p>Leftovers: {@link #close()} (and, on SIGTERM or Ctrl-C, a shutdown hook) deletes the staging
 * folder. Only SIGKILL or a power cut can leave {@code .<name>.tmp-*} or {@code .<name>.old-*}
 * behind; the next {@link #prepare} of the same folder removes them, and if a kill fell between
 * the two renames (no {@code <name>}, an {@code .<name>.old-*} present) it first renames the old
 * run back. A lock file {@code .<name>.lock} beside the folder, held while the run lasts, keeps two
 * runs from writing the same folder at once.
 *
 * <p>{@link #prepare} refuses, before any input is read: an empty path, the current folder or a
 * folder containing it, a filesystem root or mount point (neither can be renamed, so the set could
 * not be swapped atomically), and an existing folder holding files linkage does not write (they
 * would be deleted with the earlier run).
 *
 * <p>Not thread-safe, except that {@link #publish()} and the shutdown hook exclude each other.
 */
public final class OutputFolder implements AutoCloseable {
  /** Every file a linking run may write; an existing output folder may hold only these. */
  public static final Set<String> OUTPUT_FILES = Set.of("links.csv", "ambiguous.csv", "unmatched_left.csv", "unmatched_right.csv",
      "persons.csv", "rejected.csv", "model.json", "report.json", "report.html");

  private final Path target;
  private final Path parent;
  private final String name;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private final Path staging;
  private final Thread hook;
  private boolean published;
  private boolean closed;

  private OutputFolder(Path target, Path lockFile, FileChannel lockChannel, Path staging) {
    this.target = target;
    this.parent = target.getParent();
    this.name = target.getFileName().toString();
    this.lockFile = lockFile;
    this.lockChannel = lockChannel;
    this.staging = staging;
    this.hook = new Thread(this::abandon, "linkage-output-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Checks that {@code dir} can receive outputs and creates its staging folder.
   *
   * @throws InvalidSpecException if {@code dir} is empty, the current folder (or contains it), a
   *     root, or an existing folder with files linkage does not write (exit code 2)
   * @throws OutputException if the folder cannot be written: permission denied, a mount point, not
   *     a folder, another run writing it (exit code 4)
   */
  public static OutputFolder prepare(Path dir) {
    return prepare(dir, OUTPUT_FILES);
  }

  /**
   * As {@link #prepare(Path)}, for a command that writes other files: an existing folder may hold
   * only {@code files}.
   */
  public static OutputFolder prepare(Path dir, Set<String> files) {
    return prepare(dir, files::contains);
  }

  /**
   * As {@link #prepare(Path, Set)}, for a command whose file names follow a pattern: an existing
   * folder may hold only files whose name {@code ownFile} accepts.
   */
  public static OutputFolder prepare(Path dir, java.util.function.Predicate<String> ownFile) {
    if (dir.toString().isBlank()) {
      throw new InvalidSpecException("output folder: empty path; name a new folder, e.g. results");
    }
    Path target = dir.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (target.getParent() == null || target.getFileName() == null) {
      throw new InvalidSpecException("output folder " + dir + " is a filesystem root; name a sub-folder");
    }
    if (cwd.startsWith(target)) {
      throw new InvalidSpecException("output folder " + dir + " is the current folder or contains it;"
          + " name a sub-folder, e.g. " + dir.resolve("results"));
    }
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new OutputException("cannot create output folder " + dir + ": " + OutputException.describe(e), e);
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new OutputException("output folder " + dir + " exists and is not a folder");
    }
    Path lockFile = parent.resolve("." + name + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutputException("cannot write output folder " + dir + ": " + OutputException.describe(e), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel, null); // the lock file is the other run's
      throw new OutputException("output folder " + dir + " is being written by another linkage run");
    }
    try {
      recoverLeftovers(parent, name, target);
      checkContents(dir, target, parent, ownFile);
      Path staging = Files.createTempDirectory(parent, "." + name + ".tmp-");
      return new OutputFolder(target, lockFile, channel, staging);
    } catch (IOException e) {
      closeQuietly(channel, lockFile);
      throw new OutputException("cannot write output folder " + dir + ": " + OutputException.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(channel, lockFile);
      throw e;
    }
  }

  /** The folder to write this run's files into; published by {@link #publish()}. */
  public Path staging() {
    return staging;
  }

  /** The final folder. */
  public Path target() {
    return target;
  }

  /**
   * Replaces the target folder with the staging folder (see the class comment). On failure the
   * earlier run stays in place.
   *
   * @throws OutputException if the folder cannot be swapped, or the process is shutting down
   */
  public synchronized void publish() {
    if (closed || published) {
      throw new OutputException("output folder " + target + ": run interrupted before its outputs were published");
    }
    Path old = null;
    try {
      if (Files.exists(target)) {
        old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (old != null) {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
      published = true;
    } catch (IOException e) {
      throw new OutputException("cannot publish outputs to " + target + ": " + OutputException.describe(e), e);
    }
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** Deletes the staging folder unless published, and releases the folder. Idempotent. */
  @Override
  public void close() {
    abandon();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it does the same cleanup
    }
    closeQuietly(lockChannel, lockFile);
  }

  /** Deletes the staging folder unless published; also the shutdown hook, so it removes the lock file too. */
  private synchronized void abandon() {
    if (closed) {
      return;
    }
    closed = true;
    if (!published) {
      // on SIGTERM the run's writers are still adding files while the hook deletes: a file made
      // after the walk keeps the folder, so delete until it is gone (bounded: about a second)
      for (int attempt = 0; attempt < 100 && Files.exists(staging); attempt++) {
        deleteRecursively(staging);
        if (Files.exists(staging)) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
    try {
      Files.deleteIfExists(lockFile);
    } catch (IOException ignored) {
      // harmless: the lock lives in the open channel, which the process's end releases
    }
  }

  /** Removes what a killed run left beside {@code target}, restoring its earlier outputs if needed. */
  private static void recoverLeftovers(Path parent, String name, Path target) throws IOException {
    List<Path> olds = new ArrayList<>();
    List<Path> tmps = new ArrayList<>();
    // a filter, not a glob: the folder's name may hold glob characters
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith("." + name + "."))) {
      for (Path p : s) {
        String f = p.getFileName().toString();
        if (f.startsWith("." + name + ".old-")) {
          olds.add(p);
        } else if (f.startsWith("." + name + ".tmp-")) {
          tmps.add(p);
        }
      }
    }
    tmps.forEach(OutputFolder::deleteRecursively);
    olds.sort(Comparator.naturalOrder());
    if (!Files.exists(target) && !olds.isEmpty()) {
      Files.move(olds.remove(0), target, StandardCopyOption.ATOMIC_MOVE);
    }
    olds.forEach(OutputFolder::deleteRecursively);
  }

  private static void checkContents(Path dir, Path target, Path parent, java.util.function.Predicate<String> files)
      throws IOException {
    if (!Files.isDirectory(target)) {
      return;
    }
    if (!Files.getFileStore(target).equals(Files.getFileStore(parent))) {
      throw new OutputException("output folder " + dir + " is a mount point: outputs are published by renaming"
          + " the folder, which a mount point cannot be; name a sub-folder, e.g. " + dir.resolve("results"));
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
      for (Path p : s) {
        String f = p.getFileName().toString();
        if (!files.test(f) || Files.isDirectory(p)) {
          throw new InvalidSpecException("output folder " + dir + " holds '" + f + "', which linkage does not write;"
              + " a run replaces the whole folder, so name a new or empty folder (or move that file)");
        }
      }
    }
  }

  private static void closeQuietly(FileChannel channel, Path lockFile) {
    try {
      if (lockFile != null) {
        Files.deleteIfExists(lockFile);
      }
    } catch (IOException ignored) {
      // a leftover lock file is harmless: the lock lives in the open channel, not the file
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing releases the lock; nothing more to do
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the next run of the same folder removes what is left
    }
  }
}
