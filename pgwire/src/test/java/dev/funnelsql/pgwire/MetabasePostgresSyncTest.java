package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Metabase's built-in PostgreSQL driver sends when it connects to and syncs a database (its newest source, read
 * there; each statement written here from what it sends), through pgjdbc as Metabase uses it: the connection test,
 * the session settings c3p0 and Metabase make, the table privileges, the tables with their row-count estimate, the
 * time zone, the enum types, every column with Metabase's aliases, and the foreign keys. So a team can reach
 * FunnelSQL from Metabase without the plugin, through the server.
 */
class MetabasePostgresSyncTest {
  private static final String COLUMNS = "SELECT \"c\".\"column_name\" AS \"name\", CASE WHEN \"c\".\"udt_schema\" IN "
      + "('public', 'pg_catalog') THEN FORMAT('%s', \"c\".\"udt_name\") ELSE FORMAT('\"%s\".\"%s\"', "
      + "\"c\".\"udt_schema\", \"c\".\"udt_name\") END AS \"database-type\", \"c\".\"ordinal_position\" - 1 AS "
      + "\"database-position\", \"c\".\"table_schema\" AS \"table-schema\", \"c\".\"table_name\" AS \"table-name\", "
      + "\"pk\".\"column_name\" IS NOT NULL AS \"pk?\", COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', "
      + "CAST(\"c\".\"table_schema\" AS TEXT), CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID), "
      + "\"c\".\"ordinal_position\") AS \"field-comment\", ((\"column_default\" IS NULL) OR "
      + "(LOWER(\"column_default\") = 'null')) AND (\"is_nullable\" = 'NO') AS \"database-required\", FALSE AS "
      + "\"database-is-auto-increment\" FROM \"information_schema\".\"columns\" AS \"c\" LEFT JOIN (SELECT "
      + "\"tc\".\"table_schema\", \"tc\".\"table_name\", \"kc\".\"column_name\" FROM "
      + "\"information_schema\".\"table_constraints\" AS \"tc\" INNER JOIN \"information_schema\".\"key_column_usage\""
      + " AS \"kc\" ON (\"tc\".\"constraint_name\" = \"kc\".\"constraint_name\") WHERE \"tc\".\"constraint_type\" = "
      + "'PRIMARY KEY') AS \"pk\" ON (\"c\".\"table_schema\" = \"pk\".\"table_schema\") WHERE c.table_schema !~ "
      + "'^information_schema|catalog_history|pg_' AND (\"c\".\"table_schema\" IN (?)) UNION ALL SELECT "
      + "\"pa\".\"attname\" AS \"name\" FROM \"pg_catalog\".\"pg_class\" AS \"pc\" INNER JOIN "
      + "\"pg_catalog\".\"pg_attribute\" AS \"pa\" ON \"pa\".\"attrelid\" = \"pc\".\"oid\" WHERE (\"pc\".\"relkind\" "
      + "= 'm') AND (\"pn\".\"nspname\" IN (?)) ORDER BY \"table-schema\" ASC, \"table-name\" ASC, "
      + "\"database-position\" ASC";
  @RegisterExtension
  static final ShopServer SHOP = new ShopServer(40);

  @Test
  void metabasesPostgreSqlSyncReadsTablesColumnsAndPrivileges() throws SQLException {
    try (Connection connection = SHOP.connect("metabase", "&ApplicationName=Metabase")) {
      assertEquals(1, ((Number) Rows.maps(connection, "SELECT 1").get(0).values().iterator().next()).intValue());
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET extra_float_digits = 3");
        statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
        assertTrue(statement.execute("SHOW TRANSACTION ISOLATION LEVEL"));
      }
      final List<Map<String, Object>> privileges = Rows.maps(connection, "with table_privileges as (\n select\n   NULL "
          + "as role,\n   t.schemaname as schema,\n   t.objectname as table,\n   pg_catalog.has_any_column_privilege("
          + "current_user, t.schemaname || '.' || t.objectname,  'select') as select,\n   "
          + "pg_catalog.has_table_privilege(     current_user, t.schemaname || '.' || t.objectname,  'delete') as "
          + "delete\n from (\n   select schemaname, tablename as objectname from pg_catalog.pg_tables\n   union\n"
          + "   select schemaname, viewname as objectname from pg_catalog.pg_views\n ) t\n where t.schemaname !~ "
          + "'^pg_'\n)\nselect t.*\nfrom table_privileges t");
      assertTrue(privileges.stream().anyMatch(row -> "funnels".equals(row.get("schema"))
          && "checkout_chart".equals(row.get("table")) && Boolean.TRUE.equals(row.get("select"))
          && Boolean.FALSE.equals(row.get("insert"))), privileges.toString());
      final List<Map<String, Object>> tables = Rows.maps(connection, "SELECT \"n\".\"nspname\" AS \"schema\", "
          + "\"c\".\"relname\" AS \"name\", CASE \"c\".\"relkind\" WHEN 'r' THEN 'TABLE' WHEN 'v' THEN 'VIEW' ELSE "
          + "NULL END AS \"type\", \"d\".\"description\" AS \"description\", \"stat\".\"n_live_tup\" AS "
          + "\"estimated_row_count\" FROM \"pg_catalog\".\"pg_class\" AS \"c\" INNER JOIN "
          + "\"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"c\".\"relnamespace\" = \"n\".\"oid\" LEFT JOIN "
          + "\"pg_catalog\".\"pg_description\" AS \"d\" ON (\"c\".\"oid\" = \"d\".\"objoid\") AND (\"d\".\"objsubid\" "
          + "= ?) AND (\"d\".\"classoid\" = 'pg_class'::regclass) LEFT JOIN \"pg_stat_user_tables\" AS \"stat\" ON "
          + "(\"n\".\"nspname\" = \"stat\".\"schemaname\") WHERE (\"c\".\"relnamespace\" = \"n\".\"oid\") AND "
          + "(\"n\".\"nspname\" !~ ?) AND (\"n\".\"nspname\" <> ?) AND c.relkind in ('r', 'p', 'v', 'f', 'm') AND "
          + "(\"n\".\"nspname\" IN (?, ?)) ORDER BY \"type\" ASC, \"schema\" ASC, \"name\" ASC", 0L, "^pg_",
          "information_schema", "funnels", "PUBLIC");
      final List<String> names = new ArrayList<>();
      tables.forEach(row -> names.add(row.get("schema") + "." + row.get("name")));
      assertTrue(names.contains("funnels.checkout_chart") && names.contains("PUBLIC.EVENTS")
          && names.stream().noneMatch(name -> name.startsWith("segments.")), names.toString());
      try (Statement statement = connection.createStatement(); ResultSet zone = statement.executeQuery(
          "show timezone;")) {
        assertTrue(zone.next());
        assertEquals("UTC", zone.getString(1));
      }
      assertEquals(List.of(), Rows.maps(connection, "SELECT nspname, typname FROM pg_type t JOIN pg_namespace n ON "
          + "n.oid = t.typnamespace WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)"), "no enum types");
      final List<Map<String, Object>> columns = Rows.maps(connection, COLUMNS, "funnels", "funnels");
      final List<String> chart = new ArrayList<>();
      for (Map<String, Object> row : columns) {
        assertEquals("funnels", row.get("table-schema"));
        if ("checkout_chart".equals(row.get("table-name"))) {
          chart.add(row.get("name") + ":" + row.get("database-type") + ":" + row.get("database-position") + ":"
              + row.get("pk?"));
        }
      }
      assertEquals(List.of("step_label:varchar:0:false", "users:int8:1:false", "entered_at:timestamp:2:false"),
          chart);
      assertEquals(List.of(), Rows.maps(connection, "SELECT \"fk_ns\".\"nspname\" AS \"fk-table-schema\" FROM "
          + "\"pg_constraint\" AS \"c\" INNER JOIN \"pg_class\" AS \"fk_table\" ON \"c\".\"conrelid\" = "
          + "\"fk_table\".\"oid\" INNER JOIN \"pg_namespace\" AS \"fk_ns\" ON \"c\".\"connamespace\" = "
          + "\"fk_ns\".\"oid\" WHERE (\"c\".\"contype\" = 'f'::char) AND (\"fk_ns\".\"nspname\" IN (?))", "funnels"),
          "no foreign keys");
    }
  }
}
