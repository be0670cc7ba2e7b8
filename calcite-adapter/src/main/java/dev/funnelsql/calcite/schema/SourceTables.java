package dev.funnelsql.calcite.schema;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Finds the event store's tables and column types in FunnelSQL's catalog, ignoring case as the SQL does. */
public final class SourceTables {
  private SourceTables() {
  }

  /**
   * Finds a table by a name that may carry its schema ({@code public.events}), else in {@code defaultSchema}.
   *
   * @return the table, or null if there is none
   */
  public static @Nullable Table find(SchemaPlus root, String defaultSchema, String dottedName) {
    final String[] parts = dottedName.split("\\.");
    final String schemaName = parts.length > 1 ? parts[parts.length - 2] : defaultSchema;
    final @Nullable Named<? extends SchemaPlus> schema = root.subSchemas().getIgnoreCase(schemaName);
    if (schema == null) {
      return null;
    }
    return Named.entityOrNull(schema.entity().tables().getIgnoreCase(parts[parts.length - 1]));
  }

  /** The type of a column of a table, or null if it has no such column. */
  public static @Nullable RelDataType columnType(Table table, String column, RelDataTypeFactory typeFactory) {
    final @Nullable RelDataTypeField field = table.getRowType(typeFactory).getField(column, false, false);
    return field == null ? null : field.getType();
  }
}
