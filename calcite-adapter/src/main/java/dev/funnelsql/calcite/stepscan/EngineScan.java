package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.EngineCall;
import dev.funnelsql.calcite.store.ArrayResults;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The executable part of an {@link EngineAggregate}, shared by every execution of the statement (immutable): the
 * engine's query ({@link Query}) and the result it shares with equal queries of the plan. The generated code calls
 * {@link #execute}.
 */
public final class EngineScan {
  private final Query query;
  private final @Nullable SharedRows shared;

  /**
   * What an engine aggregate runs, as a value: equal queries of one plan return the same rows, so {@link UseStepScan}
   * lets them share one result per execution.
   *
   * @param sql the engine's query
   * @param parameters the FunnelSQL statement's parameters, one per {@code ?} of {@code sql}
   * @param keyKinds the kinds of its key columns, in order
   * @param calls what each result column holds
   */
  record Query(String sql, StoreParameters parameters, List<ColumnKind> keyKinds, List<EngineCall> calls,
      ArrayResults arrays) {
    Query {
      keyKinds = List.copyOf(keyKinds);
      calls = List.copyOf(calls);
    }
  }

  EngineScan(Query query, @Nullable SharedRows shared) {
    this.query = query;
    this.shared = shared;
  }

  /** This scan, its result kept and replayed within an execution by every scan holding the same {@code shared}. */
  EngineScan sharing(SharedRows rows) {
    return new EngineScan(query, rows);
  }

  /** What this scan runs: scans with equal queries return the same rows. */
  Query query() {
    return query;
  }

  String sql() {
    return query.sql();
  }

  List<ColumnKind> keyKinds() {
    return query.keyKinds();
  }

  /**
   * Runs the engine's query and returns its rows: a group's key values, then each function's result.
   *
   * @param scalar whether a row is its only value rather than an array of values
   */
  public Enumerable<@Nullable Object> execute(DataContext root, DataSource source, boolean scalar) {
    if (shared != null) {
      return shared.of(root, () -> new Rows(root, source, scalar));
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object> enumerator() {
        return new Rows(root, source, scalar);
      }
    };
  }

  /** The engine's rows, read as they stream. */
  private final class Rows implements Enumerator<@Nullable Object> {
    private final DataContext root;
    private final DataSource source;
    private final boolean scalar;
    private @Nullable SourceQuery running;
    private boolean done;
    private @Nullable Object current;

    Rows(DataContext root, DataSource source, boolean scalar) {
      this.root = root;
      this.source = source;
      this.scalar = scalar;
    }

    @Override public @Nullable Object current() {
      return current;
    }

    @Override public boolean moveNext() {
      if (done) {
        return false;
      }
      if (running == null) {
        running = SourceQuery.openEngineAggregate(source, query.sql(), query.parameters(), root);
      }
      final SourceQuery open = running;
      if (!open.next()) {
        close();
        done = true;
        return false;
      }
      final ResultSet rows = open.rows();
      final List<ColumnKind> keyKinds = query.keyKinds();
      final List<EngineCall> calls = query.calls();
      final int keys = keyKinds.size();
      final @Nullable Object[] row = new Object[keys + calls.size()];
      try {
        for (int i = 0; i < keys; i++) {
          row[i] = keyKinds.get(i).read(rows, i + 1);
        }
        for (int f = 0; f < calls.size(); f++) {
          row[keys + f] = result(calls.get(f), query.arrays(), rows, keys + f + 1);
        }
      } catch (SQLException e) {
        throw open.failure(e);
      }
      current = scalar ? row[0] : row;
      return true;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("an engine aggregate is read once");
    }

    @Override public void close() {
      if (running != null) {
        running.close();
        running = null;
      }
    }
  }

  /**
   * A call's result in Calcite's internal representation: a funnel's level or step times (epoch milliseconds or the
   * integer time, NULL past the level), a retention's booleans.
   */
  private static Object result(EngineCall call, ArrayResults arrays, ResultSet rows, int column)
      throws SQLException {
    if (call instanceof EngineCall.Funnel && !((EngineCall.Funnel) call).times()) {
      return rows.getInt(column);
    }
    final @Nullable Object[] values = arrays.read(rows, column);
    if (call instanceof EngineCall.Retention) {
      final List<Boolean> held = new ArrayList<>(values.length);
      for (Object value : values) {
        held.add((Boolean) value);
      }
      return held;
    }
    final int steps = ((EngineCall.Funnel) call).spec().steps();
    final List<@Nullable Long> times = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      final @Nullable Object time = i < values.length ? values[i] : null;
      times.add(time == null ? null : ((Number) time).longValue());
    }
    return times;
  }
}
