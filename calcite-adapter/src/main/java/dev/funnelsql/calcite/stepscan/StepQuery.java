package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.BoundAggFunction;
import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.BinaryCopy;
import dev.funnelsql.calcite.store.StoreConvention;
import dev.funnelsql.calcite.store.StoreDialect;
import dev.funnelsql.calcite.store.TimestampReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Plans the step scan of one behavioural aggregate over a JDBC store: checks that it can be one, and builds the
 * query the store runs — the GROUP BY key, the time and one mask column with a bit per distinct condition
 * ({@code CASE WHEN cond THEN bit ELSE 0 END + …}), restricted to rows that match a step and have a time — as JDBC
 * relational expressions over the aggregate's pushed-down input, so the user's filters and projections stay in the
 * same store query.
 *
 * <p>A function that keeps a value with each row (SEQUENCE_NEXT_NODE's event column) adds that column after the
 * mask, and reads every row; the rows it skips (a NULL condition, or its FILTER not true) are marked by a mask bit
 * of their own, which it alone reads. The rows carry one value column: calls over different value columns in one
 * aggregate are left to Calcite's generic aggregate.
 *
 * <p>An aggregate returns a row for every group of its input, also for a group none of whose rows matches a step.
 * When the store's filter could drop such a group ({@link RexSimplify} cannot prove that the user's own filter
 * already drops every row the step filter would), a second branch returns each such group's key once
 * ({@code UNION ALL SELECT DISTINCT key … WHERE <rows the step filter drops>}), or, on stores where that
 * aggregation costs more than sending the rows ({@link StoreDialect#keyLaneWorthIt()}), the step filter is left out.
 * The store's dialect also says how the time and mask columns are sent, so that its driver reads them fastest.
 */
final class StepQuery {
  private static final Logger LOG = Logger.getLogger(StepQuery.class.getName());

  private StepQuery() {
  }

  /** Returns the aggregate planned as a step scan, or null if it cannot be one. */
  static @Nullable RelNode plan(Aggregate aggregate, RelNode storeInput, StepScanSettings settings) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || !(storeInput.getConvention() instanceof JdbcConvention)
        || !RelOptUtil.getVariablesUsed(storeInput).isEmpty()) {
      return null;
    }
    final JdbcConvention convention = (JdbcConvention) storeInput.getConvention();
    final RelDataType inputType = storeInput.getRowType();
    final List<ColumnKind> keyKinds = new ArrayList<>();
    final List<RexNode> keys = new ArrayList<>();
    for (int field : aggregate.getGroupSet()) {
      final @Nullable ColumnKind kind = ColumnKind.of(inputType.getFieldList().get(field).getType());
      if (kind == null) {
        return null;
      }
      keyKinds.add(kind);
      keys.add(RexInputRef.of(field, inputType));
    }
    final Calls calls = Calls.of(aggregate, inputType, storeInput.getCluster().getRexBuilder());
    if (calls == null) {
      return null;
    }
    return build(aggregate, storeInput, convention, keyKinds, keys, calls, settings);
  }

  /**
   * The behavioural calls of an aggregate: their time, their value (SEQUENCE_NEXT_NODE's event column), their
   * distinct conditions, each one's bits and the bit of the rows each one skips.
   */
  private static final class Calls {
    final List<BoundAggFunction> functions = new ArrayList<>();
    final List<String> descriptions = new ArrayList<>();
    final Map<RexNode, Integer> conditions = new LinkedHashMap<>();
    final List<List<Integer>> bits = new ArrayList<>();
    /** Per function: when it skips a row, over the aggregate's input (none: it skips no row). */
    final List<List<RexNode>> skips = new ArrayList<>();
    @Nullable RexNode time;
    @Nullable TimeKind timeKind;
    /** The one value column the functions that take a value read, or null if none does. */
    @Nullable RexNode value;
    boolean readsAllRows;

    static @Nullable Calls of(Aggregate aggregate, RelDataType inputType, RexBuilder rexBuilder) {
      final Calls calls = new Calls();
      Boolean timed = null;
      for (AggregateCall call : aggregate.getAggCallList()) {
        if (!(call.getAggregation() instanceof BoundAggFunction) || call.isDistinct() || call.isApproximate()
            || !call.collation.getFieldCollations().isEmpty()) {
          return null;
        }
        final BoundAggFunction function = (BoundAggFunction) call.getAggregation();
        final @Nullable TimeKind kind = function.timeKind();
        if (timed != null && timed != (kind != null)) {
          return null;
        }
        timed = kind != null;
        final List<Integer> args = call.getArgList();
        int first = 0;
        if (kind != null) {
          final RexNode time = RexInputRef.of(args.get(0), inputType);
          final SqlTypeName type = time.getType().getSqlTypeName();
          if (calls.time != null && !calls.time.equals(time)
              || type != SqlTypeName.TIMESTAMP && type != SqlTypeName.DATE && kind != TimeKind.INTEGER) {
            return null;
          }
          calls.time = time;
          calls.timeKind = kind;
          first = 1;
        }
        final int described = first;
        final boolean valued = function.takesValue();
        if (valued) {
          final RexNode value = RexInputRef.of(args.get(first), inputType);
          if (calls.value != null && !calls.value.equals(value)
              || ColumnKind.of(value.getType()) != ColumnKind.VARCHAR) {
            // The rows carry one value column: calls over several event columns are left to Calcite's aggregate.
            LOG.fine(() -> "no step scan: the calls take values of several columns");
            return null;
          }
          calls.value = value;
          first++;
        }
        final @Nullable RexNode filter = call.filterArg < 0 ? null : RexInputRef.of(call.filterArg, inputType);
        // A function that skips rows does so by a mask bit of its own, which the FILTER joins; any other that must
        // see rows matching none of its conditions cannot have them filtered by its conditions' bits.
        final boolean skipping = valued || function.dropsRowsWithNullConditions();
        if (filter != null && function.readsRowsMatchingNoCondition() && !skipping) {
          return null;
        }
        calls.readsAllRows |= function.readsRowsMatchingNoCondition();
        final List<Integer> own = new ArrayList<>();
        final List<RexNode> skipIf = new ArrayList<>();
        if (skipping && filter != null) {
          skipIf.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_TRUE, filter));
        }
        for (int i = first; i < args.size(); i++) {
          final RexNode condition = RexInputRef.of(args.get(i), inputType);
          final RexNode filtered = filter == null || skipping ? condition
              : rexBuilder.makeCall(SqlStdOperatorTable.AND, filter, condition);
          own.add(calls.conditions.computeIfAbsent(filtered, c -> calls.conditions.size()));
          if (function.dropsRowsWithNullConditions()) {
            skipIf.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, condition));
          }
        }
        calls.skips.add(skipIf);
        if (calls.conditions.size() > 32) {
          return null;
        }
        calls.functions.add(function);
        calls.descriptions.add(function + "(" + args.subList(described, args.size()) + ")");
        calls.bits.add(own);
      }
      return calls.functions.isEmpty() ? null : calls;
    }
  }

  /**
   * The mask bit of the rows a function skips ({@code skipIf}: its FILTER is not true, or one of its conditions is
   * NULL), a condition added to {@code conditions} (unless one is equal); -1 if no row can be skipped. Rows without
   * a time or a value are skipped anyway, so the parts {@code time IS NULL} and {@code value IS NULL} are left out:
   * the condition {@code event_name = 'a'} over the event column {@code event_name} then needs no bit.
   */
  private static int skipBit(List<RexNode> skipIf, @Nullable Project project, @Nullable RexNode time,
      @Nullable RexNode value, List<RexNode> conditions, RexBuilder rexBuilder) {
    if (skipIf.isEmpty()) {
      return -1;
    }
    final RexNode over = RexUtil.composeDisjunction(rexBuilder, skipIf);
    final RexNode pushed = project == null ? over : RelOptUtil.pushPastProject(over, project);
    final RexSimplify simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    final List<RexNode> parts = new ArrayList<>();
    for (RexNode part : RelOptUtil.disjunctions(simplify.simplifyUnknownAsFalse(pushed))) {
      final @Nullable RexNode operand = part.getKind() == SqlKind.IS_NULL ? ((RexCall) part).getOperands().get(0)
          : null;
      if (operand == null || !operand.equals(time) && !operand.equals(value)) {
        parts.add(part);
      }
    }
    final RexNode skip = RexUtil.composeDisjunction(rexBuilder, parts);
    if (skip.isAlwaysFalse()) {
      return -1;
    }
    final int existing = conditions.indexOf(skip);
    if (existing >= 0) {
      return existing;
    }
    conditions.add(skip);
    return conditions.size() - 1;
  }

  private static @Nullable RelNode build(Aggregate aggregate, RelNode storeInput, JdbcConvention convention,
      List<ColumnKind> keyKinds, List<RexNode> keyRefs, Calls calls, StepScanSettings settings) {
    final RexBuilder rexBuilder = aggregate.getCluster().getRexBuilder();
    // Express everything over the input of the pushed-down projection and filter, so that the store runs one
    // SELECT … WHERE … rather than a query nested in another.
    final List<RexNode> refs = new ArrayList<>(keyRefs);
    if (calls.time != null) {
      refs.add(calls.time);
    }
    refs.addAll(calls.conditions.keySet());
    if (calls.value != null) {
      refs.add(calls.value);
    }
    RelNode base = storeInput;
    List<RexNode> exprs = refs;
    @Nullable Project project = null;
    if (base instanceof Project && !RexOver.containsOver(((Project) base).getProjects(), null)) {
      project = (Project) base;
      exprs = RelOptUtil.pushPastProject(exprs, project);
      base = base.getInput(0);
    }
    RexNode existing = rexBuilder.makeLiteral(true);
    if (base instanceof Filter) {
      existing = ((Filter) base).getCondition();
      base = base.getInput(0);
    }
    final int keyCount = keyRefs.size();
    final List<RexNode> keys = exprs.subList(0, keyCount);
    final StoreDialect store = StoreConvention.storeOf(convention);
    final @Nullable RexNode rawTime = calls.time == null ? null : exprs.get(keyCount);
    final TimestampReading reading = store.timestampReading();
    final boolean timeInMillis = reading == TimestampReading.EPOCH_MILLIS && rawTime != null
        && rawTime.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP;
    final TimestampReading timestamps =
        timeInMillis || reading != TimestampReading.EPOCH_MILLIS ? reading : TimestampReading.LOCAL_DATE_TIME;
    final @Nullable RexNode time = timeInMillis ? store.epochMillis(rexBuilder, rawTime) : rawTime;
    final @Nullable RexNode value = calls.value == null ? null : exprs.get(exprs.size() - 1);
    final List<RexNode> conditions =
        new ArrayList<>(exprs.subList(keyCount + (time == null ? 0 : 1), exprs.size() - (value == null ? 0 : 1)));
    final List<Integer> skips = new ArrayList<>();
    for (List<RexNode> skipIf : calls.skips) {
      skips.add(skipBit(skipIf, project, rawTime, value, conditions, rexBuilder));
    }
    if (conditions.size() > 32) {
      return null;
    }
    final RexNode mask = mask(rexBuilder, conditions, store.wideMask());

    // Rows with a NULL time are not filtered out: they are few, and their group must still come back.
    final RexNode steps = calls.readsAllRows ? rexBuilder.makeLiteral(true)
        : RexUtil.composeDisjunction(rexBuilder, conditions);
    final RexSimplify simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    // The rows the step filter drops that the user's own filter keeps: their groups must still come back.
    final RexNode dropped = keyCount == 0 || implies(existing, steps, simplify) ? rexBuilder.makeLiteral(false)
        : simplify.simplifyUnknownAsFalse(rexBuilder.makeCall(SqlStdOperatorTable.AND, existing,
            rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_TRUE, steps)));
    final boolean keysOnly = !dropped.isAlwaysFalse() && store.keyLaneWorthIt();
    final boolean filterSteps = dropped.isAlwaysFalse() || keysOnly;

    final RelBuilder builder = JdbcRules.JDBC_BUILDER.create(aggregate.getCluster(), null);
    final List<String> names = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      names.add("k" + i);
    }
    if (time != null) {
      names.add("t");
    }
    names.add("mask");
    if (value != null) {
      names.add("v");
    }
    final List<RexNode> columns = new ArrayList<>(keys);
    if (time != null) {
      columns.add(time);
    }
    columns.add(mask);
    if (value != null) {
      columns.add(value);
    }
    if (simplify.simplifyUnknownAsFalse(rexBuilder.makeCall(SqlStdOperatorTable.AND, existing, filterSteps ? steps
        : rexBuilder.makeLiteral(true))).isAlwaysFalse()) {
      // No row can match (the user's filter contradicts the steps'): Calcite's aggregate over no rows answers.
      return null;
    }
    builder.push(base).filter(filterSteps ? List.of(existing, steps) : List.of(existing)).project(columns, names);
    if (keysOnly) {
      final List<RexNode> laneColumns = new ArrayList<>();
      builder.push(base).filter(dropped).project(keys, names.subList(0, keyCount)).distinct();
      laneColumns.addAll(builder.fields());
      if (time != null) {
        laneColumns.add(rexBuilder.makeNullLiteral(rexBuilder.getTypeFactory()
            .createTypeWithNullability(time.getType(), true)));
      }
      laneColumns.add(rexBuilder.makeZeroLiteral(mask.getType()));
      if (value != null) {
        laneColumns.add(rexBuilder.makeNullLiteral(rexBuilder.getTypeFactory()
            .createTypeWithNullability(value.getType(), true)));
      }
      builder.project(laneColumns, names);
      builder.union(true);
    }
    final RelNode unordered = builder.build();
    final List<RelFieldCollation> order = new ArrayList<>();
    for (int i = 0; i < keyCount + (time == null ? 0 : 1); i++) {
      order.add(new RelFieldCollation(i));
    }
    final RelCollation collation = RelCollations.of(order);
    final RelNode ordered = order.isEmpty() ? unordered : new JdbcRules.JdbcSort(unordered.getCluster(),
        unordered.getTraitSet().replace(collation), unordered, collation, null, null);

    // The store numbers the values where its driver reads strings slowly; the ordered rows, a fallback, carry them.
    final boolean numbered = value != null && !keysOnly && store.numbersValues()
        && store.streamingSetup().autocommitOff();
    final RelNode sent = numbered ? numbered(builder, unordered, base, existing, value, store) : unordered;

    final FunctionBits functionBits = new FunctionBits(calls.functions, calls.bits, conditions.size(), skips);
    final @Nullable String refusal = EnginePushdown.refusal(settings.pushdown(), store, functionBits, value != null,
        time == null ? null : time.getType().getSqlTypeName());
    if (refusal == null) {
      // The engine aggregates where the rows are: rather than a second branch for the groups without step rows, it
      // reads the rows the user's filter keeps in one scan, those without a step having mask 0, which no fold counts.
      final RelNode engineRows = !keysOnly ? unordered
          : builder.push(base).filter(List.of(existing)).project(columns, names).build();
      final EngineAggregate pushed = EnginePushdown.plan(aggregate, engineRows, convention, store, keyKinds,
          functionBits, calls.descriptions);
      LOG.fine(() -> "engine computes " + calls.descriptions + ": [" + pushed.sql() + "]");
      return pushed;
    }
    final SqlDialect dialect = convention.dialect;
    final SqlNode tree = tree(dialect, aggregate, sent);
    final SqlString sql = tree.toSqlString(dialect);
    final SqlString orderedSql = sql(dialect, aggregate, ordered);
    StoreQuery.@Nullable Numbering numbering = null;
    if (numbered) {
      final RelNode values = distinctValues(builder, base, existing, store.numberedValue(rexBuilder, value)).build();
      final SqlString valuesSql = sql(dialect, aggregate, values);
      numbering = new StoreQuery.Numbering(valuesSql.getSql(), parameters(valuesSql, values));
    }
    final @Nullable BinaryCopy copy = store.binaryCopy();
    final StepScanPlan plan = new StepScanPlan(
        new StoreQuery(sql.getSql(), orderedSql.getSql(), parameters(sql, sent), parameters(orderedSql, ordered),
            numbering, copy == null ? null : new StoreQuery.Copy(copy, new SqlWithValues(tree, dialect, sql.getSql()))),
        new RowLayout(keyKinds, calls.timeKind, timestamps, value != null, numbered, store.columnarExport()),
        functionBits);
    final StepScan scan = new StepScan(plan, settings, null);
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("step scan of " + calls.descriptions + ": the store runs [" + scan.sql() + "]");
    }
    return new StepScanAggregate(aggregate.getCluster(), aggregate.getTraitSet().replace(EnumerableConvention.INSTANCE),
        settings.sourceSort() ? ordered : sent, aggregate.getRowType(), calls.descriptions, convention, scan, refusal);
  }

  /**
   * The rows with the store's numbers of the values in place of the values ({@link RowLayout#numbered()}): the rows
   * {@code LEFT JOIN} the distinct values of the rows the user's filter keeps, numbered in their order
   * ({@link #distinctValues}), on the value.
   *
   * @param rows the rows with their values, the value last
   * @param value the value, over {@code base}
   * @param store the store, which says what it numbers ({@link StoreDialect#numberedValue})
   */
  private static RelNode numbered(RelBuilder builder, RelNode rows, RelNode base, RexNode existing, RexNode value,
      StoreDialect store) {
    final List<String> names = rows.getRowType().getFieldNames();
    final int width = names.size();
    final RexBuilder rexBuilder = builder.getRexBuilder();
    builder.push(rows);
    distinctValues(builder, base, existing, store.numberedValue(rexBuilder, value));
    builder.join(JoinRelType.LEFT, builder.equals(store.numberedValue(rexBuilder, builder.field(2, 0, width - 1)),
        builder.field(2, 1, "n_v")));
    final List<RexNode> columns = new ArrayList<>(builder.fields().subList(0, width - 1));
    columns.add(builder.field("n"));
    return builder.project(columns, names).build();
  }

  /**
   * Pushes the distinct values of the rows the user's filter keeps and their numbers, {@code (n, n_v)}, numbered in
   * the values' order ({@code ROW_NUMBER() OVER (ORDER BY v)}), which is the same in every query of one snapshot.
   */
  private static RelBuilder distinctValues(RelBuilder builder, RelNode base, RexNode existing, RexNode value) {
    builder.push(base).filter(existing).project(List.of(value), List.of("n_v")).distinct();
    final RexNode number = builder.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over()
        .orderBy(builder.field("n_v")).toRex();
    return builder.project(List.of(number, builder.field("n_v")), List.of("n", "n_v"));
  }

  /** The FunnelSQL statement's parameters of a store query, one per {@code ?}. */
  private static StoreParameters parameters(SqlString sql, RelNode query) {
    final List<Integer> ordinals = sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters();
    return StoreParameters.of(ordinals, parameterTypes(query));
  }

  /** The SQL types of the statement's parameters that a plan uses, by ordinal. */
  static Map<Integer, SqlTypeName> parameterTypes(RelNode plan) {
    final Map<Integer, SqlTypeName> types = new HashMap<>();
    final RexShuttle collector = new RexShuttle() {
      @Override public RexNode visitDynamicParam(RexDynamicParam param) {
        types.put(param.getIndex(), param.getType().getSqlTypeName());
        return param;
      }
    };
    plan.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        other.accept(collector);
        return super.visit(other);
      }
    });
    return types;
  }

  /**
   * Whether every row that {@code existing} keeps also passes {@code steps}: one of its conjuncts is {@code steps},
   * one of its disjuncts, a search ({@code x IN (…)}, {@code x = …}) within the values {@code steps} searches, or a
   * disjunction of those.
   */
  private static boolean implies(RexNode existing, RexNode steps, RexSimplify simplify) {
    final RexNode target = simplify.simplifyUnknownAsFalse(steps);
    if (target.isAlwaysTrue()) {
      return true;
    }
    final List<RexNode> disjuncts = RelOptUtil.disjunctions(target);
    for (RexNode conjunct : RelOptUtil.conjunctions(simplify.simplifyUnknownAsFalse(existing))) {
      if (conjunct.isAlwaysFalse() || RelOptUtil.disjunctions(conjunct).stream()
          .allMatch(part -> isAmong(part, disjuncts))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code part} implies one of the disjuncts: is one, or searches within one. */
  private static boolean isAmong(RexNode part, List<RexNode> disjuncts) {
    if (disjuncts.contains(part)) {
      return true;
    }
    for (RexNode disjunct : disjuncts) {
      if (searchesWithin(part, disjunct)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code inner} searches the same expression as {@code outer}, for values {@code outer} accepts. */
  private static boolean searchesWithin(RexNode inner, RexNode outer) {
    if (inner.getKind() != SqlKind.SEARCH || outer.getKind() != SqlKind.SEARCH
        || !((RexCall) inner).getOperands().get(0).equals(((RexCall) outer).getOperands().get(0))) {
      return false;
    }
    final @Nullable Sarg<?> innerSarg = ((RexLiteral) ((RexCall) inner).getOperands().get(1)).getValueAs(Sarg.class);
    final @Nullable Sarg<?> outerSarg = ((RexLiteral) ((RexCall) outer).getOperands().get(1)).getValueAs(Sarg.class);
    return innerSarg != null && outerSarg != null && innerSarg.nullAs != RexUnknownAs.TRUE
        && encloses(outerSarg, innerSarg);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean encloses(Sarg outer, Sarg inner) {
    return outer.rangeSet.enclosesAll(inner.rangeSet);
  }

  /**
   * The mask column: {@code CASE WHEN c0 THEN 1 ELSE 0 END + CASE WHEN c1 THEN 2 ELSE 0 END + …}; when the
   * conditions are equalities of one expression with distinct constants (event names), which hold one at a time, the
   * single {@code CASE WHEN x = 'a' THEN 1 WHEN x = 'b' THEN 2 … ELSE 0 END}, which stores evaluate faster. BIGINT
   * beyond 30 conditions, and where the store's driver reads a BIGINT column fastest ({@code wide}).
   */
  private static RexNode mask(RexBuilder rexBuilder, List<RexNode> conditions, boolean wide) {
    final RelDataType type = rexBuilder.getTypeFactory().createSqlType(
        wide || conditions.size() > 30 ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
    final RexNode zero = rexBuilder.makeExactLiteral(java.math.BigDecimal.ZERO, type);
    if (exclusiveEqualities(conditions)) {
      final List<RexNode> operands = new ArrayList<>();
      for (int i = 0; i < conditions.size(); i++) {
        operands.add(conditions.get(i));
        operands.add(rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(1L << i), type));
      }
      operands.add(zero);
      return rexBuilder.makeCall(SqlStdOperatorTable.CASE, operands);
    }
    RexNode sum = null;
    for (int i = 0; i < conditions.size(); i++) {
      final RexNode bit = rexBuilder.makeCall(SqlStdOperatorTable.CASE, conditions.get(i),
          rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(1L << i), type), zero);
      sum = sum == null ? bit : rexBuilder.makeCall(SqlStdOperatorTable.PLUS, sum, bit);
    }
    return sum == null ? zero : sum;
  }

  /** Whether the conditions are {@code x = constant} for one {@code x} and distinct constants. */
  private static boolean exclusiveEqualities(List<RexNode> conditions) {
    if (conditions.size() < 2) {
      return false;
    }
    final java.util.Set<RexNode> constants = new java.util.HashSet<>();
    RexNode subject = null;
    for (RexNode condition : conditions) {
      if (condition.getKind() != SqlKind.EQUALS) {
        return false;
      }
      final List<RexNode> operands = ((RexCall) condition).getOperands();
      final RexNode value = operands.get(1);
      if (!(value instanceof RexLiteral) || ((RexLiteral) value).isNull() || !constants.add(value)
          || subject != null && !subject.equals(operands.get(0))) {
        return false;
      }
      subject = operands.get(0);
    }
    return true;
  }

  private static SqlString sql(SqlDialect dialect, Aggregate aggregate, RelNode query) {
    return tree(dialect, aggregate, query).toSqlString(dialect);
  }

  private static SqlNode tree(SqlDialect dialect, Aggregate aggregate, RelNode query) {
    final JdbcImplementor implementor =
        new JdbcImplementor(dialect, (JavaTypeFactory) aggregate.getCluster().getTypeFactory());
    return implementor.visitRoot(query).asStatement();
  }
}
