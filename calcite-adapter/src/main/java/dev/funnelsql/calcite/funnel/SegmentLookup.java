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
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One segmentation's memberships as a funnel table reads them: each user's segment as a small index into the
 * segment names. Integer users (the usual case) live in primitive arrays, so a million users cost about 40 bytes
 * each and a lookup one cache miss, where a {@code HashMap<Long, String>} costs about 80 bytes and three misses
 * (measured: a summary over 1M users spent most of its time in those lookups). Other users (strings, large
 * decimals) are kept in a map, normalized as {@link MembershipCache#normalize} does.
 */
final class SegmentLookup {
  private static final long STOP_CHECK_MASK = 4095;
  private final LongKeyIds ids = new LongKeyIds();
  private int[] segmentOfId = new int[1024];
  private final Map<Object, Integer> otherUsers = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> indexOfName = new HashMap<>();

  /**
   * Reads a membership's rows (user, segment); rows with a NULL user or segment are skipped, and a user listed
   * twice keeps the last segment. Every {@code STOP_CHECK_MASK + 1} rows it asks {@code stopped} whether to go on.
   */
  static SegmentLookup load(Enumerable<@Nullable Object[]> membership, BooleanSupplier stopped) {
    final SegmentLookup lookup = new SegmentLookup();
    try (Enumerator<@Nullable Object[]> rows = membership.enumerator()) {
      long read = 0;
      while (rows.moveNext()) {
        final @Nullable Object[] row = rows.current();
        if (row[0] != null && row[1] != null) {
          lookup.put(row[0], (String) row[1]);
        }
        if ((++read & STOP_CHECK_MASK) == 0 && stopped.getAsBoolean()) {
          throw new CancellationException("the segments are no longer needed");
        }
      }
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

  /** The index of a user's segment, or -1 when the user (or NULL) is in none. */
  int indexOf(@Nullable Object user) {
    if (user == null) {
      return -1;
    }
    final Object key = user instanceof Long ? user : MembershipCache.normalize(user);
    if (key instanceof Long) {
      final int id = ids.find((Long) key);
      return id < 0 ? -1 : segmentOfId[id];
    }
    final @Nullable Integer index = otherUsers.get(key);
    return index == null ? -1 : index;
  }

  /** A user's segment, or null when the user is in none. */
  @Nullable String segmentOf(@Nullable Object user) {
    final int index = indexOf(user);
    return index < 0 ? null : names.get(index);
  }
}
