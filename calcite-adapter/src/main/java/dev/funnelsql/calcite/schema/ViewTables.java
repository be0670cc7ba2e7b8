package dev.funnelsql.calcite.schema;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Creates the virtual tables of a model: views whose SQL is expanded into each query that uses them, so the same
 * planner and pushdown serve both; their row types are declared, not inferred, as FunnelSQL knows them exactly.
 */
public final class ViewTables {
  private ViewTables() {
  }

  /**
   * A nullable column type of a view (declared types stay nullable so that no cast is needed over the generated SQL);
   * timestamps carry milliseconds.
   */
  public static RelDataType nullable(RelDataTypeFactory typeFactory, SqlTypeName type) {
    return typeFactory.createTypeWithNullability(type == SqlTypeName.TIMESTAMP
        ? typeFactory.createSqlType(type, 3) : typeFactory.createSqlType(type), true);
  }

  /**
   * {@code sql} with rows in the given order, kept when the view is selected plainly. A view's bare {@code ORDER BY}
   * may be dropped by the planner (SQL gives views no order), but a sort with a row limit changes the rows and is
   * kept; the limit, 2<sup>31</sup>-1 rows, never cuts anything these views return.
   */
  public static String ordered(String sql, String orderBy) {
    return sql + " ORDER BY " + orderBy + " FETCH NEXT 2147483647 ROWS ONLY";
  }

  /** A view over {@code sql}, resolving names in {@code schemaPath}, with the given row type. */
  public static ViewTable of(String sql, RelProtoDataType rowType, List<String> schemaPath, List<String> viewPath) {
    return new ViewTable(Object[].class, rowType, sql, schemaPath, viewPath);
  }
}
