package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.segment.Segmentation;
import dev.funnelsql.functions.funnel.FunnelMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code funnels} schema: for each funnel of the model, {@code <name>} (one row per user per step reached),
 * {@code <name>_summary} (one row per step, overall and per segment of each breakdown) and {@code <name>_chart}
 * (step label and users, overall, in step order), {@code <name>_time_to_convert} (users per step and bucket of
 * seconds from entry), {@code <name>_trend} (users per entry period and step), for a funnel over times whose users
 * enter at its step 1 (not an {@code unordered} one), and {@code <name>_drivers} (what the users who converted to a
 * step did more or less often than those who did not) and {@code <name>_paths} (where the users who stopped at each
 * step went next), for a funnel of two steps or more that is not {@code unordered}.
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
   * @param segmentations all segmentations of the model, in model order (one column each in the detail tables)
   * @param named what a summary may be broken down by besides columns: the segmentations, and each cohort as its
   *     members' cohort period
   */
  public FunnelsSchema(EventsSource events, List<FunnelDefinition> funnels, List<Segmentation> segmentations,
      List<Segmentation> named) {
    for (FunnelDefinition funnel : funnels) {
      final List<Segmentation> breakdowns = new ArrayList<>();
      final List<String> columns = new ArrayList<>();
      for (String breakdown : funnel.breakdowns()) {
        named.stream().filter(segmentation -> segmentation.name().equals(breakdown)).findFirst()
            .ifPresentOrElse(breakdowns::add, () -> columns.add(breakdown));
      }
      tables.put(FunnelTableKind.DETAIL.tableName(funnel.name()),
          new FunnelTable(FunnelTableKind.DETAIL, funnel, events, funnel.per() == null ? segmentations : List.of()));
      tables.put(FunnelTableKind.SUMMARY.tableName(funnel.name()),
          new FunnelTable(FunnelTableKind.SUMMARY, funnel, events, breakdowns, columns));
      tables.put(FunnelTableKind.CHART.tableName(funnel.name()),
          new FunnelTable(FunnelTableKind.CHART, funnel, events, List.of()));
      tables.put(FunnelTableKind.TIME_TO_CONVERT.tableName(funnel.name()),
          new FunnelTable(FunnelTableKind.TIME_TO_CONVERT, funnel, events, List.of()));
      if (events.temporalTime() && !funnel.modes().contains(FunnelMode.UNORDERED)) {
        tables.put(FunnelTableKind.TREND.tableName(funnel.name()),
            new FunnelTable(FunnelTableKind.TREND, funnel, events, List.of()));
      }
      if (!funnel.modes().contains(FunnelMode.UNORDERED) && funnel.stepNames().size() > 1) {
        tables.put(FunnelTableKind.DRIVERS.tableName(funnel.name()),
            new FunnelTable(FunnelTableKind.DRIVERS, funnel, events, List.of()));
        tables.put(FunnelTableKind.PATHS.tableName(funnel.name()),
            new FunnelTable(FunnelTableKind.PATHS, funnel, events, List.of()));
      }
    }
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }
}
