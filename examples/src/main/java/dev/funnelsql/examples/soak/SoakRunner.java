package dev.funnelsql.examples.soak;

import dev.funnelsql.examples.demo.DemoQueries;
import dev.funnelsql.examples.demo.ModelDemo;
import dev.funnelsql.examples.demo.ShopDataGenerator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak run: generates (or reuses) a demo shop store, then keeps several threads querying it through the FunnelSQL
 * driver for minutes — the demo's funnel and retention queries and the shop model's funnel, segment and cohort
 * tables, each thread opening a fresh connection every few queries — and prints, every sample interval, the
 * throughput, the errors and the heap in use right after a full GC; at the end it says whether that heap grew.
 *
 * <p>Run from the repository root (minutes, not part of {@code mvn verify}):
 * {@code mvn -q -Psoak -DskipTests package -Dsoak.args="--duration 5m --threads 4"}. Exits with status 1 if a
 * query failed or the heap grew.
 */
public final class SoakRunner {
  private final SoakOptions options;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean running = true;

  private SoakRunner(SoakOptions options) {
    this.options = options;
  }

  /**
   * Runs the soak.
   *
   * @param args {@link SoakOptions#USAGE}
   * @throws Exception when the store cannot be generated
   */
  public static void main(String[] args) throws Exception {
    final SoakReport report = run(SoakOptions.parse(args), System.out);
    if (report.errors() > 0 || report.heapGrew()) {
      System.exit(1);
    }
  }

  /**
   * Runs a soak and returns its report.
   *
   * @param options the settings
   * @param out where samples and the summary are printed
   * @return the report
   * @throws Exception when the store cannot be generated or the model cannot be written
   */
  public static SoakReport run(SoakOptions options, PrintStream out) throws Exception {
    final String jdbcUrl = new ShopDataGenerator(options.store()).generateOrReuse().jdbcUrl();
    final Path model = ModelDemo.writeModel(ModelDemo.SHOP_MODEL, options.store().dbBasePath().getParent(),
        jdbcUrl);
    return new SoakRunner(options).load(ModelDemo.modelUrl(model), out);
  }

  private SoakReport load(String url, PrintStream out) throws Exception {
    final List<String> sql = queries(url);
    out.printf(Locale.ROOT, "soak: %d threads for %d s, %d queries in the mix, a new connection every %d queries, "
        + "a sample every %d s%n", options.threads(), options.duration().toSeconds(), sql.size(),
        options.queriesPerConnection(), options.sample().toSeconds());
    out.println("   time    queries   queries/s   errors   heap after GC");
    final List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < options.threads(); t++) {
      final int offset = t;
      final Thread thread = new Thread(() -> work(url, sql, offset, out), "soak-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    final List<HeapSample> samples = new ArrayList<>();
    final long start = System.nanoTime();
    final long end = start + options.duration().toNanos();
    long last = start;
    long lastQueries = 0;
    long lastErrors = 0;
    while (System.nanoTime() < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(options.sample().toNanos(), end - System.nanoTime()));
      final long now = System.nanoTime();
      System.gc();
      final long heap = memory.getHeapMemoryUsage().getUsed();
      final long doneQueries = queries.get();
      final long doneErrors = errors.get();
      final HeapSample sample = new HeapSample((now - start) / 1e9, doneQueries - lastQueries,
          doneErrors - lastErrors, heap, (now - last) / 1e9);
      samples.add(sample);
      out.printf(Locale.ROOT, "%6.0f s %10d %11.1f %8d %11.1f MiB%n", sample.seconds(), sample.queries(),
          sample.throughput(), sample.errors(), sample.heapMib());
      last = now;
      lastQueries = doneQueries;
      lastErrors = doneErrors;
    }
    running = false;
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(5));
    }
    final SoakReport report = new SoakReport(samples);
    report.print(out);
    return report;
  }

  /** The mix: the demo's queries and the queries over the model tables this driver provides. */
  private static List<String> queries(String url) throws SQLException {
    final List<String> sql = new ArrayList<>();
    DemoQueries.all().forEach(query -> sql.add(query.sql()));
    try (Connection connection = DriverManager.getConnection(url)) {
      for (ModelDemo.ModelQuery query : ModelDemo.shopQueries()) {
        if (ModelDemo.tableExists(connection, query.table())) {
          sql.add(query.sql());
        }
      }
    }
    return sql;
  }

  private void work(String url, List<String> sql, int offset, PrintStream out) {
    int next = offset;
    while (running) {
      try (Connection connection = DriverManager.getConnection(url)) {
        for (int i = 0; i < options.queriesPerConnection() && running; i++) {
          final String query = sql.get(next++ % sql.size());
          try (Statement statement = connection.createStatement();
               ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
              rows.getObject(1);
            }
            queries.incrementAndGet();
          } catch (SQLException e) {
            report(out, e);
          }
        }
      } catch (SQLException e) {
        report(out, e);
      }
    }
  }

  private void report(PrintStream out, SQLException e) {
    if (errors.incrementAndGet() <= 5) {
      out.println("error: " + e.getSQLState() + " " + e.getMessage());
    }
  }
}
