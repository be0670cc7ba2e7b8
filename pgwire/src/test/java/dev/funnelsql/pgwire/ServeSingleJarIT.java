package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} from the server's single jar ({@code funnelsql-server.jar}), in a fresh JVM with only H2's driver
 * beside it: pgjdbc connects and runs a funnel; Netty is relocated inside the jar so it cannot clash with a host's own
 * Netty.
 */
class ServeSingleJarIT {
  private static final Path JAR = Path.of("target", "funnelsql-server.jar");

  @Test
  void theShadedJarServesPostgreSqlClients(@TempDir Path dir) throws Exception {
    final String h2Url = "jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
    try (Connection connection = DriverManager.getConnection(h2Url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 10:00:00', 'view'),"
          + " (1, TIMESTAMP '2026-01-01 10:05:00', 'cart'), (2, TIMESTAMP '2026-01-01 10:00:00', 'view')");
    }
    final String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", JAR.toAbsolutePath() + File.pathSeparator + h2Jar, "dev.funnelsql.pgwire.Main", "serve",
        "--url", h2Url, "--port", "0", "--user", "it", "--password-env", "IT_PASSWORD")
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("IT_PASSWORD", "it-pass");
    final Process server = builder.start();
    try {
      server.getOutputStream().close();
      final BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
          StandardCharsets.UTF_8));
      final String banner = out.readLine();
      final Matcher port = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) \\(authentication scram-sha-256")
          .matcher(String.valueOf(banner));
      assertTrue(port.find(), String.valueOf(banner));
      try (Connection client = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port.group(1)
          + "/funnelsql", "it", "it-pass"); Statement statement = client.createStatement();
          ResultSet rows = statement.executeQuery("SELECT user_id, FUNNEL_STEP(ts, INTERVAL '7' DAY, "
              + "event_name = 'view', event_name = 'cart') AS reached FROM events GROUP BY user_id ORDER BY 1")) {
        assertTrue(rows.next());
        assertEquals(List.of(1L, 2), List.of(rows.getLong(1), rows.getInt(2)));
        assertTrue(rows.next());
        assertEquals(List.of(2L, 1), List.of(rows.getLong(1), rows.getInt(2)));
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("io/netty/")), "Netty relocated");
      assertTrue(jar.stream().anyMatch(entry -> entry.getName().startsWith("dev/funnelsql/shaded/io/netty/")));
    }
  }
}
