package dev.funnelsql.calcite.segment;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code segments.<s>_check}: the rows of a {@link SegmentationCheck}, computed when the table is read. */
final class SegmentCheckTable extends AbstractTable implements ScannableTable {
  private final SegmentationCheck check;

  SegmentCheckTable(SegmentationCheck check) {
    this.check = check;
  }

  /** A view in catalogs, as the model's other tables: computed from the events, never stored. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return SegmentationCheck.rowType(typeFactory);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root) {
    try {
      return Linq4j.asEnumerable(check.run((Connection) root.getQueryProvider()));
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the segmentation: " + e.getMessage(), e);
    }
  }
}
