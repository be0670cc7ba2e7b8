package dev.funnelsql.examples.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a run as markdown: machine and stores, the main table (time, events/s, heap, ratios to FunnelSQL),
 * the targets of issue 4, growth with size, the answers (exact vs first-touch), FunnelSQL's store queries, data
 * preparation and how everything was measured. Printed to stdout and written to {@code report.md}.
 */
final class BenchReport {
  private final BenchOptions options;
  private final BenchResults results;

  BenchReport(BenchOptions options, BenchResults results) {
    this.options = options;
    this.results = results;
  }

  /** The whole report. */
  String render(ZonedDateTime started, double loadAtStart, double loadAtEnd, double totalSeconds) {
    final StringBuilder md = new StringBuilder();
    md.append("# FunnelSQL benchmark\n\n");
    header(md, started, loadAtStart, loadAtEnd, totalSeconds, results.descriptions());
    md.append("- Funnel: 4 steps `e0 → e1 → e2 → e3` within 7 days of step 1 (ClickHouse `windowFunnel`)."
        + " (a) is\n  `").append(FunnelQueries.sql(Method.FUNNELSQL)).append("`\n\n");
    data(md);
    main(md);
    targets(md);
    growth(md);
    answers(md);
    storeQueries(md);
    preparation(md);
    method(md);
    return md.toString();
  }

  /** The date, machine, JDK and JVM flags, and each store's description, as a markdown list. */
  static void header(StringBuilder md, ZonedDateTime started, double loadAtStart, double loadAtEnd,
      double totalSeconds, Map<StoreKind, List<String>> descriptions) {
    md.append("- Date: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(String.format(
        Locale.ROOT, " (whole run %.0f s; load average %.2f at start, %.2f at end)%n", totalSeconds, loadAtStart,
        loadAtEnd));
    md.append("- Machine: ").append(MachineInfo.cpu()).append(", ").append(MachineInfo.cores()).append(" cores, ")
        .append(String.format(Locale.ROOT, "%.1f GiB RAM", MachineInfo.ramGib())).append(", ")
        .append(MachineInfo.os()).append('\n');
    md.append("- JDK: ").append(MachineInfo.jdk()).append("; benchmark JVM flags: `")
        .append(MachineInfo.jvmFlags()).append("`\n");
    for (Map.Entry<StoreKind, List<String>> store : descriptions.entrySet()) {
      for (String line : store.getValue()) {
        md.append("- ").append(line).append('\n');
      }
    }
  }

  private void data(StringBuilder md) {
    md.append("## Data\n\n");
    md.append("Generated in DuckDB with `range()` SQL (deterministic hashes, seed ")
        .append(options.mainData().seed())
        .append("): user ids skewed (a few users with thousands of events), event types skewed (`e0` 30 %,"
            + " `e1` 15 %,"
            + " `e2` 8 %, `e3` 4 %, the other ").append(options.mainData().types() - 4)
        .append(" types 43 %), each user's events clustered in four sessions, ")
        .append(options.mainData().days()).append(" days, rows in time order.\n\n");
    final MarkdownTable table = new MarkdownTable("events", "users drawn", "users with events", "step rows",
        "step rows / event");
    for (DataSpec spec : options.allData()) {
      final long steps = results.stepRows(spec);
      final long users = results.usersWithEvents(spec);
      table.row(count(spec.events()), count(spec.users()), users < 0 ? "" : count(users),
          steps < 0 ? "" : count(steps), steps < 0 ? "" : String.format(Locale.ROOT, "%.2f",
              steps / (double) spec.events()));
    }
    md.append(table.render()).append('\n');
  }

  private void main(StringBuilder md) {
    final DataSpec spec = options.mainData();
    md.append("## Results at ").append(spec.label()).append(" events\n\n");
    md.append("Wall time is the median of the counted runs after one warm-up run (\"1*\": the first run took more"
        + " than ").append(fmt(options.slowSeconds(), 0)).append(" s and is the only one). M events/s = events in"
        + " the table / time. JVM CPU s: CPU time of the benchmark JVM during the run, all its threads (DuckDB's"
        + " and H2's work runs inside it; the PostgreSQL server is another process, not counted), less sensitive"
        + " than wall time to other load on the machine. Peak heap: see the notes. ÷ (a) = this method's time /"
        + " FunnelSQL (a)'s time on the same store.\n\n");
    final MarkdownTable table = new MarkdownTable("store", "method", "runs", "median s", "M events/s",
        "JVM CPU s", "peak heap MB", "heap B / step row", "÷ (a)");
    final long steps = results.stepRows(spec);
    for (StoreKind store : options.stores()) {
      final Measurement a = results.find(store, spec, Method.FUNNELSQL);
      for (Method method : Method.values()) {
        final Measurement m = results.find(store, spec, method);
        if (m == null) {
          continue;
        }
        final double seconds = m.medianSeconds();
        final String label = method.label()
            + (results.settingNotApplied(store, spec, method) ? " (setting NOT applied, see notes)" : "");
        table.row(store.title(), label, m.warmedUp() ? Integer.toString(m.runs()) : "1*",
            fmt(seconds, 3), fmt(spec.events() / seconds / 1e6, 1), fmt(m.medianCpuSeconds(), 2),
            heapMb(m),
            heapPerRow(m, steps), a == null ? "" : ratio(seconds / a.medianSeconds()));
      }
    }
    md.append(table.render()).append('\n');
  }

  private void targets(StringBuilder md) {
    final DataSpec spec = options.mainData();
    md.append("## Targets of issue 4 at ").append(spec.label()).append(" events\n\n");
    final MarkdownTable table = new MarkdownTable("store", "best exact SQL ÷ (a) (≥ 5×; H2 ≥ 50×)",
        "first-touch ÷ (a) (≥ 1×)", "(a) ÷ (c) fetch (≤ 1.5)", "(a) ÷ (c') fetch as FunnelSQL does",
        "(a) ÷ (c'') Arrow fetch", "(a) heap B / step row (< 32)");
    final long steps = results.stepRows(spec);
    for (StoreKind store : options.stores()) {
      final Measurement a = results.find(store, spec, Method.FUNNELSQL);
      if (a == null) {
        continue;
      }
      Measurement best = null;
      for (Method exact : List.of(Method.B1, Method.B2C)) {
        final Measurement m = results.find(store, spec, exact);
        if (m != null && (best == null || m.medianSeconds() < best.medianSeconds())) {
          best = m;
        }
      }
      final Measurement firstTouch = results.find(store, spec, Method.FIRST_TOUCH);
      final Measurement fetch = results.find(store, spec, Method.FETCH);
      final Measurement fetchMask = results.find(store, spec, Method.FETCH_MASK);
      final Measurement fetchArrow = results.find(store, spec, Method.FETCH_ARROW);
      table.row(store.title(),
          best == null ? "not run" : ratio(best.medianSeconds() / a.medianSeconds()) + " ("
              + best.method().label().replace("(b) ", "").replaceAll(" \\(exact\\)", "") + ")",
          firstTouch == null ? "not run" : ratio(firstTouch.medianSeconds() / a.medianSeconds()),
          fetch == null ? "" : fmt(a.medianSeconds() / fetch.medianSeconds(), 2),
          fetchMask == null ? "" : fmt(a.medianSeconds() / fetchMask.medianSeconds(), 2),
          fetchArrow == null ? "" : fmt(a.medianSeconds() / fetchArrow.medianSeconds(), 2),
          heapPerRow(a, steps));
    }
    md.append(table.render()).append('\n');
  }

  private void growth(StringBuilder md) {
    final List<DataSpec> sizes = options.allData();
    if (sizes.size() < 2) {
      return;
    }
    md.append("## Growth with size\n\n");
    md.append("Median wall time in seconds (M events/s) at each size a method ran; the last columns are the time"
        + " ratio between consecutive"
        + " sizes (linear growth = the size ratio).\n\n");
    final List<String> header = new ArrayList<>(List.of("store", "method"));
    sizes.forEach(spec -> header.add(spec.label()));
    for (int i = 1; i < sizes.size(); i++) {
      header.add(sizes.get(i).label() + " ÷ " + sizes.get(i - 1).label());
    }
    final MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
    for (StoreKind store : options.stores()) {
      for (Method method : Method.values()) {
        final List<String> row = new ArrayList<>(List.of(store.title(), method.label()));
        int measured = 0;
        final List<Measurement> bySize = new ArrayList<>();
        for (DataSpec spec : sizes) {
          final Measurement m = results.find(store, spec, method);
          bySize.add(m);
          if (m != null) {
            measured++;
          }
          row.add(m == null ? "" : fmt(m.medianSeconds(), 3) + " (" + fmt(spec.events() / m.medianSeconds()
              / 1e6, 1) + ")");
        }
        for (int i = 1; i < sizes.size(); i++) {
          final Measurement small = bySize.get(i - 1);
          final Measurement large = bySize.get(i);
          row.add(small == null || large == null ? "" : ratio(large.medianSeconds() / small.medianSeconds()));
        }
        if (measured >= 1) {
          table.row(row.toArray(new String[0]));
        }
      }
    }
    md.append(table.render()).append('\n');
  }

  private void answers(StringBuilder md) {
    md.append("## Answers\n\n");
    md.append("Users reaching at least step k (the funnel chart's bars) and, for the exact answer, users with step"
        + " rows but no `e0` (level 0). FunnelSQL's histogram equals B1's exactly on every store (the run fails"
        + " otherwise); B2c equals it at levels 1-4. The first-touch shortcut follows only each user's first `e0`:"
        + " a user whose first start does not convert but a later one does is lost.\n\n");
    final List<String> header = new ArrayList<>(List.of("events", "method", "level 0"));
    for (int k = 1; k <= FunnelShape.steps(); k++) {
      header.add("≥ " + k);
    }
    final MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
    for (DataSpec spec : options.allData()) {
      final Histogram exact = results.exact(spec);
      if (exact == null) {
        continue;
      }
      table.row(levels(spec.label(), "exact (FunnelSQL = B1)", exact));
      final Histogram firstTouch = firstTouch(spec);
      if (firstTouch != null) {
        table.row(levels(spec.label(), "first-touch", firstTouch));
        final List<String> under = new ArrayList<>(List.of(spec.label(), "first-touch undercount", ""));
        for (int k = 1; k <= FunnelShape.steps(); k++) {
          final long right = exact.atLeast(k);
          under.add(right == 0 ? "" : String.format(Locale.ROOT, "%.1f %%",
              100.0 * (right - firstTouch.atLeast(k)) / right));
        }
        table.row(under.toArray(new String[0]));
      }
    }
    md.append(table.render()).append('\n');
  }

  private Histogram firstTouch(DataSpec spec) {
    for (BenchResults.Entry entry : results.entries()) {
      if (entry.spec().equals(spec) && entry.measurement().method() == Method.FIRST_TOUCH) {
        return entry.measurement().histogram();
      }
    }
    return null;
  }

  private static String[] levels(String size, String what, Histogram histogram) {
    final List<String> row = new ArrayList<>(List.of(size, what,
        histogram.hasLevelZero() ? count(histogram.exactly(0)) : ""));
    for (int k = 1; k <= histogram.steps(); k++) {
      row.add(count(histogram.atLeast(k)));
    }
    return row.toArray(new String[0]);
  }

  private void storeQueries(StringBuilder md) {
    if (results.storeQueries().isEmpty()) {
      return;
    }
    md.append("## What FunnelSQL sends to the store\n\n`EXPLAIN PLAN FOR` (a), at ")
        .append(options.mainData().label()).append(" events:\n\n");
    for (Map.Entry<StoreKind, String> plan : results.storeQueries().entrySet()) {
      md.append(plan.getKey().title()).append(":\n\n```\n").append(plan.getValue()).append("\n```\n\n");
    }
  }

  private void preparation(StringBuilder md) {
    preparation(md, results.loads(), options.dir());
  }

  /** The data preparation this run did (generation, loads, indexes) with their times. */
  static void preparation(StringBuilder md, LoadLog loads, java.nio.file.Path dir) {
    md.append("## Data preparation\n\n");
    final List<LoadLog.Step> steps = loads.steps();
    if (steps.isEmpty()) {
      md.append("All data sets were cached by an earlier run (under `").append(dir)
          .append("/`); nothing was generated or loaded.\n\n");
      return;
    }
    md.append("Done by this run (the rest was cached by an earlier run); never row-by-row inserts.\n\n");
    final MarkdownTable table = new MarkdownTable("step", "seconds");
    steps.forEach(step -> table.row(step.what(), fmt(step.nanos() / 1e9, 1)));
    md.append(table.render()).append('\n');
  }

  private void method(StringBuilder md) {
    md.append("## How it was measured\n\n");
    md.append("- One JVM, stores one after the other (never in parallel); each store's data is loaded before its"
        + " timings. Baselines (b) and the fetches (c) run through the store's own JDBC driver on one connection;"
        + " FunnelSQL (a) opens its connection before the timed runs, and each run prepares and executes the query"
        + " (planning included). The fetch (c) reads `user_id`, `ts`, `event_name` with"
        + " getLong/getTimestamp/getString;"
        + " (c') reads `user_id`, `ts` and the step mask computed by the store (getInt), the columns FunnelSQL's"
        + " store query returns; both with autocommit off and fetch size 10000. On DuckDB, (c'') reads those columns"
        + " with the time as the epoch milliseconds FunnelSQL asks DuckDB for, as the Arrow batches DuckDB's driver"
        + " exports (4096 rows), each column copied into a Java array, as FunnelSQL's step scan reads them; and the"
        + " benchmark's DuckDB connection opens the file read-only with streamed results, as FunnelSQL opens it, so"
        + " that FunnelSQL's connections share the database (DuckDB refuses a second configuration of a file).\n");
    md.append("- Runs: one warm-up, then up to ").append(options.runs()).append(" counted runs, fewer when they"
        + " would exceed about ").append(fmt(options.budgetSeconds(), 0)).append(" s; a first run over ")
        .append(fmt(options.slowSeconds(), 0)).append(" s is the only run (\"1*\").\n");
    md.append("- Peak heap: before each run a System.gc(); during it, GC notifications"
        + " (com.sun.management.GarbageCollectionNotificationInfo) give the heap in use after each collection;"
        + " the figure is the largest of those minus the heap in use after the System.gc(), the largest over the"
        + " counted runs. The young generation is fixed (-Xmn) so collections happen every few hundred MB of"
        + " allocation. It is an upper bound of the live data (garbage promoted to the old generation during the"
        + " run counts). \"–\": no collection during the run. Heap per step row divides by the step rows (rows"
        + " matching a step), the rows a client-side method holds. DuckDB and PostgreSQL keep their data off this"
        + " heap; H2 runs in this JVM: its FILE database keeps rows on disk, but its page cache and its query"
        + " working memory are on this heap and count.\n");
    md.append("- Checks: FunnelSQL's histograms (with WHERE, with funnel.sort=source and funnel.pushdown=never)"
        + " must equal B1's at every level; without the WHERE (all users, level 0 larger) and B2c at levels 1-4;"
        + " FunnelSQL's answer must be the same on every store.\n");
    for (String note : results.notes()) {
      md.append("- ").append(note).append('\n');
    }
    for (String failure : results.failures()) {
      md.append("- **").append(failure).append("**\n");
    }
    for (String warning : results.warnings()) {
      md.append("- **WARNING: ").append(warning).append("**\n");
    }
    md.append("- Flags of this run: `").append(options).append("`\n");
  }

  static String heapMb(Measurement m) {
    return m.peakHeapBytes() == HeapPeak.NONE ? "–" : fmt(m.peakHeapBytes() / 1e6, 0);
  }

  private static String heapPerRow(Measurement m, long stepRows) {
    return m.peakHeapBytes() == HeapPeak.NONE || stepRows <= 0 ? "–"
        : fmt(m.peakHeapBytes() / (double) stepRows, 1);
  }

  static String ratio(double value) {
    return fmt(value, value >= 10 ? 0 : value >= 1 ? 1 : 2) + "×";
  }

  static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
