package dev.funnelsql.examples.latency;

import dev.funnelsql.examples.wire.Pgbench;
import dev.funnelsql.examples.wire.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what a dashboard's literal SQL costs through the wire server: {@code pgbench} with 4 clients against
 * {@code serve} on a 10,000-event H2 store, running {@code SELECT COUNT(*) FROM events WHERE user_id = :uid} (a new
 * literal each time) with the simple protocol and with {@code -M prepared}, and {@code SELECT 1} for the floor; once
 * with literals sharing plans ({@code plan.literals=parameters}, the default) and once planning every text
 * ({@code plan.literals=text}). Needs {@code pgbench} on the PATH and the server jar
 * ({@code pgwire/target/funnelsql-server.jar}, or {@code -Dfunnelsql.serverJar}). Run:
 * {@code mvn -q -Platency -DskipTests package} (with {@link QueryOverhead}); {@code -Dwire.seconds=N} per run,
 * {@code -Dwire.index=false} for a store without an index on {@code user_id} (each query then scans the table).
 * Each server is warmed up first by rounds of 5 s of each protocol until neither rate rises by more than a tenth
 * from one round to the next (at most {@value #MAX_WARM_UP_ROUNDS} rounds); the rounds' rates are printed, and the
 * measured runs are the steady state that a long-running server reaches.
 */
public final class WireOverhead {
  private static final int EVENTS = 10_000;
  private static final int USERS = 1_000;
  private static final int CLIENTS = 4;
  private static final int WARM_UP_SECONDS = 5;
  private static final int MAX_WARM_UP_ROUNDS = 12;
  private static final double STEADY = 1.10;
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

  private WireOverhead() {
  }

  /** One pgbench run's throughput and mean latency. */
  private record Result(double tps, double latencyMs) {
  }

  /** Runs the measurement and prints a table. */
  public static void main(String[] args) throws Exception {
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    final int seconds = Integer.getInteger("wire.seconds", 10);
    final Path dir = Files.createTempDirectory("wire-overhead");
    final String store = "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath();
    final boolean index = Boolean.parseBoolean(System.getProperty("wire.index", "true"));
    createStore(store, index);
    final Path counted = script(dir, "counted.sql", "\\set uid random(1, " + USERS + ")\n"
        + "SELECT COUNT(*) FROM events WHERE user_id = :uid;\n");
    final Path one = script(dir, "one.sql", "SELECT 1;\n");
    out.printf("pgbench, %d clients, %d s per run after a warm-up, serve on a %,d-event H2 store %s an index on "
        + "user_id (SELECT COUNT(*) FROM events WHERE user_id = :uid, uid random in 1..%d):%n", CLIENTS, seconds,
        EVENTS, index ? "with" : "without", USERS);
    out.printf("  %-34s %12s %12s%n", "", "tps", "latency ms");
    for (String literals : List.of("parameters", "text")) {
      try (ServerProcess server = serve(store + ";ACCESS_MODE_DATA=r", literals)) {
        final int port = server.port();
        warmUp(out, port, counted, "plan.literals=" + literals);
        print(out, "plan.literals=" + literals + ", simple", pgbench(port, seconds, counted, false));
        print(out, "plan.literals=" + literals + ", -M prepared", pgbench(port, seconds, counted, true));
        print(out, "plan.literals=" + literals + ", SELECT 1", pgbench(port, seconds, one, false));
      }
    }
  }

  /**
   * A new server JVM compiles its hot paths over its first tens of seconds (the simple protocol, which runs more
   * code per query, the longest): both protocols run in rounds until their rates level off.
   */
  private static void warmUp(PrintStream out, int port, Path script, String label)
      throws IOException, InterruptedException {
    final List<String> rounds = new ArrayList<>();
    double simple = 0;
    double prepared = 0;
    for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
      final double nextSimple = pgbench(port, WARM_UP_SECONDS, script, false).tps();
      final double nextPrepared = pgbench(port, WARM_UP_SECONDS, script, true).tps();
      rounds.add(String.format("%,.0f/%,.0f", nextSimple, nextPrepared));
      final boolean steady = nextSimple < simple * STEADY && nextPrepared < prepared * STEADY;
      simple = Math.max(simple, nextSimple);
      prepared = Math.max(prepared, nextPrepared);
      if (steady) {
        break;
      }
    }
    out.printf("  %s warm-up, %d s rounds, simple/prepared tps: %s%n", label, WARM_UP_SECONDS,
        String.join(", ", rounds));
  }

  private static void print(PrintStream out, String label, Result result) {
    out.printf("  %-34s %12.1f %12.2f%n", label, result.tps(), result.latencyMs());
  }

  private static void createStore(String url, boolean index) throws SQLException {
    // The latency profile runs QueryOverhead first in the same Maven JVM: DriverManager then holds the H2 driver of
    // that run's class loader, which it does not offer to this one, so this class loader's H2 driver registers too.
    org.h2.Driver.load();
    try (Connection h2 = DriverManager.getConnection(url); Statement statement = h2.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events SELECT 1 + MOD(X * 7919, " + USERS + "), TIMESTAMP '2026-11-01 00:00:00' "
          + "+ X * INTERVAL '7' MINUTE, CASEWHEN(MOD(X, 3) = 0, 'view', 'cart') FROM SYSTEM_RANGE(1, " + EVENTS + ")");
      if (index) {
        statement.execute("CREATE INDEX events_user ON events (user_id)");
      }
    }
  }

  private static Path script(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static ServerProcess serve(String store, String literals) throws IOException {
    // The server jar carries no store driver: H2's, from this JVM's class path, goes beside it.
    return ServerProcess.start(List.of(), List.of(org.h2.Driver.class), List.of("--url", store, "--events", "events",
        "--property", "plan.literals=" + literals));
  }

  private static Result pgbench(int port, int seconds, Path script, boolean prepared)
      throws IOException, InterruptedException {
    final String output = Pgbench.run(port, CLIENTS, seconds, prepared ? List.of("-f", script.toString(), "-M",
        "prepared") : List.of("-f", script.toString()));
    return new Result(number(TPS, output), number(LATENCY, output));
  }

  private static double number(Pattern pattern, String output) throws IOException {
    final Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IOException("pgbench printed no " + pattern.pattern() + ":\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }
}
