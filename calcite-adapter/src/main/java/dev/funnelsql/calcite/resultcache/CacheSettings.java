package dev.funnelsql.calcite.resultcache;

import dev.funnelsql.calcite.settings.SettingValues;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A connection's choices for the shared result cache ({@code cache.*} connection properties): how old an answer it
 * accepts ({@code cache.ttl}, 0 turns the cache off) and the largest result it keeps ({@code cache.maxEntry}).
 */
public final class CacheSettings {
  /** The property that says how long an answer is reused: a duration, {@code 0} turns the cache off. */
  public static final String TTL = "cache.ttl";
  /** The property that bounds the size of one cached result; larger results stream and are not kept. */
  public static final String MAX_ENTRY = "cache.maxEntry";

  /** The settings of a connection that sets none: answers live 60 s (as SEGMENT_OF's memberships), 1 MB each. */
  public static final CacheSettings DEFAULT = new CacheSettings(60_000L, 1L << 20);
  /** The settings of a connection that does not use the cache. */
  public static final CacheSettings OFF = new CacheSettings(0L, 1L << 20);

  private static final String PREFIX = "cache.";

  private final long ttlMillis;
  private final long maxEntryBytes;

  CacheSettings(long ttlMillis, long maxEntryBytes) {
    this.ttlMillis = ttlMillis;
    this.maxEntryBytes = maxEntryBytes;
  }

  /** Whether {@code key} belongs to the result cache (every {@code cache.*} key, so that a typo is reported). */
  public static boolean isKey(String key) {
    return key.toLowerCase(Locale.ROOT).startsWith(PREFIX);
  }

  /**
   * Reads the settings from connection properties (keys that are not {@code cache.*} are ignored).
   *
   * @throws SQLException with SQLState 22023 naming the property if a value is wrong or the key unknown
   */
  public static CacheSettings from(Properties properties) throws SQLException {
    long ttl = DEFAULT.ttlMillis;
    long maxEntry = DEFAULT.maxEntryBytes;
    for (String name : properties.stringPropertyNames()) {
      if (!isKey(name)) {
        continue;
      }
      final String value = properties.getProperty(name);
      if (name.equalsIgnoreCase(TTL)) {
        ttl = SettingValues.millis(TTL, value, "0 turns the cache off");
      } else if (name.equalsIgnoreCase(MAX_ENTRY)) {
        maxEntry = SettingValues.bytes(MAX_ENTRY, value, "1m or 256k");
      } else {
        throw new SQLException("unknown connection property " + name + ": the result cache takes " + TTL + " and "
            + MAX_ENTRY, "22023");
      }
    }
    return new CacheSettings(ttl, maxEntry);
  }

  /** Whether this connection reads and fills the cache. */
  public boolean enabled() {
    return ttlMillis > 0;
  }

  /** How old, in milliseconds, an answer this connection reuses may be; 0 when the cache is off. */
  public long ttlMillis() {
    return ttlMillis;
  }

  /** The most bytes (estimated) one result may take to be kept. */
  public long maxEntryBytes() {
    return maxEntryBytes;
  }

  @Override public String toString() {
    return "CacheSettings{ttl=" + ttlMillis + "ms, maxEntry=" + maxEntryBytes + "}";
  }
}
