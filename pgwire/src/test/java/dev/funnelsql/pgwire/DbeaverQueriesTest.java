package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What DBeaver's PostgreSQL driver sends when it connects and when its navigator opens a schema and a table (read in
 * its source, 24.x; each statement written here from what it sends), through pgjdbc as DBeaver uses it: the extended
 * protocol with unnamed statements ({@code prepareThreshold=0}) and oids bound as int8. The statements whose failure
 * breaks DBeaver's connection (context defaults, schema list, type list) and the navigator's tables and columns must
 * answer with the columns DBeaver reads, {@code alias.*} expanded to the catalog's columns.
 */
class DbeaverQueriesTest {
  @RegisterExtension
  static final ShopServer SHOP = new ShopServer(40);

  @Test
  void dbeaverConnectsListsSchemasTablesAndColumns() throws SQLException {
    try (Connection connection = SHOP.connect("dbeaver", "&prepareThreshold=0")) {
      final List<Map<String, Object>> defaults = Rows.maps(connection, "SELECT current_schema(),session_user");
      assertEquals(1, defaults.size());
      assertEquals("PUBLIC", defaults.get(0).get("current_schema"));
      assertEquals(1, Rows.maps(connection, "SHOW search_path").size());
      final List<Map<String, Object>> schemas = Rows.maps(connection, "SELECT n.oid,n.*,d.description FROM "
          + "pg_catalog.pg_namespace n\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND "
          + "d.objsubid=0 AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname");
      final Map<String, Long> schemaOids = new HashMap<>();
      schemas.forEach(row -> schemaOids.put((String) row.get("nspname"), ((Number) row.get("oid")).longValue()));
      assertTrue(schemaOids.keySet().containsAll(List.of("PUBLIC", "funnels", "segments", "cohorts")),
          schemaOids.toString());
      assertEquals("funnelsql", Rows.maps(connection, "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE "
          + "datname=?", "funnelsql").get(0).get("datname"));
      assertEquals("on", Rows.maps(connection, "select * from pg_catalog.pg_settings where name=?",
          "standard_conforming_strings").get(0).get("setting"));
      assertFalse(Rows.maps(connection, "SELECT version()").isEmpty());
      assertEquals(List.of(), Rows.maps(connection, "SELECT * FROM pg_catalog.pg_enum WHERE 1<>1 LIMIT 1"));
      final List<Map<String, Object>> types = Rows.maps(connection, "SELECT t.oid,t.*,c.relkind,format_type(nullif("
          + "t.typbasetype, 0), t.typtypmod) as base_type_name, d.description\nFROM pg_catalog.pg_type t\n"
          + "LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem \nLEFT OUTER JOIN pg_catalog.pg_class c ON "
          + "c.oid=t.typrelid\nLEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid\nWHERE t.typname IS "
          + "NOT NULL\nAND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory "
          + "<> 'C')");
      assertTrue(types.stream().anyMatch(row -> "int8".equals(row.get("typname"))
          && ((Number) row.get("oid")).intValue() == 20), "int8 among the types");
      final List<Map<String, Object>> tables = Rows.maps(connection, "SELECT c.oid,c.*,d.description,"
          + "pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) "
          + "as partition_key \nFROM pg_catalog.pg_class c\nLEFT OUTER JOIN pg_catalog.pg_description d ON "
          + "d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass\nWHERE c.relnamespace=? AND "
          + "c.relkind not in ('i','I','c')", schemaOids.get("funnels"));
      final Map<String, Object> chart = tables.stream().filter(row -> "checkout_chart".equals(row.get("relname")))
          .findFirst().orElseThrow(() -> new AssertionError("checkout_chart among " + tables));
      assertEquals("v", String.valueOf(chart.get("relkind")));
      assertTrue(tables.stream().allMatch(row -> ((Number) row.get("relnamespace")).longValue()
          == schemaOids.get("funnels")), "only the schema's relations");
      final List<Map<String, Object>> columns = Rows.maps(connection, "SELECT c.relname,a.*,pg_catalog.pg_get_expr("
          + "ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid\nFROM pg_catalog.pg_attribute a\n"
          + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\nLEFT OUTER JOIN pg_catalog.pg_attrdef ad ON "
          + "(a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\nLEFT OUTER JOIN pg_catalog.pg_description dsc ON "
          + "(c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\nLEFT OUTER JOIN pg_depend dep on dep.refobjid = "
          + "a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid\n"
          + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\nORDER BY a.attnum",
          ((Number) chart.get("oid")).longValue());
      final List<String> names = new ArrayList<>();
      columns.forEach(row -> names.add((String) row.get("attname")));
      assertEquals(List.of("step_label", "users", "entered_at"), names);
      assertEquals(1043, ((Number) columns.get(0).get("atttypid")).intValue(), "varchar");
      assertEquals(List.of(), Rows.maps(connection, "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as "
          + "refnamespace,d.description FROM pg_catalog.pg_constraint c INNER JOIN pg_catalog.pg_class t ON "
          + "t.oid=c.conrelid LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid LEFT OUTER JOIN "
          + "pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND "
          + "d.classoid='pg_constraint'::regclass WHERE c.conrelid=? ORDER BY c.oid",
          ((Number) chart.get("oid")).longValue()), "no constraints");
    }
  }
}
