package dev.funnelsql.jdbc;

import java.sql.SQLException;
import java.util.List;

/**
 * {@link EventStores} for tests in other packages: the same real stores (H2, DuckDB, the run's PostgreSQL) holding
 * table {@code events (user_id, ts, secs, event_name)}.
 */
public final class EventStoresAccess {
  private EventStoresAccess() {
  }

  /** The kinds of store. */
  public enum Kind { H2, DUCKDB, POSTGRES }

  /** One event. */
  public record Row(long userId, long millis, String name) {
  }

  /** Creates a store holding the events; returns its JDBC URL (PostgreSQL: user and password are postgres). */
  public static String create(Kind kind, List<Row> rows) throws SQLException {
    return EventStores.create(EventStores.Kind.valueOf(kind.name()),
        rows.stream().map(r -> new EventStores.Event(r.userId(), r.millis(), r.name())).toList());
  }
}
