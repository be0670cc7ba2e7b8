package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.EngineCall;
import dev.funnelsql.calcite.store.EngineFolds;
import dev.funnelsql.calcite.store.StoreDialect;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Plans a behavioural aggregate computed whole in the engine ({@code funnel.pushdown}): the step query the client's
 * step scan would read, grouped by its key in the engine, each call (a funnel, a retention) an aggregate expression
 * of the engine's {@link EngineFolds}, so that one row per group comes back instead of the group's step rows.
 */
final class EnginePushdown {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private EnginePushdown() {
  }

  /**
   * Why the aggregate is not computed in the engine, or null if it is.
   *
   * @param valued whether the step rows carry a value (SEQUENCE_NEXT_NODE)
   * @param timeType the type of the step rows' time column, or null if they have none
   */
  static @Nullable String refusal(StepScanSettings.Pushdown pushdown, StoreDialect store, FunctionBits functions,
      boolean valued, @Nullable SqlTypeName timeType) {
    final boolean asked = pushdown == StepScanSettings.Pushdown.ENGINE
        || pushdown == StepScanSettings.Pushdown.AUTO && store.prefersEngineFolds();
    if (!asked) {
      return pushdown == StepScanSettings.Pushdown.CLIENT ? "funnel.pushdown=client" : "";
    }
    final @Nullable EngineFolds folds = store.engineFolds();
    if (folds == null) {
      return "the store computes no funnel in its SQL";
    }
    boolean timed = false;
    for (int f = 0; f < functions.functions().size(); f++) {
      final @Nullable EngineCall call = functions.functions().get(f).engineCall();
      if (call == null || functions.skips().get(f) >= 0) {
        return "the store computes no " + functions.functions().get(f);
      }
      if (call instanceof EngineCall.Funnel && !folds.folds(((EngineCall.Funnel) call).spec())) {
        return "the store cannot compute " + functions.functions().get(f) + " exactly";
      }
      timed |= call instanceof EngineCall.Funnel;
    }
    if (valued || timed && (timeType == null || timeType != SqlTypeName.TIMESTAMP && timeType != SqlTypeName.DATE
        && !SqlTypeName.INT_TYPES.contains(timeType))) {
      return "the time is not a TIMESTAMP, DATE or integer";
    }
    return null;
  }

  /**
   * The aggregate computed in the engine, over the step rows {@code rows} (the key columns, the time unless the calls
   * take none, the mask), which {@link #refusal} accepted.
   */
  static EngineAggregate plan(Aggregate aggregate, RelNode rows, JdbcConvention convention, StoreDialect store,
      List<ColumnKind> keyKinds, FunctionBits functions, List<String> descriptions) {
    final EngineFolds folds = store.engineFolds();
    final SqlDialect dialect = convention.dialect;
    final JdbcImplementor implementor =
        new JdbcImplementor(dialect, (JavaTypeFactory) aggregate.getCluster().getTypeFactory());
    final SqlNode stepRows = implementor.visitRoot(rows).asStatement();
    final List<String> names = rows.getRowType().getFieldNames();
    final int keyCount = keyKinds.size();
    final SqlNodeList keys = new SqlNodeList(POS);
    final SqlNodeList columns = new SqlNodeList(POS);
    for (int i = 0; i < keyCount; i++) {
      keys.add(new SqlIdentifier(names.get(i), POS));
      columns.add(new SqlIdentifier(names.get(i), POS));
    }
    // The rows' columns: the keys, the time if the calls take one, the mask.
    final boolean timed = names.size() == keyCount + 2;
    final String mask = dialect.quoteIdentifier(names.get(names.size() - 1));
    final String time = !timed ? "" : folds.timeLine(dialect.quoteIdentifier(names.get(keyCount)),
        rows.getRowType().getFieldList().get(keyCount).getType().getSqlTypeName());
    final List<EngineCall> calls = new ArrayList<>();
    for (int f = 0; f < functions.functions().size(); f++) {
      final EngineCall call = functions.functions().get(f).engineCall();
      calls.add(call);
      final long[] bits = functions.bits().get(f).stream().mapToLong(bit -> 1L << bit).toArray();
      final String computed;
      if (call instanceof EngineCall.Funnel) {
        final EngineCall.Funnel funnel = (EngineCall.Funnel) call;
        computed = folds.funnel(funnel.spec(), funnel.exclusions(), funnel.times(), bits, time, mask);
      } else {
        computed = folds.retention(bits, mask);
      }
      columns.add(SqlStdOperatorTable.AS.createCall(POS, new EngineText(computed).createCall(POS),
          new SqlIdentifier("f" + f, POS)));
    }
    final SqlNode from = SqlStdOperatorTable.AS.createCall(POS, stepRows, new SqlIdentifier("q", POS));
    final SqlSelect select = new SqlSelect(POS, SqlNodeList.EMPTY, columns, from, null,
        keyCount == 0 ? null : keys, null, null, null, null, null, null, null);
    final SqlString sql = select.toSqlString(dialect);
    final List<Integer> ordinals = sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters();
    final EngineScan scan = new EngineScan(new EngineScan.Query(sql.getSql(),
        StoreParameters.of(ordinals, StepQuery.parameterTypes(rows)), keyKinds, calls, folds.arrayResults()), null);
    return new EngineAggregate(aggregate.getCluster(), aggregate.getTraitSet()
        .replace(org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE), rows, aggregate.getRowType(),
        descriptions, convention, scan);
  }

  /** Engine SQL that Calcite cannot build as a parse tree (lambdas over arrays), printed as it is. */
  private static final class EngineText extends SqlSpecialOperator {
    EngineText(String text) {
      super(text, SqlKind.OTHER);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      writer.print(getName());
    }
  }
}
