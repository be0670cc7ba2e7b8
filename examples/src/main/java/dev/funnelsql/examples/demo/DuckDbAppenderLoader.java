package dev.funnelsql.examples.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link StoreLoader} that writes rows into DuckDB through its appender, which loads the default store's 2M events
 * in a few seconds where batched inserts take minutes.
 *
 * <p>Timestamps are appended as {@code LocalDateTime}, so the JVM's time zone never shifts them.
 */
final class DuckDbAppenderLoader implements StoreLoader {

  private final DuckDBAppender users;
  private final DuckDBAppender events;

  DuckDbAppenderLoader(Connection connection) throws SQLException {
    DuckDBConnection duckDb = connection.unwrap(DuckDBConnection.class);
    String schema = DemoStore.DUCKDB.schema();
    this.users = duckDb.createAppender(schema, "users");
    this.events = duckDb.createAppender(schema, "events");
  }

  @Override
  public void user(long userId, long signupSec, String source, String plan, String country) throws SQLException {
    users.beginRow();
    users.append(userId);
    users.append(StoreLoader.time(signupSec));
    users.append(source);
    users.append(plan);
    users.append(country);
    users.endRow();
  }

  @Override
  public void event(long eventId, long userId, long timeSec, String name, long sessionId, int productId,
                    long revenueCents, String source) throws SQLException {
    events.beginRow();
    events.append(eventId);
    events.append(userId);
    events.append(StoreLoader.time(timeSec));
    events.append(name);
    events.append(sessionId);
    if (productId < 0) {
      events.appendNull();
    } else {
      events.append(productId);
    }
    if (revenueCents < 0) {
      events.appendNull();
    } else {
      events.append(BigDecimal.valueOf(revenueCents, 2));
    }
    events.append(source);
    events.append(ShopSimulation.accountOf(userId));
    events.endRow();
  }

  @Override
  public void flush() throws SQLException {
    users.flush();
    events.flush();
  }

  @Override
  public void close() throws SQLException {
    try {
      users.close();
    } finally {
      events.close();
    }
  }
}
