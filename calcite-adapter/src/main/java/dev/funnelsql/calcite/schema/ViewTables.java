package dev.funnelsql.calcite.schema;

import java.util.List;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * Creates the virtual tables of a model: views whose SQL is expanded into each query that uses them, so the same
 * planner and pushdown serve both; their row types are declared, not inferred, as FunnelSQL knows them exactly.
 */
public final class ViewTables {
  private ViewTables() {
  }

  /** A view over {@code sql}, resolving names in {@code schemaPath}, with the given row type. */
  public static ViewTable of(String sql, RelProtoDataType rowType, List<String> schemaPath, List<String> viewPath) {
    return new ViewTable(Object[].class, rowType, sql, schemaPath, viewPath);
  }
}
