package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.store.BinaryCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.commons.dbcp2.DelegatingResultSet;
import org.apache.calcite.runtime.ResultSetEnumerable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One query of a step scan running in the event store: a pooled connection of the store's data source (which sets it
 * up so that the driver streams rows, as for every query FunnelSQL sends the store), the statement's parameters bound
 * from the FunnelSQL statement, its cancellation and timeout watched, and everything released on {@link #close()}.
 */
final class SourceQuery implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SourceQuery.class.getName());
  private static final int CHECK_EVERY_ROWS = 1 << 14;

  private final Connection connection;
  private final PreparedStatement statement;
  private final CancelWatch watch;
  private final @Nullable ResultSet rows;
  /** The store driver's own result set under the pool's wrapper: read per row, without the wrapper's checks. */
  private final @Nullable ResultSet raw;
  /** The rows as the store copies them out in bulk, if it does, instead of {@link #rows}. */
  private final @Nullable Copied copied;
  private final @Nullable String @Nullable [] numberedValues;
  private final Failures failures;
  private int sinceCheck;

  /**
   * What an error says the store failed at.
   *
   * @param opening running the query
   * @param reading sending its rows
   */
  private record Failures(String opening, String reading) {
  }

  private static final Failures STEP_ROWS =
      new Failures("the event store failed the step query", "the event store failed while sending step rows");
  private static final String ENGINE_FAILED = "the event store failed computing the aggregate in its SQL "
      + "(funnel.pushdown=client streams the step rows to FunnelSQL instead)";
  private static final Failures ENGINE = new Failures(ENGINE_FAILED, ENGINE_FAILED);

  /**
   * A bulk copy of the rows.
   *
   * @param rows the running copy
   * @param formats how each column arrives
   */
  record Copied(BinaryCopy.CopiedRows rows, List<BinaryCopy.Format> formats) {
  }

  private SourceQuery(Connection connection, PreparedStatement statement, CancelWatch watch, @Nullable ResultSet rows,
      @Nullable Copied copied, @Nullable String @Nullable [] numberedValues, Failures failures) {
    this.failures = failures;
    this.connection = connection;
    this.statement = statement;
    this.watch = watch;
    this.rows = rows;
    this.copied = copied;
    this.numberedValues = numberedValues;
    this.raw = rows instanceof DelegatingResultSet
        ? Objects.requireNonNullElse(((DelegatingResultSet) rows).getInnermostDelegate(), rows) : rows;
  }

  /** Runs {@code sql} in the store with the FunnelSQL statement's parameters at {@code parameters}. */
  static SourceQuery open(DataSource source, String sql, StoreParameters parameters, DataContext root) {
    return open(source, sql, parameters, root, null, null, STEP_ROWS);
  }

  /**
   * Runs an aggregate computed whole in the engine ({@link EngineScan}), whose failures say so and how to avoid it.
   */
  static SourceQuery openEngineAggregate(DataSource source, String sql, StoreParameters parameters,
      DataContext root) {
    return open(source, sql, parameters, root, null, null, ENGINE);
  }

  /**
   * Runs {@code sql} in the store with the FunnelSQL statement's parameters at {@code parameters}, after reading the
   * values the store numbers ({@code numbering}, if not null) on the same connection, in the same transaction: the
   * store's one snapshot gives both queries the same values and numbers; and has the store copy the rows out in bulk
   * ({@code copy}, if not null) where it can read every column that way and write the values in as literals.
   */
  static SourceQuery open(DataSource source, String sql, StoreParameters parameters, DataContext root,
      StoreQuery.@Nullable Numbering numbering, StoreQuery.@Nullable Copy copy) {
    return open(source, sql, parameters, root, numbering, copy, STEP_ROWS);
  }

  private static SourceQuery open(DataSource source, String sql, StoreParameters parameters, DataContext root,
      StoreQuery.@Nullable Numbering numbering, StoreQuery.@Nullable Copy copy, Failures failures) {
    final @Nullable AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    final Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    final Object start = root.get(DataContext.Variable.UTC_TIMESTAMP.camelName);
    final long timeoutMillis = timeout instanceof Long ? (Long) timeout : 0L;
    final long deadline = timeoutMillis > 0 && start instanceof Long ? (Long) start + timeoutMillis : 0L;
    Connection connection = null;
    PreparedStatement statement = null;
    CancelWatch watch = null;
    try {
      connection = source.getConnection();
      statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      if (deadline > 0) {
        statement.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
            (deadline - System.currentTimeMillis() + 999) / 1000)));
      }
      ResultSetEnumerable.createEnricher(parameters.ordinals(), parameters.valuesFrom(root)).enrich(statement);
      watch = CancelWatch.watch(cancelFlag, deadline, timeoutMillis, statement);
      watch.check();
      final @Nullable String @Nullable [] values =
          numbering == null ? null : numberedValues(connection, numbering, root, statement.getQueryTimeout());
      watch.check();
      final @Nullable Copied copied = copy == null ? null : copy(connection, statement, copy, parameters, root);
      if (copied != null) {
        watch.cancelWith(copied.rows()::cancel);
        return new SourceQuery(connection, statement, watch, null, copied, values, failures);
      }
      final ResultSet rows = statement.executeQuery();
      return new SourceQuery(connection, statement, watch, rows, null, values, failures);
    } catch (SQLException e) {
      final CancelWatch failed = watch;
      closeQuietly(connection, statement, watch);
      throw failed != null ? failed.failure(e, failures.opening())
          : new IllegalStateException(failures.opening() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection, statement, watch);
      throw e;
    }
  }

  /**
   * The rows copied out in bulk, or null where the store cannot read a column that way (it describes the prepared
   * query first) or a value cannot be written as a literal.
   */
  private static @Nullable Copied copy(Connection connection, PreparedStatement statement, StoreQuery.Copy copy,
      StoreParameters parameters, DataContext root) throws SQLException {
    final @Nullable List<BinaryCopy.Format> formats = copy.copy().describe(connection, statement);
    final @Nullable String sql = formats == null ? null : copy.sql().print(parameters, root);
    final BinaryCopy.@Nullable CopiedRows rows = sql == null ? null : copy.copy().start(connection, sql, formats);
    LOG.fine(() -> rows != null ? "step rows copied in bulk: [" + sql + "]"
        : "step rows read through the getters: " + (formats == null ? "a column is not one the store copies in bulk"
            : sql == null ? "a value cannot be written as a literal for the copy"
            : "the store's driver or session does not allow the copy"));
    return rows == null ? null : new Copied(rows, formats);
  }

  /** The values by the number the store gave them, each distinct value once ({@link StoreQuery.Numbering}). */
  private static @Nullable String[] numberedValues(Connection connection, StoreQuery.Numbering numbering,
      DataContext root, int timeoutSeconds) throws SQLException {
    if (connection.getAutoCommit()) {
      throw new IllegalStateException("the store's values are numbered in a transaction, but autocommit is on");
    }
    @Nullable String[] values = new String[16];
    try (PreparedStatement statement = connection.prepareStatement(numbering.sql(), ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY)) {
      statement.setQueryTimeout(timeoutSeconds);
      ResultSetEnumerable.createEnricher(numbering.parameters().ordinals(),
          numbering.parameters().valuesFrom(root)).enrich(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          final int number = checkedNumber(rows.getLong(1));
          if (number >= values.length) {
            values = java.util.Arrays.copyOf(values, Math.max(number + 1, values.length * 2));
          }
          values[number] = rows.getString(2);
        }
      }
    }
    return values;
  }

  /** A number the store gave a value, checked to be one of the few a dictionary of values can have. */
  static int checkedNumber(long number) {
    if (number < 0 || number >= Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the event store numbered a value " + number);
    }
    return (int) number;
  }

  /** The values the store numbered, by number (null for none), if it numbered them. */
  @Nullable String @Nullable [] numberedValues() {
    return numberedValues;
  }

  /** The result set, to read the current row from (the store driver's own; closed through {@link #close()}). */
  ResultSet rows() {
    if (raw == null) {
      throw new IllegalStateException("the step rows are copied in bulk, not read from a result set");
    }
    return raw;
  }

  /** The rows copied out in bulk, if the store copies them ({@link StoreQuery#copy()}); else null. */
  @Nullable Copied copied() {
    return copied;
  }

  /** Moves to the next row, checking now and then whether the query was cancelled or timed out. */
  boolean next() {
    try {
      if (++sinceCheck == CHECK_EVERY_ROWS) {
        sinceCheck = 0;
        watch.check();
      }
      return rows().next();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Checks whether the query was cancelled or timed out. */
  void check() {
    watch.check();
  }

  /** The error to raise for a failure reading the rows. */
  RuntimeException failure(SQLException e) {
    return watch.failure(e, failures.reading());
  }

  @Override public void close() {
    if (copied != null) {
      copied.rows().close();
    }
    try {
      if (rows != null) {
        rows.close();
      }
    } catch (SQLException e) {
      // Closing the statement and connection below still releases the cursor.
    }
    closeQuietly(connection, statement, watch);
  }

  private static void closeQuietly(@Nullable Connection connection, @Nullable PreparedStatement statement,
      @Nullable CancelWatch watch) {
    if (watch != null) {
      watch.close();
    }
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // The connection is closed below.
    }
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing more can be released.
    }
  }
}
