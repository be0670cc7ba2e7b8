package dev.funnelsql.calcite.store;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
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

  /**
   * A call of the store's function {@code name} printed as named, for a store whose function names are
   * case-sensitive (ClickHouse's {@code toMonday}).
   */
  static SqlNode named(String name, SqlNode... operands) {
    return new SqlFunction(name, SqlKind.OTHER_FUNCTION, null, null, null, SqlFunctionCategory.SYSTEM) {
      @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        writer.print(name);
        writer.setNeedWhitespace(false);
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode operand : call.getOperandList()) {
          writer.sep(",");
          operand.unparse(writer, 0, 0);
        }
        writer.endList(frame);
      }
    }.createCall(POS, operands);
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

  /**
   * {@code timezone(zone, timezone('UTC', CAST(time AS TIMESTAMP)))}, as PostgreSQL and DuckDB both read it: the
   * wall-clock time of {@code zone} at the instant that {@code time} holds in UTC.
   */
  static SqlNode timezone(SqlNode time, String zone) {
    return function("timezone", literal(zone), function("timezone", literal("UTC"), cast(time, SqlTypeName.TIMESTAMP)));
  }

  /** {@code left AT TIME ZONE zone}: the store's conversion of a time with a time zone to another zone. */
  static SqlNode atTimeZone(SqlNode left, String zone) {
    return AT_TIME_ZONE.createCall(POS, left, literal(zone));
  }

  /** {@code EXTRACT(field FROM node)} for a field that Calcite has no time unit for ({@code TIMEZONE_HOUR}). */
  static SqlNode extract(String field, SqlNode node) {
    return new SqlFunction("EXTRACT", SqlKind.OTHER_FUNCTION, null, null, null, SqlFunctionCategory.SYSTEM) {
      @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        final SqlWriter.Frame frame = writer.startFunCall(getName());
        writer.keyword(field);
        writer.sep("FROM");
        call.operand(0).unparse(writer, 0, 0);
        writer.endFunCall(frame);
      }
    }.createCall(POS, node);
  }

  private static final SqlBinaryOperator AT_TIME_ZONE = new SqlBinaryOperator("AT TIME ZONE", SqlKind.OTHER, 60,
      true, null, null, null);

  /** {@code left / right}. */
  static SqlNode divide(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.DIVIDE.createCall(POS, left, right);
  }
}
