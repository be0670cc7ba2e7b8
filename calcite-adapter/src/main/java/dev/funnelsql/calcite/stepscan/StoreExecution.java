package dev.funnelsql.calcite.stepscan;

import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Schemas;

/**
 * The generated code of a node that runs its own store query ({@link StepScanAggregate}, {@link EngineAggregate}):
 * it calls {@code execute(root, dataSource, scalar)} on the node's stashed executable part.
 */
final class StoreExecution {
  private StoreExecution() {
  }

  /**
   * Implements a node whose rows are {@code executable.execute(DataContext, DataSource, boolean)}.
   *
   * @param executable the node's immutable executable part, stashed in the generated code
   * @param type its class
   * @param convention the store's convention, whose data source it runs against
   */
  static <T> EnumerableRel.Result implement(EnumerableRelImplementor implementor, RelDataType rowType, T executable,
      Class<? super T> type, JdbcConvention convention) {
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), rowType, JavaRowFormat.ARRAY);
    final boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    final Expression stashed = implementor.stash(executable, type);
    final Expression source = Schemas.unwrap(convention.expression, DataSource.class);
    final BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null,
        Expressions.call(stashed, "execute", DataContext.ROOT, source, Expressions.constant(scalar))));
    return implementor.result(physType, builder.toBlock());
  }
}
