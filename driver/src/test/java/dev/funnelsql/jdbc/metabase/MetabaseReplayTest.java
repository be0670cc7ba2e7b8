package dev.funnelsql.jdbc.metabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.funnelsql.jdbc.EventStoresAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays, against FunnelSQL over a real store, the JDBC calls Metabase's sql-jdbc driver makes (as read in
 * Metabase's {@code sql_jdbc} source): through c3p0, Metabase's pool, with the connection spec the plugin builds;
 * connection setup, the can-connect query through clojure.java.jdbc, version, sync (schemas, tables, the per-table
 * SELECT probe, columns), and queries the query processor generates with the plugin's SQL forms, remark comment
 * and trailing semicolon included, java.time parameters bound and read as Metabase does. Answers are compared with
 * values computed here.
 */
class MetabaseReplayTest {
  private static final long BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a Thursday
  private static final String REMARK = "-- Metabase:: userID: 1 queryType: MBQL queryHash: 0a1b2c\n";
  private static final List<String> METABASE_TABLE_TYPES = List.of("TABLE", "PARTITIONED TABLE", "VIEW",
      "FOREIGN TABLE", "MATERIALIZED VIEW", "EXTERNAL TABLE", "DYNAMIC_TABLE");
  private static List<EventStoresAccess.Row> events;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    System.setProperty("com.mchange.v2.log.MLog", "com.mchange.v2.log.FallbackMLog");
    System.setProperty("com.mchange.v2.log.FallbackMLog.DEFAULT_CUTOFF_LEVEL", "WARNING");
    final SplittableRandom random = new SplittableRandom(17);
    events = new ArrayList<>();
    final String[] names = {"a", "b", "c", "x"};
    for (long user = 1; user <= 120; user++) {
      final int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        events.add(new EventStoresAccess.Row(user, BASE + random.nextLong(100L * 86_400_000L),
            names[random.nextInt(names.length)]));
      }
    }
    // Days where week-of-year rules differ: years starting on each weekday, ISO week 53, Sundays and Mondays.
    for (String day : List.of("2024-12-29T23:59:59", "2024-12-30T00:00:00", "2025-12-28T12:00:00",
        "2025-12-29T08:30:00", "2026-12-31T18:00:00", "2027-01-01T00:00:01", "2027-01-03T10:00:00",
        "2028-01-01T00:00:00", "2028-12-31T23:00:00", "2029-01-07T07:00:00")) {
      events.add(new EventStoresAccess.Row(999, LocalDateTime.parse(day).toInstant(ZoneOffset.UTC).toEpochMilli(),
          "x"));
    }
  }

  private static ComboPooledDataSource pool(EventStoresAccess.Kind kind) throws Exception {
    return pool(kind, ZoneOffset.UTC);
  }

  private static ComboPooledDataSource pool(EventStoresAccess.Kind kind, ZoneId zone) throws Exception {
    final String url = EventStoresAccess.create(kind, events);
    final Path model = dir.resolve(kind + "-" + zone.getId().replace('/', '_') + ".yaml");
    Files.writeString(model, """
        time_zone: %s
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name, session: { gap: 30d } }
        funnels:
          checkout:
            window: 7d
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
              - { name: Saw c, when: "event_name = 'c'" }
            breakdowns: [activity]
        segmentations:
          activity:
            rules: [ { segment: busy, when: "COUNT(*) >= 6" } ]
            otherwise: quiet
        cohorts:
          weekly: { entry: "event_name = 'a'", return: "event_name = 'b'", period: week, periods: 6 }
        paths:
          after_a: { start: "event_name = 'a'", steps: 4, top: 3 }
          after_a_sessions: { start: "event_name = 'a'", steps: 4, per: session }
        """.formatted(zone.getId(), url.replace("\"", "\\\"")));
    final Object details = kind == EventStoresAccess.Kind.POSTGRES
        ? MetabaseDriverSource.map("model", model.toString(), "user", "postgres", "password", "postgres")
        : MetabaseDriverSource.map("model", model.toString());
    final Map<?, ?> spec = (Map<?, ?>) MetabaseDriverSource.call("metabase.driver.sql-jdbc.connection",
        "connection-details->spec", MetabaseDriverSource.keyword("funnelsql"), details);
    final ComboPooledDataSource pool = new ComboPooledDataSource();
    pool.setDriverClass((String) spec.get(MetabaseDriverSource.keyword("classname")));
    pool.setJdbcUrl("jdbc:" + spec.get(MetabaseDriverSource.keyword("subprotocol")) + ":"
        + spec.get(MetabaseDriverSource.keyword("subname")));
    if (spec.containsKey(MetabaseDriverSource.keyword("user"))) {
      pool.setUser((String) spec.get(MetabaseDriverSource.keyword("user")));
      pool.setPassword((String) spec.get(MetabaseDriverSource.keyword("password")));
    }
    pool.setMaxPoolSize(2);
    return pool;
  }

  /** Metabase's set-default-connection-options!: every call must be accepted (Metabase only logs failures). */
  private static void setUp(Connection connection) throws Exception {
    final DatabaseMetaData metaData = connection.getMetaData();
    for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_READ_COMMITTED}) {
      if (metaData.supportsTransactionIsolationLevel(level)) {
        connection.setTransactionIsolation(level);
      }
    }
    connection.setReadOnly(true);
    connection.setAutoCommit(true);
    connection.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
    connection.setNetworkTimeout(Executors.newSingleThreadExecutor(), 60_000);
  }

  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void syncSeesEveryTableWithMappedTypesAndNoCalciteSchema(EventStoresAccess.Kind kind) throws Exception {
    try (ComboPooledDataSource pool = pool(kind); Connection connection = pool.getConnection()) {
      setUp(connection);
      assertEquals("({:expr$0 1})", clojure.lang.RT.printString(MetabaseDriverSource.call("clojure.java.jdbc",
          "query", MetabaseDriverSource.map("datasource", pool), List.of("SELECT 1"))), "can-connect?");
      final DatabaseMetaData metaData = connection.getMetaData();
      assertEquals("FunnelSQL", metaData.getDatabaseProductName());
      assertTrue(metaData.getDatabaseProductVersion().contains("event store: "), metaData.getDatabaseProductVersion());
      final List<String> schemas = new ArrayList<>();
      try (ResultSet rows = metaData.getSchemas()) {
        while (rows.next()) {
          schemas.add(rows.getString("TABLE_SCHEM"));
        }
      }
      assertFalse(schemas.contains("metadata"), schemas::toString);
      assertTrue(schemas.containsAll(List.of("funnels", "segments", "cohorts")), schemas::toString);
      final List<String> tables = new ArrayList<>();
      for (String schema : schemas) {
        try (ResultSet rows = metaData.getTables(null, schema, "%", METABASE_TABLE_TYPES.toArray(new String[0]))) {
          while (rows.next()) {
            tables.add(rows.getString("TABLE_SCHEM") + "." + rows.getString("TABLE_NAME"));
          }
        }
      }
      assertTrue(tables.containsAll(List.of("funnels.checkout", "funnels.checkout_summary", "funnels.checkout_chart",
          "segments.activity", "cohorts.weekly", "cohorts.weekly_matrix")), tables::toString);
      assertTrue(tables.stream().anyMatch(t -> t.toLowerCase().endsWith(".events")), "the store's events table");
      for (String table : tables) {
        final String[] parts = table.split("\\.");
        // The per-table SELECT privilege probe: a failure would make Metabase drop the table silently.
        try (PreparedStatement probe = connection.prepareStatement("SELECT TRUE AS \"_\" FROM \"" + parts[0]
            + "\".\"" + parts[1] + "\" WHERE 1 <> 1 LIMIT 0")) {
          probe.setMaxRows(0);
          probe.setQueryTimeout(15);
          probe.execute();
          try (ResultSet rows = probe.getResultSet()) {
            assertFalse(rows.next(), table);
          }
        }
        try (ResultSet columns = metaData.getColumns(null, parts[0], parts[1], null)) {
          int count = 0;
          while (columns.next()) {
            count++;
            final String typeName = columns.getString("TYPE_NAME");
            assertFalse(MetabaseDriverSource.baseType(typeName).equals("type/*"), table + " " + typeName);
            assertEquals(columns.getInt("NULLABLE") == DatabaseMetaData.columnNullable ? "YES" : "NO",
                columns.getString("IS_NULLABLE"));
          }
          assertTrue(count > 0, table);
        }
        try (ResultSet keys = metaData.getPrimaryKeys(null, parts[0], parts[1])) {
          assertFalse(keys.next(), "no primary keys, as the plugin declares");
        }
      }
    }
  }

  /** A query as Metabase runs it: remark, semicolon, 3-argument prepare, fetch settings, parameters, max rows. */
  private static List<List<Object>> run(Connection connection, String sql, Object... parameters) throws Exception {
    final List<List<Object>> result = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(REMARK + sql + ";", ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT)) {
      statement.setFetchDirection(ResultSet.FETCH_FORWARD);
      statement.setFetchSize(500);
      assertEquals(parameters.length, statement.getParameterMetaData().getParameterCount());
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i], Types.TIMESTAMP);
      }
      statement.setMaxRows(2000);
      try (ResultSet rows = statement.executeQuery()) {
        final ResultSetMetaData metaData = rows.getMetaData();
        while (rows.next()) {
          final List<Object> row = new ArrayList<>();
          for (int i = 1; i <= metaData.getColumnCount(); i++) {
            // Metabase's read-column-thunk: java.time for temporal columns, getObject otherwise.
            row.add(metaData.getColumnType(i) == Types.TIMESTAMP ? rows.getObject(i, LocalDateTime.class)
                : rows.getObject(i));
          }
          result.add(row);
        }
      }
    }
    return result;
  }

  private static LocalDateTime at(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  /** The reference bucketing, from java.time alone. */
  private static LocalDateTime truncate(LocalDateTime t, String unit) {
    switch (unit) {
      case "minute":
        return t.truncatedTo(ChronoUnit.MINUTES);
      case "hour":
        return t.truncatedTo(ChronoUnit.HOURS);
      case "day":
        return t.truncatedTo(ChronoUnit.DAYS);
      case "week":
        return t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month":
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "quarter":
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      default:
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    }
  }

  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void queriesTheQueryProcessorGeneratesRunAndAnswerRight(EventStoresAccess.Kind kind) throws Exception {
    try (ComboPooledDataSource pool = pool(kind); Connection connection = pool.getConnection()) {
      setUp(connection);
      final String schema = connection.getSchema();
      final String table = "\"" + schema + "\".\"" + (kind == EventStoresAccess.Kind.H2 ? "EVENTS" : "events")
          + "\"";
      final String ts = table + ".\"" + (kind == EventStoresAccess.Kind.H2 ? "TS" : "ts") + "\"";
      // Time bucketing, as the plugin's sql.qp/date renders it: DATE_TRUNC('unit', column).
      for (String unit : List.of("minute", "hour", "day", "week", "month", "quarter", "year")) {
        final Map<LocalDateTime, Long> expected = new TreeMap<>();
        events.forEach(e -> expected.merge(truncate(at(e.millis()), unit), 1L, Long::sum));
        final Map<LocalDateTime, Long> actual = new TreeMap<>();
        for (List<Object> row : run(connection, "SELECT DATE_TRUNC('" + unit + "', " + ts + ") AS \"ts\", COUNT(*) "
            + "AS \"count\" FROM " + table + " GROUP BY DATE_TRUNC('" + unit + "', " + ts + ") ORDER BY "
            + "DATE_TRUNC('" + unit + "', " + ts + ") ASC")) {
          actual.put((LocalDateTime) row.get(0), ((Number) row.get(1)).longValue());
        }
        assertEquals(expected, actual, unit);
      }
      // A date-range filter with java.time parameters, and a relative one with TIMESTAMPADD and CURRENT_TIMESTAMP.
      final LocalDateTime from = at(BASE + 10L * 86_400_000L);
      final LocalDateTime to = at(BASE + 40L * 86_400_000L);
      final long inRange = events.stream().filter(e -> !at(e.millis()).isBefore(from) && at(e.millis()).isBefore(to))
          .count();
      if (kind != EventStoresAccess.Kind.DUCKDB) {
        // DuckDB's JDBC driver does not tell parameter types, so a pushed-down date parameter reaches it as a number
        // (Calcite's internal form) and DuckDB refuses the comparison: a known limitation, see the README.
        assertEquals(List.of(List.of(inRange)), run(connection, "SELECT COUNT(*) AS \"count\" FROM " + table
            + " WHERE (" + ts + " >= ?) AND (" + ts + " < ?)", from, to).stream()
            .map(row -> List.<Object>of(((Number) row.get(0)).longValue())).toList());
      }
      final long recent = events.stream().filter(e -> !at(e.millis()).isBefore(to.minusDays(14))).count();
      assertEquals(recent, ((Number) run(connection, "SELECT COUNT(*) AS \"count\" FROM " + table + " WHERE " + ts
          + " >= (TIMESTAMP '" + to.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
          + "' - INTERVAL '14' DAY)").get(0).get(0))
          .longValue(), "a relative filter as the plugin's add-interval form writes it");
      run(connection, "SELECT COUNT(*) AS \"count\" FROM " + table + " WHERE " + ts
          + " >= (CURRENT_TIMESTAMP - INTERVAL '30' DAY)");
      // The funnel chart with no configuration: the raw _chart table, in step order, equal to the summary's rows.
      final List<List<Object>> chart = run(connection, "SELECT \"funnels\".\"checkout_chart\".\"step_label\" AS "
          + "\"step_label\", \"funnels\".\"checkout_chart\".\"users\" AS \"users\" FROM \"funnels\".\"checkout_chart\" "
          + "LIMIT 2000");
      final List<List<Object>> summary = run(connection, "SELECT \"funnels\".\"checkout_summary\".\"step_label\" AS "
          + "\"step_label\", SUM(\"funnels\".\"checkout_summary\".\"users\") AS \"sum\" FROM "
          + "\"funnels\".\"checkout_summary\" WHERE \"funnels\".\"checkout_summary\".\"breakdown\" IS NULL GROUP BY "
          + "\"funnels\".\"checkout_summary\".\"step_label\" ORDER BY \"funnels\".\"checkout_summary\".\"step_label\" "
          + "ASC");
      assertEquals(List.of("1. Saw a", "2. Saw b", "3. Saw c"), chart.stream().map(row -> row.get(0)).toList());
      assertEquals(summary.stream().map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue())).toList(),
          chart.stream().map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue())).toList());
      // The cohort pivot: a query-builder question bucketing cohort_period by week, max retention by offset.
      final List<List<Object>> pivot = run(connection, "SELECT DATE_TRUNC('week', \"cohorts\".\"weekly_matrix\"."
          + "\"cohort_period\") AS \"cohort_period\", \"cohorts\".\"weekly_matrix\".\"period_offset\" AS "
          + "\"period_offset\", MAX(\"cohorts\".\"weekly_matrix\".\"retention_rate\") AS \"max\" FROM "
          + "\"cohorts\".\"weekly_matrix\" GROUP BY DATE_TRUNC('week', \"cohorts\".\"weekly_matrix\"."
          + "\"cohort_period\"), \"cohorts\".\"weekly_matrix\".\"period_offset\" ORDER BY 1 ASC, 2 ASC");
      final List<List<Object>> matrix = run(connection, "SELECT \"cohort_period\", \"period_offset\", "
          + "\"retention_rate\" FROM \"cohorts\".\"weekly_matrix\"");
      assertEquals(matrix.size(), pivot.size(), "weekly cohorts: week buckets are the cohort periods");
      for (int i = 0; i < matrix.size(); i++) {
        assertEquals(matrix.get(i).get(0), pivot.get(i).get(0));
        assertEquals(((Number) matrix.get(i).get(1)).longValue(), ((Number) pivot.get(i).get(1)).longValue());
        assertEquals(matrix.get(i).get(2), pivot.get(i).get(2));
      }
      // The Sankey of a path (Metabase 0.55+): source, target and users of the first three steps, as the query
      // builder writes a filter on depth; per user and per session.
      for (String path : List.of("after_a", "after_a_sessions")) {
        final String column = "\"paths\".\"" + path + "\".";
        final List<List<Object>> sankey = run(connection, "SELECT " + column + "\"source\" AS \"source\", " + column
            + "\"target\" AS \"target\", " + column + "\"users\" AS \"users\" FROM \"paths\".\"" + path + "\" WHERE "
            + column + "\"depth\" <= 3 LIMIT 2000");
        final List<List<Object>> edges = run(connection, "SELECT \"source\", \"target\", \"users\" FROM \"paths\".\""
            + path + "\" WHERE \"depth\" <= 3");
        assertFalse(sankey.isEmpty(), path);
        assertEquals(Set.copyOf(edges), Set.copyOf(sankey), path);
        assertTrue(sankey.stream().allMatch(row -> ((String) row.get(0)).matches("[1-3]\\. .+")
            && ((String) row.get(1)).matches("[2-4]\\. .+")), path + ": labels carry their step " + sankey);
      }
      // Field values and fingerprinting: DISTINCT with a limit, and a plain scan of a virtual table.
      assertEquals(Set.of("Saw a", "Saw b", "Saw c"), Set.copyOf(run(connection, "SELECT DISTINCT "
          + "\"funnels\".\"checkout\".\"step_name\" AS \"step_name\" FROM \"funnels\".\"checkout\" LIMIT 1000")
          .stream().map(row -> row.get(0)).toList()));
      assertFalse(run(connection, "SELECT * FROM \"funnels\".\"checkout_summary\" LIMIT 10000").isEmpty());
    }
  }

  /** The value Metabase shows for a time grouping, computed with java.time (start of week Monday). */
  private static Object bucket(LocalDateTime t, String unit) {
    final LocalDate date = t.toLocalDate();
    switch (unit) {
      case "default":
      case "millisecond":
        return t;
      case "second":
        return t.truncatedTo(ChronoUnit.SECONDS);
      case "second-of-minute":
        return (long) t.getSecond();
      case "minute-of-hour":
        return (long) t.getMinute();
      case "hour-of-day":
        return (long) t.getHour();
      case "day-of-week":
      case "day-of-week-iso":
        return (long) date.getDayOfWeek().getValue();
      case "day-of-month":
        return (long) date.getDayOfMonth();
      case "day-of-year":
        return (long) date.getDayOfYear();
      case "week-of-year":
        return (long) Math.ceil(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).getDayOfYear() / 7.0);
      case "week-of-year-iso":
        return (long) date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "week-of-year-us":
        return (long) date.get(WeekFields.of(DayOfWeek.SUNDAY, 1).weekOfYear());
      case "week-of-year-instance":
        return (long) date.get(WeekFields.of(DayOfWeek.MONDAY, 1).weekOfYear());
      case "month-of-year":
        return (long) date.getMonthValue();
      case "quarter-of-year":
        return (long) date.get(IsoFields.QUARTER_OF_YEAR);
      case "year-of-era":
        return (long) date.getYear();
      default:
        return truncate(t, unit);
    }
  }

  private static Object plugin(String multi, Object... args) {
    return MetabaseDriverSource.call(MetabaseInterface.QP, multi, args);
  }

  private static Object raw(String sql) {
    return clojure.lang.PersistentVector.create(MetabaseDriverSource.keyword("raw"), sql);
  }

  private static Object normalized(Object value) {
    return value instanceof Number n ? (Object) n.longValue() : value;
  }

  private static final clojure.lang.Keyword FUNNELSQL = MetabaseDriverSource.keyword("funnelsql");

  /**
   * With the model's time_zone (Los Angeles, whose clocks went forward on 8 March 2026, within the events), every
   * bucket and extracted part is the zone's wall clock, as java.time gives it; a raw time stays UTC.
   */
  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void timeGroupingFollowsTheModelsTimeZone(EventStoresAccess.Kind kind) throws Exception {
    final ZoneId zone = ZoneId.of("America/Los_Angeles");
    try (ComboPooledDataSource pool = pool(kind, zone); Connection connection = pool.getConnection()) {
      setUp(connection);
      final boolean h2 = kind == EventStoresAccess.Kind.H2;
      final String table = "\"" + connection.getSchema() + "\".\"" + (h2 ? "EVENTS" : "events") + "\"";
      checkTimeGrouping(connection, table, table + ".\"" + (h2 ? "TS" : "ts") + "\"", zone);
    }
  }

  /** Every time unit of Metabase groups the events as java.time does on the zone's wall clock. */
  private static void checkTimeGrouping(Connection connection, String table, String ts, ZoneId zone)
      throws Exception {
    for (String unit : new java.util.TreeSet<>(MetabaseInterface.TEMPORAL_UNITS)) {
      final String form = HoneySqlText.sql(plugin("date", FUNNELSQL, MetabaseDriverSource.keyword(unit), raw(ts)));
      final boolean raw = unit.equals("default") || unit.equals("millisecond");
      final Map<Object, Long> expected = new java.util.HashMap<>();
      events.forEach(e -> expected.merge(bucket(raw ? at(e.millis())
          : LocalDateTime.ofInstant(Instant.ofEpochMilli(e.millis()), zone), unit), 1L, Long::sum));
      final Map<Object, Long> actual = new java.util.HashMap<>();
      for (List<Object> row : run(connection, "SELECT " + form + " AS \"ts\", COUNT(*) AS \"count\" FROM " + table
          + " GROUP BY " + form + " ORDER BY " + form + " ASC")) {
        actual.put(normalized(row.get(0)), ((Number) row.get(1)).longValue());
      }
      assertEquals(expected, actual, zone + " " + unit + ": " + form);
    }
  }

  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void everyTimeGroupingUnixCoercionIntervalJoinWindowAndArrayAnswersRight(EventStoresAccess.Kind kind)
      throws Exception {
    try (ComboPooledDataSource pool = pool(kind); Connection connection = pool.getConnection()) {
      setUp(connection);
      final boolean h2 = kind == EventStoresAccess.Kind.H2;
      final String table = "\"" + connection.getSchema() + "\".\"" + (h2 ? "EVENTS" : "events") + "\"";
      final String ts = table + ".\"" + (h2 ? "TS" : "ts") + "\"";
      final String secs = table + ".\"" + (h2 ? "SECS" : "secs") + "\"";
      checkTimeGrouping(connection, table, ts, ZoneOffset.UTC);
      // UNIX timestamps in each unit, with a sub-second remainder where the unit has one.
      final Map<String, String> unixColumns = Map.of("seconds", secs, "milliseconds", "(" + secs + " * 1000 + 123)",
          "microseconds", "(" + secs + " * 1000000 + 123456)",
          "nanoseconds", "(" + secs + " * 1000000000 + 123456789)");
      for (Map.Entry<String, String> unix : unixColumns.entrySet()) {
        if (kind == EventStoresAccess.Kind.DUCKDB && !"seconds".equals(unix.getKey())) {
          // Known limit: the millisecond remainder (n * INTERVAL '0.001' SECOND) reaches DuckDB as INTERVAL * DOUBLE,
          // which DuckDB refuses. See the README.
          continue;
        }
        final String form = HoneySqlText.sql(plugin("unix-timestamp->honeysql", FUNNELSQL,
            MetabaseDriverSource.keyword(unix.getKey()), raw(unix.getValue())));
        final long extra = "seconds".equals(unix.getKey()) ? 0 : 123;
        final List<Object> expected = events.stream().map(e -> (Object) at(Math.floorDiv(e.millis(), 1000L) * 1000
            + extra)).sorted().toList();
        assertEquals(expected, run(connection, "SELECT " + form + " AS \"t\" FROM " + table + " ORDER BY 1")
            .stream().map(row -> row.get(0)).toList(), unix.getKey() + ": " + form);
      }
      // Whole and fractional intervals, added and subtracted.
      final long first = events.stream().mapToLong(EventStoresAccess.Row::millis).min().orElseThrow();
      for (Object[] interval : new Object[][] {{1.5, "hour", 5_400_000L}, {-0.5, "day", -43_200_000L},
          {1500L, "millisecond", 1_500L}, {2L, "week", 14 * 86_400_000L}, {-1L, "quarter", null},
          {0.25, "second", 250L}}) {
        final String form = HoneySqlText.sql(plugin("add-interval-honeysql-form", FUNNELSQL, raw(ts), interval[0],
            MetabaseDriverSource.keyword((String) interval[1])));
        final LocalDateTime expected = interval[2] == null ? at(first).minusMonths(3) : at(first + (long) interval[2]);
        assertEquals(List.of(expected), run(connection, "SELECT MIN(" + form + ") AS \"t\" FROM " + table).get(0),
            form);
      }
      // Cumulative count and sum, and the previous row's count (offset), as Metabase 0.50+ writes them when
      // OVER (ORDER BY 1) is off: the breakout expression repeated in OVER.
      final String month = "DATE_TRUNC('month', " + ts + ")";
      final List<List<Object>> windows = run(connection, "SELECT " + month + " AS \"ts\", SUM(COUNT(*)) OVER (ORDER BY "
          + month + " ASC ROWS UNBOUNDED PRECEDING) AS \"count\", SUM(SUM(" + secs + ")) OVER (ORDER BY " + month
          + " ASC ROWS UNBOUNDED PRECEDING) AS \"sum\", LAG(COUNT(*), 1) OVER (ORDER BY " + month + " ASC) AS "
          + "\"offset\" FROM " + table + " GROUP BY " + month + " ORDER BY " + month + " ASC");
      final Map<LocalDateTime, long[]> months = new TreeMap<>();
      events.forEach(e -> {
        final long[] totals = months.computeIfAbsent(truncate(at(e.millis()), "month"), k -> new long[2]);
        totals[0]++;
        totals[1] += Math.floorDiv(e.millis(), 1000L);
      });
      long count = 0;
      long sum = 0;
      Long previous = null;
      int i = 0;
      for (Map.Entry<LocalDateTime, long[]> entry : months.entrySet()) {
        count += entry.getValue()[0];
        sum += entry.getValue()[1];
        final List<Object> row = windows.get(i++);
        assertEquals(entry.getKey(), row.get(0));
        assertEquals(count, ((Number) row.get(1)).longValue(), "cumulative count " + entry.getKey());
        assertEquals(sum, ((Number) row.get(2)).longValue(), "cumulative sum " + entry.getKey());
        assertEquals(previous, row.get(3) == null ? null : ((Number) row.get(3)).longValue(), "offset -1");
        previous = entry.getValue()[0];
      }
      assertEquals(months.size(), windows.size());
      // A join as Metabase writes it (LEFT JOIN with an alias): events by their user's segment.
      final String user = table + ".\"" + (h2 ? "USER_ID" : "user_id") + "\"";
      final Map<Long, Long> perUser = new java.util.HashMap<>();
      events.forEach(e -> perUser.merge(e.userId(), 1L, Long::sum));
      final Map<String, Long> expectedSegments = new TreeMap<>();
      events.forEach(e -> expectedSegments.merge(perUser.get(e.userId()) >= 6 ? "busy" : "quiet", 1L, Long::sum));
      final Map<String, Long> segments = new TreeMap<>();
      for (List<Object> row : run(connection, "SELECT \"Activity\".\"segment\" AS \"Activity__segment\", COUNT(*) AS "
          + "\"count\" FROM " + table + " LEFT JOIN \"segments\".\"activity\" AS \"Activity\" ON " + user
          + " = \"Activity\".\"user_id\" GROUP BY \"Activity\".\"segment\" ORDER BY \"Activity\".\"segment\" ASC")) {
        segments.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
      assertEquals(expectedSegments, segments);
      // No regular-expression extraction in Calcite's SQL: the reason the plugin turns :regex off.
      final java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
          () -> run(connection, "SELECT REGEXP_SUBSTR(\"event_name\", '[a-z]') FROM " + table));
      assertTrue(refused.getMessage().contains("REGEXP_SUBSTR"), refused.getMessage());
      // Arrays, read as the plugin's read-column-thunk reads them: JSON text.
      try (PreparedStatement statement = connection.prepareStatement("SELECT ARRAY['a', 'b'], ARRAY[1, 2], "
          + "ARRAY[TRUE, FALSE]"); ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
        final List<Object> shown = new ArrayList<>();
        for (int column = 1; column <= 3; column++) {
          final Object thunk = MetabaseDriverSource.call("metabase.driver.sql-jdbc.execute", "read-column-thunk",
              FUNNELSQL, rows, rows.getMetaData(), (long) column);
          shown.add(((clojure.lang.IFn) thunk).invoke());
        }
        assertEquals(List.of("[\"a\",\"b\"]", "[1,2]", "[true,false]"), shown);
      }
    }
  }

  /** Metabase reads a statement's result metadata before running it (0.51+). */
  @ParameterizedTest
  @EnumSource(EventStoresAccess.Kind.class)
  void preparedStatementDescribesItsColumnsBeforeRunning(EventStoresAccess.Kind kind) throws Exception {
    try (ComboPooledDataSource pool = pool(kind); Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(REMARK + "SELECT * FROM \"funnels\"."
            + "\"checkout_summary\";", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      final ResultSetMetaData metaData = statement.getMetaData();
      assertEquals("step_label", metaData.getColumnLabel(3));
      assertEquals("VARCHAR", metaData.getColumnTypeName(3));
      assertEquals("BIGINT", metaData.getColumnTypeName(6));
      try (Statement plain = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
          ResultSet.CLOSE_CURSORS_AT_COMMIT); ResultSet rows = plain.executeQuery(REMARK + "SELECT 1;")) {
        assertTrue(rows.next());
      }
    }
  }
}
