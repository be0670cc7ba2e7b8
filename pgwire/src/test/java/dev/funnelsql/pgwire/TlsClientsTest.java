package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.tls.ServerTls;
import dev.funnelsql.pgwire.tls.TlsMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the wire server, through the real clients with full verification against a CA the test makes: pgjdbc
 * ({@code sslmode=verify-full}), psql and psycopg2; a server that requires TLS refuses an unencrypted client; a client
 * that does not trust the server's CA is refused by the client; and a password that would cross the network
 * readable is never asked of an unencrypted connection from another host.
 */
class TlsClientsTest {
  private static final String PASSWORD = "tls-pass";
  private static final String CHART = "SELECT step_label, users FROM funnels.checkout_chart ORDER BY step_label";
  private static ShopFixture shop;
  private static TestCertificates certificates;
  private static TestCertificates stranger;
  private static PgServer preferring;
  private static PgServer requiring;
  private static List<List<Object>> expected;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    shop = ShopFixture.create(200);
    certificates = TestCertificates.create(dir.resolve("ca"), "main");
    stranger = TestCertificates.create(dir.resolve("other"), "other");
    preferring = shop.serve(InetAddress.getLoopbackAddress(), AuthMethod.SCRAM_SHA_256, Map.of("analyst", PASSWORD),
        ServerTls.fromPem(certificates.serverCertificate(), certificates.serverKey(), TlsMode.PREFER));
    requiring = shop.serve(InetAddress.getLoopbackAddress(), AuthMethod.SCRAM_SHA_256, Map.of("analyst", PASSWORD),
        ServerTls.fromKeyStore(certificates.serverKeyStore(), certificates.keyStorePassword().toCharArray(),
            TlsMode.REQUIRE));
    try (Connection direct = shop.direct()) {
      expected = Rows.of(direct, CHART);
    }
  }

  @AfterAll
  static void stop() {
    for (PgServer server : new PgServer[] {preferring, requiring}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static String pgjdbc(PgServer server, String host, String sslParameters) {
    return "jdbc:postgresql://" + host + ":" + server.port() + "/funnelsql?user=analyst&password=" + PASSWORD
        + "&connectTimeout=60&" + sslParameters;
  }

  private static String verifyFull(TestCertificates trusted) {
    return "sslmode=verify-full&sslrootcert=" + trusted.caCertificate();
  }

  @Test
  void pgjdbcVerifiesTheServerCertificateAndQueriesOverTls() throws SQLException {
    for (PgServer server : new PgServer[] {preferring, requiring}) {
      try (Connection connection = DriverManager.getConnection(pgjdbc(server, "localhost",
          verifyFull(certificates)))) {
        assertEquals(expected, Rows.of(connection, CHART));
      }
    }
  }

  @Test
  void aClientThatDoesNotTrustTheServersCaRefusesIt() {
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(pgjdbc(preferring, "localhost", verifyFull(stranger))));
    assertEquals("08006", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("SSL"), e.getMessage());
  }

  @Test
  void aServerThatRequiresTlsRefusesAnUnencryptedClient() throws SQLException {
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(pgjdbc(requiring, "localhost", "sslmode=disable")));
    assertEquals("28000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("accepts TLS connections only"), e.getMessage());
    try (Connection plain = DriverManager.getConnection(pgjdbc(preferring, "localhost", "sslmode=disable"))) {
      assertEquals(expected, Rows.of(plain, CHART), "prefer still serves a loopback client without TLS");
    }
  }

  @Test
  void psqlConnectsWithVerifyFull() throws Exception {
    final Path psql = ExternalClients.require("postgresql-client", "/usr/bin/psql", "/usr/local/bin/psql");
    final String conninfo = "host=localhost port=" + requiring.port() + " dbname=funnelsql user=analyst "
        + "sslmode=verify-full sslrootcert=" + certificates.caCertificate();
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(psql.toString(), "-X",
        "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", "\\conninfo", "-c", "SELECT COUNT(*) FROM funnels.checkout_chart",
        conninfo), Map.of("PGPASSWORD", PASSWORD, "PGCONNECT_TIMEOUT", "60"), 120));
    assertTrue(result.stdout().contains("SSL connection (protocol: TLSv1."), result.stdout());
    assertTrue(result.stdout().lines().anyMatch(line -> line.equals(Integer.toString(expected.size()))),
        result.stdout());
  }

  @Test
  void psycopg2ConnectsWithVerifyFull() throws Exception {
    final Path python = ExternalClients.require("python3", "/usr/bin/python3");
    ExternalClients.requirePythonModules(python, "python3-psycopg2", "psycopg2");
    final String script = String.join("\n",
        "import sys, psycopg2",
        "c = psycopg2.connect(host='localhost', port=int(sys.argv[1]), dbname='funnelsql', user='analyst',",
        "    password=sys.argv[2], sslmode='verify-full', sslrootcert=sys.argv[3], connect_timeout=60)",
        "cur = c.cursor()",
        "cur.execute('SELECT COUNT(*) FROM funnels.checkout_chart')",
        "print(c.info.ssl_in_use, cur.fetchone()[0])");
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(python.toString(),
        "-c", script, Integer.toString(requiring.port()), PASSWORD, certificates.caCertificate().toString()),
        Map.of(), 120));
    assertEquals("True " + expected.size(), result.stdout().trim());
  }

  @Test
  void aReadablePasswordIsNeverAskedOfAnUnencryptedClientFromAnotherHost() throws Exception {
    final Optional<InetAddress> address = nonLoopbackAddress();
    assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address to listen on");
    final String host = address.get().getHostAddress();
    final TestCertificates forHost = TestCertificates.create(dir.resolve("host"), "host", host);
    try (PgServer server = shop.serve(address.get(), AuthMethod.PASSWORD, Map.of("analyst", PASSWORD),
        ServerTls.fromPem(forHost.serverCertificate(), forHost.serverKey(), TlsMode.PREFER))) {
      final SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(pgjdbc(server, host, "sslmode=disable")));
      assertEquals("28000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("refusing password authentication over an unencrypted connection"),
          e.getMessage());
      try (Connection connection = DriverManager.getConnection(pgjdbc(server, host, verifyFull(forHost)))) {
        assertEquals(expected, Rows.of(connection, CHART));
      }
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        for (InetAddress candidate : Collections.list(network.getInetAddresses())) {
          if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress()) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }
}
