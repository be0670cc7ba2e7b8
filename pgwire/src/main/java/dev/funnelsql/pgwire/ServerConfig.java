package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.auth.UserStore;
import java.net.InetAddress;
import java.util.Properties;

/**
 * How a {@link PgServer} runs: where it listens, how clients authenticate, and the {@code jdbc:funnelsql:}
 * connection properties (model or store URL, …) every session's connection is opened with.
 */
public record ServerConfig(InetAddress bindAddress, int port, AuthMethod authMethod, UserStore users,
    Properties connectionProperties, int maxConnections) {
  /** The default port: one above PostgreSQL's, so both can run on one machine. */
  public static final int DEFAULT_PORT = 5433;

  /**
   * Checks the security rules and returns this config, or throws IllegalArgumentException saying why the server
   * must not start: beyond loopback, clients must authenticate, with SCRAM-SHA-256 only.
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
    if (authMethod.weak() && !loopback) {
      throw new IllegalArgumentException("refusing to use " + authMethod.label() + " authentication on "
          + bindAddress.getHostAddress() + ": it exposes passwords on the network; use scram-sha-256, or bind to "
          + "127.0.0.1");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    return this;
  }
}
