package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.schema.EventsSource;
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
 * The {@code cohorts} schema: for each cohort of the model, {@code <name>} (one row per user per active period) and
 * {@code <name>_matrix} (cohort period by period offset: users and retention rate); see {@link CohortViews}.
 */
public final class CohortsSchema extends AbstractSchema {
  /** The schema's name in the catalog. */
  public static final String NAME = "cohorts";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  /**
   * Creates the schema.
   *
   * @param events the events table
   * @param cohorts the cohorts, in model order
   */
  public CohortsSchema(EventsSource events, List<CohortDefinition> cohorts) {
    for (CohortDefinition cohort : cohorts) {
      tables.put(cohort.name(), ViewTables.of(CohortViews.detailSql(cohort, events.relation(null)),
          typeFactory -> detailType(typeFactory, events), events.schemaPath(), List.of(NAME, cohort.name())));
      tables.put(cohort.name() + "_matrix", ViewTables.of(CohortViews.matrixSql(cohort, events.relation(null)),
          CohortsSchema::matrixType, events.schemaPath(), List.of(NAME, cohort.name() + "_matrix")));
    }
  }

  private static RelDataType detailType(RelDataTypeFactory typeFactory, EventsSource events) {
    return typeFactory.builder()
        .add("user_id", events.userType(typeFactory))
        .add("cohort_period", ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP))
        .add("period_offset", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("period_start", ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP))
        .build();
  }

  private static RelDataType matrixType(RelDataTypeFactory typeFactory) {
    return typeFactory.builder()
        .add("cohort_period", ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP))
        .add("period_offset", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("cohort_users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("retention_rate", ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE))
        .add("period_offset_end", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
        .add("breakdown", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .add("segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
        .build();
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }
}
