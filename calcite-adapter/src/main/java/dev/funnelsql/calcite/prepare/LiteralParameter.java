package dev.funnelsql.calcite.prepare;

import java.math.BigDecimal;
import java.sql.Types;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one literal of a filter becomes, and the value bound in its place. A number becomes
 * {@code CAST(? AS <the literal's type>)}, so validation sees exactly the type it would have seen ({@code INTEGER},
 * {@code BIGINT}, {@code DECIMAL(p, s)} or {@code DOUBLE}), and that type is part of the plan's key. A character
 * string becomes a bare {@code ?}, which takes the type of what it is compared with; the plan is used only if that
 * type is a character type (a string compared with a date, a time or a number is converted by Calcite while
 * planning, so such a statement keeps its literal). Strings with a character set or collation of their own, or with
 * a character the default character set cannot encode (which Calcite refuses), stay literals.
 */
final class LiteralParameter {
  private static final String STRING = "CHAR";

  private final String keyType;
  private final @Nullable SqlTypeName castType;
  private final int precision;
  private final int scale;
  private final Object value;

  private LiteralParameter(String keyType, @Nullable SqlTypeName castType, int precision, int scale, Object value) {
    this.keyType = keyType;
    this.castType = castType;
    this.precision = precision;
    this.scale = scale;
    this.value = value;
  }

  /** The parameter for {@code literal}, or null if it must stay a literal. */
  static @Nullable LiteralParameter of(SqlLiteral literal, RelDataTypeFactory typeFactory) {
    if (literal instanceof SqlNumericLiteral) {
      return number((SqlNumericLiteral) literal, typeFactory);
    }
    if (literal instanceof SqlCharStringLiteral) {
      final @Nullable NlsString string = literal.getValueAs(NlsString.class);
      if (string == null || string.getCharsetName() != null || string.getCollation() != null
          || !typeFactory.getDefaultCharset().newEncoder().canEncode(string.getValue())) {
        return null;
      }
      return new LiteralParameter(STRING, null, -1, -1, string.getValue());
    }
    return null;
  }

  private static @Nullable LiteralParameter number(SqlNumericLiteral literal, RelDataTypeFactory typeFactory) {
    final @Nullable BigDecimal number = literal.bigDecimalValue();
    if (number == null) {
      return null;
    }
    final RelDataType type = literal.createSqlType(typeFactory);
    final SqlTypeName name = type.getSqlTypeName();
    switch (name) {
      case INTEGER:
        return new LiteralParameter(name.getName(), name, -1, -1, number.intValueExact());
      case BIGINT:
        return new LiteralParameter(name.getName(), name, -1, -1, number.longValueExact());
      case DOUBLE:
        return new LiteralParameter(name.getName(), name, -1, -1, number.doubleValue());
      case DECIMAL:
        if (type.getPrecision() > typeFactory.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL)) {
          return null;
        }
        return new LiteralParameter("DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")", name,
            type.getPrecision(), type.getScale(), number);
      default:
        return null;
    }
  }

  /** The parameter's node: a dynamic parameter, cast to the literal's type if it is a number. */
  SqlNode node(int index, SqlParserPos pos) {
    final SqlDynamicParam parameter = new SqlDynamicParam(index, pos);
    if (castType == null) {
      return parameter;
    }
    final SqlBasicTypeNameSpec spec = castType == SqlTypeName.DECIMAL
        ? new SqlBasicTypeNameSpec(castType, precision, scale, pos) : new SqlBasicTypeNameSpec(castType, pos);
    return SqlStdOperatorTable.CAST.createCall(pos, parameter, new SqlDataTypeSpec(spec, pos));
  }

  /** Whether the plan's parameter (as validation typed it) takes this value exactly as the literal would be. */
  boolean fits(AvaticaParameter parameter) {
    return castType != null || parameter.parameterType == Types.CHAR || parameter.parameterType == Types.VARCHAR;
  }

  /** The value to bind, in Calcite's representation of the parameter's type. */
  Object value() {
    return value;
  }

  /** The literal's type as it enters the plan's key. */
  String keyType() {
    return keyType;
  }
}
