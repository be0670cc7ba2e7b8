package dev.funnelsql.calcite.testing;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the tests' events table {@code events (user_id, ts, secs, event_name, source, score, revenue)}; null
 * fields are SQL NULLs ({@code secs} is the time in whole seconds, NULL with the time).
 *
 * @param userId the user
 * @param millis the event time in milliseconds since the epoch (UTC), or null
 * @param name the event name, or null
 * @param source a text property (e.g. the acquisition source), or null
 * @param score an integer property (e.g. a Net Promoter score), or null
 * @param revenue an integer amount, or null
 */
public record TestEvent(long userId, Long millis, String name, String source, Integer score, Integer revenue) {
  /** The column definitions of the events table. */
  public static final String COLUMNS = "user_id BIGINT, ts TIMESTAMP, secs BIGINT, event_name VARCHAR(16), "
      + "source VARCHAR(16), score INTEGER, revenue INTEGER";

  /** An event with only a user, a time and a name. */
  public static TestEvent of(long userId, Long millis, String name) {
    return new TestEvent(userId, millis, name, null, null, null);
  }

  /** Creates a store of that kind holding these events in table {@code events}. */
  public static Store store(StoreKind kind, List<TestEvent> events) throws SQLException {
    return TestStores.create(kind, "events", COLUMNS, rows(events));
  }

  /**
   * Creates a store of that kind holding those of these events that have a time, in table {@code events} whose time
   * column is declared NOT NULL.
   */
  public static Store storeWithTimes(StoreKind kind, List<TestEvent> events) throws SQLException {
    return TestStores.create(kind, "events", COLUMNS.replace("ts TIMESTAMP", "ts TIMESTAMP NOT NULL"),
        rows(events.stream().filter(event -> event.millis() != null).toList()));
  }

  private static List<Object[]> rows(List<TestEvent> events) {
    final List<Object[]> rows = new ArrayList<>();
    for (TestEvent event : events) {
      final Long millis = event.millis();
      rows.add(new Object[] {event.userId(), millis == null ? null : new Timestamp(millis),
          millis == null ? null : Math.floorDiv(millis, 1000L), event.name(), event.source(), event.score(),
          event.revenue()});
    }
    return rows;
  }
}
