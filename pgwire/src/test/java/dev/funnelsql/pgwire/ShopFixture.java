package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.auth.UserStore;
import dev.funnelsql.pgwire.session.SessionLimits;
import dev.funnelsql.pgwire.tls.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small shop event store in an in-memory H2 database (seeded, so every run holds the same events) with a FunnelSQL
 * model over it, and PostgreSQL wire servers started on it for the client tests.
 */
final class ShopFixture {
  static final String[] EVENTS = {"product_viewed", "cart_added", "checkout_started", "order_paid"};
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final long BASE = 1_767_225_600_000L;

  private final String storeUrl;
  private final Path model;

  private ShopFixture(String storeUrl, Path model) {
    this.storeUrl = storeUrl;
    this.model = model;
  }

  /** A new store of {@code users} users and its model file. */
  static ShopFixture create(int users) {
    final String url = "jdbc:h2:mem:pgwire" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT NOT NULL, event_time TIMESTAMP, event_name VARCHAR(32), "
          + "revenue DECIMAL(10, 2))");
      final SplittableRandom random = new SplittableRandom(42);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?)")) {
        for (int user = 1; user <= users; user++) {
          final long start = BASE + 3_600_000L * random.nextInt(24 * 40);
          final int steps = 1 + random.nextInt(EVENTS.length);
          for (int step = 0; step < steps; step++) {
            insert.setLong(1, user);
            insert.setTimestamp(2, new Timestamp(start + 60_000L * random.nextInt(600) * step));
            insert.setString(3, EVENTS[step]);
            insert.setBigDecimal(4, step == 3 ? new java.math.BigDecimal(random.nextInt(10_000)).movePointLeft(2)
                : null);
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      final Path model = Files.createTempFile("pgwire-shop", ".yaml");
      model.toFile().deleteOnExit();
      Files.writeString(model, """
          source: { url: "%s" }
          events:
            table: events
            user: user_id
            time: event_time
            event: event_name
            properties: [revenue]
            session: { gap: 1d }
          funnels:
            checkout:
              window: 7d
              steps:
                - { name: Viewed product, when: "event_name = 'product_viewed'" }
                - { name: Added to cart, when: "event_name = 'cart_added'" }
                - { name: Started checkout, when: "event_name = 'checkout_started'" }
                - { name: Paid, when: "event_name = 'order_paid'" }
              breakdowns: [engagement]
          segmentations:
            engagement:
              rules:
                - { segment: power, when: "COUNT(*) >= 4" }
                - { segment: casual, when: "COUNT(*) >= 2" }
              otherwise: silent
          cohorts:
            weekly: { entry: "event_name = 'product_viewed'", return: "event_name = 'order_paid'", period: week }
          paths:
            after_cart: { start: "event_name = 'cart_added'", steps: 4, top: 3 }
            after_cart_sessions: { start: "event_name = 'cart_added'", steps: 4, per: session }
          """.formatted(url));
      return new ShopFixture(url, model);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model file. */
  Path model() {
    return model;
  }

  /** The event store's own JDBC URL. */
  String storeUrl() {
    return storeUrl;
  }

  /** A direct {@code jdbc:funnelsql:} connection over the model (what the server's sessions use). */
  Connection direct() throws SQLException {
    return DriverManager.getConnection("jdbc:funnelsql:model=" + model);
  }

  /** Starts a server on a free loopback port with these users and method. */
  PgServer serve(AuthMethod method, Map<String, String> users) throws Exception {
    return serve(InetAddress.getLoopbackAddress(), method, users, ServerTls.off(false));
  }

  /** Starts a server on a free port of {@code address} with these users, method and TLS. */
  PgServer serve(InetAddress address, AuthMethod method, Map<String, String> users, ServerTls tls)
      throws Exception {
    return serve(address, method, users, tls, SessionLimits.DEFAULTS);
  }

  /** Starts a server on a free port of {@code address} with these users, method, TLS and limits. */
  PgServer serve(InetAddress address, AuthMethod method, Map<String, String> users, ServerTls tls,
      SessionLimits limits) throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("model", model.toString());
    return PgServer.start(new ServerConfig(address, 0, method, UserStore.of(users), properties, 16, tls, limits));
  }
}
