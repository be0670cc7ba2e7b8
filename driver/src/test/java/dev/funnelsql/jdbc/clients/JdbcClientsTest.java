package dev.funnelsql.jdbc.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStoresAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sqlline.SqlLine;

/**
 * FunnelSQL through JDBC clients nobody here wrote: sqlline running a funnel query from a script file, and jOOQ
 * querying a model's virtual table with its DSL and with plain SQL; answers are checked against a FUNNEL_STEP count
 * computed through plain JDBC.
 */
class JdbcClientsTest {
  private static List<EventStoresAccess.Row> events;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(23);
    events = new ArrayList<>();
    final String[] names = {"a", "b", "c"};
    for (long user = 1; user <= 80; user++) {
      for (int i = random.nextInt(8); i >= 0; i--) {
        events.add(new EventStoresAccess.Row(user, 1_767_225_600_000L + random.nextLong(86_400_000L),
            names[random.nextInt(names.length)]));
      }
    }
  }

  private static String url(EventStoresAccess.Kind kind) throws Exception {
    final String store = EventStoresAccess.create(kind, events);
    final Path model = dir.resolve(kind + ".yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          abc:
            window: 1h
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
              - { name: c, when: "event_name = 'c'" }
        """.formatted(store.replace("\"", "\\\"")));
    return "jdbc:funnelsql:model=" + model + (kind == EventStoresAccess.Kind.POSTGRES
        ? ";user=postgres;password=postgres" : "");
  }

  /** Users by the funnel level they reached (1..3), through plain JDBC: the reference for both clients. */
  private static Map<Integer, Long> levels(String url) throws Exception {
    final Map<Integer, Long> levels = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url);
        var rows = connection.createStatement().executeQuery("SELECT FUNNEL_STEP(ts, 3600, event_name = 'a', "
            + "event_name = 'b', event_name = 'c') AS level FROM events GROUP BY user_id")) {
      while (rows.next()) {
        if (rows.getInt(1) > 0) {
          levels.merge(rows.getInt(1), 1L, Long::sum);
        }
      }
    }
    return levels;
  }

  /** Users who reached each step: those whose level is at least the step. */
  private static List<Long> reached(Map<Integer, Long> levels) {
    final List<Long> reached = new ArrayList<>();
    for (int step = 1; step <= 3; step++) {
      final int s = step;
      reached.add(levels.entrySet().stream().filter(e -> e.getKey() >= s).mapToLong(Map.Entry::getValue).sum());
    }
    return reached;
  }

  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void sqllineRunsAFunnelQueryFromAScript(EventStoresAccess.Kind kind) throws Exception {
    final String url = url(kind);
    final Path script = dir.resolve(kind + "-funnel.sql");
    Files.writeString(script, """
        -- users per funnel level, then the model's chart table
        SELECT FUNNEL_STEP(ts, 3600, event_name = 'a', event_name = 'b', event_name = 'c') AS level,
               COUNT(*) AS users
        FROM (SELECT user_id, ts, event_name FROM events) e
        GROUP BY user_id;
        SELECT step_label, users FROM funnels.abc_chart;
        """);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final SqlLine sqlline = new SqlLine();
    sqlline.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    sqlline.setErrorStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    final SqlLine.Status status = sqlline.begin(new String[] {"-u", url, "-n", "", "-p", "", "--outputformat=csv",
        "--silent=true", "-f", script.toString()}, new ByteArrayInputStream(new byte[0]), false);
    final String output = out.toString(StandardCharsets.UTF_8);
    assertEquals(SqlLine.Status.OK, status, output);
    final List<Long> reached = reached(levels(url));
    for (int step = 1; step <= 3; step++) {
      final String line = "'" + step + ". " + (char) ('a' + step - 1) + "','" + reached.get(step - 1) + "'";
      assertTrue(output.contains(line), line + " in\n" + output);
    }
  }

  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void jooqQueriesTheSummaryTableWithItsDslAndPlainSql(EventStoresAccess.Kind kind) throws Exception {
    final String url = url(kind);
    final List<Long> reached = reached(levels(url));
    try (Connection connection = DriverManager.getConnection(url)) {
      final DSLContext sql = DSL.using(connection, SQLDialect.DEFAULT);
      final Field<String> label = DSL.field(DSL.name("step_label"), String.class);
      final Field<Long> users = DSL.field(DSL.name("users"), Long.class);
      final Field<Integer> step = DSL.field(DSL.name("step"), Integer.class);
      final Result<Record2<String, Long>> dsl = sql.select(label, users)
          .from(DSL.table(DSL.name("funnels", "abc_summary")))
          .where(DSL.field(DSL.name("breakdown")).isNull())
          .orderBy(step)
          .fetch();
      assertEquals(List.of("1. a", "2. b", "3. c"), dsl.getValues(label));
      assertEquals(reached, dsl.getValues(users));
      final Result<Record> plain = sql.fetch("SELECT step_label, users FROM funnels.abc_summary "
          + "WHERE breakdown IS NULL AND step = ?", 2);
      assertEquals(reached.get(1), plain.get(0).get("users", Long.class));
    }
  }
}
