package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.path.PathAccumulator;
import dev.funnelsql.functions.path.PathEdge;
import dev.funnelsql.functions.path.PathSpec;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The model's path tables ({@code paths.<p>}) on H2, DuckDB and PostgreSQL holding the same random events (repeats,
 * ties, NULL times and names), checked against the path accumulator fed the same events in the test, and the path
 * keys' errors at their model lines.
 */
class PathTablesEndToEndTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final String[] NAMES = {"a", "b", "c", "d", "a", null};
  private static List<Event> events;
  private static Map<Long, List<Event>> byUser;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(12L);
    events = new ArrayList<>();
    for (long user = 1; user <= 200; user++) {
      final int count = random.nextInt(16);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(25) == 0 ? null : BASE + 60_000L * random.nextInt(12);
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
      }
    }
    byUser = EventStores.byUser(events);
  }

  private static Connection connect(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + "-paths.yaml");
    Files.writeString(file, """
        source: { url: "%s"%s }
        events: { table: events, user: user_id, time: ts, event: event_name }
        paths:
          after_a: { start: "event_name = 'a'", steps: 4, top: 2 }
          into_c: { end: "event_name = 'c'", steps: 3 }
          a_to_c: { start: "event_name = 'a'", end: "event_name = 'c'", steps: 5, collapse: false }
          everything: { node: "UPPER(event_name)", collapse: false, steps: 3 }
        """.formatted(url, kind == Kind.POSTGRES ? ", user: postgres" : ""));
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    return DriverManager.getConnection("jdbc:funnelsql:model=" + file + password);
  }

  /** The edges the accumulator gives for the events, one user at a time, as the table's rows. */
  private static List<List<Object>> expected(PathSpec spec, String start, String end, Function<String, String> node) {
    final PathAccumulator accumulator = new PathAccumulator(spec);
    byUser.forEach((user, rows) -> {
      for (Event event : rows) {
        if (event.epochMillis() != null && event.name() != null) {
          accumulator.add(event.epochMillis(), node.apply(event.name()), event.name().equals(start),
              event.name().equals(end));
        }
      }
      accumulator.endOwner();
    });
    final List<List<Object>> rows = new ArrayList<>();
    for (PathEdge edge : accumulator.edges()) {
      rows.add(List.of(edge.source(), edge.target(), edge.depth(), edge.users(), edge.shareOfStart()));
    }
    return rows;
  }

  private static List<List<Object>> query(Connection connection, String table) throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT source, target, depth, users, share_of_start FROM paths."
            + table)) {
      while (result.next()) {
        rows.add(List.of(result.getString(1), result.getString(2), result.getInt(3), result.getLong(4),
            result.getDouble(5)));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pathTablesGiveTheEdgesOfEveryUsersPath(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final List<List<Object>> afterA = expected(PathSpec.of(4, true, 2, true, false), "a", null, name -> name);
      assertTrue(afterA.stream().anyMatch(row -> ((String) row.get(1)).endsWith(". other")), afterA.toString());
      assertEquals(afterA, query(connection, "after_a"), kind + " after_a");
      assertEquals(expected(PathSpec.of(3, true, 10, false, true), null, "c", name -> name),
          query(connection, "into_c"), kind + " into_c");
      assertEquals(expected(PathSpec.of(5, false, 10, true, true), "a", "c", name -> name),
          query(connection, "a_to_c"), kind + " a_to_c");
      assertEquals(expected(PathSpec.of(3, false, 10, false, false), null, null,
          name -> name.toUpperCase(Locale.ROOT)), query(connection, "everything"), kind + " everything");
    }
  }

  /**
   * Paths {@code per: session} over the session the model derives: every session of a user is a path, and a user
   * counts once per edge and once in {@code share_of_start}'s denominator. The sessions are cut here by brute force
   * (each user's timed events, named or not, sorted; a new one after every gap longer than 2 minutes, none at a gap
   * of exactly 2), and each user's sessions fed to {@link PathAccumulator#perGroup}, itself checked against a brute
   * force of the path definition.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void pathsPerSessionCountEachUserOncePerEdge(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + "-session-paths.yaml");
    Files.writeString(file, """
        source: { url: "%s"%s }
        events: { table: events, user: user_id, time: ts, event: event_name, session: { gap: 2m, column: visit } }
        paths:
          after_a: { start: "event_name = 'a'", steps: 4, top: 2, per: session }
          into_c: { end: "event_name = 'c'", steps: 3, per: visit }
          everything: { collapse: false, steps: 3, top: 3, per: session }
        """.formatted(url, kind == Kind.POSTGRES ? ", user: postgres" : ""));
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + file + password)) {
      final List<List<Object>> afterA = perSession(PathSpec.of(4, true, 2, true, false), "a", null);
      assertTrue(afterA.stream().anyMatch(row -> ((String) row.get(1)).endsWith(". other")), afterA.toString());
      assertEquals(afterA, query(connection, "after_a"), kind + " after_a");
      assertEquals(perSession(PathSpec.of(3, true, 10, false, true), null, "c"), query(connection, "into_c"),
          kind + " into_c");
      final List<List<Object>> everything = perSession(PathSpec.of(3, false, 3, false, false), null, null);
      assertEquals(everything, query(connection, "everything"), kind + " everything");
      // Per session, not per user: the tables differ.
      assertTrue(!everything.equals(expected(PathSpec.of(3, false, 3, false, false), null, null, name -> name)));
    }
  }

  /** The edges of every user's sessions (2 minutes apart at most), each user counted once, as the table's rows. */
  private static List<List<Object>> perSession(PathSpec spec, String start, String end) {
    final PathAccumulator accumulator = PathAccumulator.perGroup(spec);
    byUser.forEach((user, rows) -> {
      final List<Event> timed = new ArrayList<>(rows.stream().filter(e -> e.epochMillis() != null).toList());
      timed.sort(java.util.Comparator.comparing(Event::epochMillis));
      for (int i = 0; i < timed.size(); i++) {
        if (i > 0 && timed.get(i).epochMillis() - timed.get(i - 1).epochMillis() > 120_000L) {
          accumulator.endOwner();
        }
        final Event event = timed.get(i);
        if (event.name() != null) {
          accumulator.add(event.epochMillis(), event.name(), event.name().equals(start), event.name().equals(end));
        }
      }
      accumulator.endOwner();
      accumulator.endGroup();
    });
    final List<List<Object>> rows = new ArrayList<>();
    for (PathEdge edge : accumulator.edges()) {
      rows.add(List.of(edge.source(), edge.target(), edge.depth(), edge.users(), edge.shareOfStart()));
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void pathTablesAreListedWithTheirColumnsAndFilteredLikeAnyTable(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final DatabaseMetaData metaData = connection.getMetaData();
      final Map<String, Integer> columns = new TreeMap<>();
      try (ResultSet rows = metaData.getColumns(null, "paths", "after_a", "%")) {
        while (rows.next()) {
          columns.put(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"));
        }
      }
      assertEquals(Map.of("source", java.sql.Types.VARCHAR, "target", java.sql.Types.VARCHAR, "depth",
          java.sql.Types.INTEGER, "users", java.sql.Types.BIGINT, "share_of_start", java.sql.Types.DOUBLE), columns);
      long edges = 0;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM paths.after_a WHERE depth = 1")) {
        rows.next();
        edges = rows.getLong(1);
      }
      assertEquals(expected(PathSpec.of(4, true, 2, true, false), "a", null, name -> name).stream()
          .filter(row -> (int) row.get(2) == 1).count(), edges);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(PathError.class)
  void aWrongPathIsReportedAtItsModelLine(PathError error) throws Exception {
    final String url = EventStores.create(Kind.H2, events);
    final Path file = dir.resolve("bad-path.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        paths:
          p:
            start: "event_name = 'a'"
            %s
        """.formatted(url, error.line));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertTrue(e.getMessage().contains("bad-path.yaml:6:"), e.getMessage());
    assertTrue(e.getMessage().contains(error.message), e.getMessage());
  }

  /**
   * A time FunnelSQL's catalog cannot order (H2's {@code TIMESTAMP WITH TIME ZONE}, which it sees as {@code ANY}) is
   * a datatype mismatch naming the path and the way out, not a failed conversion of a cursor object.
   */
  @Test
  void aTimeThatCannotOrderThePathIsADatatypeMismatch() throws Exception {
    final List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1L, new Timestamp(BASE), "a"});
    rows.add(new Object[] {1L, new Timestamp(BASE + 60_000L), "b"});
    final String url = EventStores.create(Kind.H2, "events",
        "user_id BIGINT, ts TIMESTAMP WITH TIME ZONE, event_name VARCHAR(10)", rows);
    final Path file = dir.resolve("zoned-path.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        paths:
          p: { steps: 3 }
        """.formatted(url));
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + file);
        Statement statement = connection.createStatement()) {
      final SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM paths.p"));
      assertEquals("42804", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("path 'p': the events' time is of type ANY")
          && e.getMessage().contains("make it a TIMESTAMP, DATE or integer column"), e.getMessage());
    }
  }

  /** A wrong line in a path and the words its error must contain. */
  enum PathError {
    STEPS_TOO_MANY("steps: 21", "steps must be from 2 to 20"),
    TOP_ZERO("top: 0", "top must be from 1 to 1000"),
    PER_SESSION("per: session", "events: has no session: key; add session: { gap: 30m } to events:"),
    PER_ACCOUNT("per: account_id", "per must be user or session"),
    COLLAPSE_NOT_A_FLAG("collapse: maybe", "collapse must be true or false"),
    UNKNOWN_COLUMN("end: \"revenu > 0\"", "revenu"),
    UNKNOWN_KEY("depth: 3", "depth");

    final String line;
    final String message;

    PathError(String line, String message) {
      this.line = line;
      this.message = message;
    }
  }
}
