package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.function.BoundAggFunction;
import dev.funnelsql.calcite.function.FunnelTableAggregate;
import dev.funnelsql.calcite.function.ThresholdTimesAggregate;
import java.math.BigDecimal;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A planning step before cost-based planning that turns a range on a funnel table's {@code entered_at} column (a
 * dashboard's date filter) into the funnel's own scope, PostHog's way: the users counted are those whose chain's step
 * 1 lies in the range, and their later steps may lie up to the window past its end. The funnel's step-1 condition
 * gains the range, and the step rows read from the store gain the range widened by the window, so the store reads
 * only those times. On the summary and the chart the filter is then spent (their {@code entered_at} is the earliest
 * entry among a row's users, not a value to filter on), and a condition on {@code entered_at} that is not a range
 * is refused with {@link EntryFilterException}; on the detail table, whose {@code entered_at} is each row's own, the
 * filter also stays. An {@code unordered} funnel, whose users enter at whichever step they do first, is not scoped
 * yet: its detail table filters its rows, and its summary and chart refuse the range. A trend filtered on a range of
 * {@code period_start} reads only the store's rows that the kept periods' chains can use (the filter itself stays).
 */
public final class ScopeFunnelTablesByEntry implements Program {
  /** The longest calendar period a trend counts by: 31 days. */
  private static final long LONGEST_PERIOD_MILLIS = 31 * 86_400_000L;
  /** More than the most a wall clock is away from UTC (14 hours): how far a local period's start may be. */
  private static final long LONGEST_OFFSET_MILLIS = 86_400_000L;

  private final RexExecutor executor;
  private final Runnable clockRead;
  private final LocalCalendar calendar;

  /**
   * Creates the step.
   *
   * @param executor evaluates a bound that is an expression of no column or parameter (a relative date such as
   *     {@code DATE_TRUNC('day', CURRENT_TIMESTAMP - INTERVAL '30' DAY)}) once, while planning, so that the store
   *     receives a time rather than an expression it may not know
   * @param clockRead called when such a bound read the clock: the plan then holds this moment's time and must not be
   *     kept for a later execution
   */
  public ScopeFunnelTablesByEntry(RexExecutor executor, Runnable clockRead, LocalCalendar calendar) {
    this.executor = executor;
    this.clockRead = clockRead;
    this.calendar = calendar;
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    if (!filtersAFunnelTable(rel)) {
      return rel;
    }
    // Filters written above the table (a BI tool's subquery, a view) are moved down onto it first.
    final HepPlanner hep = new HepPlanner(HepProgram.builder().addRuleCollection(List.of(
        CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_MERGE)).build());
    hep.setRoot(rel);
    return hep.findBestExp().accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        final RelNode visited = super.visit(other);
        if (visited instanceof LogicalFilter && visited.getInput(0) instanceof LogicalFunnelTable) {
          return scope((LogicalFilter) visited, (LogicalFunnelTable) visited.getInput(0));
        }
        return visited;
      }
    });
  }

  private static boolean filtersAFunnelTable(RelNode rel) {
    final boolean[] found = new boolean[2];
    rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        found[0] |= other instanceof LogicalFunnelTable;
        found[1] |= other instanceof LogicalFilter;
        return super.visit(other);
      }
    });
    return found[0] && found[1];
  }

  private RelNode scope(LogicalFilter filter, LogicalFunnelTable table) {
    final FunnelTableKind kind = table.rows().kind();
    if (kind == FunnelTableKind.TREND) {
      return readTrendWithin(filter, table);
    }
    final int column = kind.enteredAtColumn();
    if (column < 0) {
      return filter;
    }
    final RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    final List<EntryBound> bounds = new ArrayList<>();
    final List<RexNode> kept = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      if (!RelOptUtil.InputFinder.bits(conjunct).get(column)) {
        kept.add(conjunct);
        continue;
      }
      final @Nullable List<EntryBound> own = EntryBound.read(conjunct, column, rexBuilder);
      if (own != null) {
        own.forEach(bound -> bounds.add(new EntryBound(bound.kind(), evaluated(rexBuilder, bound.value()))));
      } else if (kind != FunnelTableKind.DETAIL) {
        throw new EntryFilterException(table.name() + ": a filter on " + FunnelTableKind.ENTERED_AT + " must be a "
            + "range of entry times (>=, >, <, <=, =, BETWEEN with values that name no column), which scopes the "
            + "funnel to the users who entered in it; other conditions on it are not supported");
      }
      if (own == null || kind == FunnelTableKind.DETAIL) {
        kept.add(conjunct);
      }
    }
    if (bounds.isEmpty() && kept.size() == RelOptUtil.conjunctions(filter.getCondition()).size()) {
      return filter;
    }
    // An ordered funnel's chains start at step 1, which holds only in the range; an unordered funnel's start at
    // whichever step comes first, so its rows carry whether they lie in the range, and only those may start one.
    final RelNode scoped = bounds.isEmpty() ? table : table.withFunnel(funnel -> scopedFunnel(funnel, bounds,
        table.rows().window(), table.rows().entersAtStepOne() ? Entry.STEP_ONE : Entry.START_CONDITION,
        table.rows().countsNow()));
    return kept.isEmpty() ? scoped : filter.copy(filter.getTraitSet(), scoped,
        RexUtil.composeConjunction(rexBuilder, kept));
  }

  /** The bound as a literal if it is an expression of nothing but constants and the clock, else as it is. */
  private RexNode evaluated(RexBuilder rexBuilder, RexNode value) {
    final RexNode bare = RexUtil.removeCast(value);
    if (bare instanceof RexLiteral || RexUtil.containsInputRef(value) || has(value, node ->
        node instanceof RexDynamicParam)) {
      return value;
    }
    final List<RexNode> reduced = new ArrayList<>();
    executor.reduce(rexBuilder, List.of(value), reduced);
    if (reduced.size() != 1 || !(RexUtil.removeCast(reduced.get(0)) instanceof RexLiteral)) {
      return value;
    }
    if (has(value, node -> node instanceof RexCall && ((RexCall) node).getOperator().isDynamicFunction())) {
      clockRead.run();
    }
    return reduced.get(0);
  }

  /** Whether {@code node} or one of its operands is one that {@code test} accepts. */
  private static boolean has(RexNode node, Predicate<RexNode> test) {
    if (test.test(node)) {
      return true;
    }
    return node instanceof RexCall && ((RexCall) node).getOperands().stream().anyMatch(operand -> has(operand, test));
  }

  /**
   * A trend filtered on a range of {@code period_start} (a dashboard's date filter): the filter stays, since it is
   * exact on the trend's rows, and the store reads only the rows from the range's start (the earliest any kept
   * period's chains can start) to its end plus a month and the window (the latest they can end).
   */
  private RelNode readTrendWithin(LogicalFilter filter, LogicalFunnelTable table) {
    final int column = FunnelTableKind.TREND_COLUMNS.indexOf("period_start");
    final RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    final List<EntryBound> from = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      final @Nullable List<EntryBound> own = RelOptUtil.InputFinder.bits(conjunct).get(column)
          ? EntryBound.read(conjunct, column, rexBuilder) : null;
      if (own != null) {
        // A period's start is a label on the calendar's wall clock: its first instant may be a day earlier.
        own.forEach(bound -> from.add(new EntryBound(bound.isUpper() ? SqlKind.LESS_THAN_OR_EQUAL
            : SqlKind.GREATER_THAN_OR_EQUAL, evaluated(rexBuilder, bound.isUpper() || calendar.isUtc() ? bound.value()
            : plus(rexBuilder, bound.value(), -LONGEST_OFFSET_MILLIS)))));
      }
    }
    if (from.isEmpty()) {
      return filter;
    }
    // A period that starts by an upper bound ends at most a month after it; its chains end at most a window later.
    return filter.copy(filter.getTraitSet(), table.withFunnel(funnel -> scopedFunnel(funnel, from,
        table.rows().window() + LONGEST_PERIOD_MILLIS + (calendar.isUtc() ? 0 : LONGEST_OFFSET_MILLIS),
        Entry.ROWS_ONLY, false)), filter.getCondition());
  }

  /** How a scoped funnel keeps its chains' entries within the bounds. */
  private enum Entry {
    /** It does not: the store only reads no rows outside the bounds widened by the window. */
    ROWS_ONLY,
    /** Step 1's condition holds only within the bounds. */
    STEP_ONE,
    /** The rows carry one more condition, whether they lie within the bounds, and only those may start a chain. */
    START_CONDITION
  }

  /**
   * The funnel's per-user aggregate over step rows (user, time, step conditions…) whose time lies in the bounds
   * widened by the window, its chains' entries kept within the bounds themselves as {@code entry} says.
   *
   * @param countsNow whether threshold times computed with the funnel give segments now, which count every row
   */
  private static RelNode scopedFunnel(RelNode funnel, List<EntryBound> bounds, long window, Entry entry,
      boolean countsNow) {
    if (!(funnel instanceof Aggregate)) {
      throw new IllegalStateException("a funnel table's first input is its per-user aggregate, not " + funnel);
    }
    final Aggregate aggregate = (Aggregate) funnel;
    if (!aggregate.getGroupSet().equals(ImmutableBitSet.of(0))) {
      throw new IllegalStateException("a funnel table's aggregate groups by its user, not " + aggregate);
    }
    final RelNode stepRows = aggregate.getInput();
    final RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(funnel.getCluster(), null);
    builder.push(stepRows);
    final RexNode time = builder.field(1);
    final List<RexNode> rows = new ArrayList<>();
    final List<RexNode> inRange = new ArrayList<>();
    // Threshold times computed with the funnel count each user's events before the range as well, and, for
    // segments now, after it.
    final boolean countsEarlierRows = countsThresholds(aggregate);
    final boolean countsLaterRows = countsEarlierRows && countsNow;
    for (EntryBound bound : bounds) {
      final RexNode value = comparable(builder.getRexBuilder(), bound.value(), time.getType());
      final SqlOperator comparison = RexUtil.op(bound.kind());
      inRange.add(builder.call(comparison, time, value));
      if (bound.isUpper() ? !countsLaterRows : !countsEarlierRows) {
        rows.add(builder.call(comparison, time, bound.isUpper() ? plus(builder.getRexBuilder(), value, window)
            : value));
      }
    }
    builder.filter(rows);
    if (entry == Entry.ROWS_ONLY) {
      return aggregate.copy(aggregate.getTraitSet(), List.of(builder.build()));
    }
    if (entry == Entry.START_CONDITION) {
      return withStartCondition(aggregate, builder, builder.and(inRange));
    }
    final List<RexNode> projects = new ArrayList<>(builder.fields());
    inRange.add(0, builder.field(2));
    projects.set(2, builder.and(inRange));
    builder.project(projects, stepRows.getRowType().getFieldNames(), true);
    if (!readsRowsMatchingNoCondition(aggregate)) {
      // Users whose only step-1 rows now lie outside the range reach no step: their rows are left in the store,
      // rather than the step scan sending back each such user to make an empty group.
      builder.filter(builder.or(builder.fields().subList(2, projects.size())));
    }
    return aggregate.copy(aggregate.getTraitSet(), List.of(builder.build()));
  }

  /**
   * The aggregate of an unordered funnel over the rows on the builder, each with one more column, {@code start}
   * (whether it may start a chain), which its call reads as its last condition.
   */
  private static RelNode withStartCondition(Aggregate aggregate, RelBuilder builder, RexNode start) {
    final List<RexNode> projects = new ArrayList<>(builder.fields());
    final List<String> names = new ArrayList<>(aggregate.getInput().getRowType().getFieldNames());
    projects.add(start);
    names.add("start");
    builder.project(projects, names, true);
    final AggregateCall call = aggregate.getAggCallList().get(0);
    final List<RexNode> arguments = new ArrayList<>();
    call.getArgList().forEach(argument -> arguments.add(builder.field(argument)));
    arguments.add(builder.field(projects.size() - 1));
    final BoundAggFunction starting = FunnelTableAggregate.withStartCondition(aggregate.getCluster()
        .getTypeFactory(), builder.field(1).getType(), (BoundAggFunction) call.getAggregation());
    final List<RelBuilder.AggCall> calls = new ArrayList<>(List.of(builder.aggregateCall(starting, arguments)
        .as(call.getName())));
    // The calls after the funnel's (threshold times) read the same columns as before.
    for (AggregateCall other : aggregate.getAggCallList().subList(1, aggregate.getAggCallList().size())) {
      final List<RexNode> own = new ArrayList<>();
      other.getArgList().forEach(argument -> own.add(builder.field(argument)));
      calls.add(builder.aggregateCall(other.getAggregation(), own).as(other.getName()));
    }
    return builder.aggregate(builder.groupKey(0), calls).build();
  }

  /** Whether the funnel's aggregate also computes threshold times, which count rows before any range too. */
  private static boolean countsThresholds(Aggregate aggregate) {
    return aggregate.getAggCallList().stream().anyMatch(call -> ThresholdTimesAggregate.isOne(call.getAggregation()));
  }

  private static boolean readsRowsMatchingNoCondition(Aggregate aggregate) {
    return aggregate.getAggCallList().stream().anyMatch(call -> !(call.getAggregation() instanceof BoundAggFunction)
        || ((BoundAggFunction) call.getAggregation()).readsRowsMatchingNoCondition());
  }

  /** The bound as a value of the step rows' time type (a TIMESTAMP bound against a DATE time stays a TIMESTAMP). */
  private static RexNode comparable(RexBuilder rexBuilder, RexNode value, RelDataType time) {
    if (SqlTypeUtil.isDatetime(time) && !SqlTypeUtil.isTimestamp(value.getType())) {
      return rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(
          rexBuilder.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP), value.getType().isNullable()), value);
    }
    return value;
  }

  /**
   * The bound moved later by the window (milliseconds for times, units for numbers). A parameter is cast to its type
   * first, since a store cannot tell the type of {@code ? + INTERVAL …} on its own.
   */
  private static RexNode plus(RexBuilder rexBuilder, RexNode bound, long window) {
    final RexNode value = bound instanceof RexDynamicParam ? rexBuilder.makeAbstractCast(bound.getType(), bound,
        false) : bound;
    if (SqlTypeUtil.isDatetime(value.getType())) {
      return rexBuilder.makeCall(SqlStdOperatorTable.DATETIME_PLUS, value, rexBuilder.makeIntervalLiteral(
          BigDecimal.valueOf(window), new SqlIntervalQualifier(TimeUnit.SECOND, null, SqlParserPos.ZERO)));
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.PLUS, value, rexBuilder.makeBigintLiteral(
        BigDecimal.valueOf(window)));
  }
}
