package dev.funnelsql.examples.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One store's turn in the tables mode: loads the main data set (or finds it), writes {@link ShopModel} next to the
 * store, then for each {@link ShopTable} times FunnelSQL reading the whole table (every row counted and
 * checksummed), times its baseline and checks the answers. A table or baseline that fails is recorded with its
 * message and the run goes on; an answer that differs is a mismatch, and the run fails at the end.
 *
 * <p>Each FunnelSQL run opens its own model connection before the timed part: memberships are cached per connection,
 * so a shared connection would time a cache rather than the table. The connections share plans and the store's
 * pool, as the sessions of the wire server do, so only the warm-up run plans.
 */
final class TableBench {
  private static final int MISMATCH_ROWS = 5;
  /**
   * FunnelSQL's source pool says at INFO, for every new connection to a DuckDB file this JVM also holds open, that
   * it cannot open it read-only; the tables mode opens a connection per run, so only its warnings are shown (the
   * logger is kept here so that the level sticks).
   */
  private static final Logger SOURCE_POOL_LOG = Logger.getLogger("dev.funnelsql.calcite.source.SourcePool");

  private final BenchOptions options;
  private final Timing timing;
  private final Progress progress;
  private final TableResults results;

  TableBench(BenchOptions options, Progress progress, TableResults results) {
    SOURCE_POOL_LOG.setLevel(Level.WARNING);
    this.options = options;
    this.timing = new Timing(options.warmups(), options.runs(), options.slowSeconds(), options.budgetSeconds());
    this.progress = progress;
    this.results = results;
  }

  /** Runs every table on {@code store}. */
  void run(EventStore store) throws Exception {
    final StoreKind kind = store.kind();
    final DataSpec spec = options.mainData();
    if (!options.runs(kind, spec)) {
      results.note(kind.title() + " skipped at " + spec.label() + " events (--max-events).");
      return;
    }
    final StoreData data = store.prepare(spec, results.loads());
    final Path model = ShopModel.write(options.dir(), data);
    final ShopSql sql = new ShopSql(kind);
    final List<ShopTable> tables = ShopTables.of(sql, spec).stream().filter(table -> options.times(table.name()))
        .toList();
    try (Connection direct = data.connect(); Connection plain = data.connectFunnelSql(new Properties())) {
      results.describe(kind, store.describe(direct), model, tables);
      final Baselines baselines = new Baselines(timing, direct, plain, sql, options.tableTimeoutSeconds(), progress);
      for (ShopTable table : tables) {
        progress.say(kind.title() + " " + spec.label() + ": " + table.name());
        final List<Timing.Staged> works = new ArrayList<>(List.of(work(data, model, table)));
        final List<BaselinePart> beside = table.baseline().stream()
            .filter(part -> options.baselinesBeside() || !baselines.measured(part)).toList();
        beside.forEach(part -> works.add(baselines.work(part)));
        final List<Outcome> outcomes = timing.alternate(works);
        final Outcome funnel = outcomes.get(0);
        progress.say("  " + (funnel.ok() ? String.format(Locale.ROOT, "%.3f s median of %d -> %d rows",
            funnel.seconds(), funnel.measurement().runs(), answer(funnel).rows()) : funnel.error()));
        for (int i = 0; i < beside.size(); i++) {
          baselines.remember(beside.get(i), outcomes.get(i + 1));
        }
        double baselineSeconds = 0;
        String baselineError = null;
        for (BaselinePart part : table.baseline()) {
          final Outcome outcome = baselines.measure(part);
          baselineSeconds += outcome.seconds();
          if (!outcome.ok() && baselineError == null) {
            baselineError = part.key() + ": " + outcome.error();
          }
        }
        final String check = check(kind, table, funnel, baselineError, baselines);
        results.add(new TableRow(kind, table, funnel, baselineSeconds, baselineError, check, spec.events()));
      }
    }
  }

  /** One run of FunnelSQL reading {@code table}, on a new model connection opened before the timed part. */
  private Timing.Staged work(StoreData data, Path model, ShopTable table) {
    return () -> {
      final Connection connection = data.connectModel(model);
      return () -> {
        try (connection) {
          return query(connection, table);
        }
      };
    };
  }

  private TableAnswer query(Connection connection, ShopTable table) throws SQLException {
    try (Statement statement = connection.createStatement();
        QueryDeadline deadline = QueryDeadline.of(statement, options.tableTimeoutSeconds())) {
      try (ResultSet rows = statement.executeQuery(table.sql())) {
        return TableAnswer.read(rows, table.projection());
      } catch (SQLException e) {
        throw deadline.timedOut(e);
      }
    }
  }

  private static TableAnswer answer(Outcome outcome) {
    return (TableAnswer) outcome.measurement().result();
  }

  /** Compares FunnelSQL's answer with the baseline's; a difference is recorded as a mismatch. */
  private String check(StoreKind kind, ShopTable table, Outcome funnel, String baselineError, Baselines baselines) {
    if (!funnel.ok() || baselineError != null) {
      return "not checked (" + (funnel.ok() ? "baseline failed" : "table failed") + ")";
    }
    final TableAnswer actual = answer(funnel);
    final String difference;
    if (table.comparesRows()) {
      final TableAnswer expected = baselines.answer(table.baseline().get(0));
      difference = actual.sameRows(expected) ? null : "FunnelSQL has " + actual.rows() + " rows (checksum "
          + actual.checksum() + "), the baseline " + expected.rows() + " (checksum " + expected.checksum() + ")"
          + rowsOnlyIn("FunnelSQL", actual, expected) + rowsOnlyIn("the baseline", expected, actual);
    } else {
      final Map<String, Long> expected;
      try {
        expected = TableAnswer.of(table.expected().of(baselines)).answer();
      } catch (SQLException | RuntimeException e) {
        return "not checked (reference failed: " + Outcome.failed(e).error() + ")";
      }
      difference = actual.answer().equals(expected) ? null
          : "FunnelSQL answers " + actual.answer() + " but the reference is " + expected;
    }
    if (difference == null) {
      return "equal";
    }
    final String message = "MISMATCH on " + kind.title() + ": " + table.name() + ": " + difference;
    progress.say(message);
    results.mismatch(message);
    return "MISMATCH";
  }

  private static String rowsOnlyIn(String who, TableAnswer rows, TableAnswer other) {
    final List<String> only = new ArrayList<>(rows.notIn(other, MISMATCH_ROWS));
    return only.isEmpty() ? "" : "; rows only " + who + " has: " + String.join("; ", only);
  }
}
