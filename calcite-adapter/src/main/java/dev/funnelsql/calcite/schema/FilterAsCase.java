package dev.funnelsql.calcite.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An aggregate's {@code FILTER} folded into its argument: {@code AGG(x) FILTER (WHERE c)} as {@code AGG(CASE WHEN c
 * THEN x END)}, {@code COUNT(*)} counting {@code 1}; the same rows count. For where a FILTER cannot stand: H2's
 * grouping with many of them, and a window aggregate over the events.
 */
public final class FilterAsCase {
  private FilterAsCase() {
  }

  /** The aggregate of a {@code FILTER} call (its operand 0) with the filter (operand 1) in its argument. */
  public static SqlCall of(SqlCall filter) {
    final SqlCall aggregate = filter.operand(0);
    final List<SqlNode> operands = new ArrayList<>(aggregate.getOperandList());
    final boolean star = operands.isEmpty()
        || operands.get(0) instanceof SqlIdentifier && ((SqlIdentifier) operands.get(0)).isStar();
    final SqlNode value = star ? SqlLiteral.createExactNumeric("1", SqlParserPos.ZERO) : operands.get(0);
    final SqlNode when = SqlStdOperatorTable.CASE.createCall(null, SqlParserPos.ZERO, null,
        SqlNodeList.of(filter.operand(1)), SqlNodeList.of(value), SqlLiteral.createNull(SqlParserPos.ZERO));
    if (operands.isEmpty()) {
      operands.add(when);
    } else {
      operands.set(0, when);
    }
    return aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), aggregate.getParserPosition(),
        operands);
  }
}
