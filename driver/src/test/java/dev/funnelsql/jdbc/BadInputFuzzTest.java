package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More than 10,000 generated bad inputs — SQL ({@link BadSql}) on H2, DuckDB and PostgreSQL and on a model
 * connection, connection strings ({@link BadConnections}) and model files ({@link BadModels}) — each ends in an
 * {@link SQLException} whose SQLState is set (and is not {@code XX000}, an internal error) and whose message is one
 * short statement of the problem: never an unchecked exception, a hang (each input has a time limit), a Java
 * exception's name, a stack trace, or the password that every URL, key and model holds.
 */
class BadInputFuzzTest {
  private static final String SECRET = "Fuzz-Sekr3t-1729";
  private static final long SEED = 20_261_129L;
  private static final int SQL_PER_STORE = 700;
  private static final int SQL_ON_MODEL = 300;
  private static final int PARAMETERS_PER_STORE = 20;
  private static final int CONNECTIONS = 1_200;
  private static final int MODELS = 6_500;
  /** One model in this many is wrong in a way only Calcite finds, which needs the store (slower). */
  private static final int VALIDATED_MODEL_EVERY = 50;
  private static final long CASE_TIMEOUT_SECONDS = 60;
  private static final Pattern JAVA_EXCEPTION =
      Pattern.compile("\\b(java|javax|jdk|sun|org|com)\\.[\\w.$]*(Exception|Error)\\b");
  private static final Map<String, long[]> TALLY = new TreeMap<>();

  @TempDir
  static Path dir;
  private static ExecutorService runner;
  private static String h2;
  private static String postgres;
  private static long started;

  @BeforeAll
  static void setUp() throws Exception {
    started = System.nanoTime();
    runner = Executors.newSingleThreadExecutor(task -> {
      final Thread thread = new Thread(task, "fuzz-case");
      thread.setDaemon(true);
      return thread;
    });
    h2 = "jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1";
    try (Connection connection = DriverManager.getConnection(h2, "sa", SECRET);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, secs BIGINT, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events SELECT X % 40, TIMESTAMP '2026-01-01 00:00:00' + X * INTERVAL '7' MINUTE, "
          + "X * 420, CASEWHEN(MOD(X, 9) = 0, NULL, CHAR(97 + MOD(X, 4))) FROM SYSTEM_RANGE(1, 400)");
    }
    postgres = EventStores.postgresUrl();
  }

  @AfterAll
  static void report() {
    runner.shutdownNow();
    final long total = TALLY.values().stream().mapToLong(counts -> counts[0]).sum();
    final StringBuilder b = new StringBuilder("bad inputs: ").append(total).append(" in ")
        .append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).append(" s\n");
    TALLY.forEach((category, counts) -> b.append(String.format(Locale.ROOT, "%6d %7d ms  %s%n", counts[0],
        counts[1] / 1_000_000, category)));
    System.out.print(b);
    COLLECTED.forEach((category, failure) -> System.out.println("FAIL " + category + " :: " + failure));
    assertTrue(COLLECTED.isEmpty(), COLLECTED.size() + " categories failed");
  }

  private static List<Event> events() {
    final List<Event> events = new ArrayList<>();
    final SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 400; i++) {
      events.add(new Event(random.nextInt(40), random.nextInt(20) == 0 ? null : 1_767_225_600_000L
          + 60_000L * random.nextInt(10_000), random.nextInt(9) == 0 ? null : "abcx".substring(i % 4, i % 4 + 1)));
    }
    return events;
  }

  private static String connectionUrl(Kind kind) throws SQLException {
    switch (kind) {
      case H2:
        return "jdbc:funnelsql:url='" + h2 + "';user=sa;password=" + SECRET;
      case POSTGRES:
        return "jdbc:funnelsql:url='" + EventStores.create(kind, events()) + "&password=" + SECRET + "';user=postgres"
            + ";password=" + SECRET;
      default:
        return "jdbc:funnelsql:url='" + EventStores.create(kind, events()) + "';password=" + SECRET;
    }
  }

  /** With {@code -Dfuzz.collect=true}, the first failure of each category is listed instead of stopping the test. */
  private static final Map<String, String> COLLECTED = new TreeMap<>();

  private static void check(FuzzCase input, Callable<?> attempt) {
    if (Boolean.getBoolean("fuzz.collect")) {
      try {
        check0(input, attempt);
      } catch (AssertionError e) {
        COLLECTED.merge(input.category(), e.getMessage().replace("\n", " | "), (a, b) -> a);
      }
      return;
    }
    check0(input, attempt);
  }

  /** Runs one case within its time limit and checks how it failed. */
  private static void check0(FuzzCase input, Callable<?> attempt) {
    final long[] tally = TALLY.computeIfAbsent(input.category(), k -> new long[2]);
    tally[0]++;
    final long start = System.nanoTime();
    final Future<?> future = runner.submit(attempt);
    final Throwable thrown;
    try {
      future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      fail(describe(input) + "\nsucceeded, but it is a bad input");
      return;
    } catch (ExecutionException e) {
      thrown = e.getCause();
      tally[1] += System.nanoTime() - start;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError(describe(input) + "\ndid not end within " + CASE_TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    verify(input, thrown);
  }

  private static String describe(FuzzCase input) {
    final String text = input.input();
    return "[" + input.category() + "] " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
  }

  static void verify(FuzzCase input, Throwable thrown) {
    if (!(thrown instanceof SQLException)) {
      throw new AssertionError(describe(input) + "\nthrew " + thrown, thrown);
    }
    final SQLException e = (SQLException) thrown;
    final String where = describe(input) + "\n→ " + e.getSQLState() + " " + e.getMessage();
    final String state = e.getSQLState();
    assertNotNull(state, where);
    assertEquals(5, state.length(), where);
    assertNotEquals("XX000", state, "an internal error: " + where);
    if (input.state() != null) {
      assertEquals(input.state(), state, where);
    }
    final String message = e.getMessage();
    assertNotNull(message, where);
    assertFalse(message.isBlank() || message.equals("null"), where);
    assertFalse(JAVA_EXCEPTION.matcher(message).find(), "a Java exception in the message: " + where);
    assertFalse(message.contains("NullPointerException") || message.contains("\tat "), where);
    assertTrue(message.length() <= 1_500 && message.split("\n").length <= 3, "too long: " + where);
    if (input.fragment() != null) {
      assertTrue(message.toLowerCase(Locale.ROOT).contains(input.fragment().toLowerCase(Locale.ROOT)),
          "the message does not name '" + input.fragment() + "': " + where);
    }
    final StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(SECRET), "the password in the error or a cause: " + where);
  }

  /** Executes a statement and reads every row, as a client would. */
  private static Void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet rows = statement.getResultSet()) {
          while (rows.next()) {
            rows.getObject(1);
          }
        }
      }
    }
    return null;
  }

  private static Void prepareAndExecute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        rows.getObject(1);
      }
    }
    return null;
  }

  @Test
  void badSqlFailsCleanlyOnEveryStoreAndTheConnectionStaysUsable() throws Exception {
    for (Kind kind : Kind.values()) {
      final SplittableRandom random = new SplittableRandom(SEED + kind.ordinal());
      try (Connection connection = DriverManager.getConnection(connectionUrl(kind))) {
        for (int i = 0; i < SQL_PER_STORE; i++) {
          final FuzzCase input = BadSql.next(random, i);
          final FuzzCase tagged = new FuzzCase("sql: " + input.category(), input.input(), input.state(),
              input.fragment());
          check(tagged, i % 5 == 0 ? () -> prepareAndExecute(connection, input.input())
              : () -> execute(connection, input.input()));
        }
        badParameters(connection, random);
        assertEquals(List.of(List.of(400L)), ResultRows.of(connection, "SELECT COUNT(*) FROM events"),
            kind + ": the connection still answers");
      }
    }
  }

  private static void badParameters(Connection connection, SplittableRandom random) throws SQLException {
    for (int i = 0; i < PARAMETERS_PER_STORE; i++) {
      final int kind = i % 5;
      final String text = FuzzWords.word(random, 1, 8);
      check(new FuzzCase("sql: bad parameter", "parameter case " + kind + " '" + text + "'", null, null), () -> {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT COUNT(*) FROM events WHERE user_id = ? AND ts < ?")) {
          switch (kind) {
            case 0:
              statement.setString(1, text);
              statement.setTimestamp(2, new java.sql.Timestamp(0));
              break;
            case 1:
              statement.setLong(1, 1);
              break;
            case 2:
              statement.setLong(3, 1);
              break;
            case 3:
              statement.setObject(1, new int[] {1});
              statement.setObject(2, text);
              break;
            default:
              statement.setLong(1, 1);
              statement.setString(2, text);
              break;
          }
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
          }
        }
        return null;
      });
    }
  }

  @Test
  void badSqlOverAModelFailsCleanly() throws Exception {
    final Path model = dir.resolve("fuzz-good.yaml");
    Files.writeString(model, BadModels.VALID.formatted(h2, SECRET));
    final SplittableRandom random = new SplittableRandom(SEED + 7);
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model)) {
      for (int i = 0; i < SQL_ON_MODEL; i++) {
        final String name = FuzzWords.unknownName(random);
        final FuzzCase input;
        switch (i % 6) {
          case 0:
            input = new FuzzCase("model sql: unknown segmentation", "SELECT SEGMENT_OF('" + name + "', user_id) "
                + "FROM events", "22023", name);
            break;
          case 1:
            input = FuzzCase.of("model sql: SEGMENT_OF arguments", "SELECT SEGMENT_OF(" + FuzzWords.pick(random,
                List.of("event_name", "NULL", "'activity', user_id, 'x'", "'activity'", "'activity', user_id, "
                + "event_name", "1, user_id")) + ") FROM events");
            break;
          case 2:
            input = new FuzzCase("model sql: unknown funnel table", "SELECT * FROM funnels." + name, "42P01", name);
            break;
          case 3:
            input = new FuzzCase("model sql: unknown column of a model table", "SELECT " + name
                + " FROM " + FuzzWords.pick(random, List.of("funnels.checkout", "funnels.checkout_summary",
                "segments.activity", "segments.activity_sizes", "cohorts.weekly_matrix")), "42703", name);
            break;
          case 4:
            input = new FuzzCase("model sql: write to a model table", FuzzWords.pick(random, List.of(
                "DELETE FROM funnels.checkout", "INSERT INTO segments.activity VALUES (1, 'x')",
                "UPDATE cohorts.weekly SET user_id = 1", "DROP TABLE funnels.checkout")), "25006", null);
            break;
          default:
            input = BadSql.next(random, i);
            break;
        }
        check(input, () -> execute(connection, input.input()));
      }
    }
  }

  @Test
  void badConnectionStringsFailCleanly() {
    final SplittableRandom random = new SplittableRandom(SEED + 11);
    for (int i = 0; i < CONNECTIONS; i++) {
      final FuzzCase input = BadConnections.next(random, i, h2, postgres, SECRET);
      check(input, () -> {
        try (Connection connection = DriverManager.getConnection(input.input())) {
          return execute(connection, "SELECT COUNT(*) FROM events");
        }
      });
    }
  }

  @Test
  void badModelsFailCleanlyWithTheirLocation() throws Exception {
    final String valid = BadModels.VALID.formatted(h2, SECRET);
    final Path good = dir.resolve("fuzz-good.yaml");
    Files.writeString(good, valid);
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + good)) {
      assertEquals(List.of(List.of(3L)), ResultRows.of(connection, "SELECT COUNT(*) FROM funnels.checkout_summary "
          + "WHERE breakdown IS NULL"), "the unbroken model works");
    }
    final SplittableRandom random = new SplittableRandom(SEED + 13);
    final Path file = dir.resolve("fuzz-model.yaml");
    for (int i = 0; i < MODELS; i++) {
      final FuzzCase input = BadModels.next(random, i, valid, VALIDATED_MODEL_EVERY);
      check(input, () -> {
        Files.writeString(file, input.input(), StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + file)) {
          return execute(connection, "SELECT COUNT(*) FROM events");
        } catch (SQLException e) {
          if ("F0000".equals(e.getSQLState())) {
            assertTrue(e.getMessage().startsWith(file + ":"), "located in the model file: " + e.getMessage());
          }
          throw e;
        }
      });
    }
    for (String broken : List.of("", "\u0000\u00ff\u00fe", "x".repeat(1_000_000))) {
      check(new FuzzCase("model: file-level", broken.length() > 20 ? "1 MB of 'x'" : broken, "F0000", null), () -> {
        Files.write(file, broken.getBytes(StandardCharsets.ISO_8859_1));
        return DriverManager.getConnection("jdbc:funnelsql:model=" + file);
      });
    }
    check(new FuzzCase("model: file-level", "a directory", "F0000", null),
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + dir));
  }
}
