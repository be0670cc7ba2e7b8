package dev.funnelsql.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.examples.demo.DemoOptions;
import dev.funnelsql.examples.demo.ModelDemo;
import dev.funnelsql.examples.demo.ShopDataGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's way to serve the demo's shop model over the PostgreSQL wire protocol: the server's single jar
 * ({@code pgwire/target/funnelsql-server.jar}) with this module's jar (which registers the {@code churn_risk}
 * segment kind) and H2's driver beside it, in a fresh JVM; pgjdbc reads the churn segments. Without this module's
 * jar the model names a kind the server does not know, and it refuses to start.
 */
class ServerJarWithExamplesIT {

  private static final Pattern PORT = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) ");

  @TempDir
  static Path dir;

  private static Path shopModel;

  @BeforeAll
  static void generate() throws Exception {
    DemoOptions options = DemoOptions.defaults().withUsers(400).withDays(45).withDb(dir.resolve("shop"));
    new ShopDataGenerator(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .generateOrReuse();
    shopModel = ModelDemo.writeModel(ModelDemo.SHOP_MODEL, dir, options.jdbcUrl());
  }

  @Test
  void serverJarWithTheExamplesJarServesTheChurnRiskSegments() throws Exception {
    Process server = serve(ProcessBuilder.Redirect.DISCARD, jar("funnelsql.serverJar"),
        jar("funnelsql.examplesJar"), codeSource(org.duckdb.DuckDBDriver.class));
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String banner = String.valueOf(out.readLine());
      Matcher port = PORT.matcher(banner);
      assertTrue(port.find(), banner);
      List<String> segments = new ArrayList<>();
      long users = 0;
      try (Connection client = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port.group(1)
               + "/funnelsql", "analyst", "");
           Statement statement = client.createStatement();
           ResultSet rows = statement.executeQuery(ModelDemo.CHURN_SIZES.sql())) {
        while (rows.next()) {
          segments.add(rows.getString("segment"));
          users += rows.getLong("users");
        }
      }
      assertFalse(segments.isEmpty());
      assertTrue(Set.of("active", "at risk", "churned").containsAll(segments), segments.toString());
      assertTrue(users > 0, "users in churn segments");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void serverJarAloneRefusesTheModelNamingTheUnknownKind() throws Exception {
    Process server = serve(ProcessBuilder.Redirect.PIPE, jar("funnelsql.serverJar"),
        codeSource(org.duckdb.DuckDBDriver.class));
    server.getInputStream().close();
    assertTrue(server.waitFor(120, TimeUnit.SECONDS), "the server gives up");
    String error = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, server.exitValue(), error);
    assertTrue(error.contains("churn_risk"), error);
  }

  /** {@code java -cp <classpath> dev.funnelsql.pgwire.Main serve --model shop.yaml --port 0}. */
  private static Process serve(ProcessBuilder.Redirect errors, String... classpath) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classpath), "dev.funnelsql.pgwire.Main", "serve",
        "--model", shopModel.toString(), "--port", "0").redirectError(errors);
    Process server = builder.start();
    server.getOutputStream().close();
    return server;
  }

  /** A jar the build names in a system property (see this module's failsafe configuration). */
  private static String jar(String property) {
    Path jar = Path.of(System.getProperty(property, "")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), property + " names no jar: " + jar);
    return jar.toString();
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
