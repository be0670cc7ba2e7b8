package dev.funnelsql.calcite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The segmentations' health logged at a first connection: within its time, each segmentation's warnings, the same as
 * its {@code _check} table's; with the time spent, each segmentation logged at INFO as not checked, with the table
 * that gives it, and no query run.
 */
class SegmentationHealthLogTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        one_segment:
          rules:
            - { segment: any, when: "COUNT(*) >= 1" }
          otherwise: none
        levels:
          rules:
            - { segment: many, when: "COUNT(*) >= 8" }
            - { segment: some, when: "COUNT(*) >= 3" }
          otherwise: few
      """;

  /** The records the health logger gets while {@code work} runs. */
  private static List<LogRecord> logged(ThrowingRunnable work) throws Exception {
    final Logger health = Logger.getLogger("dev.funnelsql.calcite.segment.SegmentationCheck");
    final List<LogRecord> records = new ArrayList<>();
    final Handler handler = new Handler() {
      @Override public void publish(LogRecord record) {
        records.add(record);
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
    final Level level = health.getLevel();
    health.setLevel(Level.ALL);
    health.addHandler(handler);
    try {
      work.run();
    } finally {
      health.removeHandler(handler);
      health.setLevel(level);
    }
    return records;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void withinItsTimeEachSegmentationsWarningsAreLoggedAsItsCheckTableGivesThem() throws Exception {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(StoreKind.H2, 1L), MODEL,
        new Properties())) {
      final List<String> expected = new ArrayList<>();
      for (String segmentation : List.of("one_segment", "levels")) {
        for (List<Object> row : connection.rows("SELECT warning FROM segments." + segmentation + "_check")) {
          if (row.get(0) != null) {
            expected.add("segmentation '" + segmentation + "': " + row.get(0));
          }
        }
      }
      assertTrue(expected.stream().anyMatch(w -> w.contains("1 segment holds users")), expected.toString());
      final List<LogRecord> records =
          logged(() -> connection.catalog().logSegmentationHealth(connection.connection(), Duration.ofSeconds(60)));
      assertEquals(expected, records.stream().filter(r -> r.getLevel() == Level.WARNING)
          .map(r -> r.getMessage().substring(r.getMessage().indexOf("segmentation '"))).toList());
      assertTrue(records.stream().noneMatch(r -> r.getMessage().contains("not checked")), records.toString());
    }
  }

  @Test
  void withItsTimeSpentEachSegmentationIsLoggedAsNotCheckedWithTheTableThatGivesIt() throws Exception {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(StoreKind.H2, 1L), MODEL,
        new Properties())) {
      final List<LogRecord> records =
          logged(() -> connection.catalog().logSegmentationHealth(connection.connection(), Duration.ZERO));
      assertEquals(List.of(
          "test.yaml:4: segmentation 'one_segment': not checked as the connection opened (its checks have 0 s in "
              + "all); SELECT * FROM segments.one_segment_check gives it",
          "test.yaml:8: segmentation 'levels': not checked as the connection opened (its checks have 0 s in all); "
              + "SELECT * FROM segments.levels_check gives it"),
          records.stream().map(LogRecord::getMessage).toList());
      assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.INFO), records.toString());
    }
  }
}
