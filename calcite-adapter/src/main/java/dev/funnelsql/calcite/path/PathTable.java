package dev.funnelsql.calcite.path;

import dev.funnelsql.calcite.schema.ViewTables;
import dev.funnelsql.functions.path.PathAccumulator;
import dev.funnelsql.functions.path.PathEdge;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code paths.<p>}: one row per edge of the users' paths ({@code source}, {@code target}, {@code depth},
 * {@code users}, {@code share_of_start}), computed when the table is read: where the store computes paths in its
 * windows, by one query of them that sends back only the edges ({@link PathWindowsSql}); elsewhere from one store
 * query streamed user by user into a {@link PathAccumulator}, so memory holds one user's events and the edge counts,
 * never all paths. Per session, each session is a path and each user counts once per edge
 * ({@link PathAccumulator#perGroup}). Either way the rows are labelled and ordered as {@link PathAccumulator#edges()}.
 */
final class PathTable extends AbstractTable implements ScannableTable {
  private final PathDefinition path;

  PathTable(PathDefinition path) {
    this.path = path;
  }

  /** A view in catalogs, as the model's other tables: computed from the events, never stored. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    final RelDataType text = ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR);
    return typeFactory.builder().add("source", text).add("target", text)
        .add("depth", ViewTables.nullable(typeFactory, SqlTypeName.INTEGER))
        .add("users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("share_of_start", ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE)).build();
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root) {
    try {
      return Linq4j.asEnumerable(rows((Connection) root.getQueryProvider()));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the events of path '" + path.name() + "': " + e.getMessage(),
          e);
    }
  }

  private List<@Nullable Object[]> rows(Connection connection) throws SQLException {
    final @Nullable String windowsSql = path.windowsSql();
    final List<PathEdge> edges = windowsSql == null ? accumulate(connection) : edgesFromWindows(connection, windowsSql);
    final List<@Nullable Object[]> rows = new ArrayList<>(edges.size());
    for (PathEdge edge : edges) {
      rows.add(new Object[] {edge.source(), edge.target(), edge.depth(), edge.users(), edge.shareOfStart()});
    }
    return rows;
  }

  /** The edges the store's windows computed, as (depth, source node, target node, users, owners with a path) rows. */
  private static List<PathEdge> edgesFromWindows(Connection connection, String sql) throws SQLException {
    final List<PathEdge> edges = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        final int depth = result.getInt(1);
        final long users = result.getLong(4);
        edges.add(new PathEdge(PathAccumulator.label(depth, result.getString(2)),
            PathAccumulator.label(depth + 1, result.getString(3)), depth, users, users / (double) result.getLong(5)));
      }
    }
    edges.sort(PathEdge.TABLE_ORDER);
    return edges;
  }

  /**
   * Fails with SQLState {@code 42804} where the events' time is not a TIMESTAMP, DATE or integer in FunnelSQL's
   * catalog (H2's {@code TIMESTAMP WITH TIME ZONE} arrives as {@code ANY}), which the rows could not be ordered by.
   */
  private static void checkTimeType(ResultSetMetaData metaData, int column) throws SQLException {
    switch (metaData.getColumnType(column)) {
      case Types.TIMESTAMP, Types.DATE, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
      }
      default -> throw new SQLException("the events' time is of type "
          + metaData.getColumnTypeName(column) + ", which a path cannot be ordered by; make it a TIMESTAMP, DATE or "
          + "integer column (a view can CAST it)", "42804");
    }
  }

  /** The edges of the events read user by user into a {@link PathAccumulator}. */
  private List<PathEdge> accumulate(Connection connection) throws SQLException {
    final boolean perSession = path.perSession();
    final PathAccumulator accumulator = perSession ? PathAccumulator.perGroup(path.spec())
        : new PathAccumulator(path.spec());
    // Per session, a session is an owner and its user the group that counts once.
    final int time = perSession ? 3 : 2;
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(path.sql())) {
      checkTimeType(result.getMetaData(), time);
      @Nullable Object owner = null;
      @Nullable Object session = null;
      boolean any = false;
      while (result.next()) {
        final Object user = result.getObject(1);
        final @Nullable Object own = perSession ? result.getObject(2) : null;
        if (any && !Objects.equals(user, owner)) {
          accumulator.endOwner();
          if (perSession) {
            accumulator.endGroup();
          }
        } else if (any && !Objects.equals(own, session)) {
          accumulator.endOwner();
        }
        owner = user;
        session = own;
        any = true;
        // The time only orders a user's rows, so it is read as the number FunnelSQL keeps a TIMESTAMP or DATE as
        // (milliseconds or days of the wall clock): no java.sql.Timestamp per row, which cost a sixth of the table's
        // time at 1M events on DuckDB (a profile).
        accumulator.add(result.getLong(time), result.getString(time + 1), result.getInt(time + 2) == 1,
            result.getInt(time + 3) == 1);
      }
      if (any) {
        accumulator.endOwner();
        if (perSession) {
          accumulator.endGroup();
        }
      }
    }
    return accumulator.edges();
  }
}
