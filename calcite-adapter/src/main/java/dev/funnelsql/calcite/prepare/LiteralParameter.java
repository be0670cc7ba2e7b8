package dev.funnelsql.calcite.prepare;

import java.math.BigDecimal;
import java.sql.Types;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one literal of a filter becomes: a parameter {@code ?}, which validation types like what it is compared with
 * (the column, the expression, the aggregate), and the literal's value bound in its place. The value is bound only
 * if it fits that type exactly — a string to a {@code VARCHAR}; a whole number within the range of an integer type;
 * a decimal without rounding into a {@code DECIMAL(p, s)} or exactly as a {@code DOUBLE}; an approximate number to a
 * {@code DOUBLE} — since then comparing with the parameter is comparing with the literal. Otherwise (a string
 * compared with a date, a number with a string, {@code id > 2.5} with {@code id} an integer) the statement is planned
 * with its literal. Strings with a character set or collation of their own, or with a character the default
 * character set cannot encode (which Calcite refuses), stay literals.
 */
final class LiteralParameter {
  private static final String STRING = "CHAR";

  private final String keyType;
  private final Object value;
  private final boolean approximate;

  private LiteralParameter(String keyType, Object value, boolean approximate) {
    this.keyType = keyType;
    this.value = value;
    this.approximate = approximate;
  }

  /** The parameter for {@code literal}, or null if it must stay a literal. */
  static @Nullable LiteralParameter of(SqlLiteral literal, RelDataTypeFactory typeFactory) {
    if (literal instanceof SqlNumericLiteral) {
      final @Nullable BigDecimal number = ((SqlNumericLiteral) literal).bigDecimalValue();
      if (number == null) {
        return null;
      }
      final RelDataType type = ((SqlNumericLiteral) literal).createSqlType(typeFactory);
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL
          && type.getPrecision() > typeFactory.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL)) {
        return null;
      }
      return new LiteralParameter(type.getFullTypeString(), number, type.getSqlTypeName() == SqlTypeName.DOUBLE);
    }
    if (literal instanceof SqlCharStringLiteral) {
      final @Nullable NlsString string = literal.getValueAs(NlsString.class);
      if (string == null || string.getCharsetName() != null || string.getCollation() != null
          || !typeFactory.getDefaultCharset().newEncoder().canEncode(string.getValue())) {
        return null;
      }
      return new LiteralParameter(STRING, string.getValue(), false);
    }
    return null;
  }

  /**
   * The parameter for a literal token (as Calcite's parser would make the literal of it), or null if it must stay a
   * literal.
   */
  static @Nullable LiteralParameter of(String token, LiteralTokens.Kind kind, boolean negated,
      RelDataTypeFactory typeFactory) {
    final SqlParserPos pos = SqlParserPos.ZERO;
    switch (kind) {
      case STRING:
        return of(SqlLiteral.createCharString(token.substring(1, token.length() - 1).replace("''", "'"), pos),
            typeFactory);
      case APPROXIMATE:
        final SqlNumericLiteral approximate = SqlLiteral.createApproxNumeric(token, pos);
        return of(negated ? SqlLiteral.createNegative(approximate, pos) : approximate, typeFactory);
      default:
        final SqlNumericLiteral exact = SqlLiteral.createExactNumeric(token, pos);
        return of(negated ? SqlLiteral.createNegative(exact, pos) : exact, typeFactory);
    }
  }

  /** Whether this is the parameter of a character string. */
  boolean isString() {
    return value instanceof String;
  }

  /** Whether the other parameter has this one's type and value. */
  boolean sameAs(LiteralParameter other) {
    return keyType.equals(other.keyType) && value.equals(other.value) && approximate == other.approximate;
  }

  /** The parameter's node. */
  SqlNode node(int index, SqlParserPos pos) {
    return new SqlDynamicParam(index, pos);
  }

  /** Whether literals of this kind can ever fit the planned parameter (a string a string, a number a number). */
  boolean sameKind(AvaticaParameter parameter) {
    return value instanceof String ? parameter.parameterType == Types.VARCHAR : isNumeric(parameter.parameterType);
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.DOUBLE:
      case Types.FLOAT:
        return true;
      default:
        return false;
    }
  }

  /**
   * The value to bind to the planned parameter, in Calcite's representation of its type, or null if the literal's
   * value does not fit that type exactly.
   */
  @Nullable Object valueFor(AvaticaParameter parameter) {
    if (value instanceof String) {
      return parameter.parameterType == Types.VARCHAR ? value : null;
    }
    final BigDecimal number = (BigDecimal) value;
    if (approximate) {
      return parameter.parameterType == Types.DOUBLE || parameter.parameterType == Types.FLOAT
          ? number.doubleValue() : null;
    }
    try {
      switch (parameter.parameterType) {
        case Types.TINYINT:
          return number.byteValueExact();
        case Types.SMALLINT:
          return number.shortValueExact();
        case Types.INTEGER:
          return number.intValueExact();
        case Types.BIGINT:
          return number.longValueExact();
        case Types.DECIMAL:
        case Types.NUMERIC:
          final BigDecimal scaled = number.setScale(parameter.scale);
          return scaled.precision() <= parameter.precision ? scaled : null;
        case Types.DOUBLE:
        case Types.FLOAT:
          final double d = number.doubleValue();
          return Double.isFinite(d) && new BigDecimal(d).compareTo(number) == 0 ? d : null;
        default:
          return null;
      }
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** The literal's type as it enters the plan's key. */
  String keyType() {
    return keyType;
  }
}
