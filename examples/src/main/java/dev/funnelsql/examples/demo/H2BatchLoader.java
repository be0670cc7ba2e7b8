package dev.funnelsql.examples.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * {@link ShopSimulation.Sink} that inserts rows into H2 with batched prepared statements, committing every batch.
 *
 * <p>Timestamps are bound as {@code LocalDateTime}, so the JVM's time zone never shifts them.
 */
final class H2BatchLoader implements StoreLoader {

  static final int BATCH_SIZE = 10_000;

  private final Connection connection;
  private final PreparedStatement users;
  private final PreparedStatement events;
  private int pendingUsers;
  private int pendingEvents;

  H2BatchLoader(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.users = connection.prepareStatement(
        "INSERT INTO users (user_id, signup_time, acquisition_source, plan, country) VALUES (?, ?, ?, ?, ?)");
    this.events = connection.prepareStatement("INSERT INTO events (event_id, user_id, event_time, event_name,"
        + " session_id, product_id, revenue, acquisition_source, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  @Override
  public void user(long userId, long signupSec, String source, String plan, String country) throws SQLException {
    users.setLong(1, userId);
    users.setObject(2, StoreLoader.time(signupSec));
    users.setString(3, source);
    users.setString(4, plan);
    users.setString(5, country);
    users.addBatch();
    if (++pendingUsers == BATCH_SIZE) {
      users.executeBatch();
      connection.commit();
      pendingUsers = 0;
    }
  }

  @Override
  public void event(long eventId, long userId, long timeSec, String name, long sessionId, int productId,
                    long revenueCents, String source) throws SQLException {
    events.setLong(1, eventId);
    events.setLong(2, userId);
    events.setObject(3, StoreLoader.time(timeSec));
    events.setString(4, name);
    events.setLong(5, sessionId);
    if (productId < 0) {
      events.setNull(6, Types.INTEGER);
    } else {
      events.setInt(6, productId);
    }
    if (revenueCents < 0) {
      events.setNull(7, Types.DECIMAL);
    } else {
      events.setBigDecimal(7, BigDecimal.valueOf(revenueCents, 2));
    }
    events.setString(8, source);
    events.setLong(9, ShopSimulation.accountOf(userId));
    events.addBatch();
    if (++pendingEvents == BATCH_SIZE) {
      events.executeBatch();
      connection.commit();
      pendingEvents = 0;
    }
  }

  @Override
  public void flush() throws SQLException {
    if (pendingUsers > 0) {
      users.executeBatch();
      pendingUsers = 0;
    }
    if (pendingEvents > 0) {
      events.executeBatch();
      pendingEvents = 0;
    }
    connection.commit();
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
