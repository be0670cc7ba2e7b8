package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.function.FunnelTableAggregate;
import dev.funnelsql.calcite.function.ThresholdTimesAggregate;
import dev.funnelsql.calcite.model.BreakdownTime;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.segment.Segmentation;
import dev.funnelsql.calcite.segment.ThresholdRules;
import dev.funnelsql.calcite.store.StoreConvention;
import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.funnel.FunnelExclusion;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One table of a model funnel (see {@link FunnelTableKind}). Its plan is built from pieces that each run where they
 * are fastest: the step rows and their conditions, which the store filters and the step scan reads; the funnel's
 * per-user aggregate (its step times, capped at its exclusions); the memberships of the segmentations it shows, which
 * the store computes; and {@link FunnelTableRows}, which counts the table's rows from them.
 */
final class FunnelTable extends AbstractTable implements TranslatableTable {
  private final FunnelTableKind kind;
  private final FunnelDefinition funnel;
  private final EventsSource events;
  private final List<Segmentation> segmentations;
  private final List<String> columns;

  /**
   * Creates a table.
   *
   * @param segmentations the segmentations it shows: every one of the model's for {@link FunnelTableKind#DETAIL},
   *     the funnel's breakdowns for {@link FunnelTableKind#SUMMARY}, none for the chart
   */
  FunnelTable(FunnelTableKind kind, FunnelDefinition funnel, EventsSource events, List<Segmentation> segmentations) {
    this(kind, funnel, events, segmentations, List.of());
  }

  /**
   * Creates a summary broken down by segmentations and by columns of the events.
   *
   * @param columns the breakdowns that are columns, whose values the funnel's attribution picks
   */
  FunnelTable(FunnelTableKind kind, FunnelDefinition funnel, EventsSource events, List<Segmentation> segmentations,
      List<String> columns) {
    this.kind = kind;
    this.funnel = funnel;
    this.events = events;
    this.segmentations = List.copyOf(segmentations);
    this.columns = List.copyOf(columns);
  }

  /** The names of the table's breakdown inputs after the funnel's: the segmentations', then the columns'. */
  private List<String> segmentationNames() {
    final List<String> names = new ArrayList<>();
    segmentations.forEach(segmentation -> names.add(segmentation.name()));
    names.addAll(columns);
    return names;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return funnel.per() == null
        ? kind.rowType(typeFactory, FunnelTableKind.DETAIL_COLUMNS.get(0), events.userType(typeFactory),
            events.temporalTime(), kind == FunnelTableKind.DETAIL ? segmentationNames() : List.of())
        : kind.rowType(typeFactory, funnel.per(), funnel.perSession()
            ? typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true)
            : events.columnType(typeFactory, funnel.per()), events.temporalTime(), List.of());
  }

  /** A view, as catalogs list it: computed from the events, not stored. */
  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    final RelOptCluster cluster = context.getCluster();
    final List<String> viewPath = List.of(FunnelsSchema.NAME, kind.tableName(funnel.name()));
    final EventsRelation relation = events.relation(null);
    List<Segmentation> inFunnelRow = thresholdsInFunnelRow();
    RelNode stepRows = context.expandView(null, stepRowsSql(relation, atoms(inFunnelRow)), events.schemaPath(),
        viewPath).project();
    if (!inFunnelRow.isEmpty() && StoreConvention.prefersEngineFolds(stepRows)) {
      // The engine computes the funnel, but no threshold times with it: the counts stay apart (spans).
      inFunnelRow = List.of();
      stepRows = context.expandView(null, stepRowsSql(relation, List.of()), events.schemaPath(), viewPath).project();
    }
    final RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(cluster, relOptTable.getRelOptSchema());
    final Map<String, EntrySegments.CountsInRow> withFunnel = new HashMap<>();
    final List<RelNode> inputs = new ArrayList<>();
    inputs.add(perUser(builder, stepRows, inFunnelRow, withFunnel));
    // For a query that reads none of the segmentations computed with the funnel: the funnel alone, over its own rows.
    final @Nullable RelNode funnelAlone = inFunnelRow.isEmpty() ? null : perUser(builder, context.expandView(null,
        stepRowsSql(relation, List.of()), events.schemaPath(), viewPath).project(), List.of(), new HashMap<>());
    final Set<String> atEntry = new HashSet<>();
    // A user enters at an event of step 1 (of any step, unordered).
    final String entry = funnel.modes().contains(FunnelMode.UNORDERED) ? anyOf(funnel.conditions())
        : funnel.conditions().get(0);
    for (Segmentation segmentation : segmentations) {
      if (withFunnel.containsKey(segmentation.name())) {
        if (funnel.asOf() == BreakdownTime.ENTRY) {
          atEntry.add(segmentation.name());
        }
        // Read from the funnel's rows: no rows of its own.
        inputs.add(builder.values(cluster.getTypeFactory().builder()
            .add("user_id", events.userType(cluster.getTypeFactory())).nullable(true)
            .add("segment", SqlTypeName.VARCHAR).nullable(true).build()).build());
        continue;
      }
      final @Nullable String spans = funnel.asOf() == BreakdownTime.ENTRY
          ? segmentation.spansSql(relation, entry) : null;
      if (spans != null) {
        atEntry.add(segmentation.name());
        inputs.add(timeReadFastest(builder.push(context.expandView(null, spans, events.schemaPath(), viewPath)
            .project())).sort(0, 1).build());
      } else {
        inputs.add(context.expandView(null, segmentation.membershipSql(relation), events.schemaPath(), viewPath)
            .project());
      }
    }
    for (String column : columns) {
      inputs.add(byUser(context, builder, attributionRowsSql(relation, column), viewPath));
    }
    final RelDataType time = stepRows.getRowType().getFieldList().get(1).getType();
    final long unitsPerSecond = FunnelTableAggregate.unitsPerSecond(time);
    final FunnelTableRows rows;
    if (kind == FunnelTableKind.DRIVERS) {
      final List<String> drivers = new ArrayList<>(List.of("event"));
      drivers.addAll(funnel.drivers());
      inputs.add(byUser(context, builder, driverRowsSql(relation), viewPath));
      rows = FunnelTableRows.drivers(funnel.stepNames(), unitsPerSecond, funnel.windowSeconds() * unitsPerSecond,
          drivers, FunnelTableAggregate.scale(time));
    } else if (kind == FunnelTableKind.PATHS) {
      inputs.add(byUser(context, builder, nextEventRowsSql(relation), viewPath));
      rows = FunnelTableRows.dropOffPaths(funnel.stepNames(), unitsPerSecond, funnel.windowSeconds() * unitsPerSecond,
          FunnelTableAggregate.scale(time));
    } else {
      rows = new FunnelTableRows(kind, funnel.stepNames(), segmentationNames(), unitsPerSecond,
          funnel.windowSeconds() * unitsPerSecond, !funnel.modes().contains(FunnelMode.UNORDERED),
          columns.isEmpty() ? null : new AttributedBreakdowns(new HashSet<>(columns), funnel.attribution(),
              funnel.stepNames().size(), FunnelTableAggregate.scale(time)),
          new EntrySegments(atEntry, FunnelTableAggregate.scale(time), withFunnel));
    }
    return new LogicalFunnelTable(cluster, inputs, rows, relOptTable.getRowType(),
        FunnelsSchema.NAME + "." + kind.tableName(funnel.name()), funnelAlone);
  }

  /**
   * The funnel's per-user aggregate over {@code stepRows} (user, time, the steps' and exclusions' conditions, then
   * the atoms of {@code inFunnelRow}): the funnel's times, then each of those segmentations' threshold times, which
   * {@code withFunnel} learns to read.
   */
  private RelNode perUser(RelBuilder builder, RelNode stepRows, List<Segmentation> inFunnelRow,
      Map<String, EntrySegments.CountsInRow> withFunnel) {
    final RelDataTypeFactory typeFactory = stepRows.getCluster().getTypeFactory();
    final List<String> atoms = atoms(inFunnelRow);
    final RelDataType time = stepRows.getRowType().getFieldList().get(1).getType();
    builder.push(stepRows);
    final List<RexNode> fields = builder.fields();
    final List<RelBuilder.AggCall> calls = new ArrayList<>();
    calls.add(builder.aggregateCall(kind == FunnelTableKind.TREND
        ? FunnelTableAggregate.trend(typeFactory, time, spec(time), funnel.trend(), funnel.calendar())
        : FunnelTableAggregate.of(typeFactory, time, spec(time)),
        fields.subList(1, fields.size() - atoms.size())).as("times"));
    // Each segmentation taken with the funnel: its threshold times over the time and its atoms' columns.
    int atom = fields.size() - atoms.size();
    for (Segmentation segmentation : inFunnelRow) {
      final List<Integer> ks = thresholdRules(segmentation).thresholds();
      final List<RexNode> arguments = new ArrayList<>(List.of(fields.get(1)));
      arguments.addAll(fields.subList(atom, atom + ks.size()));
      atom += ks.size();
      withFunnel.put(segmentation.name(), new EntrySegments.CountsInRow(thresholdRules(segmentation),
          1 + calls.size(), funnel.asOf() == BreakdownTime.ENTRY));
      calls.add(builder.aggregateCall(ThresholdTimesAggregate.of(typeFactory, time, ks), arguments)
          .as("thresholds" + withFunnel.size()));
    }
    return builder.aggregate(builder.groupKey(0), calls).build();
  }

  /**
   * The segmentations this table takes from threshold times computed with the funnel, in the same pass over each
   * user's events: rules of counts against thresholds ({@link ThresholdRules}), on a funnel counted per user (the key
   * the segmentations are of) whose per-user aggregate runs in FunnelSQL's step scan rather than in the engine (which
   * computes no threshold times with it). The step rows then carry every event an atom counts; a user's segment at
   * the time of their step 1 follows from the atoms reached by then, and their segment now from the atoms reached at
   * all, with no second query and no lookup. Now counts every event, so a funnel whose events may lack a time (which
   * the step scan leaves out, and a count of the store's does not) takes its segments now from the store instead.
   * (Whether the store's engine computes the funnel is seen on the plan of its step rows.)
   */
  private List<Segmentation> thresholdsInFunnelRow() {
    final List<Segmentation> taken = new ArrayList<>();
    if (kind != FunnelTableKind.SUMMARY && kind != FunnelTableKind.DETAIL || funnel.per() != null
        || funnel.perSession() || funnel.asOf() == BreakdownTime.NOW && !events.timeNeverNull()) {
      return taken;
    }
    for (Segmentation segmentation : segmentations) {
      final @Nullable ThresholdRules rules = segmentation.thresholdRules();
      if (rules != null && !rules.thresholds().isEmpty()) {
        taken.add(segmentation);
      }
    }
    return taken;
  }

  /** The row conditions of these segmentations' atoms, in order. */
  private static List<String> atoms(List<Segmentation> taken) {
    final List<String> atoms = new ArrayList<>();
    taken.forEach(segmentation -> atoms.addAll(thresholdRules(segmentation).rowConditions()));
    return atoms;
  }

  private static ThresholdRules thresholdRules(Segmentation segmentation) {
    return Objects.requireNonNull(segmentation.thresholdRules(), "threshold rules");
  }

  /** The funnel's spec on the time line of a time column of that type. */
  private ExcludingFunnelSpec spec(RelDataType time) {
    final List<FunnelExclusion> exclusions = new ArrayList<>();
    funnel.exclusions().forEach(exclusion -> exclusions.add(new FunnelExclusion(exclusion.from(), exclusion.to())));
    return new ExcludingFunnelSpec(FunnelSpec.of(funnel.stepNames().size(),
        funnel.windowSeconds() * FunnelTableAggregate.unitsPerSecond(time), funnel.modes()), exclusions);
  }

  /** The rows of a query of the events that FunnelSQL reads again after the funnel, ordered by user by the store. */
  private RelNode byUser(RelOptTable.ToRelContext context, RelBuilder builder, String sql, List<String> viewPath) {
    return timeReadFastest(builder.push(context.expandView(null, sql, events.schemaPath(), viewPath).project()))
        .sort(0).build();
  }

  /** The rows on top of {@code builder}, their time (the second column) as the store's driver reads it fastest. */
  private static RelBuilder timeReadFastest(RelBuilder builder) {
    final List<RexNode> fields = new ArrayList<>(builder.fields());
    fields.set(1, StoreConvention.fastestTime(builder.peek(), builder.getRexBuilder(), fields.get(1)));
    return builder.project(fields, builder.peek().getRowType().getFieldNames());
  }

  /**
   * The column the funnel counts: the events' user, its {@code per:} column, or the derived session as a key unique
   * across users ({@link EventsRelation#sessionKey()}).
   */
  private String key(EventsRelation relation) {
    return funnel.perSession() ? relation.sessionKey()
        : funnel.per() == null ? relation.user() : SqlText.identifier(funnel.per());
  }

  /** {@code (c1) OR (c2) OR …}: a row matches one of the conditions. */
  private static String anyOf(List<String> conditions) {
    return String.join(" OR ", conditions.stream().map(c -> "(" + c + ")").toList());
  }

  /**
   * The step rows that can give a user a value of a column breakdown: user (or entity), time, each step's condition
   * and the column's value as text; only the rows of a step the attribution can name, with a value.
   */
  private String attributionRowsSql(EventsRelation relation, String column) {
    final String key = key(relation);
    final StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS \"user_id\", ")
        .append(relation.time()).append(" AS \"t\"");
    for (int i = 0; i < funnel.conditions().size(); i++) {
      sql.append(", (").append(funnel.conditions().get(i)).append(") AS ").append(SqlText.identifier("c" + i));
    }
    final int step = funnel.attribution().step();
    final List<String> steps = step == 0 ? funnel.conditions() : List.of(funnel.conditions().get(step - 1));
    return sql.append(", CAST(").append(SqlText.identifier(column)).append(" AS VARCHAR) AS \"v\" FROM ")
        .append(relation.from()).append(" WHERE ").append(key).append(" IS NOT NULL AND ").append(relation.time())
        .append(" IS NOT NULL AND ").append(SqlText.identifier(column)).append(" IS NOT NULL AND (")
        .append(anyOf(steps)).append(")").toString();
  }

  /**
   * The events the drivers table weighs: user (or entity), time, whether the row is one of the funnel's steps, the
   * event name and the value of each {@code drivers:} column as text; rows without a user or time left out.
   */
  /** The events a drop-off path reads: user (or the funnel's entity), time and event name, every event. */
  private String nextEventRowsSql(EventsRelation relation) {
    final String key = key(relation);
    return "SELECT " + key + " AS \"user_id\", " + relation.time() + " AS \"t\", CAST(" + relation.event()
        + " AS VARCHAR) AS \"e\" FROM " + relation.from() + " WHERE " + key + " IS NOT NULL AND " + relation.time()
        + " IS NOT NULL";
  }

  private String driverRowsSql(EventsRelation relation) {
    final String key = key(relation);
    final StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS \"user_id\", ")
        .append(relation.time()).append(" AS \"t\", (").append(anyOf(funnel.conditions()))
        .append(") AS \"s\", CAST(").append(relation.event()).append(" AS VARCHAR) AS \"d0\"");
    for (int d = 0; d < funnel.drivers().size(); d++) {
      sql.append(", CAST(").append(SqlText.identifier(funnel.drivers().get(d))).append(" AS VARCHAR) AS ")
          .append(SqlText.identifier("d" + (d + 1)));
    }
    return sql.append(" FROM ").append(relation.from()).append(" WHERE ").append(key).append(" IS NOT NULL AND ")
        .append(relation.time()).append(" IS NOT NULL").toString();
  }

  /**
   * The rows the funnel reads: user (or the entity it counts per, rows without one left out), time, then each step's
   * and each exclusion's condition, then each atom's of the segmentations taken with the funnel; only the rows that
   * match one of them, except under {@code strict_order}, where the rows between steps matter.
   */
  private String stepRowsSql(EventsRelation relation, List<String> atoms) {
    final List<String> conditions = new ArrayList<>(funnel.conditions());
    funnel.exclusions().forEach(exclusion -> conditions.add(exclusion.condition()));
    conditions.addAll(atoms);
    final String key = key(relation);
    final StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS \"user_id\", ")
        .append(relation.time()).append(" AS \"t\"");
    for (int i = 0; i < conditions.size(); i++) {
      sql.append(", (").append(conditions.get(i)).append(") AS ").append(SqlText.identifier("c" + i));
    }
    sql.append(" FROM ").append(relation.from());
    final List<String> filters = new ArrayList<>();
    if (funnel.per() != null) {
      filters.add(key + " IS NOT NULL");
    }
    if (!funnel.modes().contains(FunnelMode.STRICT_ORDER)) {
      filters.add("(" + anyOf(conditions) + ")");
    }
    if (!filters.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", filters));
    }
    return sql.toString();
  }
}
