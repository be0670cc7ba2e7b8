package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The getters the driver calls on Calcite's result set directly give what Avatica's own give: every TIMESTAMP, made
 * without Avatica's calendars in a UTC JVM (the build's), equal to Avatica's, before, in and after the years read fast,
 * and NULL; and for a connection zone at any fixed offset, the shift applied is Avatica's conversion.
 */
class ColumnReadsTest {
  /** 1400-01-01 and 2200-01-01 in epoch milliseconds: from before the Gregorian years read fast to after them. */
  private static final long FROM = -17_987_443_200_000L;
  private static final long TO = 7_258_118_400_000L;
  /** The first and last milliseconds read fast, and their neighbours. */
  private static final long[] EDGES = {-12_212_553_600_001L, -12_212_553_600_000L, 253_402_300_799_999L, 0L, -1L};

  @Test
  void timestampsReadThroughTheDriverEqualAvaticas() throws SQLException {
    final TimeZone utc = TimeZone.getTimeZone("UTC");
    assertEquals(0L, ColumnReads.shift(utc, utc, utc));
    read(events(1), (proxy, calcite) -> {
      int rows = 0;
      int nulls = 0;
      while (proxy.next()) {
        final Object fast = proxy.getObject(2);
        final boolean fastNull = proxy.wasNull();
        final long user = calcite.getLong(1);
        assertEquals(calcite.getObject(2), fast, () -> "the time of user " + user);
        assertEquals(calcite.wasNull(), fastNull);
        assertEquals(calcite.getTimestamp(2), proxy.getTimestamp(2));
        nulls += fastNull ? 1 : 0;
        rows++;
      }
      assertEquals(2_000 + EDGES.length + 20, rows);
      assertTrue(nulls > 0);
    });
  }

  @Test
  void theShiftIsAvaticasForEveryConnectionZoneAtAFixedOffset() {
    final TimeZone utc = TimeZone.getTimeZone("UTC");
    assertEquals("UTC", TimeZone.getDefault().getID(), "the build runs its tests in UTC");
    final Random random = new Random(5);
    for (String zone : List.of("UTC", "GMT+05:30", "GMT-08:00", "Etc/GMT-14")) {
      final TimeZone connection = TimeZone.getTimeZone(zone);
      final Long shift = ColumnReads.shift(utc, utc, connection);
      assertNotNull(shift, zone);
      final Calendar calendar = Calendar.getInstance(connection, Locale.ROOT);
      for (int i = 0; i < 2_000; i++) {
        final long wallTime = -12_212_553_600_000L + (long) (random.nextDouble() * 265_614_854_400_000L);
        assertEquals(DateTimeUtils.unixTimestampToSqlTimestamp(wallTime, calendar), new Timestamp(wallTime - shift),
            () -> zone + ", " + wallTime);
      }
    }
    assertNull(ColumnReads.shift(utc, utc, TimeZone.getTimeZone("America/New_York")));
    assertNull(ColumnReads.shift(TimeZone.getTimeZone("GMT+05:30"), utc, utc));
    assertNull(ColumnReads.shift(utc, TimeZone.getTimeZone("Europe/Berlin"), utc));
  }

  @Test
  void otherGettersReadTheSameValuesAsAvatica() throws SQLException {
    read(events(4), (proxy, calcite) -> {
      int rows = 0;
      while (proxy.next()) {
        assertEquals(calcite.getLong(1), proxy.getLong(1));
        assertEquals(calcite.getInt(1), proxy.getInt(1));
        assertEquals(calcite.getDouble(1), proxy.getDouble(1));
        assertEquals(calcite.getString(3), proxy.getString(3));
        assertEquals(calcite.wasNull(), proxy.wasNull());
        assertEquals(calcite.getObject(3), proxy.getObject(3));
        assertEquals(calcite.getString(2), proxy.getString(2));
        rows++;
      }
      assertTrue(rows > 0);
    });
  }

  /** Random times from 1400 to 2200 (some at whole days, some NULL), and the edges of the fast range. */
  private static List<Event> events(long seed) {
    final Random random = new Random(seed);
    final List<Event> events = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      final long time = FROM + (long) (random.nextDouble() * (TO - FROM));
      events.add(new Event(i, random.nextInt(4) == 0 ? time - Math.floorMod(time, 86_400_000L) : time,
          random.nextBoolean() ? "a" : null));
    }
    for (long edge : EDGES) {
      events.add(new Event(-1, edge, "edge"));
    }
    for (int i = 0; i < 20; i++) {
      events.add(new Event(-2, null, "no time"));
    }
    return events;
  }

  /** What a test compares of one query's rows, read through the driver and from Calcite's result set under it. */
  @FunctionalInterface
  private interface Comparison {
    void on(ResultSet proxy, ResultSet calcite) throws SQLException;
  }

  private static void read(List<Event> events, Comparison comparison) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2,
        EventStores.create(Kind.H2, events)));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT user_id, ts, event_name FROM events")) {
      comparison.on(rows, rows.unwrap(AvaticaResultSet.class));
    }
  }
}
