package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.function.CalendarZone;
import java.lang.reflect.Type;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.resultcache.Cacheability;
import dev.funnelsql.calcite.resultcache.CachingSignatures;
import dev.funnelsql.calcite.stepscan.StepScanSettings;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's statement preparation with FunnelSQL's additions: the behavioural functions in the validator's
 * operator table, a planning program that binds their constant arguments and plans step scans, and a per-connection
 * cache of prepared plans ({@link PlanCache}), shared by queries that differ only in their filter literals
 * ({@link LiteralParameters}), whose plans answer through the shared result cache when they may
 * ({@link CachingSignatures}). One is created per statement.
 */
public class FunnelPrepare extends CalcitePrepareImpl {
  private static final Logger LOG = Logger.getLogger(FunnelPrepare.class.getName());

  /** Whether the statement this instance prepares may be answered from the result cache; judged while planning. */
  private final Cacheability cacheability = new Cacheability();
  /** The literals that the statement being prepared takes as parameters, or null to prepare it as it is. */
  private @Nullable LiteralParameters literals;

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    final JavaTypeFactory typeFactory = context.getTypeFactory();
    final EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new FunnelPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable(), cacheability, literals);
  }

  /**
   * Prepares a statement, or reuses the plan prepared earlier for the same SQL on this connection; reports a write
   * that Calcite cannot parse (another dialect's DDL, a row lock) as a refused write.
   */
  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    final @Nullable String sql = query.sql;
    if (sql != null && sql.isBlank()) {
      // Calcite's parser fails on an empty statement with an index out of bounds.
      throw new IllegalArgumentException("parse failed", new SqlParseException("the statement is empty",
          SqlParserPos.ZERO, null, null, null));
    }
    final @Nullable PlanCache cache = sql == null ? null : PlanCache.of(context.getRootSchema());
    if (cache != null) {
      final @Nullable LiteralParameters parameters = PlanSettings.of(context.getRootSchema()).literalsAsParameters()
          ? StatementLiterals.find(sql, cache, context.getTypeFactory(), () -> parserConfig(context)) : null;
      final @Nullable CalciteSignature<T> shared =
          parameters == null ? null : prepareShared(context, query, elementType, maxRowCount, cache, parameters);
      if (shared != null) {
        return shared;
      }
      final @Nullable CalciteSignature<T> cached =
          cache.get(sql, context.getDefaultSchemaPath(), maxRowCount, elementType);
      if (cached != null) {
        if (LOG.isLoggable(Level.FINE)) {
          LOG.fine("reusing the prepared plan of [" + sql + "]");
        }
        return cached;
      }
    }
    final CalciteSignature<T> prepared;
    try {
      prepared = CachingSignatures.wrap(context, sql, maxRowCount, elementType,
          super.prepareSql(context, query, elementType, maxRowCount), cacheability);
    } catch (RuntimeException e) {
      throw ReadOnlyGuard.refuseUnparsed(sql, e);
    }
    if (cache != null && cacheability.planMayBeKept()) {
      cache.put(sql, context.getDefaultSchemaPath(), maxRowCount, elementType, prepared);
    }
    return prepared;
  }

  /**
   * Prepares a query through the plan it shares with the queries that differ from it only in their filter literals
   * (reusing that plan if one was prepared), or returns null if it cannot share one: then it is prepared as it is,
   * so any error is reported as for its own text.
   */
  private <T> @Nullable CalciteSignature<T> prepareShared(Context context, Query<T> query, Type elementType,
      long maxRowCount, PlanCache cache, LiteralParameters parameters) {
    final List<String> schemaPath = context.getDefaultSchemaPath();
    @Nullable CalciteSignature<T> plan = cache.getShared(parameters, schemaPath, maxRowCount, elementType);
    if (plan != null) {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine("reusing the shared plan of [" + parameters.keySql() + "] for [" + query.sql + "]");
      }
      return parameters.bind(plan);
    }
    if (cache.isUnshared(parameters, schemaPath, maxRowCount, elementType)) {
      return null;
    }
    literals = parameters;
    try {
      plan = super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "the literals of [" + query.sql + "] cannot be parameters", e);
      cache.refuseSharing(parameters, schemaPath, maxRowCount, elementType);
      return null;
    } finally {
      literals = null;
    }
    if (!parameters.sharable(plan)) {
      cache.refuseSharing(parameters, schemaPath, maxRowCount, elementType);
      return null;
    }
    // The result cache keys an answer by the shared text and the values bound to its parameters.
    final CalciteSignature<T> answering =
        CachingSignatures.wrap(context, parameters.keySql(), maxRowCount, elementType, plan, cacheability);
    if (cacheability.planMayBeKept()) {
      cache.putShared(parameters, schemaPath, maxRowCount, elementType, answering);
    }
    return parameters.bind(answering);
  }

  /** The parser settings Calcite prepares a statement of this connection with. */
  private SqlParser.Config parserConfig(Context context) {
    final CalciteConnectionConfig config = context.config();
    SqlParser.Config parserConfig = parserConfig()
        .withQuotedCasing(config.quotedCasing())
        .withUnquotedCasing(config.unquotedCasing())
        .withQuoting(config.quoting())
        .withConformance(config.conformance())
        .withCaseSensitive(config.caseSensitive());
    final @Nullable SqlParserImplFactory parserFactory = config.parserFactory(SqlParserImplFactory.class, null);
    if (parserFactory != null) {
      parserConfig = parserConfig.withParserFactory(parserFactory);
    }
    return parserConfig;
  }

  /**
   * Releases what FunnelSQL keeps for a connection whose root schema is {@code root} (its plans, its settings); the
   * results it put in the shared result cache stay for other connections until they expire.
   */
  public static void connectionClosed(CalciteSchema root) {
    PlanCache.forget(root);
    PlanSettings.forget(root);
    CalendarZone.forget(root);
    StepScanSettings.forget(root);
    CacheScope.forget(root);
  }

  /** DDL and session options are never executed: FunnelSQL is read-only. */
  @Override public void executeDdl(Context context, SqlNode node) {
    throw ReadOnlyGuard.refuseDdl(node);
  }
}
