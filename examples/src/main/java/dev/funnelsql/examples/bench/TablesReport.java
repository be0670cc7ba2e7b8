package dev.funnelsql.examples.bench;

import static dev.funnelsql.examples.bench.BenchReport.fmt;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of the tables mode as markdown: machine and stores, one line per store and table (FunnelSQL's time,
 * its baseline's, the ratio against the target, events per second, peak heap, the answer check), whether every
 * table completed in the heap this JVM had, the model, the hand-written SQL of each baseline, and how it was
 * measured.
 */
final class TablesReport {
  private final BenchOptions options;
  private final TableResults results;

  TablesReport(BenchOptions options, TableResults results) {
    this.options = options;
    this.results = results;
  }

  /** The whole report. */
  String render(ZonedDateTime started, double loadAtStart, double loadAtEnd, double totalSeconds) {
    final StringBuilder md = new StringBuilder("# FunnelSQL benchmark: the model's tables\n\n");
    BenchReport.header(md, started, loadAtStart, loadAtEnd, totalSeconds, results.descriptions());
    final DataSpec spec = options.mainData();
    md.append("- Data: ").append(BenchReport.count(spec.events())).append(" events, ")
        .append(BenchReport.count(spec.users())).append(" users drawn, ").append(spec.days()).append(" days, ")
        .append(spec.types()).append(" event types (the generator of mode (a); `e0` 30 %, `e1` 15 %, `e2` 8 %, `e3`"
            + " 4 %)\n\n");
    table(md);
    heapCheck(md);
    model(md);
    baselines(md);
    BenchReport.preparation(md, results.loads(), options.dir());
    method(md);
    return md.toString();
  }

  private void table(StringBuilder md) {
    md.append("## Tables at ").append(spec().label()).append(" events\n\n");
    final MarkdownTable table = new MarkdownTable("store", "table", "FunnelSQL median s", "baseline s", "ratio",
        "target", "met?", "M events/s", "peak heap MB", "rows", "answer", "baseline");
    for (TableRow row : results.rows()) {
      final Outcome funnel = row.funnel();
      final boolean timed = funnel.ok();
      final String runs = timed && !funnel.measurement().warmedUp() ? " (1*)" : "";
      table.row(row.store().title(), row.table().name(),
          timed ? fmt(funnel.seconds(), 3) + runs : funnel.error(),
          row.baselineError() == null ? fmt(row.baselineSeconds(), 3) : row.baselineError(),
          Double.isNaN(row.ratio()) ? "" : BenchReport.ratio(row.ratio()),
          "≤ " + fmt(row.table().target(), 1) + "×",
          Double.isNaN(row.ratio()) ? (timed ? "?" : "**failed**") : row.met() ? "yes" : "**no**",
          timed ? rate(row.events() / funnel.seconds() / 1e6) : "",
          timed ? BenchReport.heapMb(funnel.measurement()) : "",
          timed ? BenchReport.count(((TableAnswer) funnel.measurement().result()).rows()) : "",
          row.check(), row.table().baselineLabel());
    }
    md.append(table.render()).append('\n');
  }

  private void heapCheck(StringBuilder md) {
    final double heapGib = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
    final List<TableRow> failed = results.failed();
    md.append(String.format(Locale.ROOT, "**Every table %scompletes at %s events in a %.1f GiB heap: %s.**",
        options.only().isEmpty() ? "" : "timed (`--only " + String.join(",", options.only()) + "`) ",
        spec().label(), heapGib, failed.isEmpty() ? "yes" : "no, " + failed.size() + " failed")).append(
        " (The 1 GB check of issue 10: run with `-Dbench.xmx=1g` at 10M events.)\n\n");
    for (TableRow row : failed) {
      md.append("- ").append(row.store().title()).append(' ').append(row.table().name()).append(": ")
          .append(row.funnel().error()).append('\n');
    }
    if (!failed.isEmpty()) {
      md.append('\n');
    }
  }

  private void model(StringBuilder md) {
    md.append("## The model\n\nWritten next to each store (");
    results.models().forEach((store, path) -> md.append(store.title()).append(": `").append(path).append("`; "));
    md.setLength(md.length() - 2);
    md.append("):\n\n```yaml\n").append(ShopModel.yaml("<the store's JDBC URL>")).append("```\n\n");
  }

  private void baselines(StringBuilder md) {
    md.append("## Baselines\n\nThe funnel tables' baseline is the bare `FUNNEL_STEP` query of mode (a) through the"
        + " driver:\n\n```sql\n").append(BaselinePart.funnelStep().sql()).append("\n```\n\nThat of the detail"
        + " table without its segment columns is the function under it, `FUNNEL_TIMES` per user, read whole through"
        + " the driver (each user's array element by element):\n\n```sql\n")
        .append(BaselinePart.funnelTimesPerUser().sql()).append("\n```\n\nThe others are"
        + " hand-written SQL run directly on the store's JDBC driver (the summary's baseline adds each breakdown's"
        + " membership to `FUNNEL_STEP`):\n\n");
    for (Map.Entry<StoreKind, List<ShopTable>> store : results.tables().entrySet()) {
      md.append("### ").append(store.getKey().title()).append("\n\n");
      final java.util.Set<String> shown = new java.util.HashSet<>();
      for (ShopTable table : store.getValue()) {
        for (BaselinePart part : table.baseline()) {
          if (!part.viaFunnelSql() && shown.add(part.key())) {
            md.append(part.key()).append(":\n\n```sql\n").append(part.sql()).append("\n```\n\n");
          }
        }
      }
    }
  }

  private void method(StringBuilder md) {
    md.append("## How it was measured\n\n");
    md.append("- Each table is read whole (`SELECT * FROM <table>`; the summary also with `WHERE breakdown = …`):"
        + " every row and column is read, counted and checksummed, so no lazy evaluation is timed (a table compared"
        + " whole hashes each value's canonical text, as its hand-written baseline does; one compared by its answer"
        + " reads each value with `getObject`, as any client must). Each FunnelSQL"
        + " run opens a new `jdbc:funnelsql:model=…` connection before the timed part (memberships are cached per"
        + " connection; a shared connection would time that cache); the connections share plans and the store's"
        + " pool, as the wire server's sessions do, so only the warm-up run plans.\n");
    md.append("- Each table's runs alternate with its baseline's, a run of each in turn after a warm-up of each, so"
        + " that the machine's drift (another process, the JIT, the heap) weighs on both alike; a baseline shared by"
        + " several tables is measured beside each. `FUNNEL_STEP` and `FUNNEL_TIMES` run through a plain"
        + " `jdbc:funnelsql:` connection (planning included, as in mode (a)); hand-written SQL on the store's own"
        + " connection, streamed (autocommit off, fetch size ").append(StreamingQuery.FETCH_SIZE).append(")."
        + " baseline s is the sum of the parts' medians; ratio = FunnelSQL median / baseline s.\n");
    md.append("- Runs: ").append(options.warmups()).append(" warm-up, then up to ").append(options.runs())
        .append(" counted runs of each, as many as fit about ").append(fmt(options.budgetSeconds(), 0))
        .append(" s of the slowest; a first run over ")
        .append(fmt(options.slowSeconds(), 0)).append(" s is the only run (\"1*\"). Every query is bounded by ")
        .append(options.tableTimeoutSeconds()).append(" s (`--table-timeout`, `Statement.setQueryTimeout` and a"
            + " watchdog `cancel()`); a table that fails, times out or runs out of memory is reported with its"
            + " message and the run goes on. M events/s = events in the store / FunnelSQL median. Peak heap: as"
            + " in mode (a) (heap in use after GCs during a run, above the heap after a full GC before it).\n");
    md.append("- Answers: tables with the baseline's shape (segments, sizes, check, transitions, tipping points,"
        + " cohorts) must have the same rows as the hand-written SQL (row count and an order-independent checksum"
        + " of every value; numbers to 9 significant digits). `funnels.<f>` must have as many rows per step, and"
        + " the chart as many users per step, as `FUNNEL_STEP` has users at or above it; the summary's overall"
        + " rows likewise, and its breakdown rows the users per segment and step of B1's exact levels joined with"
        + " the hand-written membership (an untimed query). A difference fails the run.\n");
    for (String note : results.notes()) {
      md.append("- ").append(note).append('\n');
    }
    for (String mismatch : results.mismatches()) {
      md.append("- **").append(mismatch).append("**\n");
    }
    md.append("- Flags of this run: `").append(options).append("`\n");
  }

  private static String rate(double millionsPerSecond) {
    return fmt(millionsPerSecond, millionsPerSecond < 1 ? 3 : 1);
  }

  private DataSpec spec() {
    return options.mainData();
  }
}
