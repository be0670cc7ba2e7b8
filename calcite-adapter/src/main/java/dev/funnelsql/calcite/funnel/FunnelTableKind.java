package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.schema.ViewTables;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The tables of a model funnel: {@code funnels.<f>} (one row per user per step reached, with a column per
 * segmentation of the model), {@code funnels.<f>_summary} (one row per step, overall and per segment of each
 * breakdown), {@code funnels.<f>_chart} (step label and users, overall, in step order), each with an {@code
 * entered_at} column whose range scopes the table to the users who entered the funnel in it
 * ({@link ScopeFunnelTablesByEntry}), as has {@code funnels.<f>_time_to_convert} (users per step and bucket of
 * seconds from entry); {@code funnels.<f>_trend} (one row per entry period and step); {@code
 * funnels.<f>_drivers} (one row per step and event name or column value done before converting to it); and {@code
 * funnels.<f>_paths} (one row per step and the event the users who stopped there did next).
 */
public enum FunnelTableKind {
  /** {@code funnels.<f>}. */
  DETAIL(""),
  /** {@code funnels.<f>_summary}. */
  SUMMARY("_summary"),
  /** {@code funnels.<f>_chart}. */
  CHART("_chart"),
  /** {@code funnels.<f>_trend}. */
  TREND("_trend"),
  /** {@code funnels.<f>_time_to_convert}. */
  TIME_TO_CONVERT("_time_to_convert"),
  /** {@code funnels.<f>_drivers}. */
  DRIVERS("_drivers"),
  /** {@code funnels.<f>_paths}. */
  PATHS("_paths");

  /** The column names of {@code funnels.<f>} before the segmentation columns. */
  public static final List<String> DETAIL_COLUMNS =
      List.of("user_id", "step", "step_name", "entered_at", "reached_at", "seconds_since_entry");

  /** The column names of {@code funnels.<f>_summary}. */
  public static final List<String> SUMMARY_COLUMNS = List.of("step", "step_name", "step_label", "breakdown",
      "segment", "users", "conversion_from_start", "conversion_from_previous", "drop_off",
      "median_seconds_to_reach", "median_seconds_from_previous", "p25_seconds_to_reach", "p75_seconds_to_reach",
      "p90_seconds_to_reach", "entered_at");

  /** The column names of {@code funnels.<f>_time_to_convert}. */
  public static final List<String> TIME_TO_CONVERT_COLUMNS = List.of("step", "step_label", "bucket_start_seconds",
      "bucket_end_seconds", "users", "entered_at");

  /** The column names of {@code funnels.<f>_chart}. */
  public static final List<String> CHART_COLUMNS = List.of("step_label", "users", "entered_at");

  /** The column names of {@code funnels.<f>_trend}. */
  public static final List<String> TREND_COLUMNS = List.of("period_start", "step", "step_label", "users",
      "conversion_from_start", "conversion_from_previous");

  /** The column names of {@code funnels.<f>_drivers}. */
  public static final List<String> DRIVERS_COLUMNS = List.of("step", "step_label", "driver", "value",
      "converted_users", "dropped_users", "odds_ratio", "p_value");

  /** The column names of {@code funnels.<f>_paths}. */
  public static final List<String> PATHS_COLUMNS = List.of("step", "step_label", "next_event", "users",
      "share_of_dropped");

  /** The column whose range scopes a table to the users who entered the funnel in it. */
  public static final String ENTERED_AT = "entered_at";

  private final String suffix;

  FunnelTableKind(String suffix) {
    this.suffix = suffix;
  }

  /** The table's name for a funnel of that name. */
  public String tableName(String funnel) {
    return funnel + suffix;
  }

  /** Whether the table reads the events again after the funnel ({@link EventsAfterFunnel}). */
  boolean readsEventsAfterFunnel() {
    return this == DRIVERS || this == PATHS;
  }

  /** The index of the {@code entered_at} column in the table's rows, or -1 (the trend has none). */
  int enteredAtColumn() {
    return columns().indexOf(ENTERED_AT);
  }

  /** The table's column names (of {@link #DETAIL}: those before the segmentation columns). */
  List<String> columns() {
    switch (this) {
      case DETAIL:
        return DETAIL_COLUMNS;
      case SUMMARY:
        return SUMMARY_COLUMNS;
      case CHART:
        return CHART_COLUMNS;
      case TREND:
        return TREND_COLUMNS;
      case DRIVERS:
        return DRIVERS_COLUMNS;
      case PATHS:
        return PATHS_COLUMNS;
      default:
        return TIME_TO_CONVERT_COLUMNS;
    }
  }

  /**
   * The table's row type.
   *
   * @param key the name of {@link #DETAIL}'s first column: {@code user_id}, or the column a funnel counts per
   * @param keyType the type of the column the funnel counts (the events' user, or its {@code per:} column)
   * @param temporal whether the events' time is a TIMESTAMP or DATE (else a number)
   * @param segmentations the names of the segmentation columns (of {@link #DETAIL} only)
   */
  RelDataType rowType(RelDataTypeFactory typeFactory, String key, RelDataType keyType, boolean temporal,
      List<String> segmentations) {
    final RelDataType integer = ViewTables.nullable(typeFactory, SqlTypeName.INTEGER);
    final RelDataType bigint = ViewTables.nullable(typeFactory, SqlTypeName.BIGINT);
    final RelDataType varchar = ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR);
    final RelDataType decimal = ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE);
    final RelDataType time = ViewTables.nullable(typeFactory, temporal ? SqlTypeName.TIMESTAMP
        : SqlTypeName.BIGINT);
    final RelDataTypeFactory.Builder builder = typeFactory.builder();
    switch (this) {
      case DETAIL:
        builder.add(key, keyType).add(DETAIL_COLUMNS.get(1), integer)
            .add(DETAIL_COLUMNS.get(2), varchar).add(DETAIL_COLUMNS.get(3), time).add(DETAIL_COLUMNS.get(4), time)
            .add(DETAIL_COLUMNS.get(5), bigint);
        segmentations.forEach(segmentation -> builder.add(segmentation, varchar));
        break;
      case SUMMARY:
        builder.add("step", integer).add("step_name", varchar).add("step_label", varchar).add("breakdown", varchar)
            .add("segment", varchar).add("users", bigint).add("conversion_from_start", decimal)
            .add("conversion_from_previous", decimal).add("drop_off", bigint).add("median_seconds_to_reach", decimal)
            .add("median_seconds_from_previous", decimal).add("p25_seconds_to_reach", decimal)
            .add("p75_seconds_to_reach", decimal).add("p90_seconds_to_reach", decimal).add(ENTERED_AT, time);
        break;
      case TREND:
        builder.add("period_start", time).add("step", integer).add("step_label", varchar).add("users", bigint)
            .add("conversion_from_start", decimal).add("conversion_from_previous", decimal);
        break;
      case DRIVERS:
        builder.add("step", integer).add("step_label", varchar).add("driver", varchar).add("value", varchar)
            .add("converted_users", bigint).add("dropped_users", bigint).add("odds_ratio", decimal)
            .add("p_value", decimal);
        break;
      case PATHS:
        builder.add("step", integer).add("step_label", varchar).add("next_event", varchar).add("users", bigint)
            .add("share_of_dropped", decimal);
        break;
      case TIME_TO_CONVERT:
        builder.add("step", integer).add("step_label", varchar).add("bucket_start_seconds", bigint)
            .add("bucket_end_seconds", bigint).add("users", bigint).add(ENTERED_AT, time);
        break;
      default:
        builder.add("step_label", varchar).add("users", bigint).add(ENTERED_AT, time);
        break;
    }
    return builder.build();
  }
}
