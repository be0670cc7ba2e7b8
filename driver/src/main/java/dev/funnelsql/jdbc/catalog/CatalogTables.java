package dev.funnelsql.jdbc.catalog;

import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;

/**
 * The tables that {@code DatabaseMetaData.getTables} lists, each with a table type BI tools ask for: a view stays a
 * {@code VIEW} (the model's virtual tables are views), and every other table of the event store is a
 * {@code TABLE}, whatever the store called it (H2 and DuckDB say {@code BASE TABLE}, which Calcite reports as
 * {@code OTHER} and Metabase's sync would skip).
 */
public final class CatalogTables implements CalciteMetaTableFactory {
  /** The factory. */
  public static final CatalogTables INSTANCE = new CatalogTables();

  private CatalogTables() {
  }

  @Override public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    final Schema.TableType type = table.getJdbcTableType() == Schema.TableType.VIEW
        ? Schema.TableType.VIEW : Schema.TableType.TABLE;
    return new CalciteMetaTable(new TypedTable(table, type), tableCat, tableSchem, tableName);
  }

  @Override public Class<? extends MetaTable> getMetaTableClass() {
    return CalciteMetaTable.class;
  }
}
