package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The benchmark of issue 4. Run with {@code mvn -q -Pbench -DskipTests package} from the repository root (flags in
 * {@code -Dbench.args="…"}, see {@link BenchOptions#USAGE}); progress goes to stderr, the report to stdout and to
 * {@code <dir>/report.md}. Exits non-zero if any exact method's answer differs from the B1 baseline's. With
 * {@code --tables} it runs the tables mode instead: the model's tables against hand-written SQL
 * ({@link #runTables}), and exits non-zero if a table's answer differs from its baseline's.
 */
public final class BenchMain {
  private BenchMain() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@link BenchOptions#USAGE}
   */
  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--engines")) {
      try {
        System.exit(EngineBench.run(args, System.out, System.err));
      } catch (IllegalArgumentException | IllegalStateException e) {
        // A bad flag, or the engines' launchers missing from the class path (run without -Pbench).
        System.err.println(e.getMessage());
        System.exit(2);
      }
      return;
    }
    final BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.tables()) {
      final TableResults tables = runTables(options, System.out, System.err);
      if (!tables.mismatches().isEmpty()) {
        System.err.println("\nBENCHMARK FAILED: a table's answer differs from its hand-written baseline's");
        tables.mismatches().forEach(System.err::println);
        System.exit(1);
      }
      return;
    }
    final BenchResults results = run(options, System.out, System.err);
    if (!results.failures().isEmpty()) {
      System.err.println("\nBENCHMARK FAILED: an exact method's answer differs from B1's");
      results.failures().forEach(System.err::println);
      System.exit(1);
    }
  }

  /**
   * Runs every store and size, prints the report to {@code out} and writes it to {@code <dir>/report.md}.
   *
   * @return what was measured, with the failed answer checks (the caller decides how to fail)
   */
  public static BenchResults run(BenchOptions options, PrintStream out, PrintStream err) throws Exception {
    final Progress progress = new Progress(err);
    final BenchResults results = new BenchResults();
    runStores(options, out, progress, new StoreBench(options, progress, results)::run,
        new BenchReport(options, results)::render);
    return results;
  }

  /**
   * Runs the tables mode ({@code --tables}) on every store at the main size, prints its report to {@code out} and
   * writes it to {@code <dir>/report.md}.
   *
   * @return what was measured, with the mismatches (the caller decides how to fail)
   */
  public static TableResults runTables(BenchOptions options, PrintStream out, PrintStream err) throws Exception {
    final Progress progress = new Progress(err);
    final TableResults results = new TableResults();
    runStores(options, out, progress, new TableBench(options, progress, results)::run,
        new TablesReport(options, results)::render);
    return results;
  }

  /** One mode's measurement of one store. */
  private interface StoreRun {
    void run(EventStore store) throws Exception;
  }

  /** One mode's report, from when the run started, the load before and after, and its length. */
  private interface Report {
    String render(ZonedDateTime started, double loadAtStart, double loadAtEnd, double totalSeconds);
  }

  /** Runs a mode on every store, then prints its report to {@code out} and writes it to {@code <dir>/report.md}. */
  private static void runStores(BenchOptions options, PrintStream out, Progress progress, StoreRun bench,
      Report report) throws Exception {
    final ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    final double loadAtStart = MachineInfo.loadAverage();
    final long start = System.nanoTime();
    progress.say("options: " + options);
    Files.createDirectories(options.dir());
    final GeneratedData data = new GeneratedData(options.dir(), progress);
    for (StoreKind kind : options.stores()) {
      try (EventStore store = EventStore.of(kind, data, progress, options.dir())) {
        bench.run(store);
      }
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    final String text = report.render(started, loadAtStart, MachineInfo.loadAverage(), seconds);
    out.print(text);
    out.flush();
    write(options.dir().resolve("report.md"), text);
    progress.say("report written to " + options.dir().resolve("report.md").toAbsolutePath());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
