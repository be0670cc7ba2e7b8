package dev.funnelsql.pgwire.sql;

import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Maps PostgreSQL type names as written in casts ({@code int4}, {@code double precision}, {@code timestamptz},
 * {@code character varying}) to the Calcite SQL type FunnelSQL understands.
 */
final class PgTypeNames {
  private static final Map<String, String> CALCITE = Map.ofEntries(
      Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"),
      Map.entry("int", "INTEGER"), Map.entry("int4", "INTEGER"), Map.entry("integer", "INTEGER"),
      Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"),
      Map.entry("float4", "REAL"), Map.entry("real", "REAL"),
      Map.entry("float8", "DOUBLE"), Map.entry("float", "DOUBLE"), Map.entry("double precision", "DOUBLE"),
      Map.entry("numeric", "DECIMAL"), Map.entry("decimal", "DECIMAL"),
      Map.entry("text", "VARCHAR"), Map.entry("varchar", "VARCHAR"), Map.entry("character varying", "VARCHAR"),
      Map.entry("name", "VARCHAR"), Map.entry("bpchar", "VARCHAR"), Map.entry("char", "VARCHAR"),
      Map.entry("character", "VARCHAR"), Map.entry("citext", "VARCHAR"),
      Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
      Map.entry("date", "DATE"), Map.entry("time", "TIME"), Map.entry("time without time zone", "TIME"),
      Map.entry("timestamp", "TIMESTAMP"), Map.entry("timestamp without time zone", "TIMESTAMP"),
      Map.entry("timestamptz", "TIMESTAMP"), Map.entry("timestamp with time zone", "TIMESTAMP"));

  private PgTypeNames() {
  }

  /** The Calcite type for a PostgreSQL type name (words in lower case, single spaces), or null if unknown. */
  static @Nullable String calcite(String pgName) {
    return CALCITE.get(pgName);
  }

  /** Whether a type keeps its modifiers in Calcite ({@code varchar(10)}, {@code numeric(10,2)}). */
  static boolean keepsModifiers(String calcite) {
    return calcite.equals("DECIMAL") || calcite.equals("VARCHAR");
  }
}
