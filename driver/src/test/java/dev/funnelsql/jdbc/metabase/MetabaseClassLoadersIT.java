package dev.funnelsql.jdbc.metabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin jar inside Metabase's arrangement of class loaders ({@link MetabaseHost}, in a JVM of its own):
 * a DuckDB store, whose driver Metabase does not bundle and whose jar sits in {@code plugins/} beside
 * {@code funnelsql.jar}, is reached although {@code DriverManager} never registered its driver; and the host's own
 * Avatica 1.23 (what Metabase's bundled Druid JDBC driver brings) on the launch class path does not replace the
 * Calcite and Avatica classes that FunnelSQL carries.
 */
class MetabaseClassLoadersIT {
  private static final Path JAR = Path.of("target", "funnelsql.jar");
  /** Copied there by the build (maven-dependency-plugin), kept off the test class path, where it would clash. */
  private static final Path HOST_AVATICA = Path.of("target", "metabase-host", "avatica-core-1.23.0.jar");

  @TempDir
  static Path dir;
  private static String duckDbUrl;

  @BeforeAll
  static void writeStore() throws SQLException {
    duckDbUrl = "jdbc:duckdb:" + dir.resolve("shop.duckdb").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(duckDbUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR)");
      statement.execute("INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 10:00:00', 'view'),"
          + " (1, TIMESTAMP '2026-01-01 10:05:00', 'cart'), (1, TIMESTAMP '2026-01-02 09:00:00', 'paid'),"
          + " (2, TIMESTAMP '2026-01-01 10:00:00', 'view'), (2, TIMESTAMP '2026-01-01 10:01:00', 'cart'),"
          + " (3, TIMESTAMP '2026-01-03 10:00:00', 'view'), (3, TIMESTAMP '2026-01-20 10:00:00', 'cart')");
    }
  }

  @Test
  void aStoreDriverInThePluginsFolderIsReachedThoughDriverManagerNeverRegisteredIt() throws Exception {
    final List<String> output = runHost("jdbc:funnelsql:url='" + duckDbUrl + "'",
        "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '7' DAY, event_name = 'view', event_name = 'cart', "
            + "event_name = 'paid') AS reached FROM events GROUP BY user_id ORDER BY user_id");
    assertEquals(List.of("1\t3", "2\t2", "3\t1"), output.subList(1, output.size()), String.join("\n", output));
  }

  @Test
  void aModelTableRunsBesideTheHostsOwnAvatica() throws Exception {
    final Path model = dir.resolve("shop.yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          checkout:
            window: 7d
            steps:
              - { name: viewed, when: "event_name = 'view'" }
              - { name: carted, when: "event_name = 'cart'" }
              - { name: paid, when: "event_name = 'paid'" }
        """.formatted(duckDbUrl), StandardCharsets.UTF_8);
    final List<String> output = runHost("jdbc:funnelsql:model=" + model.toAbsolutePath(),
        "SELECT step, step_name, users FROM funnels.checkout_summary ORDER BY step");
    assertEquals("host avatica: avatica-core-1.23.0.jar", output.get(0), "the host's Avatica is the one it loads");
    assertEquals(List.of("1\tviewed\t3", "2\tcarted\t2", "3\tpaid\t1"), output.subList(1, output.size()),
        String.join("\n", output));
  }

  /** Runs {@link MetabaseHost} in a new JVM whose class path is Clojure, the host's Avatica and the host alone. */
  private static List<String> runHost(String url, String sql) throws Exception {
    assertTrue(Files.isRegularFile(HOST_AVATICA), HOST_AVATICA + " is copied by the build");
    final Path hostClasses = hostClasses();
    final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", String.join(File.pathSeparator, codeSource(clojure.lang.RT.class), HOST_AVATICA
        .toAbsolutePath().toString(), hostClasses.toString()), MetabaseHost.class.getName(),
        JAR.toAbsolutePath().toString(), codeSource(org.duckdb.DuckDBDriver.class), url, sql));
    final Path errors = dir.resolve("host-" + System.nanoTime() + ".err");
    final Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the host finishes");
    assertEquals(0, process.exitValue(), output + Files.readString(errors));
    return output.lines().toList();
  }

  /** The host's two classes alone, so the JVM's class path holds no FunnelSQL and no store driver. */
  private static Path hostClasses() throws IOException, URISyntaxException {
    final Path compiled = Path.of(codeSource(MetabaseHost.class));
    final Path target = dir.resolve("host-classes");
    final String packagePath = MetabaseHost.class.getPackageName().replace('.', '/');
    Files.createDirectories(target.resolve(packagePath));
    for (String name : List.of("MetabaseHost.class", "MetabaseHost$ProxyDriver.class")) {
      final Path file = target.resolve(packagePath).resolve(name);
      if (!Files.exists(file)) {
        Files.copy(compiled.resolve(packagePath).resolve(name), file);
      }
    }
    return target;
  }

  private static String codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
