package dev.funnelsql.jdbc.catalog;

import java.sql.DatabaseMetaData;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The columns that {@code DatabaseMetaData.getColumns} lists, described from the column's own type rather than
 * Calcite's printed type string: a plain {@code TYPE_NAME}, {@code COLUMN_SIZE} as JDBC defines it (digits of a
 * number, characters of a string or of a date/time's text), {@code DECIMAL_DIGITS} (scale, or fractional seconds),
 * a radix only for numbers, {@code CHAR_OCTET_LENGTH} only for strings, and the nullability of the type.
 */
public final class CatalogColumns implements CalciteMetaColumnFactory {
  /** The factory. */
  public static final CatalogColumns INSTANCE = new CatalogColumns();

  /** The size reported for a string or binary column without a declared length. */
  static final int UNBOUNDED = Integer.MAX_VALUE;

  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();

  private CatalogColumns() {
  }

  @Override public MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
      String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
      int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
    final RelDataType type = table.getRowType(TYPES).getFieldList().get(ordinalPosition - 1).getType();
    return new MetaColumn(tableCat, tableSchem, tableName, columnName, dataType, TypeNames.of(type), size(type),
        decimalDigits(type), radix(type), type.isNullable() ? DatabaseMetaData.columnNullable
        : DatabaseMetaData.columnNoNulls, octets(type), ordinalPosition, type.isNullable() ? "YES" : "NO");
  }

  @Override public Class<? extends MetaColumn> getMetaColumnClass() {
    return MetaColumn.class;
  }

  /** {@code COLUMN_SIZE}: the precision of a number, the length of a string, the length of a time's text. */
  static @Nullable Integer size(RelDataType type) {
    final SqlTypeName name = type.getSqlTypeName();
    switch (name) {
      case BOOLEAN:
        return 1;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case DECIMAL:
      case REAL:
      case FLOAT:
      case DOUBLE:
        return type.getPrecision();
      case CHAR:
      case VARCHAR:
      case BINARY:
      case VARBINARY:
        // No length (DuckDB's VARCHAR has none and reports 0) is no limit.
        return type.getPrecision() <= 0 ? UNBOUNDED : type.getPrecision();
      case DATE:
        return 10; // yyyy-mm-dd
      case TIME:
      case TIME_WITH_LOCAL_TIME_ZONE:
        return 8 + fraction(type); // hh:mm:ss[.fff]
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return 19 + fraction(type); // yyyy-mm-dd hh:mm:ss[.fff]
      default:
        return null;
    }
  }

  private static int fraction(RelDataType type) {
    final int digits = fractionalDigits(type);
    return digits > 0 ? digits + 1 : 0;
  }

  private static int fractionalDigits(RelDataType type) {
    return Math.max(type.getPrecision(), 0);
  }

  /** {@code DECIMAL_DIGITS}: the scale of a number, the fractional second digits of a time; else null. */
  static @Nullable Integer decimalDigits(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return 0;
      case DECIMAL:
        return type.getScale();
      case TIME:
      case TIME_WITH_LOCAL_TIME_ZONE:
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return fractionalDigits(type);
      default:
        return null;
    }
  }

  /** {@code NUM_PREC_RADIX}: 10 for numbers (their size is in decimal digits), null otherwise. */
  static @Nullable Integer radix(RelDataType type) {
    return SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName()) ? 10 : null;
  }

  /** {@code CHAR_OCTET_LENGTH}: the most bytes a string column's value takes in UTF-8; null for other types. */
  static @Nullable Integer octets(RelDataType type) {
    if (!SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName())) {
      return null;
    }
    final int characters = type.getPrecision();
    return characters <= 0 || characters > UNBOUNDED / 4 ? UNBOUNDED
        : 4 * characters;
  }
}
