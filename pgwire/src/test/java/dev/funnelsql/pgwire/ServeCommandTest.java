package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.session.SessionLimits;
import dev.funnelsql.pgwire.tls.TlsMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code serve} command's options and its security rules: loopback by default, authentication required beyond
 * it (SCRAM only), users from options, environment or a file, and no password ever printed.
 */
class ServeCommandTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void defaultsAreLoopbackPort5433AndTrustWithoutUsers() throws Exception {
    final ServerConfig config = ServeCommand.parse(List.of("--model", "shop.yaml"), NO_ENV);
    assertTrue(config.bindAddress().isLoopbackAddress());
    assertEquals(5433, config.port());
    assertEquals(AuthMethod.TRUST, config.authMethod());
    assertEquals("shop.yaml", config.connectionProperties().getProperty("model"));
  }

  @Test
  void usersComeFromOptionsEnvironmentAndAFileAndMeanScram(@TempDir Path dir) throws Exception {
    final Path users = dir.resolve("users");
    Files.writeString(users, "# BI tools\ngrafana:gr-pass\n\nsuperset:ss:pass\n");
    final ServerConfig config = ServeCommand.parse(List.of("--url", "jdbc:h2:mem:x", "--user", "alice",
        "--password-env", "ALICE_PW", "--users-file", users.toString(), "--bind", "0.0.0.0", "--port=6543",
        "--tls=off"),
        Map.of("ALICE_PW", "a-pass", ServeCommand.USER_ENV, "bob", ServeCommand.PASSWORD_ENV, "b-pass",
            ServeCommand.STORE_PASSWORD_ENV, "store-pass"));
    assertEquals(AuthMethod.SCRAM_SHA_256, config.authMethod());
    assertEquals(List.of("grafana", "superset", "alice", "bob"), List.copyOf(config.users().names()));
    assertEquals(6543, config.port());
    assertEquals("store-pass", config.connectionProperties().getProperty("password"));
  }

  @Test
  void beyondLoopbackTheServerRefusesToRunWithoutScram() {
    final IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse(List.of("--model", "m.yaml", "--bind", "0.0.0.0"), NO_ENV));
    assertTrue(open.getMessage().startsWith("refusing to listen on 0.0.0.0 without authentication"),
        open.getMessage());
    final IllegalArgumentException md5 = assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(
        List.of("--model", "m.yaml", "--bind", "0.0.0.0", "--auth", "md5", "--user", "u", "--password", "p"),
        NO_ENV));
    assertTrue(md5.getMessage().contains("refusing to use md5"), md5.getMessage());
    final IllegalArgumentException noUsers = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse(List.of("--model", "m.yaml", "--auth", "scram-sha-256"), NO_ENV));
    assertTrue(noUsers.getMessage().contains("needs at least one user"), noUsers.getMessage());
  }

  @Test
  void beyondLoopbackTheServerNeedsTlsUnlessToldOffAndTlsOptionsAreChecked(@TempDir Path dir) throws Exception {
    final List<String> scramEverywhere = List.of("--model", "m.yaml", "--bind", "0.0.0.0", "--user", "u",
        "--password", "p");
    final IllegalArgumentException noTls = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse(scramEverywhere, NO_ENV));
    assertTrue(noTls.getMessage().startsWith("refusing to listen on 0.0.0.0 without TLS"), noTls.getMessage());
    assertFalse(ServeCommand.parse(concat(scramEverywhere, "--tls=off"), NO_ENV).tls().offered());
    for (List<String> wrong : List.of(List.of("--tls=require"), List.of("--tls", "maybe"),
        List.of("--tls-cert", "server.pem"), List.of("--tls-keystore", "k.p12", "--tls-key", "k.pem"))) {
      final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServeCommand.parse(concat(List.of("--model", "m.yaml"), wrong.toArray(String[]::new)), NO_ENV));
      assertTrue(e.getMessage().contains("--tls"), wrong + ": " + e.getMessage());
    }
    final TestCertificates certificates = TestCertificates.create(dir, "serve");
    final ServerConfig md5WithTls = ServeCommand.parse(List.of("--model", "m.yaml", "--bind", "0.0.0.0", "--auth",
        "md5", "--user", "u", "--password", "p", "--tls-cert", certificates.serverCertificate().toString(),
        "--tls-key", certificates.serverKey().toString()), NO_ENV);
    assertEquals(TlsMode.PREFER, md5WithTls.tls().mode());
    assertNull(md5WithTls.refusal(true, false), "encrypted");
    assertNull(md5WithTls.refusal(false, true), "unencrypted, from this host");
    assertTrue(md5WithTls.refusal(false, false).startsWith("refusing md5 authentication over an unencrypted"));
    final List<String> keyStore = List.of("--model", "m.yaml", "--tls-keystore",
        certificates.serverKeyStore().toString(), "--tls-keystore-password-env", "KS_PW", "--tls=require");
    final ServerConfig required = ServeCommand.parse(keyStore, Map.of("KS_PW", certificates.keyStorePassword()));
    assertTrue(required.tls().required());
    assertTrue(required.refusal(false, true).contains("accepts TLS connections only"));
    final IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class,
        () -> ServeCommand.parse(keyStore, Map.of("KS_PW", "Wrong-Pw-4711")));
    assertTrue(wrongPassword.getMessage().startsWith("cannot use the TLS keystore"), wrongPassword.getMessage());
    assertFalse(wrongPassword.getMessage().contains("Wrong-Pw-4711"), wrongPassword.getMessage());
  }

  @Test
  void limitOptionsSetTheSessionLimits() throws Exception {
    final ServerConfig config = ServeCommand.parse(List.of("--model", "m.yaml", "--statement-timeout", "30s",
        "--idle-timeout=0", "--max-result-rows", "100000", "--max-result-bytes", "512m"), NO_ENV);
    assertEquals(new SessionLimits(Duration.ofSeconds(30), Duration.ZERO, 100_000, 512L << 20), config.limits());
    assertEquals(SessionLimits.DEFAULTS, ServeCommand.parse(List.of("--model", "m.yaml"), NO_ENV).limits());
    for (List<String> wrong : List.of(List.of("--statement-timeout", "soon"), List.of("--max-result-rows", "-1"),
        List.of("--max-result-bytes", "lots"))) {
      final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServeCommand.parse(concat(List.of("--model", "m.yaml"), wrong.toArray(String[]::new)), NO_ENV));
      assertTrue(e.getMessage().startsWith(wrong.get(0)), e.getMessage());
    }
  }

  private static List<String> concat(List<String> first, String... more) {
    final List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void mistakesAreReportedWithUsageAndNoSecret(@TempDir Path dir) throws Exception {
    final Path users = dir.resolve("users");
    Files.writeString(users, "alice:top-secret\nbroken line top-secret\n");
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int code = ServeCommand.run(List.of("--model", "m.yaml", "--users-file", users.toString()), NO_ENV,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    final String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code);
    assertTrue(message.contains(users + ":2: expected user:password"), message);
    assertFalse(message.contains("top-secret"), message);
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(List.of("--port"), NO_ENV));
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(List.of("--user", "u"), NO_ENV));
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(List.of("--url", "x", "--user", "u",
        "--password-env", "UNSET_VARIABLE"), NO_ENV));
  }

  @Test
  void aBrokenModelStopsTheServerBeforeItListens(@TempDir Path dir) throws Exception {
    final Path model = dir.resolve("broken.yaml");
    Files.writeString(model, "source: { url: \"jdbc:h2:mem:none\" }\nevents: { table: no_such_table, user: u, "
        + "time: t, event: e }\n");
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int code = ServeCommand.run(List.of("--model", model.toString(), "--port", "0"), NO_ENV,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: cannot open a FunnelSQL connection ["),
        err.toString(StandardCharsets.UTF_8));
  }
}
