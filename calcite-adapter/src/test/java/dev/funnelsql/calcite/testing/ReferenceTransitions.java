package dev.funnelsql.calcite.testing;

import dev.funnelsql.calcite.segment.SegmentsSchema;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A segmentation's {@code <name>_transitions} table by its definition, from each user's segment per period, and the
 * table as a store answers it, both as (from period, to period, from segment, to segment) to users.
 */
public final class ReferenceTransitions {
  private ReferenceTransitions() {
  }

  /**
   * The transitions of the segments per user and period start (the periods in which the user has events): each
   * period P with a next period not after the last one gives (P, P+1, its segment, the next one's or no activity),
   * and each period whose previous period has no events and is not before the first gives (P-1, P, no activity,
   * its segment); the first and last periods are those of all the users.
   */
  public static Map<List<String>, Long> of(Map<Long, TreeMap<Long, String>> segments, CalendarPeriod unit) {
    final long lo = segments.values().stream().mapToLong(TreeMap::firstKey).min().orElseThrow();
    final long hi = segments.values().stream().mapToLong(TreeMap::lastKey).max().orElseThrow();
    final Map<List<String>, Long> transitions = new TreeMap<>(Comparator.comparing(Object::toString));
    segments.values().forEach(own -> own.forEach((period, segment) -> {
      final long next = unit.next(period);
      final long previous = unit.start(period - 1);
      if (next <= hi) {
        transitions.merge(List.of(label(period), label(next), segment, own.getOrDefault(next,
            SegmentsSchema.NO_ACTIVITY)), 1L, Long::sum);
      }
      if (!own.containsKey(previous) && previous >= lo) {
        transitions.merge(List.of(label(previous), label(period), SegmentsSchema.NO_ACTIVITY, segment), 1L,
            Long::sum);
      }
    }));
    return transitions;
  }

  /** The rows of {@code segments.<name>_transitions} on that connection, in the shape of {@link #of}. */
  public static Map<List<String>, Long> actual(AdapterConnection connection, String name) throws SQLException {
    final Map<List<String>, Long> actual = new TreeMap<>(Comparator.comparing(Object::toString));
    for (List<Object> row : connection.rows("SELECT from_period, to_period, from_segment, to_segment, users "
        + "FROM segments." + name + "_transitions")) {
      actual.merge(List.of(rowLabel(row.get(0)), rowLabel(row.get(1)), (String) row.get(2), (String) row.get(3)),
          ((Number) row.get(4)).longValue(), Long::sum);
    }
    return actual;
  }

  private static String label(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC).toString();
  }

  private static String rowLabel(Object value) {
    return value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate().atStartOfDay().toString()
        : ((Timestamp) value).toLocalDateTime().toString();
  }
}
