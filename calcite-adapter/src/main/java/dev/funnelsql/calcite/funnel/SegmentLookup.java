package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.segment.MembershipCache;
import dev.funnelsql.functions.grouping.LongKeyIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One segmentation's memberships as a funnel table reads them: each user's segment as a small index into the
 * segment names. Integer users (the usual case) live in primitive arrays, so a million users cost about 40 bytes
 * each and a lookup one cache miss, where a {@code HashMap<Long, String>} costs about 80 bytes and three misses
 * (measured: a summary over 1M users spent most of its time in those lookups). Other users (strings, large
 * decimals) are kept in a map, normalized as {@link MembershipCache#normalize} does.
 *
 * <p>A lookup of spans (a segmentation taken at each user's entry, see {@code Segmentation.spansSql}) keeps, per
 * user, the times from which each of their segments holds, and answers for a time.
 */
final class SegmentLookup {
  private static final long STOP_CHECK_MASK = 4095;
  private final LongKeyIds ids = new LongKeyIds();
  private int[] segmentOfId = new int[1024];
  private final Map<Object, Integer> otherUsers = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> indexOfName = new HashMap<>();
  /** Of a lookup of spans: each span's start on the time line and segment (-1 for none), a user's spans together. */
  private long @Nullable [] spanTimes;
  private int[] spanSegments = new int[0];
  private int spanCount;
  /** Of a lookup of spans: per user id, where their spans end (they begin where {@code segmentOfId} says). */
  private int[] spanEndOfId = new int[0];
  /** Of a lookup of spans: the users that are no integers, each with where their spans begin and end. */
  private final Map<Object, int[]> otherSpans = new HashMap<>();
  private @Nullable Object lastSpanUser;
  private int lastSpanId;
  private int @Nullable [] lastSpanRange;

  /**
   * Reads a membership's rows (user, segment); rows with a NULL user or segment are skipped, and a user listed
   * twice keeps the last segment. Every {@code STOP_CHECK_MASK + 1} rows it asks {@code stopped} whether to go on.
   */
  static SegmentLookup load(Enumerable<@Nullable Object[]> membership, BooleanSupplier stopped) {
    final SegmentLookup lookup = new SegmentLookup();
    readAll(membership, stopped, row -> {
      if (row[0] != null && row[1] != null) {
        lookup.put(row[0], (String) row[1]);
      }
    });
    return lookup;
  }

  /**
   * Reads a segmentation's spans (user, since, segment) ordered by user and time: the user's segment from that time
   * on, NULL for none. Rows with a NULL user or time are skipped.
   *
   * @param timeScale the factor from a row's time to the time line the lookups are asked on
   */
  static SegmentLookup loadSpans(Enumerable<@Nullable Object[]> spans, long timeScale, BooleanSupplier stopped) {
    final SegmentLookup lookup = new SegmentLookup();
    lookup.spanTimes = new long[1024];
    lookup.spanSegments = new int[1024];
    readAll(spans, stopped, row -> {
      if (row[0] != null && row[1] != null) {
        lookup.putSpan(row[0], ((Number) row[1]).longValue() * timeScale, (String) row[2]);
      }
    });
    return lookup;
  }

  /** Hands every row to {@code put}, asking {@code stopped} every {@code STOP_CHECK_MASK + 1} rows whether to go on. */
  private static void readAll(Enumerable<@Nullable Object[]> rows, BooleanSupplier stopped,
      Consumer<@Nullable Object[]> put) {
    try (Enumerator<@Nullable Object[]> enumerator = rows.enumerator()) {
      long read = 0;
      while (enumerator.moveNext()) {
        put.accept(enumerator.current());
        if ((++read & STOP_CHECK_MASK) == 0 && stopped.getAsBoolean()) {
          throw new CancellationException("the segments are no longer needed");
        }
      }
    }
  }

  private void putSpan(Object user, long since, @Nullable String segment) {
    final Object key = MembershipCache.normalize(user);
    if (!key.equals(lastSpanUser)) {
      if (key instanceof Long) {
        final int known = ids.size();
        final int id = ids.idOf((Long) key);
        if (id < known) {
          throw new IllegalStateException("a segmentation's spans must come ordered by user");
        }
        if (id >= spanEndOfId.length) {
          spanEndOfId = Arrays.copyOf(spanEndOfId, id + (id >> 1) + 16);
          segmentOfId = Arrays.copyOf(segmentOfId, spanEndOfId.length);
        }
        segmentOfId[id] = spanCount;
        lastSpanRange = null;
        lastSpanId = id;
      } else {
        lastSpanRange = new int[] {spanCount, spanCount};
        if (otherSpans.put(key, lastSpanRange) != null) {
          throw new IllegalStateException("a segmentation's spans must come ordered by user");
        }
      }
      lastSpanUser = key;
    }
    if (spanCount == spanTimes.length) {
      spanTimes = Arrays.copyOf(spanTimes, spanCount + (spanCount >> 1));
      spanSegments = Arrays.copyOf(spanSegments, spanTimes.length);
    }
    spanTimes[spanCount] = since;
    spanSegments[spanCount] = segment == null ? -1 : indexOfName.computeIfAbsent(segment, name -> {
      names.add(name);
      return names.size() - 1;
    });
    spanCount++;
    if (lastSpanRange != null) {
      lastSpanRange[1] = spanCount;
    } else {
      spanEndOfId[lastSpanId] = spanCount;
    }
  }

  /** A lookup of no users whose segments are {@code names}, in order (so that index {@code i} names the i-th). */
  static SegmentLookup named(List<String> names) {
    final SegmentLookup lookup = new SegmentLookup();
    for (String name : names) {
      lookup.indexOfName.computeIfAbsent(name, n -> {
        lookup.names.add(n);
        return lookup.names.size() - 1;
      });
    }
    return lookup;
  }

  /** The lookup of these users' segments. */
  static SegmentLookup of(Map<Object, String> segments) {
    final SegmentLookup lookup = new SegmentLookup();
    segments.forEach(lookup::put);
    return lookup;
  }

  private void put(Object user, String segment) {
    final int index = indexOfName.computeIfAbsent(segment, name -> {
      names.add(name);
      return names.size() - 1;
    });
    final Object key = MembershipCache.normalize(user);
    if (key instanceof Long) {
      final int id = ids.idOf((Long) key);
      if (id == segmentOfId.length) {
        segmentOfId = Arrays.copyOf(segmentOfId, id + (id >> 1));
      }
      segmentOfId[id] = index;
    } else {
      otherUsers.put(key, index);
    }
  }

  /** The number of distinct segments. */
  int segments() {
    return names.size();
  }

  /** The name of segment {@code index} (0 to {@link #segments()} - 1). */
  String name(int index) {
    return names.get(index);
  }

  /** The index of a user's segment (of a lookup of spans, their latest), or -1 when the user (or NULL) is in none. */
  int indexOf(@Nullable Object user) {
    return indexOf(user, Long.MAX_VALUE);
  }

  /** A user's segment (of a lookup of spans, their latest), or null when the user is in none. */
  @Nullable String segmentOf(@Nullable Object user) {
    return segmentOf(user, Long.MAX_VALUE);
  }

  /**
   * The index of a user's segment at a time of the time line (of a lookup of spans; others have one segment per
   * user), or -1 when the user (or NULL) is in none.
   */
  int indexOf(@Nullable Object user, long time) {
    if (user == null) {
      return -1;
    }
    final Object key = user instanceof Long ? user : MembershipCache.normalize(user);
    final long @Nullable [] times = spanTimes;
    int low;
    int high;
    if (key instanceof Long) {
      final int id = ids.find((Long) key);
      if (id < 0 || times == null) {
        return id < 0 ? -1 : segmentOfId[id];
      }
      low = segmentOfId[id];
      high = spanEndOfId[id] - 1;
    } else if (times == null) {
      final @Nullable Integer index = otherUsers.get(key);
      return index == null ? -1 : index;
    } else {
      final int @Nullable [] range = otherSpans.get(key);
      if (range == null) {
        return -1;
      }
      low = range[0];
      high = range[1] - 1;
    }
    // The last span that starts at or before the time.
    int found = -1;
    while (low <= high) {
      final int middle = (low + high) >>> 1;
      if (times[middle] <= time) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? -1 : spanSegments[found];
  }

  /** A user's segment at a time of the time line, or null when the user is in none. */
  @Nullable String segmentOf(@Nullable Object user, long time) {
    final int index = indexOf(user, time);
    return index < 0 ? null : names.get(index);
  }
}
