package dev.funnelsql.jdbc.metabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.Keyword;
import clojure.lang.Symbol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelsql.jdbc.FunnelDriver;
import java.io.InputStream;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * The Metabase plugin inside the driver jar, without Metabase: the manifest parses and names classes and a namespace
 * that exist, the driver namespace reads and compiles and defines the methods a sql-jdbc driver needs, its
 * connection spec connects through clojure.java.jdbc (Metabase's JDBC library), and it maps every type name the
 * driver reports to a Metabase base type.
 */
class MetabasePluginTest {
  private static JsonNode manifest() throws Exception {
    try (InputStream in = MetabasePluginTest.class.getClassLoader().getResourceAsStream("metabase-plugin.yaml")) {
      assertNotNull(in, "metabase-plugin.yaml at the jar root");
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  void manifestNamesTheDriverItsNamespaceAndJdbcClass() throws Exception {
    final JsonNode manifest = manifest();
    assertEquals(FunnelDriver.version(), manifest.at("/info/version").asText(), "version stamped by the build");
    assertEquals("funnelsql", manifest.at("/driver/name").asText());
    assertEquals("FunnelSQL", manifest.at("/driver/display-name").asText());
    assertTrue(manifest.at("/driver/lazy-load").asBoolean());
    assertEquals("sql-jdbc", manifest.at("/driver/parent").asText());
    final Set<String> properties = new HashSet<>();
    for (JsonNode property : manifest.at("/driver/connection-properties")) {
      properties.add(property.has("merge") ? property.get("merge").get(0).asText()
          : property.isTextual() ? property.asText() : property.get("name").asText());
    }
    assertTrue(properties.containsAll(List.of("model", "source-url", "user", "password", "schema")),
        properties::toString);
    final JsonNode init = manifest.at("/init");
    assertEquals("load-namespace", init.get(0).get("step").asText());
    assertEquals(MetabaseDriverSource.NAMESPACE, init.get(0).get("namespace").asText());
    assertEquals("register-jdbc-driver", init.get(1).get("step").asText());
    final Class<?> driver = Class.forName(init.get(1).get("class").asText());
    assertTrue(Driver.class.isAssignableFrom(driver));
    assertEquals(MetabaseDriverSource.RESOURCE, MetabaseDriverSource.NAMESPACE.replace('.', '/').replace('-', '_')
        + ".clj", "the namespace's source file is where Clojure's require looks for it");
    assertNotNull(getClass().getClassLoader().getResource(MetabaseDriverSource.RESOURCE));
  }

  @Test
  void namespaceReadsAndDefinesWhatASqlJdbcDriverNeeds() {
    final List<Object> forms = MetabaseDriverSource.forms();
    final List<Object> ns = MetabaseDriverSource.list(forms.get(0));
    assertEquals(Symbol.intern("ns"), ns.get(0));
    assertEquals(Symbol.intern(MetabaseDriverSource.NAMESPACE), ns.get(1));
    final Map<String, String> aliases = MetabaseDriverSource.aliases(forms.get(0));
    final Set<String> methods = new HashSet<>();
    for (Object[] method : MetabaseDriverSource.defmethods(forms)) {
      final Symbol multi = (Symbol) method[0];
      methods.add(aliases.get(multi.getNamespace()) + "/" + multi.getName() + " " + method[1]);
    }
    for (String required : List.of(
        "metabase.driver.sql-jdbc.connection/connection-details->spec :funnelsql",
        "metabase.driver.sql-jdbc.sync/database-type->base-type :funnelsql",
        "metabase.driver.sql.query-processor/current-datetime-honeysql-form :funnelsql",
        "metabase.driver.sql.query-processor/add-interval-honeysql-form :funnelsql",
        "metabase.driver/db-start-of-week :funnelsql",
        "metabase.driver/db-default-timezone :funnelsql",
        "metabase.driver/database-supports? [:funnelsql feature]")) {
      assertTrue(methods.contains(required), required + " in " + methods);
    }
    for (String unit : List.of("default", "minute", "hour", "day", "week", "month", "quarter", "year")) {
      assertTrue(methods.contains("metabase.driver.sql.query-processor/date [:funnelsql :" + unit + "]"), unit);
    }
    for (Symbol symbol : MetabaseDriverSource.qualifiedSymbols(forms)) {
      assertTrue(aliases.containsKey(symbol.getNamespace()), symbol + " uses an alias the ns form requires");
    }
  }

  @Test
  void compiledNamespaceBucketsTimesWithDateTruncAndNowWithCurrentTimestamp() {
    final Keyword driver = MetabaseDriverSource.keyword("funnelsql");
    final Keyword column = MetabaseDriverSource.keyword("ts");
    assertEquals("[:DATE_TRUNC [:inline \"month\"] :ts]", String.valueOf(MetabaseDriverSource.call(
        "metabase.driver.sql.query-processor", "date", driver, MetabaseDriverSource.keyword("month"), column)));
    assertEquals("[:raw \"CURRENT_TIMESTAMP\"]", String.valueOf(MetabaseDriverSource.call(
        "metabase.driver.sql.query-processor", "current-datetime-honeysql-form", driver)));
    assertEquals("[:- :ts [:raw \"INTERVAL '14' DAY\"]]", String.valueOf(MetabaseDriverSource.call(
        "metabase.driver.sql.query-processor", "add-interval-honeysql-form", driver, column, -2L,
        MetabaseDriverSource.keyword("week"))));
    assertEquals("[:+ :ts [:raw \"INTERVAL '3' MONTH\"]]", String.valueOf(MetabaseDriverSource.call(
        "metabase.driver.sql.query-processor", "add-interval-honeysql-form", driver, column, 1L,
        MetabaseDriverSource.keyword("quarter"))));
    assertEquals(false, MetabaseDriverSource.call("metabase.driver", "database-supports?", driver,
        MetabaseDriverSource.keyword("uploads"), null));
    assertEquals(MetabaseDriverSource.keyword("monday"), MetabaseDriverSource.call("metabase.driver",
        "db-start-of-week", driver));
  }

  @Test
  void connectionSpecConnectsThroughClojureJavaJdbc() throws Exception {
    final Object spec = MetabaseDriverSource.call("metabase.driver.sql-jdbc.connection", "connection-details->spec",
        MetabaseDriverSource.keyword("funnelsql"), MetabaseDriverSource.map("source-url",
            "jdbc:h2:mem:plugin;DB_CLOSE_DELAY=-1", "model", "", "schema", "public", "user", "sa", "password", ""));
    final Map<?, ?> map = (Map<?, ?>) spec;
    assertEquals("funnelsql", map.get(MetabaseDriverSource.keyword("subprotocol")));
    assertEquals("url='jdbc:h2:mem:plugin;DB_CLOSE_DELAY=-1';schema='public'",
        map.get(MetabaseDriverSource.keyword("subname")), "blank keys left out, values quoted");
    assertFalse(map.containsKey(MetabaseDriverSource.keyword("password")), "a blank password is not sent");
    DriverManager.getConnection("jdbc:h2:mem:plugin;DB_CLOSE_DELAY=-1", "sa", "").close();
    final Object rows = MetabaseDriverSource.call("clojure.java.jdbc", "query", spec, List.of("SELECT 1"));
    assertEquals("({:expr$0 1})", clojure.lang.RT.printString(rows), "Metabase's can-connect? check");
  }

  @Test
  void everyTypeNameTheDriverReportsHasABaseType() throws Exception {
    // The names a FunnelSQL column can have: getTypeInfo's, and arrays/multisets of them.
    final List<String> names = new ArrayList<>();
    try (java.sql.Connection connection = DriverManager.getConnection(
        "jdbc:funnelsql:url='jdbc:h2:mem:types;DB_CLOSE_DELAY=-1'");
        ResultSet types = connection.getMetaData().getTypeInfo()) {
      while (types.next()) {
        names.add(types.getString("TYPE_NAME"));
      }
    }
    assertTrue(names.contains("TIMESTAMP") && names.size() > 20, names::toString);
    final Set<String> withoutMetabaseType = new HashSet<>(List.of("BINARY", "VARBINARY", "OTHER", "ANY",
        "DISTINCT", "STRUCTURED", "CURSOR", "COLUMN_LIST", "GEOMETRY", "VARIANT", "NULL", "SYMBOL", "SARG"));
    for (String name : names) {
      final String expected = name.startsWith("INTERVAL_") || withoutMetabaseType.contains(name) ? "type/*"
          : null;
      final String actual = MetabaseDriverSource.baseType(name);
      if (expected != null) {
        assertEquals(expected, actual, name);
      } else {
        assertFalse(actual.equals("type/*"), name + " has a Metabase type");
      }
    }
    assertEquals("type/DateTime", MetabaseDriverSource.baseType("TIMESTAMP"));
    assertEquals("type/BigInteger", MetabaseDriverSource.baseType("BIGINT"));
    assertEquals("type/Text", MetabaseDriverSource.baseType("VARCHAR(40) NOT NULL"));
    assertEquals("type/Array", MetabaseDriverSource.baseType("TIMESTAMP ARRAY"));
    assertEquals("type/Array", MetabaseDriverSource.baseType("BOOLEAN ARRAY"));
    for (SqlTypeName type : List.of(SqlTypeName.INTEGER, SqlTypeName.DOUBLE, SqlTypeName.DATE,
        SqlTypeName.BOOLEAN, SqlTypeName.DECIMAL)) {
      assertFalse(MetabaseDriverSource.baseType(type.getName()).equals("type/*"), type.getName());
    }
  }
}
