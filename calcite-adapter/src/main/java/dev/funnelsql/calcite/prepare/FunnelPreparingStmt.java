package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.function.CalendarZone;
import dev.funnelsql.calcite.registry.FunctionRegistry;
import dev.funnelsql.calcite.resultcache.Cacheability;
import dev.funnelsql.calcite.funnel.PruneFunnelTableInputs;
import dev.funnelsql.calcite.funnel.ScopeFunnelTablesByEntry;
import dev.funnelsql.calcite.stepscan.UseStepScan;
import dev.funnelsql.calcite.store.ConstantSortKeysOut;
import dev.funnelsql.calcite.store.GroupOverWindows;
import dev.funnelsql.calcite.store.GroupsInStore;
import dev.funnelsql.calcite.store.TimestampsReadAsMillis;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement being prepared: Calcite's, with FunnelSQL's operator table and constant-binding program, and, when its
 * plan is to be shared, its filter literals replaced by parameters ({@link LiteralParameters}); it tells the
 * {@link Cacheability} what kind of statement it is and what its logical plan calls.
 */
final class FunnelPreparingStmt extends CalcitePrepareImpl.CalcitePreparingStmt {
  private final Cacheability cacheability;
  private final @Nullable LiteralParameters literals;

  @SuppressWarnings("checkstyle:ParameterNumber")
  FunnelPreparingStmt(CalcitePrepareImpl prepare, CalcitePrepare.Context context,
      Prepare.CatalogReader catalogReader, RelDataTypeFactory typeFactory, CalciteSchema schema,
      EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
      SqlRexConvertletTable convertletTable, Cacheability cacheability, @Nullable LiteralParameters literals) {
    super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention,
        convertletTable);
    this.cacheability = cacheability;
    this.literals = literals;
  }

  @Override protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
      UnaryOperator<SqlValidator.Config> configTransform) {
    final CalciteConnectionConfig config = context.config();
    final SqlOperatorTable standard = config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance());
    final List<SqlOperatorTable> tables = new ArrayList<>();
    tables.add(FunctionRegistry.operatorTable());
    tables.add(standard);
    tables.add((CalciteCatalogReader) catalogReader);
    final SqlOperatorTable operators = SqlOperatorTables.chain(tables);
    final SqlValidator.Config validatorConfig = configTransform.apply(SqlValidator.Config.DEFAULT
        .withLenientOperatorLookup(config.lenientOperatorLookup())
        .withConformance(config.conformance())
        .withDefaultNullCollation(config.defaultNullCollation())
        .withIdentifierExpansion(true));
    return new CalciteSqlValidator(operators, (CalciteCatalogReader) catalogReader, context.getTypeFactory(),
        validatorConfig);
  }

  @Override public PreparedResult prepareSql(SqlNode sqlQuery, SqlNode sqlNodeOriginal,
      Class<?> runtimeContextClass, SqlValidator validator, boolean needsValidation) {
    ReadOnlyGuard.check(sqlQuery);
    cacheability.statement(sqlQuery);
    if (literals != null) {
      literals.applyTo(sqlQuery, typeFactory);
    }
    PostgresDateTrunc.rewrite(sqlQuery);
    return super.prepareSql(sqlQuery, sqlNodeOriginal, runtimeContextClass, validator, needsValidation);
  }

  /** Judges the logical plan (views expanded) for the result cache, then optimizes it. */
  @Override protected RelRoot optimize(RelRoot root, List<Prepare.Materialization> materializations,
      List<CalciteSchema.LatticeEntry> lattices) {
    cacheability.plan(root.rel);
    return super.optimize(root, materializations, lattices);
  }

  @Override protected Program getProgram() {
    final LocalCalendar calendar = CalendarZone.of(context.getRootSchema());
    return Programs.sequence(Programs.subQuery(DefaultRelMetadataProvider.INSTANCE), new SessionizeAsWindows(),
        new ZoneCalendarCalls(calendar), new BindConstantArguments(),
        new ScopeFunnelTablesByEntry(new RexExecutorImpl(context.getDataContext()), cacheability::planReadsClock,
            calendar),
        new PruneFunnelTableInputs(), Programs.standard(), new GroupOverWindows(), new UseStepScan(),
        new GroupsInStore(), new GroupOverWindows(), new ConstantSortKeysOut(), new TimestampsReadAsMillis(),
        new ReplayNestedLoopInners());
  }
}
