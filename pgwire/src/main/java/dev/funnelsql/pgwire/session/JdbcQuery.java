package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.sql.CalciteSql;
import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement FunnelSQL runs: prepared on the session's {@code jdbc:funnelsql:} connection from its translation,
 * with {@code $n} values bound to the JDBC markers. A statement whose JDBC statement is still streaming a portal's
 * rows runs a second portal on a fresh JDBC statement.
 */
final class JdbcQuery implements PreparedQuery {
  private final SessionConnection connection;
  private final CalciteSql sql;
  private final PreparedStatement statement;
  private final int[] parameterTypes;
  private boolean busy;

  private JdbcQuery(SessionConnection connection, CalciteSql sql, PreparedStatement statement, int[] parameterTypes) {
    this.connection = connection;
    this.sql = sql;
    this.statement = statement;
    this.parameterTypes = parameterTypes;
  }

  /** Prepares the translated statement; {@code declaredTypes} are the client's Parse types (0 = unspecified). */
  static JdbcQuery prepare(SessionConnection connection, CalciteSql sql, int[] declaredTypes) throws SQLException {
    final PreparedStatement statement = connection.connection().prepareStatement(sql.sql());
    try {
      final int[] types = new int[Math.max(sql.parameterCount(), declaredTypes.length)];
      final @Nullable ParameterMetaData metaData = sql.parameterOrder().length == 0 ? null
          : statement.getParameterMetaData();
      for (int i = 0; i < types.length; i++) {
        types[i] = i < declaredTypes.length && declaredTypes[i] != 0 ? declaredTypes[i]
            : inferred(metaData, sql.parameterOrder(), i + 1);
      }
      return new JdbcQuery(connection, sql, statement, types);
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** The type FunnelSQL infers for parameter $n from its first use, or text. */
  private static int inferred(@Nullable ParameterMetaData metaData, int[] order, int number) {
    for (int j = 0; j < order.length && metaData != null; j++) {
      if (order[j] == number) {
        try {
          return PgType.ofJdbc(metaData.getParameterType(j + 1)).oid();
        } catch (SQLException | RuntimeException e) {
          return PgType.TEXT.oid();
        }
      }
    }
    return PgType.TEXT.oid();
  }

  @Override public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  @Override public List<ResultColumn> describe() throws SQLException {
    return JdbcColumns.of(statement.getMetaData()).columns();
  }

  @Override public boolean endsTransaction() {
    return false;
  }

  @Override public RowStream open(List<@Nullable Object> parameters) throws SQLException {
    final boolean inline = parameters.stream().anyMatch(SqlLiterals::isTemporal);
    final boolean fresh = busy || inline;
    final PreparedStatement target = !fresh ? statement : connection.connection().prepareStatement(inline
        ? sql.withLiterals(literals(parameters)) : sql.sql());
    busy = busy || !fresh;
    try {
      final int[] order = inline ? new int[0] : sql.parameterOrder();
      for (int j = 0; j < order.length; j++) {
        final int number = order[j];
        final @Nullable Object value = number <= parameters.size() ? parameters.get(number - 1) : null;
        bind(target, j + 1, value, PgType.byOid(parameterTypes[number - 1]));
      }
      connection.running(target);
      final Runnable release = () -> {
        connection.running(null);
        if (fresh) {
          closeQuietly(target);
        } else {
          busy = false;
        }
      };
      return connection.runCancellable(() -> {
        final boolean hasRows = target.execute();
        return new JdbcRows(hasRows ? target.getResultSet() : null, connection, release, target.getUpdateCount());
      });
    } catch (SQLException | RuntimeException e) {
      connection.running(null);
      if (fresh) {
        closeQuietly(target);
      } else if (!"57014".equals(e instanceof SQLException ? ((SQLException) e).getSQLState() : null)) {
        busy = false;
      }
      throw e;
    }
  }

  /**
   * The values as SQL literals, one per marker. Used when a value is a date or time: FunnelSQL passes such
   * parameters to the event store in Calcite's internal form (H2 refuses to compare a TIMESTAMP with that BIGINT),
   * while literals are pushed down correctly.
   */
  private List<String> literals(List<@Nullable Object> parameters) {
    final List<String> literals = new java.util.ArrayList<>();
    for (int number : sql.parameterOrder()) {
      literals.add(SqlLiterals.of(number <= parameters.size() ? parameters.get(number - 1) : null,
          PgType.byOid(parameterTypes[number - 1])));
    }
    return literals;
  }

  private static void bind(PreparedStatement statement, int index, @Nullable Object value, @Nullable PgType type)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, type == null ? java.sql.Types.VARCHAR : type.jdbcType());
    } else if (value instanceof LocalDateTime) {
      statement.setTimestamp(index, Timestamp.valueOf((LocalDateTime) value));
    } else if (value instanceof OffsetDateTime) {
      statement.setTimestamp(index, Timestamp.valueOf(((OffsetDateTime) value).toLocalDateTime()));
    } else if (value instanceof LocalDate) {
      statement.setDate(index, java.sql.Date.valueOf((LocalDate) value));
    } else if (value instanceof LocalTime) {
      statement.setTime(index, java.sql.Time.valueOf((LocalTime) value));
    } else if (value instanceof BigDecimal) {
      statement.setBigDecimal(index, (BigDecimal) value);
    } else if (value instanceof byte[]) {
      statement.setBytes(index, (byte[]) value);
    } else {
      statement.setObject(index, value);
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // Closing a finished statement; nothing the client could act on.
    }
  }

  @Override public void close() {
    closeQuietly(statement);
  }
}
