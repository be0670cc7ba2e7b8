package dev.funnelsql.calcite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one Trino server of a test run: the official server tarball and the memory connector that the build puts in
 * {@code target/trino} (system property {@code funnelsql.trino.dir}), extracted there once with the system's
 * {@code tar} and started on first use with a JDK 24 or later (Trino 476 needs one) and a memory catalog, and
 * stopped when the JVM exits ({@link EngineProcess}: where no such JDK or server is found the tests that need it are
 * skipped, or fail under {@code FUNNELSQL_REQUIRE_ENGINES}).
 */
public final class TrinoServer {
  /** The environment variable naming the JDK to run Trino with, when the machine's JDKs should not be searched. */
  public static final String JAVA_VARIABLE = "FUNNELSQL_TRINO_JAVA_HOME";
  private static final int MIN_JAVA = 24;
  private static final String TARBALL = "trino-server.tar.gz";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static final EngineProcess ENGINE = new EngineProcess("Trino", TrinoServer::start);

  private TrinoServer() {
  }

  /**
   * The JDBC URL of the server's memory catalog (user included), starting the server on the first call; skips the
   * calling test when Trino cannot run here.
   */
  public static String url() {
    return ENGINE.url();
  }

  private static String start(EngineProcess engine) throws IOException, InterruptedException {
    final String dir = System.getProperty("funnelsql.trino.dir");
    if (dir == null || !Files.isRegularFile(Path.of(dir, TARBALL))) {
      engine.unavailable("no Trino server tarball (system property funnelsql.trino.dir: " + dir + "); run the tests "
          + "through Maven, which fetches it");
      return null;
    }
    final Path home = extracted(Path.of(dir));
    final Optional<Path> java = javaHome();
    if (java.isEmpty()) {
      engine.unavailable("no JDK " + MIN_JAVA + " or later found for Trino (set " + JAVA_VARIABLE + ", or install one "
          + "under /usr/lib/jvm)");
      return null;
    }
    final int port = EngineProcess.freePort();
    final Path etc = Files.createTempDirectory("funnelsql-trino");
    Files.createDirectories(etc.resolve("catalog"));
    Files.writeString(etc.resolve("config.properties"), String.join("\n",
        "coordinator=true",
        "node-scheduler.include-coordinator=true",
        "http-server.http.port=" + port,
        "discovery.uri=http://127.0.0.1:" + port,
        "node.environment=test",
        "node.id=funnelsql-test",
        "query.max-memory=1GB",
        "query.max-memory-per-node=1GB",
        ""));
    // The memory connector holds 128 MB per node by default; the benchmark's 10M events take about 300 MB.
    Files.writeString(etc.resolve("catalog/memory.properties"),
        "connector.name=memory\nmemory.max-data-per-node=1GB\n");
    final Path log = etc.resolve("server.log");
    EngineProcess.launch(new ProcessBuilder(java.get().resolve("bin/java").toString(),
        "-Xmx2g", "-XX:+UseG1GC", "-Djdk.attach.allowAttachSelf=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-Dconfig=" + etc.resolve("config.properties"), "-Dcatalog.config-dir=" + etc.resolve("catalog"),
        "-cp", home.resolve("lib") + "/*", "io.trino.server.TrinoServer").directory(home.toFile()),
        log, "SERVER STARTED", START_TIMEOUT);
    return "jdbc:trino://127.0.0.1:" + port + "/memory/default?user=funnelsql-test";
  }

  /**
   * The server's directory under {@code dir}, extracted from the tarball with the system's {@code tar} (which keeps
   * its hard links) and given the connectors of {@code dir/plugins}, unless an earlier run did that.
   */
  private static Path extracted(Path dir) throws IOException, InterruptedException {
    final Path server = dir.resolve("server");
    final Path done = dir.resolve("server.extracted");
    if (!Files.exists(done)) {
      deleteRecursively(server);
      Files.createDirectories(server);
      final Process tar = new ProcessBuilder("tar", "-xzf", dir.resolve(TARBALL).toString(), "-C", server.toString(),
          "--strip-components=1").redirectErrorStream(true).start();
      final String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        throw new IOException("tar failed to extract " + TARBALL + ": " + output);
      }
      Files.writeString(done, "");
    }
    try (Stream<Path> plugins = Files.list(dir.resolve("plugins"))) {
      for (Path plugin : (Iterable<Path>) plugins::iterator) {
        final Path installed = server.resolve("plugin").resolve(plugin.getFileName());
        if (!Files.exists(installed)) {
          copyRecursively(plugin, installed);
        }
      }
    }
    return server;
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        final Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }

  /** The JDK named by {@value #JAVA_VARIABLE}, this JVM's if recent enough, or the newest fit under /usr/lib/jvm. */
  private static Optional<Path> javaHome() throws IOException {
    final String named = System.getenv(JAVA_VARIABLE);
    if (named != null) {
      return Optional.of(Path.of(named));
    }
    if (Runtime.version().feature() >= MIN_JAVA) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    final Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= MIN_JAVA)
          .max((a, b) -> Integer.compare(feature(a), feature(b)));
    }
  }

  /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"} gives 25), 0 if unknown. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          final String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
