package dev.funnelsql.calcite.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Calcite's lookups of the store's tables are answered from what the store said within the kept time, absent tables
 * included, and asked of the store again once that time has passed.
 */
class RecentTablesTest {
  /** A store's table lookup that counts the questions it is asked. */
  private static final class CountingStore implements Lookup<Table> {
    final Map<String, Table> tables = new HashMap<>();
    int asked;

    @Override public @Nullable Table get(String name) {
      asked++;
      return tables.get(name);
    }

    @Override public @Nullable Named<Table> getIgnoreCase(String name) {
      asked++;
      return tables.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> new Named<>(e.getKey(), e.getValue())).orElse(null);
    }

    @Override public Set<String> getNames(LikePattern pattern) {
      asked++;
      return Set.copyOf(tables.keySet());
    }
  }

  private static Table table() {
    return new AbstractTable() {
      @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return typeFactory.builder().build();
      }
    };
  }

  @Test
  void answersAreKeptForTheKeptTimeThenAskedAgain() {
    final CountingStore store = new CountingStore();
    final Table events = table();
    store.tables.put("events", events);
    final AtomicLong now = new AtomicLong();
    final RecentTables tables = new RecentTables(store, 1_000, now::get);

    assertSame(events, tables.get("events"));
    assertSame(events, tables.getIgnoreCase("EVENTS").entity());
    assertEquals(Set.of("events"), tables.getNames(LikePattern.any()));
    assertNull(tables.get("missing"));
    assertEquals(4, store.asked);

    store.tables.put("missing", table());
    now.addAndGet(999_999_999L);
    assertSame(events, tables.get("events"));
    assertEquals("events", tables.getIgnoreCase("EVENTS").name());
    assertEquals(Set.of("events"), tables.getNames(LikePattern.any()));
    assertNull(tables.get("missing"), "an absent table is remembered as absent too");
    assertEquals(4, store.asked, "nothing asked of the store within the kept time");

    now.addAndGet(1L);
    assertEquals(Set.of("events", "missing"), tables.getNames(LikePattern.any()));
    assertSame(store.tables.get("missing"), tables.get("missing"));
    assertEquals(6, store.asked, "asked again once the kept time has passed");
  }
}
