package dev.funnelsql.examples.bench;

import dev.funnelsql.examples.cli.Flags;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * The benchmark's engine mode ({@code --engines}): a 3-step funnel per user on the engines that the tests start
 * (Trino, Spark in local mode, ClickHouse embedded), computed by FunnelSQL in the engine ({@code funnel.pushdown=
 * engine}) and in the JVM from the step rows the engine sends ({@code client}), with ClickHouse's hand-written
 * {@code windowFunnel} beside them. Per engine and size it reports the best wall time, the rows and bytes that reach
 * the JVM, the JVM's peak heap and events per second, and fails where the two paths give different levels. The events
 * are generated inside each engine (users = events / 10, 30 days, {@code a}, {@code b}, {@code c}, {@code x} equally
 * likely), so that loading them costs no transfer.
 */
final class EngineBench {
  static final String USAGE = "--engines trino,spark,clickhouse [--engine-events 1m,10m] [--engine-runs 2] "
      + "[--dir target/bench]";
  private static final String FUNNEL = "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' DAY, event_name = 'a', "
      + "event_name = 'b', event_name = 'c') FROM %s GROUP BY user_id";
  /** The events per ISO week, as a period table buckets them: the calendar runs in the engine. */
  private static final String WEEKS = "SELECT PERIOD_START(ts, 'week'), COUNT(*) FROM %s GROUP BY PERIOD_START(ts, "
      + "'week')";
  /** Bytes per row of the step rows (key, time, mask) and of the engine's answer (key, level). */
  private static final int STEP_ROW_BYTES = 20;
  private static final int ANSWER_ROW_BYTES = 12;

  /** An engine the tests start, how it makes the events and how big it may go here. */
  enum Engine {
    TRINO("TrinoServer", "memory.bench", 10_000_000L),
    SPARK("SparkServer", "bench", 10_000_000L),
    CLICKHOUSE("ClickHouseServer", "bench", 100_000_000L);

    private final String launcher;
    private final String schema;
    private final long maxEvents;

    Engine(String launcher, String schema, long maxEvents) {
      this.launcher = launcher;
      this.schema = schema;
      this.maxEvents = maxEvents;
    }

    /**
     * The engine's JDBC URL from the tests' launcher ({@code dev.funnelsql.calcite.testing}, in calcite-adapter's test
     * jar, which only the bench profile puts on the class path), starting the engine.
     */
    String url() throws ReflectiveOperationException {
      try {
        return (String) Class.forName("dev.funnelsql.calcite.testing." + launcher).getMethod("url").invoke(null);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
      }
    }

    String createSchema() {
      return this == TRINO ? "CREATE SCHEMA IF NOT EXISTS " + schema : "CREATE DATABASE IF NOT EXISTS " + schema;
    }

    /** The events table of {@code events} rows, made in the engine from a row number {@code i}. */
    String createEvents(String table, long events) {
      final long users = Math.max(1, events / 10);
      switch (this) {
        case TRINO:
          // sequence() makes at most 10,000 elements: the row numbers are a cross join of two. date_add takes an
          // INTEGER amount: the time is seconds, then milliseconds.
          final String h = "bitwise_and(from_big_endian_64(xxhash64(to_big_endian_64(i))), 9223372036854775807)";
          return "CREATE TABLE " + table + " AS SELECT CAST(1000000000 + mod(i, " + users + ") AS BIGINT) AS user_id, "
              + "date_add('millisecond', mod(" + h + " / 4, 1000), date_add('second', mod(" + h + " / 4000, 2592000), "
              + "TIMESTAMP '2024-01-01 00:00:00.000')) AS ts, "
              + "element_at(ARRAY['a', 'b', 'c', 'x'], CAST(mod(" + h + ", 4) AS INTEGER) + 1) AS event_name "
              + "FROM (SELECT a.x * 10000 + b.x AS i FROM UNNEST(sequence(0, " + (events / 10_000 - 1) + ")) AS a(x) "
              + "CROSS JOIN UNNEST(sequence(0, 9999)) AS b(x))";
        case SPARK:
          return "CREATE TABLE " + table + " USING parquet AS SELECT CAST(1000000000 + id % " + users + " AS BIGINT) "
              + "AS user_id, timestamp_millis(1704067200000 + pmod(xxhash64(id) DIV 4, 2592000000)) AS ts, "
              + "element_at(array('a', 'b', 'c', 'x'), CAST(pmod(xxhash64(id), 4) + 1 AS INT)) AS event_name "
              + "FROM range(" + events + ")";
        default:
          return "CREATE TABLE " + table + " ENGINE = Memory AS SELECT toInt64(1000000000 + number % " + users + ") "
              + "AS user_id, toDateTime64('2024-01-01 00:00:00', 3) + toIntervalMillisecond(intDiv(cityHash64(number), "
              + "4) % 2592000000) AS ts, ['a', 'b', 'c', 'x'][cityHash64(number) % 4 + 1] AS event_name "
              + "FROM numbers(" + events + ")";
      }
    }

    /** The engine's own SQL for the events per ISO week (weeks from Monday). */
    String handWrittenWeeks(String table) {
      final String week = this == CLICKHOUSE ? "toDateTime(toMonday(ts))" : this == SPARK ? "date_trunc('WEEK', ts)"
          : "date_trunc('week', ts)";
      return "SELECT " + week + ", COUNT(*) FROM " + table + " GROUP BY " + week;
    }

    /** The best hand-written SQL for the funnel on the engine, or null where there is none but FunnelSQL's fold. */
    String handWritten(String table) {
      return this != CLICKHOUSE ? null : "SELECT user_id, windowFunnel(86400000)(toUInt64(toUnixTimestamp64Milli(ts)), "
          + "event_name = 'a', event_name = 'b', event_name = 'c') FROM " + table + " GROUP BY user_id";
    }
  }

  /**
   * One size's events table in an engine, made before FunnelSQL first connects (it believes the store's table list
   * for a while), and the rows the client's step scan is sent: the step rows, and a key-lane row per user with a row
   * that matches no step.
   */
  private record Prepared(long events, long stepRows, long laneRows) {
  }

  /**
   * One measured way of computing an answer: its best time, the answer (a funnel's users per level, or the events per
   * week as week start and count, sorted), rows and heap.
   */
  private record Run(double seconds, long[] levels, long rows, long heapBytes) {
  }

  private EngineBench() {
  }

  /** Runs the engine mode with {@link #USAGE}'s flags; the exit code is 1 where the two paths disagree. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<Engine> engines = List.of();
    List<Long> sizes = List.of(1_000_000L, 10_000_000L);
    int runs = 2;
    Path dir = Path.of("target/bench");
    final Flags flags = new Flags(args, USAGE);
    while (flags.next()) {
      switch (flags.name()) {
        case "--engines":
          engines = Arrays.stream(flags.value().split(",")).map(EngineBench::engine).toList();
          break;
        case "--engine-events":
          sizes = Arrays.stream(flags.value().split(",")).map(s -> BenchOptions.size(s.trim())).toList();
          break;
        case "--engine-runs":
          runs = positive(flags.value());
          break;
        case "--dir":
          dir = Path.of(flags.value());
          break;
        default:
          throw new IllegalArgumentException("unknown flag " + flags.name() + "; usage: " + USAGE);
      }
    }
    final Progress progress = new Progress(err);
    final MarkdownTable table = new MarkdownTable("engine", "events", "users", "computed", "best time",
        "events/s", "rows to the JVM", "bytes to the JVM (rows × width)", "JVM peak heap");
    final List<String> failures = new ArrayList<>();
    for (Engine engine : engines) {
      final String url;
      try {
        url = engine.url();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the engines' launchers are not on the class path: run the benchmark with "
            + "mvn -Pbench", e);
      } catch (IllegalStateException e) {
        progress.say(engine + " cannot run here: " + e.getMessage());
        continue;
      }
      final List<Prepared> prepared = new ArrayList<>();
      for (long events : sizes) {
        if (events > engine.maxEvents) {
          progress.say(engine + ": " + events + " events is beyond what it holds here (" + engine.maxEvents + ")");
          continue;
        }
        prepared.add(prepare(engine, url, events, progress));
      }
      for (Prepared data : prepared) {
        try {
          measure(engine, url, data, runs, progress, table, failures);
        } catch (SQLException e) {
          progress.say(engine + " " + data.events() + " failed: " + e.getMessage());
          failures.add(engine + " " + data.events() + ": " + e.getMessage());
        }
      }
    }
    final String report = "## Funnels on the engines\n\n" + table.render() + "\n"
        + (failures.isEmpty() ? "" : "\nFAILED:\n" + String.join("\n", failures) + "\n");
    out.println(report);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("engines.md"), report, StandardCharsets.UTF_8);
    failures.forEach(err::println);
    return failures.isEmpty() ? 0 : 1;
  }

  /** Makes the events table of that size in the engine unless it exists, and counts what the client is sent. */
  private static Prepared prepare(Engine engine, String url, long events, Progress progress) throws SQLException {
    final String qualified = engine.schema + "." + table(events);
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(engine.createSchema());
      if (!exists(statement, qualified)) {
        progress.say(engine + ": making " + events + " events");
        statement.execute(engine.createEvents(qualified, events));
      }
      return new Prepared(events,
          count(statement, "SELECT COUNT(*) FROM " + qualified + " WHERE event_name IN ('a', 'b', 'c')"),
          count(statement, "SELECT COUNT(DISTINCT user_id) FROM " + qualified + " WHERE event_name = 'x'"));
    }
  }

  private static Engine engine(String name) {
    try {
      return Engine.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown engine '" + name.trim() + "'; usage: " + USAGE, e);
    }
  }

  private static int positive(String value) {
    try {
      final int number = Integer.parseInt(value.trim());
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // The message below says what is wanted.
    }
    throw new IllegalArgumentException("--engine-runs needs a whole number of at least 1, got '" + value + "'; usage: "
        + USAGE);
  }

  private static String table(long events) {
    return "events_" + events;
  }

  private static void measure(Engine engine, String url, Prepared data, int runs, Progress progress,
      MarkdownTable table, List<String> failures) throws SQLException {
    final long events = data.events();
    final String name = table(events);
    final String qualified = engine.schema + "." + name;
    final long users = Math.max(1, events / 10);
    final String schema = engine.schema.substring(engine.schema.lastIndexOf('.') + 1);
    final Run inEngine = best(runs, progress, engine + " engine " + events,
        () -> funnelSql(url, schema, name, "engine"));
    final Run inClient = best(runs, progress, engine + " client " + events,
        () -> funnelSql(url, schema, name, "client"));
    if (!Arrays.equals(inEngine.levels(), inClient.levels())) {
      failures.add(engine + " " + events + ": the engine's levels " + Arrays.toString(inEngine.levels())
          + " differ from the client's " + Arrays.toString(inClient.levels()));
    }
    row(table, engine, events, users, "FunnelSQL in the engine", inEngine, inEngine.rows(), ANSWER_ROW_BYTES);
    row(table, engine, events, users, "FunnelSQL in the JVM (step rows)", inClient, data.stepRows() + data.laneRows(),
        STEP_ROW_BYTES);
    final String hand = engine.handWritten(qualified);
    if (hand != null) {
      final Run byHand = best(runs, progress, engine + " hand-written " + events, () -> levels(url, hand, null));
      row(table, engine, events, users, "hand-written windowFunnel", byHand, byHand.rows(), ANSWER_ROW_BYTES);
      if (!Arrays.equals(byHand.levels(), inEngine.levels())) {
        failures.add(engine + " " + events + ": windowFunnel's levels " + Arrays.toString(byHand.levels())
            + " differ from FunnelSQL's " + Arrays.toString(inEngine.levels()));
      }
    }
    final Run weeks = best(runs, progress, engine + " weeks " + events, () -> weeks(url, schema, name));
    final Run weeksByHand = best(runs, progress, engine + " hand-written weeks " + events,
        () -> weekCounts(url, engine.handWrittenWeeks(qualified), null));
    if (!Arrays.equals(weeks.levels(), weeksByHand.levels())) {
      failures.add(engine + " " + events + ": FunnelSQL's events per week " + Arrays.toString(weeks.levels())
          + " differ from the engine's own " + Arrays.toString(weeksByHand.levels()));
    }
    row(table, engine, events, users, "events per week (PERIOD_START), FunnelSQL", weeks, weeks.rows(),
        ANSWER_ROW_BYTES);
    row(table, engine, events, users, "events per week, hand-written", weeksByHand, weeksByHand.rows(),
        ANSWER_ROW_BYTES);
  }

  private static void row(MarkdownTable table, Engine engine, long events, long users, String computed, Run run,
      long rows, int width) {
    table.row(engine.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%,d", events),
        String.format(Locale.ROOT, "%,d", users), computed, String.format(Locale.ROOT, "%.2f s", run.seconds()),
        String.format(Locale.ROOT, "%,.0f", events / run.seconds()), String.format(Locale.ROOT, "%,d", rows),
        String.format(Locale.ROOT, "%,d MB", rows * width / 1_000_000),
        run.heapBytes() == HeapPeak.NONE ? "no GC" : String.format(Locale.ROOT, "%,d MB", run.heapBytes() >> 20));
  }

  /** A measured computation. */
  private interface Measured {
    Run once() throws SQLException;
  }

  /** One warm-up, then the best of {@code runs}. */
  private static Run best(int runs, Progress progress, String what, Measured measured) throws SQLException {
    progress.say(what + ": warm-up");
    measured.once();
    Run best = null;
    for (int i = 0; i < runs; i++) {
      final Run run = measured.once();
      progress.say(String.format(Locale.ROOT, "%s: %.2f s", what, run.seconds()));
      best = best == null || run.seconds() < best.seconds() ? run : best;
    }
    return best;
  }

  private static Run funnelSql(String url, String schema, String table, String pushdown) throws SQLException {
    final Properties properties = overEngine(url, schema);
    properties.setProperty("funnel.pushdown", pushdown);
    return levels("jdbc:funnelsql:", String.format(Locale.ROOT, FUNNEL, table), properties);
  }

  private static Run weeks(String url, String schema, String table) throws SQLException {
    return weekCounts("jdbc:funnelsql:", String.format(Locale.ROOT, WEEKS, table), overEngine(url, schema));
  }

  /** The settings of a FunnelSQL connection over the engine's schema, with the result cache off. */
  private static Properties overEngine(String url, String schema) {
    final Properties properties = new Properties();
    properties.setProperty("url", url);
    properties.setProperty("schema", schema);
    properties.setProperty("cache.ttl", "0");
    return properties;
  }

  /** Runs a count per week and keeps (week start, count) pairs in week order, timing it and watching the heap. */
  private static Run weekCounts(String url, String sql, Properties properties) throws SQLException {
    final HeapPeak heap = HeapPeak.start();
    final long start = System.nanoTime();
    final TreeMap<Long, Long> counts = new TreeMap<>();
    try (Connection connection = properties == null ? DriverManager.getConnection(url)
            : DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        counts.put(result.getTimestamp(1).toLocalDateTime().toEpochSecond(ZoneOffset.UTC),
            result.getLong(2));
      }
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    final long[] answer =
        counts.entrySet().stream().flatMapToLong(e -> LongStream.of(e.getKey(), e.getValue())).toArray();
    return new Run(seconds, answer, counts.size(), heap.stop());
  }

  /** Runs the funnel and counts its users per level (0 to 3), timing it and watching the heap. */
  private static Run levels(String url, String sql, Properties properties) throws SQLException {
    final HeapPeak heap = HeapPeak.start();
    final long start = System.nanoTime();
    final long[] levels = new long[4];
    long rows = 0;
    try (Connection connection = properties == null ? DriverManager.getConnection(url)
            : DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        levels[result.getInt(2)]++;
        rows++;
      }
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(seconds, levels, rows, heap.stop());
  }

  private static boolean exists(Statement statement, String table) {
    try (ResultSet ignored = statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
