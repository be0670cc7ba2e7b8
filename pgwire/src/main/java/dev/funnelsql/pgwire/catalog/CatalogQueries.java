package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Answers the catalog queries PostgreSQL clients send (psql's backslash commands, pgjdbc's DatabaseMetaData,
 * SQLAlchemy's Inspector, BI tools' schema browsers) from FunnelSQL's own catalog, without emulating PostgreSQL's
 * catalog in general: each {@link CatalogAnswer} family recognises its queries by shape and gives rows, and the
 * client's select list is projected from them. A query that inner-joins a catalog FunnelSQL has no rows in (indexes,
 * constraints, …) is empty; an unknown catalog query is answered empty and logged.
 */
public final class CatalogQueries {
  private static final Logger LOG = Logger.getLogger(CatalogQueries.class.getName());
  private static final List<CatalogAnswer> ANSWERS = List.of(new ServerFunctionAnswer(), new AttributeAnswer(),
      new RelationAnswer(), new NamespaceAnswer(), new DescriptionAnswer(), new TypeAnswer(), new DatabaseAnswer(),
      new RoleAnswer(), new SettingsAnswer(), new FunctionAnswer(), new InformationSchemaAnswer(),
      new SearchPathAnswer());

  private CatalogQueries() {
  }

  /** Whether the statement is a catalog query this class answers (rather than a query for FunnelSQL). */
  public static boolean isCatalogQuery(Group statement) {
    if (TablePrivilegesAnswer.matches(statement)) {
      return true;
    }
    final @Nullable QueryShape query = QueryShape.of(statement);
    if (query == null) {
      return false;
    }
    for (String relation : query.relations()) {
      if (relation.startsWith("pg_")) {
        return true;
      }
    }
    return query.mentions("information_schema") || query.mentions("current_schemas")
        || ANSWERS.get(0).matches(query);
  }

  /** The answer to a catalog query ({@link #isCatalogQuery} must hold). */
  public static ResultTable answer(Group statement, CatalogContext context) throws SQLException {
    if (TablePrivilegesAnswer.matches(statement)) {
      return TablePrivilegesAnswer.answer(context);
    }
    final QueryShape query = QueryShape.of(statement);
    if (query == null) {
      throw new IllegalArgumentException("not a catalog query");
    }
    List<Map<String, @Nullable Object>> rows = List.of();
    if (!query.isEmpty()) {
      final @Nullable CatalogAnswer answer = ANSWERS.stream().filter(a -> a.matches(query)).findFirst()
          .orElse(null);
      if (answer != null) {
        rows = answer.rows(query, context);
      } else if (LOG.isLoggable(Level.INFO)) {
        LOG.info("catalog query not known to FunnelSQL, answered with no rows: " + abbreviate(statement.sql()));
      }
    }
    if (query.limit() != null && rows.size() > query.limit()) {
      rows = rows.subList(0, query.limit());
    }
    return project(expandStars(query), rows);
  }

  /**
   * The select list with {@code *} and {@code alias.*} replaced by the main catalog's columns (see
   * {@link CatalogColumns}); unchanged where the catalog's columns are not listed.
   */
  private static List<SelectItem> expandStars(QueryShape query) {
    final List<String> columns = query.mainRelation() == null ? List.of() : CatalogColumns.of(query.mainRelation());
    if (columns.isEmpty()) {
      return query.selectItems();
    }
    final List<SelectItem> items = new ArrayList<>();
    for (SelectItem item : query.selectItems()) {
      if (!item.expressionKey().equals("*")) {
        items.add(item);
        continue;
      }
      for (String column : columns) {
        items.add(new SelectItem(column, null, column, false, null, false, List.of(), null, 0));
      }
    }
    return items;
  }

  private static String abbreviate(String sql) {
    final String flat = sql.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  /** Projects rows onto the select list: alias, then expression key, then a call's column argument. */
  static ResultTable project(List<SelectItem> items, List<Map<String, @Nullable Object>> rows) {
    final List<@Nullable Object[]> values = new ArrayList<>();
    for (Map<String, @Nullable Object> row : rows) {
      final @Nullable Object[] projected = new Object[items.size()];
      for (int i = 0; i < items.size(); i++) {
        projected[i] = items.get(i).finish(value(items.get(i), row));
      }
      values.add(projected);
    }
    final List<ResultColumn> columns = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      columns.add(ResultColumn.of(items.get(i).label(), typeOf(values, i)));
    }
    return ResultTable.select(columns, values);
  }

  private static @Nullable Object value(SelectItem item, Map<String, @Nullable Object> row) {
    if (item.constant()) {
      return item.constantValue();
    }
    if (item.alias() != null && row.containsKey(item.alias())) {
      return row.get(item.alias());
    }
    if (row.containsKey(item.expressionKey())) {
      return row.get(item.expressionKey());
    }
    return item.argumentKey() == null ? null : row.get(item.argumentKey());
  }

  private static PgType typeOf(List<@Nullable Object[]> rows, int column) {
    for (@Nullable Object[] row : rows) {
      final @Nullable Object value = row[column];
      if (value instanceof Boolean) {
        return PgType.BOOL;
      }
      if (value instanceof Short) {
        return PgType.INT2;
      }
      if (value instanceof Integer) {
        return PgType.INT4;
      }
      if (value instanceof Long) {
        return PgType.INT8;
      }
      if (value instanceof Float) {
        return PgType.FLOAT4;
      }
      if (value instanceof Double) {
        return PgType.FLOAT8;
      }
      if (value instanceof Character) {
        return PgType.CHAR;
      }
      if (value instanceof List) {
        return PgType.TEXT_ARRAY;
      }
      if (value != null) {
        return PgType.TEXT;
      }
    }
    return PgType.TEXT;
  }
}
