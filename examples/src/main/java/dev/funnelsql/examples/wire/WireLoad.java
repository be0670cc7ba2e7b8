package dev.funnelsql.examples.wire;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The wire server under a dashboard's load: {@code pgbench} with 64 sessions (at the server's maximum) for minutes
 * against {@code serve} on a shop store with a funnel, a segmentation and their tables, running what a dashboard
 * sends (catalog queries, the funnel chart, the chart scoped to a random three-day range, the summary by segment,
 * the segment sizes) with the simple protocol. It reports, per query kind, transactions, p50 and p99 latency from
 * pgbench's per-transaction log, the errors, the server's heap after a full GC every 30 s (through {@code jcmd}), and
 * what a 65th session gets. Needs {@code pgbench} and the server jar. Run: {@code mvn -q -Pload -DskipTests
 * package} ({@code -Dload.seconds=N}, {@code -Dload.clients=N}).
 */
public final class WireLoad {
  private static final int USERS = 20_000;
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern ABORTED = Pattern.compile("aborted in command");
  private static final long HEAP_SAMPLE_SECONDS = 30;

  /** One query kind: a pgbench script and its weight. */
  private record Kind(String name, int weight, String script) {
  }

  private static final List<Kind> KINDS = List.of(
      new Kind("catalog", 2, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'funnels' "
          + "ORDER BY table_name;\nSELECT column_name, data_type FROM information_schema.columns WHERE "
          + "table_schema = 'funnels' AND table_name = 'checkout_summary';\n"),
      new Kind("chart", 4, "SELECT step_label, users FROM funnels.checkout_chart;\n"),
      new Kind("chart, 3-day range", 3, "\\set d random(0, 26)\nSELECT step_label, users FROM "
          + "funnels.checkout_chart WHERE entered_at >= TIMESTAMP '2026-11-01 00:00:00' + :d * INTERVAL '1' DAY "
          + "AND entered_at < TIMESTAMP '2026-11-04 00:00:00' + :d * INTERVAL '1' DAY;\n"),
      new Kind("summary by segment", 2, "SELECT step_label, segment, users FROM funnels.checkout_summary "
          + "WHERE breakdown = 'engagement';\n"),
      new Kind("segment sizes", 1, "SELECT segment, users FROM segments.engagement_sizes;\n"));

  private WireLoad() {
  }

  /** Runs the load and prints its report. */
  public static void main(String[] args) throws Exception {
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    final int seconds = Integer.getInteger("load.seconds", 180);
    final int clients = Integer.getInteger("load.clients", 64);
    final Path dir = Files.createTempDirectory("wire-load");
    final String store = "jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
    final long events = createStore(store);
    final Path model = Files.writeString(dir.resolve("shop.yaml"), model(store + ";ACCESS_MODE_DATA=r"));
    final List<String> scripts = new ArrayList<>();
    for (int i = 0; i < KINDS.size(); i++) {
      final Path script = Files.writeString(dir.resolve("kind" + i + ".sql"), KINDS.get(i).script());
      scripts.addAll(List.of("-f", script + "@" + KINDS.get(i).weight()));
    }
    out.printf("pgbench, %d sessions (the server's --max-connections), %d s, simple protocol, serve -Xmx1g on a "
        + "%,d-event H2 store (%,d users):%n", clients, seconds, events, USERS);
    try (ServerProcess server = ServerProcess.start(List.of("-Xmx1g"), List.of(org.h2.Driver.class), List.of(
        "--model", model.toString(), "--max-connections", Integer.toString(clients)))) {
      Pgbench.run(server.port(), Math.min(clients, 8), 15, scripts);
      final List<Long> heap = java.util.Collections.synchronizedList(new ArrayList<>(List.of(
          heapAfterGc(server.pid()))));
      final Path logs = Files.createDirectories(dir.resolve("logs"));
      final Thread sampler = new Thread(() -> {
        try {
          while (true) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(HEAP_SAMPLE_SECONDS));
            heap.add(heapAfterGc(server.pid()));
          }
        } catch (InterruptedException | IOException e) {
          // The run ended.
        }
      });
      sampler.setDaemon(true);
      final String[] extra = new String[1];
      final Thread extraSession = new Thread(() -> extra[0] = oneTooMany(server.port()));
      sampler.start();
      final List<String> logged = new ArrayList<>(List.of("-l", "--log-prefix=" + logs.resolve("load")));
      logged.addAll(scripts);
      final Process load = Pgbench.start(server.port(), clients, seconds, logged);
      Thread.sleep(5_000);
      extraSession.start();
      final String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      final int exit = load.waitFor();
      sampler.interrupt();
      extraSession.join();
      heap.add(heapAfterGc(server.pid()));
      report(out, logs, seconds, output, exit, heap, extra[0]);
    }
  }

  private static void report(PrintStream out, Path logs, int seconds, String output, int exit, List<Long> heap,
      String extra) throws IOException {
    final Map<Integer, List<Long>> latencies = new TreeMap<>();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          final String[] fields = line.trim().split("\\s+");
          if (fields.length >= 4 && fields[2].matches("\\d+")) {
            latencies.computeIfAbsent(Integer.parseInt(fields[3]), key -> new ArrayList<>())
                .add(Long.parseLong(fields[2]));
          }
        }
      }
    }
    out.printf("  %-20s %12s %10s %10s %10s%n", "query kind", "transactions", "per s", "p50 ms", "p99 ms");
    long total = 0;
    for (Map.Entry<Integer, List<Long>> entry : latencies.entrySet()) {
      final long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      total += sorted.length;
      out.printf("  %-20s %,12d %,10.1f %10.2f %10.2f%n", KINDS.get(entry.getKey()).name(), sorted.length,
          sorted.length / (double) seconds, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
    }
    final Matcher aborted = ABORTED.matcher(output);
    int errors = 0;
    while (aborted.find()) {
      errors++;
    }
    out.printf("  all: %,d transactions, %,.1f per s; errors: %d (pgbench exit %d)%n", total,
        total / (double) seconds, errors, exit);
    final List<String> mib;
    synchronized (heap) {
      mib = heap.stream().map(kb -> Long.toString(kb / 1024)).toList();
    }
    out.printf("  server heap after GC, before the run and every %d s (MiB): %s%n", HEAP_SAMPLE_SECONDS, mib);
    out.printf("  a session past --max-connections: %s%n", extra);
    if (errors > 0 || exit != 0) {
      out.println(output);
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** A 65th session while pgbench holds every slot: its SQLSTATE and how long the answer took. */
  private static String oneTooMany(int port) {
    final long start = System.nanoTime();
    // pgjdbc itself, not DriverManager: Maven's exec class loader is not the one DriverManager registered it from.
    try (Connection ignored = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port
        + "/funnelsql?user=late&connectTimeout=30", new java.util.Properties())) {
      return "admitted (a pgbench session had not connected yet)";
    } catch (SQLException e) {
      return e.getSQLState() + " \"" + e.getMessage() + "\" after " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }
  }

  /** The server's used heap, in KiB, after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  private static long heapAfterGc(long pid) throws IOException, InterruptedException {
    final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(pid), "GC.run");
    final Matcher used = USED.matcher(run(jcmd, Long.toString(pid), "GC.heap_info"));
    if (!used.find()) {
      throw new IOException("jcmd GC.heap_info printed no used heap");
    }
    return Long.parseLong(used.group(1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    final Process process = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }

  private static long createStore(String url) throws SQLException {
    org.h2.Driver.load();
    try (Connection h2 = DriverManager.getConnection(url); Statement statement = h2.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, event_time TIMESTAMP, event_name VARCHAR(32))");
      // Each user views on a day of November 2026; a share of them go on to the cart, the checkout and payment.
      final String[] steps = {"product_viewed", "cart_added", "checkout_started", "order_paid"};
      for (int step = 0; step < steps.length; step++) {
        statement.execute("INSERT INTO events SELECT X, TIMESTAMP '2026-11-01 00:00:00' + MOD(X * 7919, 30 * 24 * 60) "
            + "* INTERVAL '1' MINUTE + " + step + " * MOD(X, 97) * INTERVAL '1' HOUR, '" + steps[step] + "' FROM "
            + "SYSTEM_RANGE(1, " + USERS + ") WHERE MOD(X * 31, 100) < " + (100 - 22 * step));
      }
      statement.execute("CREATE INDEX events_user ON events (user_id)");
      try (var rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static String model(String store) {
    return """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: event_time, event: event_name }
        funnels:
          checkout:
            window: 7d
            steps:
              - { name: Viewed product, when: "event_name = 'product_viewed'" }
              - { name: Added to cart, when: "event_name = 'cart_added'" }
              - { name: Started checkout, when: "event_name = 'checkout_started'" }
              - { name: Paid, when: "event_name = 'order_paid'" }
            breakdowns: [engagement]
        segmentations:
          engagement:
            rules:
              - { segment: buyer, when: "COUNT(CASE WHEN event_name = 'order_paid' THEN 1 END) > 0" }
              - { segment: browser, when: "COUNT(*) >= 2" }
            otherwise: visitor
        """.formatted(store);
  }
}
