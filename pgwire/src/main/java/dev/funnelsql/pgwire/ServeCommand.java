package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.auth.UserStore;
import dev.funnelsql.calcite.settings.SettingValues;
import dev.funnelsql.pgwire.session.SessionLimits;
import dev.funnelsql.pgwire.tls.ServerTls;
import dev.funnelsql.pgwire.tls.TlsMode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code serve} command of the server jar ({@link Main}): reads options and environment variables into a
 * {@link ServerConfig}, starts a {@link PgServer} and runs until stopped. Passwords come from environment variables
 * or a file (an option works too, but shows in the process list) and are never printed.
 */
public final class ServeCommand {
  /** Environment variable naming the one client user (with {@link #PASSWORD_ENV}). */
  public static final String USER_ENV = "FUNNELSQL_PG_USER";
  /** Environment variable holding that user's password. */
  public static final String PASSWORD_ENV = "FUNNELSQL_PG_PASSWORD";
  /** Environment variable holding the event store's password. */
  public static final String STORE_PASSWORD_ENV = "FUNNELSQL_STORE_PASSWORD";

  static final String USAGE = String.join("\n",
      "usage: java -jar funnelsql-server.jar serve (--model <file.yaml> | --url <store JDBC URL>) [options]",
      "  --model <file>            a FunnelSQL model (funnels, segments, cohorts)",
      "  --url <jdbc url>          the event store (without a model), with --schema, --events",
      "  --store-user <name>       the event store's user; its password from $" + STORE_PASSWORD_ENV,
      "  --property <key=value>    any other jdbc:funnelsql: key (repeatable)",
      "  --bind <address>          default 127.0.0.1; anything else requires users and scram-sha-256",
      "  --port <n>                default " + ServerConfig.DEFAULT_PORT,
      "  --auth <method>           scram-sha-256 (default with users), md5, password (loopback only),",
      "                            trust (default without users; loopback only)",
      "  --user <name>             a client user; password from --password-env <VAR> (or --password)",
      "  --users-file <file>       client users, one 'user:password' per line",
      "  --max-connections <n>     default 64",
      "  --tls-cert <file>         TLS: the server certificate chain (PEM), with --tls-key",
      "  --tls-key <file>          TLS: its private key (PEM, PKCS#8, unencrypted)",
      "  --tls-keystore <file>     TLS from a PKCS#12 (or .jks) keystore, password from --tls-keystore-password-env",
      "  --tls <mode>              prefer (default with a certificate), require, or off; beyond 127.0.0.1",
      "                            the server needs TLS unless told --tls=off",
      "  --statement-timeout <t>   a statement's default time limit (30s, 5m; default 0: none); SET changes it",
      "  --idle-timeout <t>        close a session idle this long between requests (default 1h; 0: never)",
      "  --max-result-rows <n>     the most rows one statement may return (default 0: no limit)",
      "  --max-result-bytes <size> the most bytes of rows one statement may return (512m, 2g; default: no limit)",
      "  every option may also be written --option=value",
      "  environment: " + USER_ENV + " and " + PASSWORD_ENV + " add a client user");

  private ServeCommand() {
  }

  /** Parses the options (after {@code serve}) into a checked config; throws IllegalArgumentException on a mistake. */
  public static ServerConfig parse(List<String> args, Map<String, String> environment) throws IOException {
    final Properties connection = new Properties();
    final Map<String, String> users = new LinkedHashMap<>();
    String bind = "127.0.0.1";
    int port = ServerConfig.DEFAULT_PORT;
    int maxConnections = 64;
    @Nullable AuthMethod method = null;
    @Nullable String user = null;
    @Nullable String password = null;
    Duration statementTimeout = SessionLimits.DEFAULTS.statementTimeout();
    Duration idleTimeout = SessionLimits.DEFAULTS.idleTimeout();
    long maxResultRows = SessionLimits.DEFAULTS.maxResultRows();
    long maxResultBytes = SessionLimits.DEFAULTS.maxResultBytes();
    @Nullable String tlsMode = null;
    @Nullable String tlsCert = null;
    @Nullable String tlsKey = null;
    @Nullable String keyStore = null;
    @Nullable String keyStorePassword = null;
    for (int i = 0; i < args.size(); i++) {
      final String written = args.get(i);
      final int inline = written.startsWith("--") ? written.indexOf('=') : -1;
      final String option = inline < 0 ? written : written.substring(0, inline);
      final String value;
      if (inline >= 0) {
        value = written.substring(inline + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      switch (option) {
        case "--model":
          connection.setProperty("model", value);
          break;
        case "--url":
          connection.setProperty("url", value);
          break;
        case "--schema":
          connection.setProperty("schema", value);
          break;
        case "--events":
          connection.setProperty("events", value);
          break;
        case "--store-user":
          connection.setProperty("user", value);
          break;
        case "--property":
          final int equals = value.indexOf('=');
          if (equals <= 0) {
            throw new IllegalArgumentException("--property needs key=value, got '" + value + "'");
          }
          connection.setProperty(value.substring(0, equals), value.substring(equals + 1));
          break;
        case "--bind":
          bind = value;
          break;
        case "--port":
          port = parseInt(option, value);
          break;
        case "--max-connections":
          maxConnections = parseInt(option, value);
          break;
        case "--auth":
          method = AuthMethod.parse(value);
          break;
        case "--user":
          user = value;
          break;
        case "--password":
          password = value;
          break;
        case "--password-env":
          password = environment.get(value);
          if (password == null) {
            throw new IllegalArgumentException("environment variable " + value + " (--password-env) is not set");
          }
          break;
        case "--users-file":
          UserStore.readFile(Path.of(value), users);
          break;
        case "--tls":
          tlsMode = value;
          break;
        case "--statement-timeout":
          statementTimeout = Duration.ofMillis(setting(() -> SettingValues.millis(option, value, "0 for none")));
          break;
        case "--idle-timeout":
          idleTimeout = Duration.ofMillis(setting(() -> SettingValues.millis(option, value, "0 for none")));
          break;
        case "--max-result-rows":
          maxResultRows = parseLong(option, value);
          break;
        case "--max-result-bytes":
          maxResultBytes = value.trim().equals("0") ? 0 : setting(() -> SettingValues.bytes(option, value,
              "512m or 2g"));
          break;
        case "--tls-cert":
          tlsCert = value;
          break;
        case "--tls-key":
          tlsKey = value;
          break;
        case "--tls-keystore":
          keyStore = value;
          break;
        case "--tls-keystore-password-env":
          keyStorePassword = environment.get(value);
          if (keyStorePassword == null) {
            throw new IllegalArgumentException("environment variable " + value + " (--tls-keystore-password-env) "
                + "is not set");
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (!connection.containsKey("model") && !connection.containsKey("url")) {
      throw new IllegalArgumentException("serve needs --model <file.yaml> or --url <event store JDBC URL>");
    }
    if (environment.containsKey(STORE_PASSWORD_ENV)) {
      connection.setProperty("password", environment.get(STORE_PASSWORD_ENV));
    }
    if (user != null) {
      if (password == null) {
        throw new IllegalArgumentException("--user " + user + " needs a password: --password-env <VAR>");
      }
      users.put(user, password);
    } else if (password != null) {
      throw new IllegalArgumentException("a password was given without --user");
    }
    if (environment.containsKey(USER_ENV)) {
      final String envPassword = environment.get(PASSWORD_ENV);
      if (envPassword == null) {
        throw new IllegalArgumentException(USER_ENV + " is set but " + PASSWORD_ENV + " is not");
      }
      users.put(environment.get(USER_ENV), envPassword);
    }
    final AuthMethod auth = method != null ? method : users.isEmpty() ? AuthMethod.TRUST : AuthMethod.SCRAM_SHA_256;
    final ServerTls tls = tls(tlsMode, tlsCert, tlsKey, keyStore, keyStorePassword);
    final SessionLimits limits = new SessionLimits(statementTimeout, idleTimeout, maxResultRows, maxResultBytes);
    return new ServerConfig(address(bind), port, auth, UserStore.of(users), connection, maxConnections, tls, limits)
        .checked();
  }

  private static ServerTls tls(@Nullable String modeText, @Nullable String cert, @Nullable String key,
      @Nullable String keyStore, @Nullable String keyStorePassword) {
    final @Nullable TlsMode mode = modeText == null ? null : TlsMode.parse(modeText);
    if (keyStore != null && (cert != null || key != null)) {
      throw new IllegalArgumentException("give either --tls-keystore or --tls-cert with --tls-key, not both");
    }
    if (keyStore != null) {
      return ServerTls.fromKeyStore(Path.of(keyStore), keyStorePassword == null ? new char[0]
          : keyStorePassword.toCharArray(), mode == null ? TlsMode.PREFER : mode);
    }
    if (cert != null || key != null) {
      if (cert == null || key == null) {
        throw new IllegalArgumentException("--tls-cert and --tls-key go together");
      }
      return ServerTls.fromPem(Path.of(cert), Path.of(key), mode == null ? TlsMode.PREFER : mode);
    }
    if (mode != null && mode != TlsMode.OFF) {
      throw new IllegalArgumentException("--tls=" + mode.label() + " needs a certificate: --tls-cert and --tls-key, "
          + "or --tls-keystore");
    }
    return ServerTls.off(mode == TlsMode.OFF);
  }

  /** A size or duration read by the driver's {@link SettingValues}, its error worded for an option. */
  @FunctionalInterface
  private interface Setting {
    long read() throws SQLException;
  }

  private static long setting(Setting setting) {
    try {
      return setting.read();
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage().replace("connection property ", ""), e);
    }
  }

  private static long parseLong(String option, String value) {
    try {
      final long number = Long.parseLong(value.trim());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(option + " needs a number of 0 or more, got '" + value + "'");
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
    }
  }

  private static InetAddress address(String bind) {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot bind to '" + bind + "': unknown host");
    }
  }

  /** Runs {@code serve}: returns 2 on bad usage, 1 if the server cannot start, else runs until stopped (0). */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    final ServerConfig config;
    try {
      config = parse(args, environment);
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    final PgServer server;
    try {
      server = PgServer.start(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (SQLException e) {
      err.println("error: cannot open a FunnelSQL connection [" + e.getSQLState() + "]: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("error: cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port() + ": "
          + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "funnelsql-pg-shutdown"));
    out.println("FunnelSQL " + server.funnelsqlVersion() + " speaks PostgreSQL on "
        + config.bindAddress().getHostAddress() + ":" + server.port() + " (authentication "
        + config.authMethod().label() + ", " + config.users().names().size() + " user(s), TLS "
        + config.tls().mode().label() + ")");
    if (config.authMethod() == AuthMethod.TRUST) {
      out.println("no users configured: any user name is accepted without a password (loopback only)");
    }
    try {
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
