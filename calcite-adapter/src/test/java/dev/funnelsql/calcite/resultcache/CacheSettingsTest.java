package dev.funnelsql.calcite.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code cache.*} connection properties: their spellings, defaults and the errors for wrong values. */
class CacheSettingsTest {
  private static CacheSettings of(String... keyValues) throws SQLException {
    final Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return CacheSettings.from(properties);
  }

  @Test
  void defaultsAreSixtySecondsAndOneMegabytePerResult() throws SQLException {
    final CacheSettings settings = of("timeZone", "UTC");
    assertTrue(settings.enabled());
    assertEquals(60_000L, settings.ttlMillis());
    assertEquals(1L << 20, settings.maxEntryBytes());
  }

  @Test
  void durationsAndSizes() throws SQLException {
    assertEquals(500L, of("cache.ttl", "500ms").ttlMillis());
    assertEquals(90_000L, of("CACHE.TTL", "90s").ttlMillis());
    assertEquals(300_000L, of("cache.ttl", "5m").ttlMillis());
    assertEquals(3_600_000L, of("cache.ttl", "1h").ttlMillis());
    assertEquals(30_000L, of("cache.ttl", "30").ttlMillis());
    assertFalse(of("cache.ttl", "0").enabled());
    assertFalse(of("cache.ttl", "off").enabled());
    assertEquals(256L << 10, of("cache.maxEntry", "256k").maxEntryBytes());
  }

  @Test
  void wrongValuesAndUnknownKeysAreReported() {
    SQLException e = assertThrows(SQLException.class, () -> of("cache.ttl", "soon"));
    assertEquals("22023", e.getSQLState());
    assertEquals("connection property cache.ttl must be a duration such as 60s, 5m or 500ms (0 turns the cache "
        + "off), got 'soon'", e.getMessage());
    e = assertThrows(SQLException.class, () -> of("cache.ttl", "-1s"));
    assertEquals("22023", e.getSQLState());
    e = assertThrows(SQLException.class, () -> of("cache.maxEntry", "0"));
    assertEquals("22023", e.getSQLState());
    e = assertThrows(SQLException.class, () -> of("cache.tll", "60s"));
    assertEquals("22023", e.getSQLState());
    assertEquals("unknown connection property cache.tll: the result cache takes cache.ttl and cache.maxEntry",
        e.getMessage());
  }
}
