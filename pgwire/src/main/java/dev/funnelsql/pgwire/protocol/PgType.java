package dev.funnelsql.pgwire.protocol;

import java.sql.Types;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The PostgreSQL types FunnelSQL's results and catalog answers use, with their fixed OIDs from PostgreSQL's
 * {@code pg_type}, so that every client's built-in type table recognises them without asking the catalog.
 */
public enum PgType {
  BOOL(16, "bool", "boolean", 1, 'B', 1000, 0),
  BYTEA(17, "bytea", "bytea", -1, 'U', 1001, 0),
  CHAR(18, "char", "\"char\"", 1, 'S', 1002, 0),
  NAME(19, "name", "name", 64, 'S', 1003, 0),
  INT8(20, "int8", "bigint", 8, 'N', 1016, 0),
  INT2(21, "int2", "smallint", 2, 'N', 1005, 0),
  INT4(23, "int4", "integer", 4, 'N', 1007, 0),
  REGPROC(24, "regproc", "regproc", 4, 'N', 1008, 0),
  TEXT(25, "text", "text", -1, 'S', 1009, 0),
  OID(26, "oid", "oid", 4, 'N', 1028, 0),
  FLOAT4(700, "float4", "real", 4, 'N', 1021, 0),
  FLOAT8(701, "float8", "double precision", 8, 'N', 1022, 0),
  UNKNOWN(705, "unknown", "unknown", -2, 'X', 0, 0),
  BPCHAR(1042, "bpchar", "character", -1, 'S', 1014, 0),
  VARCHAR(1043, "varchar", "character varying", -1, 'S', 1015, 0),
  DATE(1082, "date", "date", 4, 'D', 1182, 0),
  TIME(1083, "time", "time without time zone", 8, 'D', 1183, 0),
  TIMESTAMP(1114, "timestamp", "timestamp without time zone", 8, 'D', 1115, 0),
  TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone", 8, 'D', 1185, 0),
  NUMERIC(1700, "numeric", "numeric", -1, 'N', 1231, 0),
  BOOL_ARRAY(1000, "_bool", "boolean[]", -1, 'A', 0, 16),
  INT2_ARRAY(1005, "_int2", "smallint[]", -1, 'A', 0, 21),
  INT4_ARRAY(1007, "_int4", "integer[]", -1, 'A', 0, 23),
  TEXT_ARRAY(1009, "_text", "text[]", -1, 'A', 0, 25),
  VARCHAR_ARRAY(1015, "_varchar", "character varying[]", -1, 'A', 0, 1043),
  INT8_ARRAY(1016, "_int8", "bigint[]", -1, 'A', 0, 20),
  FLOAT4_ARRAY(1021, "_float4", "real[]", -1, 'A', 0, 700),
  FLOAT8_ARRAY(1022, "_float8", "double precision[]", -1, 'A', 0, 701),
  TIMESTAMP_ARRAY(1115, "_timestamp", "timestamp without time zone[]", -1, 'A', 0, 1114),
  DATE_ARRAY(1182, "_date", "date[]", -1, 'A', 0, 1082),
  NUMERIC_ARRAY(1231, "_numeric", "numeric[]", -1, 'A', 0, 1700);

  private final int oid;
  private final String typname;
  private final String sqlName;
  private final int length;
  private final char category;
  private final int arrayOid;
  private final int elementOid;

  PgType(int oid, String typname, String sqlName, int length, char category, int arrayOid, int elementOid) {
    this.oid = oid;
    this.typname = typname;
    this.sqlName = sqlName;
    this.length = length;
    this.category = category;
    this.arrayOid = arrayOid;
    this.elementOid = elementOid;
  }

  /** The type's OID in PostgreSQL's {@code pg_type}. */
  public int oid() {
    return oid;
  }

  /** {@code pg_type.typname}, e.g. {@code int4}. */
  public String typname() {
    return typname;
  }

  /** The name {@code format_type} prints, e.g. {@code integer}, {@code character varying}. */
  public String sqlName() {
    return sqlName;
  }

  /** {@code pg_type.typlen}: bytes, or -1 for variable length. */
  public short length() {
    return (short) length;
  }

  /** {@code pg_type.typcategory}. */
  public char category() {
    return category;
  }

  /** The OID of the array type over this one (0 if none). */
  public int arrayOid() {
    return arrayOid;
  }

  /** For an array type, its element type; otherwise null. */
  public @Nullable PgType element() {
    return elementOid == 0 ? null : byOid(elementOid);
  }

  /** The type with that OID, or null. */
  public static @Nullable PgType byOid(int oid) {
    for (PgType type : values()) {
      if (type.oid == oid) {
        return type;
      }
    }
    return null;
  }

  /** The type with that {@code typname} or SQL name (case-insensitive), or null. */
  public static @Nullable PgType byName(String name) {
    final String lower = name.toLowerCase(Locale.ROOT);
    for (PgType type : values()) {
      if (type.typname.equals(lower) || type.sqlName.equals(lower)) {
        return type;
      }
    }
    return null;
  }

  /** The array type over {@code element}, or TEXT_ARRAY if PostgreSQL's built-ins have none here. */
  public static PgType arrayOf(PgType element) {
    final @Nullable PgType array = byOid(element.arrayOid);
    return array == null ? TEXT_ARRAY : array;
  }

  /** The PostgreSQL type for a JDBC type code ({@link Types}); anything unknown is text. */
  public static PgType ofJdbc(int jdbcType) {
    switch (jdbcType) {
      case Types.BOOLEAN:
      case Types.BIT:
        return BOOL;
      case Types.TINYINT:
      case Types.SMALLINT:
        return INT2;
      case Types.INTEGER:
        return INT4;
      case Types.BIGINT:
        return INT8;
      case Types.REAL:
        return FLOAT4;
      case Types.FLOAT:
      case Types.DOUBLE:
        return FLOAT8;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return NUMERIC;
      case Types.CHAR:
      case Types.NCHAR:
      case Types.VARCHAR:
      case Types.NVARCHAR:
        return VARCHAR;
      case Types.DATE:
        return DATE;
      case Types.TIME:
        return TIME;
      case Types.TIMESTAMP:
        return TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return TIMESTAMPTZ;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return BYTEA;
      case Types.ARRAY:
        return TEXT_ARRAY;
      default:
        return TEXT;
    }
  }

  /** The JDBC type code a parameter of this type is bound with. */
  public int jdbcType() {
    switch (this) {
      case BOOL:
        return Types.BOOLEAN;
      case INT2:
        return Types.SMALLINT;
      case INT4:
      case OID:
        return Types.INTEGER;
      case INT8:
        return Types.BIGINT;
      case FLOAT4:
        return Types.REAL;
      case FLOAT8:
        return Types.DOUBLE;
      case NUMERIC:
        return Types.DECIMAL;
      case DATE:
        return Types.DATE;
      case TIME:
        return Types.TIME;
      case TIMESTAMP:
        return Types.TIMESTAMP;
      case TIMESTAMPTZ:
        return Types.TIMESTAMP_WITH_TIMEZONE;
      case BYTEA:
        return Types.VARBINARY;
      default:
        return Types.VARCHAR;
    }
  }
}
