package dev.funnelsql.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * One store's turn: for each data size it runs, loads the data (or finds it), times the methods that run at that
 * size and records them, with the store's description and the store query FunnelSQL sends (from
 * {@code EXPLAIN PLAN FOR}).
 */
final class StoreBench {
  private final BenchOptions options;
  private final Timing timing;
  private final Progress progress;
  private final BenchResults results;

  StoreBench(BenchOptions options, Progress progress, BenchResults results) {
    this.options = options;
    this.timing = new Timing(options.warmups(), options.runs(), options.slowSeconds(), options.budgetSeconds());
    this.progress = progress;
    this.results = results;
  }

  /** Runs every size of {@code store}. */
  void run(EventStore store) throws Exception {
    final StoreKind kind = store.kind();
    for (DataSpec spec : options.allData()) {
      if (!options.runs(kind, spec)) {
        results.note(kind.title() + " skipped at " + spec.label() + " events (--max-events).");
        continue;
      }
      final StoreData data = store.prepare(spec, results.loads());
      try (Connection direct = data.connect()) {
        if (!results.hasDescription(kind)) {
          results.describe(kind, store.describe(direct));
        }
        if (spec.equals(options.mainData())) {
          results.storeQuery(kind, explain(data, Method.FUNNELSQL));
        }
        for (Method method : methods(kind, spec)) {
          progress.say(kind.title() + " " + spec.label() + ": " + method.label());
          if (!FunnelQueries.properties(method).isEmpty()
              && !FunnelQueries.planShowsSetting(method, explain(data, method))) {
            final String warning = kind.title() + " " + spec.label() + ": " + method.label()
                + ": the setting is NOT applied, the plan is the default one (StepScanAggregate, "
                + "order=[client]); this row measures the default path";
            progress.say("WARNING " + warning);
            results.warn(kind, spec, method, warning);
          }
          final Measurement measurement = measure(method, data, direct);
          progress.say(String.format(java.util.Locale.ROOT, "  %.3f s median of %d%s -> %s",
              measurement.medianSeconds(), measurement.runs(), measurement.warmedUp() ? "" : " (no warm-up)",
              measurement.result()));
          results.add(kind, spec, measurement);
        }
      }
      results.check(kind, spec);
    }
  }

  /** The methods that run on {@code kind} at {@code spec}'s size. */
  List<Method> methods(StoreKind kind, DataSpec spec) {
    final List<Method> methods = new ArrayList<>();
    methods.add(Method.FUNNELSQL);
    final boolean upToMain = spec.events() <= options.mainData().events();
    if (upToMain) {
      methods.add(Method.FUNNELSQL_NO_WHERE);
      methods.add(Method.FUNNELSQL_SOURCE_SORT);
      methods.add(Method.FUNNELSQL_GETTERS);
    }
    if (options.runsGenericAggregate(spec)) {
      methods.add(Method.FUNNELSQL_GENERIC);
    }
    if (options.runsBaselines(kind, spec)) {
      methods.addAll(BaselineQueries.methods(kind));
    }
    methods.add(Method.FETCH);
    methods.add(Method.FETCH_MASK);
    if (kind == StoreKind.DUCKDB) {
      methods.add(Method.FETCH_ARROW);
    }
    return methods;
  }

  private Measurement measure(Method method, StoreData data, Connection direct) throws Exception {
    if (method.viaFunnelSql()) {
      try (Connection funnel = data.connectFunnelSql(FunnelQueries.properties(method))) {
        final String sql = FunnelQueries.sql(method);
        return timing.measure(method, () -> histogram(funnel, sql, true));
      }
    }
    if (method == Method.FETCH_ARROW) {
      return timing.measure(method, () -> ArrowFetch.run(direct, BaselineQueries.sql(method)));
    }
    if (method.isFetch()) {
      return timing.measure(method, () -> fetch(direct, method));
    }
    final String sql = BaselineQueries.sql(method);
    return timing.measure(method, () -> histogram(direct, sql, method.check() == Method.Check.ALL_LEVELS));
  }

  private static Histogram histogram(Connection connection, String sql, boolean hasLevelZero) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      return Histogram.read(rows, FunnelShape.steps(), hasLevelZero);
    }
  }

  /**
   * Reads the step rows with {@code getLong}, {@code getTimestamp} and {@code getString} (the event name) or
   * {@code getInt} (the mask); autocommit off and a fetch size, so that PostgreSQL's driver streams rather than
   * buffering the whole result.
   */
  private static FetchResult fetch(Connection connection, Method method) throws SQLException {
    final boolean name = method == Method.FETCH;
    return StreamingQuery.run(connection, BaselineQueries.sql(method), 0, result -> {
      long rows = 0;
      long checksum = 0;
      while (result.next()) {
        rows++;
        checksum += result.getLong(1);
        final Timestamp ts = result.getTimestamp(2);
        checksum += ts.getTime();
        checksum += name ? result.getString(3).length() : result.getInt(3);
      }
      return new FetchResult(rows, checksum);
    });
  }

  /** The plan FunnelSQL makes for an (a) method, whose {@code StepScanAggregate} shows the SQL sent to the store. */
  private static String explain(StoreData data, Method method) throws SQLException {
    try (Connection funnel = data.connectFunnelSql(FunnelQueries.properties(method));
        Statement statement = funnel.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN PLAN FOR " + FunnelQueries.sql(method))) {
      final StringBuilder plan = new StringBuilder();
      while (rows.next()) {
        plan.append(rows.getString(1));
      }
      return plan.toString().trim();
    }
  }
}
