package dev.funnelsql.calcite.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The one ClickHouse of a test run: ClickHouse 26 embedded (chDB, npm package {@value #PACKAGE}, installed with the
 * machine's {@code npm} into {@code target/chdb}, system property {@code funnelsql.chdb.dir}, once per clean build),
 * loaded into this JVM and served to ClickHouse's JDBC driver over HTTP by {@link ClickHouseHttpFront}. Started on
 * first use, stopped when the JVM exits ({@link EngineProcess}: where npm or Linux x86-64 is missing, the tests that
 * need it are skipped with the reason, or fail under {@code FUNNELSQL_REQUIRE_ENGINES}).
 */
public final class ClickHouseServer {
  private static final String PACKAGE = "chdb@3.4.0";
  private static final Path LIBRARY = Path.of("node_modules", "@chdb", "lib-linux-x64-gnu", "libchdb.so");
  private static final EngineProcess ENGINE = new EngineProcess("ClickHouse (chDB)", ClickHouseServer::start);
  /** The session the front serves, once started. */
  private static volatile Chdb session;

  private ClickHouseServer() {
  }

  /**
   * The JDBC URL of ClickHouse's {@code default} database through the HTTP front (uncompressed, which the front
   * needs), starting it on the first call; skips the calling test when chDB cannot run here.
   */
  public static String url() {
    return ENGINE.url();
  }

  /**
   * How many queries ClickHouse is running now that a {@code KILL QUERY} can stop (those read block by block: see
   * {@link ClickHouseHttpFront}); 0 before it starts.
   */
  public static int queriesRunning() {
    final Chdb started = session;
    return started == null ? 0 : started.streaming();
  }

  private static String start(EngineProcess engine) throws IOException, InterruptedException {
    final String dir = System.getProperty("funnelsql.chdb.dir");
    if (dir == null) {
      engine.unavailable("no chDB directory (system property funnelsql.chdb.dir); run the tests through Maven");
      return null;
    }
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
        || !System.getProperty("os.arch").matches("amd64|x86_64")) {
      engine.unavailable("chDB's npm package has a library for Linux x86-64 only, and this is "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      return null;
    }
    final Path home = Path.of(dir);
    final Path library = home.resolve(LIBRARY);
    if (!Files.isRegularFile(library) && !install(engine, home)) {
      return null;
    }
    final Path data = Files.createTempDirectory("funnelsql-clickhouse");
    final Chdb chdb = Chdb.open(library, data);
    final Chdb.Outcome zone = chdb.run("default", "SELECT timezone()", "TabSeparated");
    if (zone.error() != null) {
      throw new IOException("chDB failed its first query: " + zone.error());
    }
    session = chdb;
    final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", new ClickHouseHttpFront(chdb,
        new String(zone.output(), StandardCharsets.UTF_8).strip()));
    server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
      final Thread thread = new Thread(runnable, "clickhouse-http-front");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      chdb.close();
    }));
    return "jdbc:clickhouse:http://127.0.0.1:" + server.getAddress().getPort() + "/default?compress=false";
  }

  /** Installs chDB's npm package under {@code home}; false after setting why it cannot be. */
  private static boolean install(EngineProcess engine, Path home) throws IOException, InterruptedException {
    final Optional<Path> npm = onPath("npm");
    if (npm.isEmpty()) {
      engine.unavailable("npm is not on the PATH, and ClickHouse's tests install chDB (" + PACKAGE + ") with it");
      return false;
    }
    Files.createDirectories(home);
    final Process process = new ProcessBuilder(npm.get().toString(), "install", PACKAGE, "--ignore-scripts",
        "--no-audit", "--no-fund", "--prefix", home.toString()).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0 || !Files.isRegularFile(home.resolve(LIBRARY))) {
      throw new IOException("npm install " + PACKAGE + " failed: " + output);
    }
    return true;
  }

  private static Optional<Path> onPath(String command) {
    final String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable).findFirst();
  }
}
