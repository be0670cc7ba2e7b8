package dev.funnelsql.jdbc.catalog;

import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A table as the catalog describes it: the table itself, reported with another JDBC table type. */
final class TypedTable implements Table {
  private final Table table;
  private final Schema.TableType type;

  TypedTable(Table table, Schema.TableType type) {
    this.table = table;
    this.type = type;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return table.getRowType(typeFactory);
  }

  @Override public Statistic getStatistic() {
    return table.getStatistic();
  }

  @Override public Schema.TableType getJdbcTableType() {
    return type;
  }

  @Override public boolean isRolledUp(String column) {
    return table.isRolledUp(column);
  }

  @Override public boolean rolledUpColumnValidInsideAgg(String column, SqlCall call, @Nullable SqlNode parent,
      @Nullable CalciteConnectionConfig config) {
    return table.rolledUpColumnValidInsideAgg(column, call, parent, config);
  }
}
