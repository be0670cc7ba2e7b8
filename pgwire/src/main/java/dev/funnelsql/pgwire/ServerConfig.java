package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.auth.UserStore;
import dev.funnelsql.pgwire.session.SessionLimits;
import dev.funnelsql.pgwire.tls.ServerTls;
import java.net.InetAddress;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a {@link PgServer} runs: where it listens, how clients authenticate, whether connections are encrypted, and
 * the {@code jdbc:funnelsql:} connection properties (model or store URL, …) every session's connection is opened
 * with; and the security rules over all of them, checked when the server starts and for each connection.
 */
public record ServerConfig(InetAddress bindAddress, int port, AuthMethod authMethod, UserStore users,
    Properties connectionProperties, int maxConnections, ServerTls tls, SessionLimits limits) {
  /** The default port: one above PostgreSQL's, so both can run on one machine. */
  public static final int DEFAULT_PORT = 5433;

  /**
   * Checks the security rules and returns this config, or throws IllegalArgumentException saying why the server
   * must not start: beyond loopback, clients must authenticate, with SCRAM-SHA-256 unless TLS is offered, and the
   * server needs TLS unless the operator chose unencrypted connections ({@code --tls=off}).
   */
  public ServerConfig checked() {
    final boolean loopback = bindAddress.isLoopbackAddress();
    if (authMethod == AuthMethod.TRUST && !loopback) {
      throw new IllegalArgumentException("refusing to listen on " + bindAddress.getHostAddress() + " without "
          + "authentication: configure users (--user with --password-env, --users-file, or FUNNELSQL_PG_USER and "
          + "FUNNELSQL_PG_PASSWORD) or bind to 127.0.0.1");
    }
    if (authMethod != AuthMethod.TRUST && users.isEmpty()) {
      throw new IllegalArgumentException("authentication " + authMethod.label() + " needs at least one user: "
          + "use --user with --password-env, --users-file, or FUNNELSQL_PG_USER and FUNNELSQL_PG_PASSWORD");
    }
    if (authMethod.weak() && !loopback && !tls.offered()) {
      throw new IllegalArgumentException("refusing to use " + authMethod.label() + " authentication on "
          + bindAddress.getHostAddress() + " without TLS: it exposes passwords on the network; use scram-sha-256, "
          + "give a TLS certificate, or bind to 127.0.0.1");
    }
    if (!loopback && !tls.offered() && !tls.cleartextChosen()) {
      throw new IllegalArgumentException("refusing to listen on " + bindAddress.getHostAddress() + " without TLS: "
          + "give --tls-cert and --tls-key (or --tls-keystore), or --tls=off to serve unencrypted connections, or "
          + "bind to 127.0.0.1");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    return this;
  }

  /**
   * Why a connection must be refused before it authenticates, or null: a server that requires TLS refuses an
   * unencrypted connection, and a password that would cross the network readable or crackable (md5, password) is
   * never asked of an unencrypted connection from another host.
   *
   * @param encrypted whether the connection runs over TLS
   * @param peerLoopback whether the client's address is a loopback address
   */
  public @Nullable String refusal(boolean encrypted, boolean peerLoopback) {
    if (encrypted) {
      return null;
    }
    if (tls.required()) {
      return "this server accepts TLS connections only: connect with sslmode=require (or verify-full)";
    }
    if (authMethod.weak() && !peerLoopback) {
      return "refusing " + authMethod.label() + " authentication over an unencrypted connection from another host: "
          + "connect with sslmode=require (or verify-full)";
    }
    return null;
  }
}
