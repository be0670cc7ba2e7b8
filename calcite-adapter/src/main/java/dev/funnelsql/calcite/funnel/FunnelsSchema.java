package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code funnels} schema: for each funnel of the model, {@code <name>} (one row per user per step reached),
 * {@code <name>_summary} (one row per step, overall and per segment of each breakdown) and {@code <name>_chart}
 * (step label and users, overall, in step order).
 */
public final class FunnelsSchema extends AbstractSchema {
  /** The schema's name in the catalog. */
  public static final String NAME = "funnels";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  /**
   * Creates the schema.
   *
   * @param events the events table
   * @param funnels the funnels, in model order
   * @param segmentations the names of all segmentations of the model (one column each in the detail tables)
   */
  public FunnelsSchema(EventsSource events, List<FunnelDefinition> funnels, List<String> segmentations) {
    final boolean temporal = events.temporalTime();
    for (FunnelDefinition funnel : funnels) {
      tables.put(funnel.name(), ViewTables.of(FunnelViews.detailSql(funnel, events.relation(null), segmentations,
          temporal), typeFactory -> detailType(typeFactory, events, segmentations, temporal), events.schemaPath(),
          List.of(NAME, funnel.name())));
      final String detail = SqlText.identifier(NAME) + "." + SqlText.identifier(funnel.name());
      tables.put(funnel.name() + "_summary", ViewTables.of(FunnelViews.summarySql(funnel, detail),
          FunnelsSchema::summaryType, events.schemaPath(), List.of(NAME, funnel.name() + "_summary")));
      final String summary = SqlText.identifier(NAME) + "." + SqlText.identifier(funnel.name() + "_summary");
      tables.put(funnel.name() + "_chart", ViewTables.of(FunnelViews.chartSql(summary), typeFactory -> typeFactory
          .builder()
          .add("step_label", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
          .add("users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
          .build(), events.schemaPath(), List.of(NAME, funnel.name() + "_chart")));
    }
  }

  private static RelDataType detailType(RelDataTypeFactory typeFactory, EventsSource events,
      List<String> segmentations, boolean temporal) {
    final SqlTypeName time = temporal ? SqlTypeName.TIMESTAMP : SqlTypeName.BIGINT;
    final RelDataTypeFactory.Builder builder = typeFactory.builder()
        .add("user_id", events.userType(typeFactory))
        .add("step", ViewTables.nullable(typeFactory, SqlTypeName.INTEGER))
        .add("step_name", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("entered_at", ViewTables.nullable(typeFactory, time))
        .add("reached_at", ViewTables.nullable(typeFactory, time))
        .add("seconds_since_entry", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT));
    for (String segmentation : segmentations) {
      builder.add(segmentation, ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR));
    }
    return builder.build();
  }

  private static RelDataType summaryType(RelDataTypeFactory typeFactory) {
    return typeFactory.builder()
        .add("step", ViewTables.nullable(typeFactory, SqlTypeName.INTEGER))
        .add("step_name", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("step_label", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("breakdown", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("conversion_from_start", ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE))
        .add("conversion_from_previous", ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE))
        .add("drop_off", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("median_seconds_to_reach", ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE))
        .build();
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }
}
