package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code rfm} kind, as the README defines it: among users with purchases (purchase events with a time), quintile
 * scores ({@code NTILE(5)}, ties by user id) of recency (calendar days from the last purchase to the store's latest
 * event; the most recent score 5) and frequency (the number of purchases; the most score 5) give {@code champions}
 * (R≥4, F≥4), {@code loyal} (F≥4), {@code new} (R≥4, F≤1), {@code at risk} (R≤2, F≥3), {@code hibernating} (R≤2)
 * or {@code potential}; users without a purchase are {@code no purchase}. Checked on random events against Java.
 */
class RfmSegmentKindTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        buyers: { kind: rfm, purchase: "event_name = 'b'", monetary: revenue }
      """;

  private record Buyer(long user, long recency, long frequency) {
  }

  private static LocalDate date(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** NTILE(5) over rows in that order: the first n mod 5 buckets hold one row more. */
  private static Map<Long, Integer> ntile(List<Buyer> buyers, Comparator<Buyer> order) {
    final List<Buyer> sorted = new ArrayList<>(buyers);
    sorted.sort(order.thenComparingLong(Buyer::user));
    final Map<Long, Integer> scores = new HashMap<>();
    final int size = sorted.size() / 5;
    final int larger = sorted.size() % 5;
    int index = 0;
    for (int bucket = 1; bucket <= 5; bucket++) {
      for (int i = 0; i < size + (bucket <= larger ? 1 : 0); i++) {
        scores.put(sorted.get(index++).user(), bucket);
      }
    }
    return scores;
  }

  private static Map<Long, Set<String>> reference(long seed) {
    final List<TestEvent> all = SegmentCases.events(seed);
    final LocalDate now = date(all.stream().map(TestEvent::millis).filter(Objects::nonNull).mapToLong(t -> t)
        .max().orElseThrow());
    final List<Buyer> buyers = new ArrayList<>();
    final Map<Long, List<TestEvent>> byUser = RandomEvents.byUser(all);
    byUser.forEach((user, events) -> {
      final List<Long> purchases = events.stream().filter(e -> e.millis() != null && "b".equals(e.name()))
          .map(TestEvent::millis).toList();
      if (!purchases.isEmpty()) {
        final LocalDate last = date(purchases.stream().mapToLong(t -> t).max().orElseThrow());
        buyers.add(new Buyer(user, ChronoUnit.DAYS.between(last, now), purchases.size()));
      }
    });
    final Map<Long, Integer> r = ntile(buyers, Comparator.comparingLong(Buyer::recency).reversed());
    final Map<Long, Integer> f = ntile(buyers, Comparator.comparingLong(Buyer::frequency));
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    for (long user : byUser.keySet()) {
      final String segment;
      if (!r.containsKey(user)) {
        segment = "no purchase";
      } else if (r.get(user) >= 4 && f.get(user) >= 4) {
        segment = "champions";
      } else if (f.get(user) >= 4) {
        segment = "loyal";
      } else if (r.get(user) >= 4 && f.get(user) <= 1) {
        segment = "new";
      } else if (r.get(user) <= 2 && f.get(user) >= 3) {
        segment = "at risk";
      } else if (r.get(user) <= 2) {
        segment = "hibernating";
      } else {
        segment = "potential";
      }
      allowed.put(user, SegmentCases.only(segment));
    }
    return allowed;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void quintilesOfRecencyAndFrequency(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.buyers", reference(seed)),
        List.of("champions", "loyal", "new", "at risk", "hibernating", "potential", "no purchase"));
  }
}
