package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The per-user aggregate under a model funnel's tables: {@code FUNNEL_TIMES} of the funnel's steps, capped at its
 * exclusions, already bound to the funnel's validated spec. Not a SQL function a query can name: the funnel tables
 * build it into their plans, so the step scan and the generic aggregate both compute it.
 */
public final class FunnelTableAggregate {
  private FunnelTableAggregate() {
  }

  /**
   * The bound aggregate; its arguments are the time, the step conditions, then the exclusion conditions.
   *
   * @param typeFactory the planner's type factory
   * @param time the time column's type
   * @param spec the funnel and its exclusions
   * @throws IllegalArgumentException if the time column's type cannot be a funnel's time
   */
  public static BoundAggFunction of(RelDataTypeFactory typeFactory, RelDataType time, ExcludingFunnelSpec spec) {
    final TimeKind kind = TimeKind.of(time);
    if (kind == null) {
      throw new IllegalArgumentException("a funnel's time must be a TIMESTAMP, DATE or integer, not " + time);
    }
    final RelDataType element = kind == TimeKind.INTEGER
        ? typeFactory.createSqlType(SqlTypeName.BIGINT)
        : typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
    final RelDataType type = typeFactory.createArrayType(typeFactory.createTypeWithNullability(element, true), -1);
    return new BoundAggFunction("FUNNEL_TABLE", FunnelFunction.describe("FUNNEL_TABLE", spec.funnel(), kind,
        ", exclusions=" + spec.exclusions() + (spec.startCondition() ? ", start condition" : "")), type, kind,
        new ExcludingFunnelCode(spec));
  }

  /**
   * The bound trend aggregate of a funnel over a TIMESTAMP or DATE time: per entry period of the user, the period's
   * start and the level reached, as {@code [start1, level1, …]}; its arguments are those of {@link #of}.
   *
   * @throws IllegalArgumentException if the time column is not a TIMESTAMP or DATE
   */
  public static BoundAggFunction trend(RelDataTypeFactory typeFactory, RelDataType time, ExcludingFunnelSpec spec,
      CalendarPeriod period, LocalCalendar calendar) {
    final TimeKind kind = TimeKind.of(time);
    if (kind == null || !kind.isTemporal()) {
      throw new IllegalArgumentException("a funnel's trend needs a TIMESTAMP or DATE time, not " + time);
    }
    final RelDataType type = typeFactory.createArrayType(typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.BIGINT), true), -1);
    return new BoundAggFunction("FUNNEL_TREND", FunnelFunction.describe("FUNNEL_TREND", spec.funnel(), kind,
        ", period=" + period + (calendar.isUtc() ? "" : ", time_zone=" + calendar)
            + ", exclusions=" + spec.exclusions()), type, kind,
        new FunnelTrendCode(new FunnelTrendSpec(spec, period, calendar)));
  }

  /**
   * The same funnel aggregate whose rows also carry, as their last condition, whether they may start a chain (an
   * unordered funnel scoped to a date range).
   *
   * @throws IllegalArgumentException if {@code funnel} is not a funnel table's aggregate
   */
  public static BoundAggFunction withStartCondition(RelDataTypeFactory typeFactory, RelDataType time,
      BoundAggFunction funnel) {
    if (!(funnel.spec() instanceof ExcludingFunnelSpec)) {
      throw new IllegalArgumentException("not a funnel table's aggregate: " + funnel);
    }
    return of(typeFactory, time, ((ExcludingFunnelSpec) funnel.spec()).withStartCondition());
  }

  /** The factor from Calcite's internal value of a time column of that type to the time line (1 if it is none). */
  public static long scale(RelDataType time) {
    final TimeKind kind = TimeKind.of(time);
    return kind == null ? 1 : kind.scale();
  }

  /** Units of the time line of a time column of that type per second: 1000 for timestamps and dates, else 1. */
  public static long unitsPerSecond(RelDataType time) {
    final TimeKind kind = TimeKind.of(time);
    return kind == null ? 1 : kind.unitsPerSecond();
  }
}
