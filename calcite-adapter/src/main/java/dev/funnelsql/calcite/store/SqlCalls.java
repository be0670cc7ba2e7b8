package dev.funnelsql.calcite.store;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Builds the pieces of store SQL that a dialect's spelling of a FunnelSQL function is made of, as parse-tree nodes
 * the store's Calcite dialect then prints: calls of the store's own functions by name, literals, casts and
 * arithmetic.
 */
final class SqlCalls {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private SqlCalls() {
  }

  /** A call of the store's function {@code name}, printed as {@code NAME(operands)}. */
  static SqlNode function(String name, SqlNode... operands) {
    final SqlFunction function = new SqlFunction(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, null, null,
        null, SqlFunctionCategory.SYSTEM);
    return function.createCall(POS, operands);
  }

  /** A character literal. */
  static SqlNode literal(String value) {
    return SqlLiteral.createCharString(value, POS);
  }

  /** An integer literal. */
  static SqlNode number(long value) {
    return SqlLiteral.createExactNumeric(Long.toString(value), POS);
  }

  /** {@code CAST(node AS type)}. */
  static SqlNode cast(SqlNode node, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(POS, node,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS));
  }

  /** {@code left - right}. */
  static SqlNode minus(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.MINUS.createCall(POS, left, right);
  }

  /** {@code left + right}. */
  static SqlNode plus(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.PLUS.createCall(POS, left, right);
  }

  /** {@code left * right}. */
  static SqlNode times(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.MULTIPLY.createCall(POS, left, right);
  }

  /** {@code left / right}. */
  static SqlNode divide(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.DIVIDE.createCall(POS, left, right);
  }
}
