package dev.funnelsql.calcite.stepscan;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A store query's parse tree, printed by the store's dialect with the FunnelSQL statement's values in place of its
 * parameters, for a store read that takes no bind parameters ({@link dev.funnelsql.calcite.store.BinaryCopy}). Each
 * value becomes a literal typed as binding it types it; a value without a literal here makes the query not
 * printable, and the prepared query runs instead. Two are equal when the queries
 * they print with parameters are, so that equal step scans stay equal.
 */
final class SqlWithValues {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final SqlNode tree;
  private final SqlDialect dialect;
  private final String sql;

  /**
   * Keeps a query.
   *
   * @param tree its parse tree, not changed afterwards
   * @param dialect the store's dialect
   * @param sql the tree printed with parameters, as the prepared query runs it
   */
  SqlWithValues(SqlNode tree, SqlDialect dialect, String sql) {
    this.tree = tree;
    this.dialect = dialect;
    this.sql = sql;
  }

  /** The query with the values of the parameters in {@code root}, or null if one of them has no literal here. */
  @Nullable String print(StoreParameters parameters, DataContext root) {
    final DataContext values = parameters.valuesFrom(root);
    final boolean[] printable = {true};
    final SqlNode inlined = tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlDynamicParam param) {
        final @Nullable SqlNode literal =
            literal(values.get("?" + param.getIndex()), parameters.typeOf(param.getIndex()));
        if (literal == null) {
          printable[0] = false;
          return param;
        }
        return literal;
      }
    });
    return printable[0] ? Objects.requireNonNull(inlined).toSqlString(dialect).getSql() : null;
  }

  /**
   * A value as a literal that the query types as it would the bound value, or null if there is none for it here: a
   * number, string or truth value cast to the type of its Java value (as the driver binds it, whatever the
   * parameter's own type), a date or time as an untyped string that the query's context types (which the driver
   * leaves to the store), NULL cast to the parameter's type.
   */
  private static @Nullable SqlNode literal(@Nullable Object value, SqlTypeName type) {
    if (value == null) {
      final @Nullable SqlTypeName cast = nullType(type);
      return cast == null ? null : cast(SqlLiteral.createNull(POS), cast);
    }
    if (value instanceof Boolean) {
      return SqlLiteral.createBoolean((Boolean) value, POS);
    }
    if (value instanceof Timestamp) {
      return SqlLiteral.createCharString(((Timestamp) value).toLocalDateTime().toString(), POS);
    }
    if (value instanceof Date) {
      return SqlLiteral.createCharString(((Date) value).toLocalDate().toString(), POS);
    }
    if (value instanceof Time) {
      return SqlLiteral.createCharString(((Time) value).toLocalTime().toString(), POS);
    }
    final SqlTypeName cast;
    final String text;
    if (value instanceof String) {
      cast = SqlTypeName.VARCHAR;
      text = (String) value;
    } else if (value instanceof BigDecimal) {
      cast = SqlTypeName.DECIMAL;
      text = ((BigDecimal) value).toPlainString();
    } else if (value instanceof Long) {
      cast = SqlTypeName.BIGINT;
      text = value.toString();
    } else if (value instanceof Integer) {
      cast = SqlTypeName.INTEGER;
      text = value.toString();
    } else if (value instanceof Short || value instanceof Byte) {
      cast = SqlTypeName.SMALLINT;
      text = value.toString();
    } else if (value instanceof Double) {
      cast = SqlTypeName.FLOAT;
      text = value.toString();
    } else if (value instanceof Float) {
      cast = SqlTypeName.REAL;
      text = value.toString();
    } else {
      return null;
    }
    return cast(SqlLiteral.createCharString(text, POS), cast);
  }

  /** The type a NULL parameter is cast to (without a precision), or null for a type without one here. */
  private static @Nullable SqlTypeName nullType(SqlTypeName type) {
    switch (type) {
      case BOOLEAN:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case DECIMAL:
      case REAL:
      case DATE:
      case TIME:
      case TIMESTAMP:
        return type;
      case TINYINT:
        return SqlTypeName.SMALLINT;
      case FLOAT:
      case DOUBLE:
        return SqlTypeName.FLOAT;
      case CHAR:
      case VARCHAR:
        return SqlTypeName.VARCHAR;
      default:
        return null;
    }
  }

  private static SqlNode cast(SqlNode value, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(POS, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS));
  }

  @Override public boolean equals(@Nullable Object other) {
    return other instanceof SqlWithValues && ((SqlWithValues) other).sql.equals(sql);
  }

  @Override public int hashCode() {
    return sql.hashCode();
  }

  @Override public String toString() {
    return sql;
  }
}
