package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single shaded jar works alone: in a fresh JVM whose classpath is just {@code funnelsql.jar} and H2's driver,
 * it connects to an H2 file store and answers a funnel query; it registers only FunnelSQL's driver; every library it
 * bundles (Calcite and Avatica included) is under {@code dev/funnelsql/shaded/} but for shared APIs; and it holds no
 * PostgreSQL server (that is {@code pgwire/target/funnelsql-server.jar}).
 */
class SingleJarIT {
  private static final Path JAR = Path.of("target", "funnelsql.jar");
  /**
   * The only classes left under their own names: FunnelSQL's, SLF4J's API (so the host's logging gets the logs), API
   * or annotation packages that are the same in every copy, and Arrow, which DuckDB's driver finds by name (its
   * {@code arrowExportStream} loads {@code org.apache.arrow.c.ArrowArrayStream}).
   */
  private static final List<String> SHARED_PACKAGES = List.of("dev/funnelsql/", "org/slf4j/", "javax/",
      "org/jspecify/", "org/apiguardian/", "org/apache/arrow/");

  @Test
  void shadedJarRunsAFunnelQueryWithOnlyTheStoresDriverBesideIt(@TempDir Path dir) throws Exception {
    final String h2Url = "jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(h2Url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 10:00:00', 'view'),"
          + " (1, TIMESTAMP '2026-01-01 10:05:00', 'cart'), (1, TIMESTAMP '2026-01-09 10:00:00', 'paid'),"
          + " (2, TIMESTAMP '2026-01-01 10:00:00', 'view')");
    }
    final List<String> command = List.of(javaExecutable(), "-cp", JAR.toAbsolutePath() + File.pathSeparator
        + codeSource(org.h2.Driver.class), "dev.funnelsql.jdbc.Main", "query", "jdbc:funnelsql:url='" + h2Url + "'",
        "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '7' DAY, event_name = 'view', event_name = 'cart', "
            + "event_name = 'paid') AS reached FROM events GROUP BY user_id ORDER BY user_id");
    final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    final boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(finished, "the query finishes");
    assertEquals(0, process.exitValue(), output);
    assertEquals(List.of("user_id\treached", "1\t2", "2\t1"), output.lines().toList(), output);
  }

  @Test
  void shadedJarRegistersOnlyFunnelSqlAndRelocatesEveryBundledLibraryButTheSharedApis() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      final String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals("dev.funnelsql.jdbc.FunnelDriver", drivers);
      final List<String> unrelocated = new ArrayList<>();
      jar.stream().map(entry -> entry.getName())
          .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
              && SHARED_PACKAGES.stream().noneMatch(name::startsWith))
          .forEach(unrelocated::add);
      assertTrue(unrelocated.isEmpty(), "not relocated: " + unrelocated.subList(0, Math.min(5, unrelocated.size())));
      for (String hidden : List.of("com/google/", "org/apache/calcite/avatica/", "org/apache/calcite/rel/",
          "org/codehaus/janino/")) {
        assertFalse(jar.stream().noneMatch(entry -> entry.getName().startsWith("dev/funnelsql/shaded/" + hidden)),
            hidden);
      }
    }
  }

  @Test
  void shadedJarLeavesThePostgreSqlServerAndNettyToTheServerJar() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      final List<String> server = jar.stream().map(entry -> entry.getName())
          .filter(name -> name.startsWith("dev/funnelsql/pgwire/") || name.toLowerCase(Locale.ROOT).contains("netty"))
          .limit(5).toList();
      assertEquals(List.of(), server);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

}
