package dev.funnelsql.jdbc.metabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.java.api.Clojure;
import clojure.lang.Keyword;
import clojure.lang.PersistentVector;
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
    for (Symbol symbol : MetabaseDriverSource.qualifiedSymbols(forms)) {
      final String qualifier = symbol.getNamespace();
      final boolean javaClass = Character.isUpperCase(qualifier.charAt(qualifier.lastIndexOf('.') + 1));
      assertTrue(javaClass || aliases.containsKey(qualifier), symbol + " uses an alias the ns form requires");
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

  private static Object method(String multi, Object dispatch) {
    MetabaseDriverSource.load();
    final Object multimethod = ((clojure.lang.IDeref) Clojure.var(MetabaseInterface.QP, multi)).deref();
    return Clojure.var("clojure.core", "get-method").invoke(multimethod, dispatch);
  }

  private static Object dispatch(String unit) {
    return PersistentVector.create(MetabaseDriverSource.keyword("funnelsql"), MetabaseDriverSource.keyword(unit));
  }

  @Test
  void everyTemporalUnitMetabaseSendsHasItsOwnMethod() {
    for (String unit : MetabaseInterface.TEMPORAL_UNITS) {
      assertNotNull(method("date", dispatch(unit)), "sql.qp/date " + unit);
      assertNotNull(MetabaseDriverSource.call(MetabaseInterface.QP, "date", MetabaseDriverSource.keyword("funnelsql"),
          MetabaseDriverSource.keyword(unit), MetabaseDriverSource.keyword("ts")), unit);
    }
    for (String unit : MetabaseInterface.UNIX_TIMESTAMP_UNITS) {
      assertNotNull(method("unix-timestamp->honeysql", dispatch(unit)), "unix-timestamp->honeysql " + unit);
    }
    for (String unit : MetabaseInterface.INTERVAL_UNITS) {
      assertNotNull(MetabaseDriverSource.call(MetabaseInterface.QP, "add-interval-honeysql-form",
          MetabaseDriverSource.keyword("funnelsql"), MetabaseDriverSource.keyword("ts"), 2L,
          MetabaseDriverSource.keyword(unit)), unit);
    }
  }

  @Test
  void everyFeatureHasAnAnswerAndEveryDeclaredFeatureExists() {
    final Keyword driver = MetabaseDriverSource.keyword("funnelsql");
    for (String feature : MetabaseInterface.FEATURES) {
      final Object supported = MetabaseDriverSource.call(MetabaseInterface.DRIVER, "database-supports?", driver,
          MetabaseDriverSource.keyword(feature), null);
      assertTrue(supported instanceof Boolean, feature);
      final String needs = MetabaseInterface.FEATURE_NEEDS.get(feature);
      if (Boolean.TRUE.equals(supported) && needs != null) {
        assertNotNull(method(needs.split(" ")[0], dispatch(needs.split(" ")[1].substring(1))), feature + " needs "
            + needs);
      }
    }
    assertEquals(false, MetabaseDriverSource.call(MetabaseInterface.DRIVER, "database-supports?", driver,
        MetabaseDriverSource.keyword("regex"), null), "no regex extraction in Calcite's SQL");
    assertEquals(false, MetabaseDriverSource.call(MetabaseInterface.DRIVER, "database-supports?", driver,
        MetabaseDriverSource.keyword("sql/window-functions.order-by-output-column-numbers"), null));
    for (String feature : List.of("left-join", "window-functions/cumulative", "window-functions/offset")) {
      assertEquals(true, MetabaseDriverSource.call(MetabaseInterface.DRIVER, "database-supports?", driver,
          MetabaseDriverSource.keyword(feature), null), feature);
    }
    // Every simple keyword the plugin declares is one Metabase knows (0.51 removed :foreign-keys, for one).
    final Object declared = Clojure.var("clojure.core", "methods").invoke(
        ((clojure.lang.IDeref) Clojure.var(MetabaseInterface.DRIVER, "database-supports?")).deref());
    for (Object key : ((Map<?, ?>) declared).keySet()) {
      if (key instanceof List<?> pair && driver.equals(pair.get(0)) && ((Keyword) pair.get(1)).getNamespace() == null
          || key instanceof List<?> qualified && driver.equals(qualified.get(0))
          && !"sql".equals(((Keyword) qualified.get(1)).getNamespace())) {
        final Keyword feature = (Keyword) ((List<?>) key).get(1);
        assertTrue(MetabaseInterface.FEATURES.contains(feature.toString().substring(1)), feature + " is a feature");
      }
    }
  }

  @Test
  void everyMethodTakesTheArgumentsMetabasePasses() {
    final Map<String, String> aliases = MetabaseDriverSource.aliases(MetabaseDriverSource.forms().get(0));
    for (Map.Entry<String, Integer> method : MetabaseDriverSource.defmethodParameterCounts(
        MetabaseDriverSource.forms()).entrySet()) {
      final Symbol multi = Symbol.intern(method.getKey().split(" ")[0]);
      final String namespace = aliases.get(multi.getNamespace());
      final MetabaseInterface.Var var = MetabaseInterface.VARS.stream()
          .filter(v -> v.namespace().equals(namespace) && v.name().equals(multi.getName())).findFirst().orElseThrow();
      assertEquals(var.arities(), List.of(method.getValue()), method.getKey());
    }
  }

  @Test
  void fractionalIntervalsBecomeExactSecondsAndMonthsMustBeWhole() {
    final String ns = MetabaseDriverSource.NAMESPACE;
    assertEquals("INTERVAL '5400' SECOND", MetabaseDriverSource.call(ns, "interval-literal", 1.5,
        MetabaseDriverSource.keyword("hour")));
    assertEquals("INTERVAL '1.5' SECOND", MetabaseDriverSource.call(ns, "interval-literal", 1500L,
        MetabaseDriverSource.keyword("millisecond")));
    assertEquals("INTERVAL '43200' SECOND", MetabaseDriverSource.call(ns, "interval-literal", -0.5,
        MetabaseDriverSource.keyword("day")));
    assertEquals("INTERVAL '0.25' SECOND", MetabaseDriverSource.call(ns, "interval-literal", 0.25,
        MetabaseDriverSource.keyword("second")));
    assertEquals("INTERVAL '365' DAY", MetabaseDriverSource.call(ns, "interval-literal", 365L,
        MetabaseDriverSource.keyword("day")));
    final Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> MetabaseDriverSource.call(ns, "interval-literal", 1.5, MetabaseDriverSource.keyword("month")));
    assertTrue(e.getMessage().contains("fractional number of months"), e.getMessage());
  }

  @Test
  void arraysReadAsJsonText() {
    final String ns = MetabaseDriverSource.NAMESPACE;
    assertEquals("[true,false,null]", MetabaseDriverSource.call(ns, "array->json",
        (Object) new Boolean[] {true, false, null}));
    assertEquals("[[1,2],[\"a\\\"b\"]]", MetabaseDriverSource.call(ns, "array->json",
        (Object) new Object[] {new Integer[] {1, 2}, new String[] {"a\"b"}}));
    assertEquals("[\"2026-01-01T10:00\"]", MetabaseDriverSource.call(ns, "array->json",
        (Object) new Object[] {java.time.LocalDateTime.of(2026, 1, 1, 10, 0)}));
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
