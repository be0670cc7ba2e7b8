package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.AuthMethod;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A shop store and a wire server on it (loopback, any user name, no password) for the tests of one class: register
 * it with {@code @RegisterExtension static final ShopServer SHOP = new ShopServer(users)}; it starts before the
 * class's own {@code @BeforeAll} methods and closes after its tests.
 */
final class ShopServer implements BeforeAllCallback, AfterAllCallback {
  private final int users;
  private ShopFixture shop;
  private PgServer server;

  ShopServer(int users) {
    this.users = users;
  }

  @Override public void beforeAll(ExtensionContext context) throws Exception {
    shop = ShopFixture.create(users);
    server = shop.serve(AuthMethod.TRUST, Map.of());
  }

  @Override public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  /** The store and its model. */
  ShopFixture shop() {
    return shop;
  }

  /** The port the server listens on. */
  int port() {
    return server.port();
  }

  /** A pgjdbc connection as {@code user}, with more URL parameters ({@code &key=value…}, or empty). */
  Connection connect(String user, String parameters) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/funnelsql?user=" + user
        + parameters);
  }
}
