package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The table privileges Metabase's PostgreSQL driver reads before it lists tables: a {@code WITH table_privileges AS
 * (…)} query over {@code pg_tables}, {@code pg_views} and {@code pg_matviews} calling
 * {@code has_any_column_privilege} and {@code has_table_privilege}. Every table and view FunnelSQL shows may be
 * selected and none written, so each gets a row {@code (role, schema, table, update, select, insert, delete)} with
 * only {@code select} true.
 */
final class TablePrivilegesAnswer {
  private static final List<ResultColumn> COLUMNS = List.of(ResultColumn.of("role", PgType.TEXT),
      ResultColumn.of("schema", PgType.TEXT), ResultColumn.of("table", PgType.TEXT),
      ResultColumn.of("update", PgType.BOOL), ResultColumn.of("select", PgType.BOOL),
      ResultColumn.of("insert", PgType.BOOL), ResultColumn.of("delete", PgType.BOOL));

  private TablePrivilegesAnswer() {
  }

  /** Whether the statement is that privileges query. */
  static boolean matches(Group statement) {
    if (!Statements.firstWord(statement).equals("with")) {
      return false;
    }
    final String sql = statement.sql().toLowerCase(java.util.Locale.ROOT);
    return sql.contains("has_table_privilege") && sql.contains("pg_tables");
  }

  /** One row per relation of the catalog: selectable, not writable. */
  static ResultTable answer(CatalogContext context) throws SQLException {
    final List<@Nullable Object[]> rows = new ArrayList<>();
    for (Relation relation : context.catalog().relations()) {
      rows.add(new Object[] {null, relation.namespace().name(), relation.name(), false, true, false, false});
    }
    return ResultTable.select(COLUMNS, rows);
  }
}
