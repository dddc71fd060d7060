package org.linkage.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: the one named by {@code LINKAGE_TEST_PG_URL} (which
 * {@code .ci/run} starts), else a throw-away cluster this JVM starts with {@code initdb} and
 * {@code pg_ctl} (as the {@code postgres} OS user when running as root) and stops at exit.
 *
 * <p>Tests are skipped, with a message saying so, only where no server binaries exist; if the
 * binaries exist and the server cannot be started, {@link #url()} throws, so CI fails loudly
 * instead of passing without PostgreSQL. Thread-safe; the cluster is started at most once per JVM.
 */
public final class PostgresTestServer {
  /** The environment variable naming a running server's JDBC URL. */
  public static final String URL_VARIABLE = "LINKAGE_TEST_PG_URL";

  private static String started;

  private PostgresTestServer() {}

  /**
   * A JDBC URL of a running server, user {@code postgres}, database {@code postgres}.
   *
   * @throws org.opentest4j.TestAbortedException (skips the test) if no server binaries exist
   * @throws IllegalStateException if the binaries exist but the server does not start
   */
  public static synchronized String url() {
    String given = System.getenv(URL_VARIABLE);
    if (given != null && !given.isBlank()) {
      return given;
    }
    if (started != null) {
      return started;
    }
    Path bin = binaries();
    Assumptions.assumeTrue(bin != null, "PostgreSQL tests skipped: no server binaries (initdb, pg_ctl) found in"
        + " /usr/lib/postgresql/*/bin or on PATH, and " + URL_VARIABLE + " is not set");
    try {
      started = start(bin);
      return started;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("PostgreSQL binaries exist in " + bin + " but a test cluster did not start: " + e
          .getMessage(), e);
    }
  }

  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.naturalOrder()).orElse(null);
        if (bin != null) {
          return bin;
        }
      } catch (IOException ignored) {
        // fall through to PATH
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pg_ctl")) && Files.isExecutable(Path.of(dir, "initdb"))) {
        return Path.of(dir);
      }
    }
    return null;
  }

  private static String start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("linkage-pg-");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      // initdb refuses to run as root: the cluster belongs to the postgres user
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path data = dir.resolve("data");
    String init = bin.resolve("initdb") + " -D " + data + " -U postgres --auth=trust -E UTF8 --no-sync";
    String ctl = bin.resolve("pg_ctl") + " -D " + data + " -l " + dir.resolve("log") + " -w -t 30 -o \"-p " + port
        + " -k " + dir + " -c listen_addresses=localhost -c fsync=off\"";
    run(root, init);
    run(root, ctl + " start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(root, bin.resolve("pg_ctl") + " -D " + data + " -m immediate stop");
      } catch (IOException | InterruptedException ignored) {
        // the JVM is exiting; a stray server dies with the machine's temporary folder
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort
      }
    }));
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  private static void run(boolean asPostgres, String command) throws IOException, InterruptedException {
    List<String> argv = asPostgres ? List.of("su", "postgres", "-c", command) : List.of("sh", "-c", command);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("'" + command + "' failed: " + output.strip());
    }
  }
}
