package dev.funnelsql.calcite.segment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The segment of every user, per segmentation and point in time, computed on first use by one query through the
 * FunnelSQL connection and kept for a short time, so that {@code SEGMENT_OF} costs a hash lookup per row.
 */
public final class MembershipCache {
  private final long ttlMillis;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Creates a cache whose entries live {@code ttlMillis} milliseconds. */
  public MembershipCache(long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  /** Returns the segment of {@code user}, running {@code sql} through {@code connection} if not cached. */
  @Nullable String segmentOf(Connection connection, String key, String sql, Object user) {
    final long now = System.currentTimeMillis();
    Entry entry = entries.get(key);
    if (entry == null || entry.expiresAt < now) {
      entry = new Entry(load(connection, sql), now + ttlMillis);
      entries.put(key, entry);
    }
    return entry.segments.get(normalize(user));
  }

  private static Map<Object, String> load(Connection connection, String sql) {
    final Map<Object, String> segments = new HashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        final Object user = rows.getObject(1);
        if (user != null) {
          segments.put(normalize(user), rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SEGMENT_OF could not compute the segments: " + e.getMessage(), e);
    }
    return segments;
  }

  /** Makes equal user ids equal keys whatever their Java type (an INTEGER column against a BIGINT one). */
  public static Object normalize(Object user) {
    if (user instanceof Long || user instanceof Integer || user instanceof Short || user instanceof Byte) {
      return ((Number) user).longValue();
    }
    if (user instanceof BigDecimal) {
      final BigDecimal decimal = ((BigDecimal) user).stripTrailingZeros();
      final boolean fitsLong = decimal.scale() <= 0 && decimal.toBigInteger().bitLength() < 64;
      return fitsLong ? (Object) decimal.longValueExact() : decimal;
    }
    return user.toString();
  }

  /** Forgets every cached membership. */
  public void clear() {
    entries.clear();
  }

  /** A cached membership map and when it expires. */
  private static final class Entry {
    private final Map<Object, String> segments;
    private final long expiresAt;

    Entry(Map<Object, String> segments, long expiresAt) {
      this.segments = segments;
      this.expiresAt = expiresAt;
    }
  }
}
