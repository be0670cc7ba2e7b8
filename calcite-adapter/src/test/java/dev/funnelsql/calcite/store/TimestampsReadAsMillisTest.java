package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestStores;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TIMESTAMP columns a store hands to Calcite: DuckDB sends their epoch milliseconds (its driver reads them faster
 * than the TIMESTAMP), H2 the TIMESTAMP; either way each time reads back as its wall clock to the millisecond, the
 * microseconds dropped as Calcite drops them (times before 1970 included), NULL as NULL, and sorted as the times are.
 */
class TimestampsReadAsMillisTest {
  private static final long MIN_MICROS = LocalDateTime.of(1950, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  private static final long SPAN_MICROS = 100L * 365 * 86_400 * 1_000_000L;

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = StoreKind.class, names = {"DUCKDB", "H2"})
  void timesReadBackToTheMillisecond(StoreKind kind) throws SQLException {
    final Random random = new Random(7);
    final List<Object[]> rows = new ArrayList<>();
    final List<LocalDateTime> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      final long micros = i % 50 == 0 ? 0 : MIN_MICROS + (long) (random.nextDouble() * SPAN_MICROS)
          + (i % 7 == 0 ? 500 : 0);
      final boolean isNull = i % 97 == 3;
      final LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
      rows.add(new Object[] {(long) i, isNull ? null : Timestamp.valueOf(time), "e"});
      expected.add(isNull ? null : time.withNano(time.getNano() / 1_000_000 * 1_000_000));
    }
    final Store store = TestStores.create(kind, "events", "user_id BIGINT, ts TIMESTAMP, event_name VARCHAR", rows);
    try (AdapterConnection connection = AdapterConnections.open(store)) {
      final String query = "SELECT user_id, ts FROM events";
      final String plan = connection.explain(query);
      assertEquals(kind == StoreKind.DUCKDB, plan.contains("EPOCH_MS"), plan);
      final LocalDateTime[] actual = new LocalDateTime[rows.size()];
      for (List<Object> row : connection.rows(query)) {
        actual[((Number) row.get(0)).intValue()] = row.get(1) == null ? null : ((Timestamp) row.get(1))
            .toLocalDateTime();
      }
      assertEquals(expected, Arrays.asList(actual), kind.name());

      final List<LocalDateTime> sorted = new ArrayList<>();
      for (List<Object> row : connection.rows("SELECT ts FROM events WHERE ts IS NOT NULL ORDER BY ts DESC")) {
        sorted.add(((Timestamp) row.get(0)).toLocalDateTime());
      }
      final List<LocalDateTime> wanted = new ArrayList<>(expected);
      wanted.removeIf(time -> time == null);
      wanted.sort((a, b) -> b.compareTo(a));
      assertEquals(wanted, sorted, kind.name());
      assertFalse(sorted.isEmpty());
      assertTrue(expected.contains(null));
    }
  }
}
