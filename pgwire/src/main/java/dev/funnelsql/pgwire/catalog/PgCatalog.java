package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.protocol.PgType;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * FunnelSQL's catalog as PostgreSQL clients expect to see it: schemas as namespaces and tables and views as
 * relations, with OIDs, and columns as attributes with PostgreSQL types. Read once per session from the
 * connection's {@link DatabaseMetaData}; OIDs follow the sorted names, so every session of a server gives the same
 * OIDs (clients carry an OID from one query to the next).
 */
public final class PgCatalog {
  /** A schema. */
  public record Namespace(int oid, String name) {
  }

  /** A table ('r') or view ('v') and its columns. */
  public record Relation(int oid, Namespace namespace, String name, char kind, @Nullable String remarks,
      List<Attribute> attributes) {
  }

  /** A column: number from 1, name, type, modifier, NOT NULL, remarks. */
  public record Attribute(int number, String name, PgType type, int typmod, boolean notNull,
      @Nullable String remarks) {
    /** What PostgreSQL's {@code format_type(atttypid, atttypmod)} prints, e.g. {@code character varying(16)}. */
    public String formatType() {
      if (typmod < 0) {
        return type.sqlName();
      }
      if (type == PgType.NUMERIC) {
        final int precision = (typmod - 4) >> 16;
        final int scale = (typmod - 4) & 0xFFFF;
        return "numeric(" + precision + "," + scale + ")";
      }
      if (type == PgType.VARCHAR || type == PgType.BPCHAR) {
        return type.sqlName() + "(" + (typmod - 4) + ")";
      }
      return type.sqlName();
    }
  }

  /** Schemas FunnelSQL's metadata lists but clients should not see (Calcite's own). */
  private static final Set<String> HIDDEN_SCHEMAS = Set.of("metadata", "pg_catalog", "information_schema");
  private static final int FIRST_NAMESPACE_OID = 16_000;
  private static final int FIRST_RELATION_OID = 17_000;

  private final List<Namespace> namespaces;
  private final List<Relation> relations;
  private final Map<Integer, Relation> byOid = new TreeMap<>();

  private PgCatalog(List<Namespace> namespaces, List<Relation> relations) {
    this.namespaces = namespaces;
    this.relations = relations;
    relations.forEach(relation -> byOid.put(relation.oid(), relation));
  }

  /** Reads the catalog from FunnelSQL's metadata. */
  public static PgCatalog read(DatabaseMetaData metaData) throws SQLException {
    final Map<String, Namespace> namespaces = new TreeMap<>();
    final List<String> schemaNames = new ArrayList<>();
    try (ResultSet schemas = metaData.getSchemas()) {
      while (schemas.next()) {
        final String name = schemas.getString("TABLE_SCHEM");
        if (name != null && !HIDDEN_SCHEMAS.contains(name.toLowerCase(Locale.ROOT))) {
          schemaNames.add(name);
        }
      }
    }
    schemaNames.sort(Comparator.naturalOrder());
    for (int i = 0; i < schemaNames.size(); i++) {
      namespaces.put(schemaNames.get(i), new Namespace(FIRST_NAMESPACE_OID + i, schemaNames.get(i)));
    }
    final Map<String, List<Attribute>> columns = readColumns(metaData);
    final List<String[]> tables = new ArrayList<>();
    try (ResultSet rows = metaData.getTables(null, null, "%", null)) {
      while (rows.next()) {
        final String schema = rows.getString("TABLE_SCHEM");
        final String type = String.valueOf(rows.getString("TABLE_TYPE"));
        if (schema != null && namespaces.containsKey(schema) && !type.contains("SYSTEM")) {
          tables.add(new String[] {schema, rows.getString("TABLE_NAME"), type, rows.getString("REMARKS")});
        }
      }
    }
    tables.sort(Comparator.<String[], String>comparing(t -> t[0]).thenComparing(t -> t[1]));
    final List<Relation> relations = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      final String[] table = tables.get(i);
      final char kind = table[2].contains("VIEW") ? 'v' : 'r';
      relations.add(new Relation(FIRST_RELATION_OID + i, namespaces.get(table[0]), table[1], kind, table[3],
          columns.getOrDefault(table[0] + "\0" + table[1], List.of())));
    }
    return new PgCatalog(new ArrayList<>(namespaces.values()), relations);
  }

  private static Map<String, List<Attribute>> readColumns(DatabaseMetaData metaData) throws SQLException {
    final Map<String, List<Attribute>> columns = new LinkedHashMap<>();
    try (ResultSet rows = metaData.getColumns(null, null, "%", "%")) {
      while (rows.next()) {
        final String key = rows.getString("TABLE_SCHEM") + "\0" + rows.getString("TABLE_NAME");
        final List<Attribute> attributes = columns.computeIfAbsent(key, k -> new ArrayList<>());
        final int jdbcType = rows.getInt("DATA_TYPE");
        final PgType type = PgType.ofJdbc(jdbcType);
        final int size = rows.getInt("COLUMN_SIZE");
        final boolean sized = !rows.wasNull() && size > 0;
        final int digits = rows.getInt("DECIMAL_DIGITS");
        final int typmod;
        if (type == PgType.VARCHAR && sized && jdbcType != Types.CLOB) {
          typmod = size + 4;
        } else if (type == PgType.NUMERIC && sized) {
          typmod = (size << 16) + Math.max(0, digits) + 4;
        } else {
          typmod = -1;
        }
        attributes.add(new Attribute(attributes.size() + 1, rows.getString("COLUMN_NAME"), type, typmod,
            rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls, rows.getString("REMARKS")));
      }
    }
    return columns;
  }

  /** The schemas, sorted by name. */
  public List<Namespace> namespaces() {
    return namespaces;
  }

  /** The tables and views, sorted by schema and name. */
  public List<Relation> relations() {
    return relations;
  }

  /** The relation with that OID, or null. */
  public @Nullable Relation relation(int oid) {
    return byOid.get(oid);
  }

  /** The relation with that schema and name (case-insensitive), or null. */
  public @Nullable Relation relation(String schema, String name) {
    for (Relation relation : relations) {
      if (relation.namespace().name().equalsIgnoreCase(schema) && relation.name().equalsIgnoreCase(name)) {
        return relation;
      }
    }
    return null;
  }
}
