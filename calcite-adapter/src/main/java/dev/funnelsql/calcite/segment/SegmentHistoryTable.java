package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.ViewTables;
import dev.funnelsql.functions.period.CalendarPeriod;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.Connection;
import java.util.List;

/**
 * {@code segments.<s>_history} (one row per user and period: {@code user_id}, {@code period_start}, {@code segment})
 * and {@code segments.<s>_trend} (one row per period and segment: {@code period_start}, {@code segment},
 * {@code users}, {@code share}): the segmentation as it stood at the end of each calendar period of its
 * {@code period:}, from the period of the first event to that of the latest, so that a row agrees with
 * {@code SEGMENT_OF(s, user, <the period's last instant>)}: the segmentation's own membership query once per period,
 * or its running membership in one pass (see {@link PeriodMemberships}); the trend's counts are grouped in the store.
 * A filter on {@code period_start} limits the periods computed. The queries are written once, with the table.
 */
public final class SegmentHistoryTable extends AbstractTable implements FilterableTable {
  /** The two tables' shapes. */
  enum Shape {
    /** One row per user and period. */
    HISTORY,
    /** One row per period and segment, with its users and share. */
    TREND
  }

  private final Shape shape;
  private final EventsSource events;
  private final PeriodMemberships memberships;

  private SegmentHistoryTable(Shape shape, EventsSource events, Segmentation segmentation) {
    this.shape = shape;
    this.events = events;
    this.memberships = new PeriodMemberships(events, segmentation, CalendarPeriod.parse(segmentation.period()),
        shape == Shape.TREND);
  }

  /** {@code segments.<s>_history}. */
  static SegmentHistoryTable history(EventsSource events, Segmentation segmentation) {
    return new SegmentHistoryTable(Shape.HISTORY, events, segmentation);
  }

  /** {@code segments.<s>_trend}. */
  static SegmentHistoryTable trend(EventsSource events, Segmentation segmentation) {
    return new SegmentHistoryTable(Shape.TREND, events, segmentation);
  }

  /** A view in catalogs, as the model's other tables: computed from the events, never stored. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    final RelDataType periodStart = ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP);
    final RelDataType segment = ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR);
    if (shape == Shape.HISTORY) {
      return typeFactory.builder()
          .add("user_id", events.userType(typeFactory))
          .add("period_start", periodStart)
          .add("segment", segment)
          .build();
    }
    return typeFactory.builder()
        .add("period_start", periodStart)
        .add("segment", segment)
        .add("users", SqlTypeName.BIGINT)
        .add("share", SqlTypeName.DOUBLE)
        .build();
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters) {
    final PeriodStartRange range = PeriodStartRange.of(filters, shape == Shape.HISTORY ? 1 : 0, root);
    final Connection connection = (Connection) root.getQueryProvider();
    return new AbstractEnumerable<@Nullable Object[]>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        return memberships.rows(connection, range, DataContext.Variable.CANCEL_FLAG.get(root));
      }
    };
  }
}
