package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connection runs, without planning it again, a statement that another connection of the same model, store,
 * credentials and settings prepared (as each session of the wire server is a new connection): the plan executes
 * against the new connection's store connections, so it keeps working after the first connection closed and reads
 * what the store holds now. Connections with other settings plan their own; connections with the result cache off
 * share theirs too, among themselves.
 */
class PlansSharedAcrossConnectionsTest {
  private static final String FUNNEL = "SELECT step, users FROM funnels.abc_summary WHERE users >= ? ORDER BY step";

  @TempDir
  static Path dir;

  /** The rows of {@link #FUNNEL} on a new connection, and how many statements it parsed (planned) to get them. */
  private record Answer(List<List<Long>> rows, int parsed) {
  }

  private static Answer ask(String url, long minUsers) throws SQLException {
    final AtomicInteger parsed = new AtomicInteger();
    try (Connection connection = DriverManager.getConnection(url);
         Hook.Closeable hook = Hook.PARSE_TREE.addThread((Consumer<Object>) tree -> parsed.incrementAndGet());
         PreparedStatement statement = connection.prepareStatement(FUNNEL)) {
      statement.setLong(1, minUsers);
      final List<List<Long>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(List.of(result.getLong(1), result.getLong(2)));
        }
      }
      return new Answer(rows, parsed.get());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNewConnectionRunsThePlanAnotherPreparedAgainstItsOwnStoreConnections(Kind kind) throws Exception {
    final String source = EventStores.create(kind, AbcModel.events());
    final String url = AbcModel.url(dir, kind, source);
    final Answer first = ask(url, 0);
    assertTrue(first.parsed() > 0, "the first connection plans the statement");
    assertEquals(List.of(List.of(1L, 3L), List.of(2L, 2L), List.of(3L, 1L)), first.rows());

    AbcModel.insert(kind, source, "(4, TIMESTAMP '2026-01-01 00:00:00', 0, 'a'),"
        + " (4, TIMESTAMP '2026-01-01 00:00:01', 0, 'b')");
    // Another parameter value: not an answer the result cache holds, so the shared plan runs, on this connection.
    final Answer second = ask(url, 1);
    assertEquals(0, second.parsed(), "the second connection reuses the plan");
    assertEquals(List.of(List.of(1L, 4L), List.of(2L, 3L), List.of(3L, 1L)), second.rows(),
        "the store as it is now, read through the second connection (the first one is closed)");
  }

  @Test
  void connectionsWithOtherSettingsPlanTheirOwnAndThoseWithTheCacheOffShareAmongThemselves() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final String url = AbcModel.url(dir, Kind.H2, source);
    assertTrue(ask(url, 0).parsed() > 0);
    assertEquals(0, ask(url, 2).parsed());
    final Answer otherSettings = ask(url + ";funnel.pushdown=never", 2);
    assertTrue(otherSettings.parsed() > 0, "another funnel.pushdown is another plan");
    assertEquals(ask(url, 2).rows(), otherSettings.rows());
    final Answer cacheOff = ask(url + ";cache.ttl=0", 2);
    assertTrue(cacheOff.parsed() > 0, "another cache.ttl is another plan");
    final Answer cacheOffAgain = ask(url + ";cache.ttl=0", 2);
    assertEquals(0, cacheOffAgain.parsed(), "with the cache off, connections still share plans");
    assertEquals(cacheOff.rows(), cacheOffAgain.rows());
  }
}
