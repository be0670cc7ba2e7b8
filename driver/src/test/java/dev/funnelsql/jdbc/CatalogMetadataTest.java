package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.registry.FunctionRegistry;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What DatabaseMetaData and ResultSetMetaData say about FunnelSQL, checked against what it returns, on H2, DuckDB and
 * PostgreSQL: product and version, read-only, catalogs, schemas, tables and columns (plain type names, sizes, digits,
 * nullability), the functions with remarks, and result column types that match the values' classes, arrays included.
 */
class CatalogMetadataTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final List<Event> EVENTS = List.of(new Event(1, BASE, "a"), new Event(1, BASE + 60_000, "b"),
      new Event(2, BASE + 120_000, "a"), new Event(3, BASE + 86_400_000, "b"));

  private static Connection connect(Kind kind) throws Exception {
    final String store = EventStores.create(kind, EVENTS);
    try (Connection direct = kind == Kind.POSTGRES ? DriverManager.getConnection(store, "postgres", "postgres")
        : DriverManager.getConnection(store); Statement statement = direct.createStatement()) {
      statement.execute("CREATE TABLE typed (i INTEGER NOT NULL, d DECIMAL(10, 2), v VARCHAR(40) NOT NULL, "
          + "dt DATE, bo BOOLEAN, db DOUBLE PRECISION)");
    }
    return DriverManager.getConnection(EventStores.funnelUrl(kind, store));
  }

  private static List<Map<String, Object>> rows(ResultSet result) throws Exception {
    final List<Map<String, Object>> rows = new ArrayList<>();
    try (result) {
      final ResultSetMetaData metaData = result.getMetaData();
      while (result.next()) {
        final Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
          row.put(metaData.getColumnLabel(i), result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void catalogSchemasTablesAndColumnsAreDescribedTruthfully(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final DatabaseMetaData metaData = connection.getMetaData();
      assertEquals("FunnelSQL", metaData.getDatabaseProductName());
      assertTrue(metaData.getDatabaseProductVersion().startsWith(FunnelDriver.version() + " (event store: "),
          metaData.getDatabaseProductVersion());
      assertTrue(metaData.isReadOnly());
      assertTrue(rows(metaData.getCatalogs()).isEmpty(), "no catalogs");
      final Set<Object> schemas = new LinkedHashSet<>();
      rows(metaData.getSchemas()).forEach(row -> schemas.add(row.get("TABLE_SCHEM")));
      assertEquals(Set.of(connection.getSchema()), schemas, "the store's schema only; no 'metadata'");
      final Set<Object> types = new LinkedHashSet<>();
      rows(metaData.getTableTypes()).forEach(row -> types.add(row.get("TABLE_TYPE")));
      for (Map<String, Object> table : rows(metaData.getTables(null, null, "%", null))) {
        assertEquals("TABLE", table.get("TABLE_TYPE"), table.toString());
        assertTrue(types.contains(table.get("TABLE_TYPE")));
      }
      final Map<String, Map<String, Object>> columns = new HashMap<>();
      for (Map<String, Object> column : rows(metaData.getColumns(null, null, "%", null))) {
        if (String.valueOf(column.get("TABLE_NAME")).equalsIgnoreCase("typed")) {
          columns.put(String.valueOf(column.get("COLUMN_NAME")).toLowerCase(), column);
        }
      }
      check(columns.get("i"), Types.INTEGER, "INTEGER", 10, 0, false);
      check(columns.get("d"), Types.DECIMAL, "DECIMAL", 10, 2, true);
      // DuckDB keeps no VARCHAR length: its strings are unbounded, and FunnelSQL says so.
      final int length = kind == Kind.DUCKDB ? Integer.MAX_VALUE : 40;
      check(columns.get("v"), Types.VARCHAR, "VARCHAR", length, null, false);
      check(columns.get("dt"), Types.DATE, "DATE", 10, null, true);
      check(columns.get("bo"), Types.BOOLEAN, "BOOLEAN", 1, null, true);
      check(columns.get("db"), Types.DOUBLE, "DOUBLE", 15, null, true);
      assertEquals(kind == Kind.DUCKDB ? length : 160, ((Number) columns.get("v").get("CHAR_OCTET_LENGTH")).intValue(),
          "40 characters in UTF-8");
      // TYPE_NAME and DATA_TYPE agree with the result columns of the same table.
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT * FROM typed")) {
        final ResultSetMetaData resultMeta = result.getMetaData();
        for (int i = 1; i <= resultMeta.getColumnCount(); i++) {
          final Map<String, Object> column = columns.get(resultMeta.getColumnName(i).toLowerCase());
          assertEquals(column.get("TYPE_NAME"), resultMeta.getColumnTypeName(i));
          assertEquals(((Number) column.get("DATA_TYPE")).intValue(), resultMeta.getColumnType(i));
        }
      }
    }
  }

  private static void check(Map<String, Object> column, int type, String name, Integer size, Integer digits,
      boolean nullable) {
    assertEquals(type, ((Number) column.get("DATA_TYPE")).intValue(), column.toString());
    assertEquals(name, column.get("TYPE_NAME"), column.toString());
    assertEquals(size, column.get("COLUMN_SIZE") == null ? null : ((Number) column.get("COLUMN_SIZE")).intValue(),
        column.toString());
    assertEquals(digits, column.get("DECIMAL_DIGITS") == null ? null
        : ((Number) column.get("DECIMAL_DIGITS")).intValue(), column.toString());
    assertEquals(nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        ((Number) column.get("NULLABLE")).intValue(), column.toString());
    assertEquals(nullable ? "YES" : "NO", column.get("IS_NULLABLE"), column.toString());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyFunnelSqlFunctionIsListedWithItsSignature(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final Map<Object, Object> remarks = new HashMap<>();
      for (Map<String, Object> row : rows(connection.getMetaData().getFunctions(null, null, "%"))) {
        assertNull(row.get("FUNCTION_SCHEM"));
        remarks.put(row.get("FUNCTION_NAME"), row.get("REMARKS"));
      }
      final List<String> names = new ArrayList<>();
      FunctionRegistry.entries().forEach(f -> names.add(f.operator().getName()));
      assertEquals(List.of("FUNNEL_STEP", "FUNNEL_TIMES", "WINDOW_FUNNEL", "RETENTION", "SEQUENCE_MATCH",
          "SEQUENCE_COUNT", "SEQUENCE_NEXT_NODE", "SESSIONIZE",
          "SEGMENT_OF", "PERIOD_START", "PERIODS_BETWEEN", "DATE_TRUNC", "LOCAL_TIME"), names);
      for (String name : names) {
        final String remark = String.valueOf(remarks.get(name));
        assertTrue(remark.startsWith(name + "(") && remark.contains(") -> "), name + ": " + remark);
      }
      assertTrue(remarks.containsKey("ABS"), "standard functions are listed too");
      final List<Map<String, Object>> funnel = rows(connection.getMetaData().getFunctions(null, null, "FUNNEL%"));
      assertEquals(List.of("FUNNEL_STEP", "FUNNEL_TIMES"), funnel.stream().map(r -> r.get("FUNCTION_NAME")).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void resultColumnTypesMatchTheValuesReturned(Kind kind) throws Exception {
    try (Connection connection = connect(kind); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT user_id, COUNT(*) AS n, MIN(ts) AS first_at, "
            + "MIN(event_name) AS first_name, FUNNEL_STEP(ts, 3600, event_name = 'a', event_name = 'b') AS level, "
            + "FUNNEL_TIMES(ts, 3600, event_name = 'a', event_name = 'b') AS times, "
            + "FUNNEL_TIMES(secs, 3600, event_name = 'a', event_name = 'b') AS secs_times, "
            + "RETENTION(event_name = 'a', event_name = 'b') AS kept, "
            + "SEQUENCE_MATCH('(?1)(?2)', ts, event_name = 'a', event_name = 'b') AS matched, "
            + "SEQUENCE_COUNT('(?1)', ts, event_name = 'a') AS counted, PERIOD_START(MIN(ts), 'week') AS wk, "
            + "DATE_TRUNC('month', MIN(ts)) AS mon, AVG(CAST(secs AS DOUBLE)) AS mean "
            + "FROM events GROUP BY user_id ORDER BY user_id")) {
      final ResultSetMetaData metaData = result.getMetaData();
      final Map<Integer, Class<?>> classes = Map.of(Types.BIGINT, Long.class, Types.INTEGER, Integer.class,
          Types.TIMESTAMP, java.sql.Timestamp.class, Types.VARCHAR, String.class, Types.BOOLEAN, Boolean.class,
          Types.DOUBLE, Double.class, Types.ARRAY, Array.class);
      final Map<String, Class<?>> elements = Map.of("TIMESTAMP ARRAY", java.sql.Timestamp.class, "BIGINT ARRAY",
          Long.class, "BOOLEAN ARRAY", Boolean.class);
      int rowCount = 0;
      while (result.next()) {
        rowCount++;
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
          final Object value = result.getObject(i);
          final String typeName = metaData.getColumnTypeName(i);
          assertFalse(typeName.contains("(") || typeName.contains("NOT NULL"), typeName);
          final Class<?> expected = classes.get(metaData.getColumnType(i));
          assertTrue(value == null || expected.isInstance(value), metaData.getColumnLabel(i) + ": " + typeName
              + " gave " + (value == null ? null : value.getClass()));
          if (value instanceof Array) {
            assertTrue(elements.containsKey(typeName), typeName);
            for (Object element : (Object[]) ((Array) value).getArray()) {
              assertTrue(element == null || elements.get(typeName).isInstance(element), typeName + " " + element);
            }
          }
          if (value != null && !(value instanceof Array)) {
            assertEquals(result.getString(i), result.getObject(i, String.class));
            assertTrue(Class.forName(metaData.getColumnClassName(i)).isInstance(value), typeName);
          }
        }
        final LocalDateTime first = result.getObject("first_at", LocalDateTime.class);
        assertEquals(result.getTimestamp("first_at").toLocalDateTime(), first);
        assertEquals(first.atOffset(ZoneOffset.UTC), result.getObject("first_at", OffsetDateTime.class));
        assertEquals(first.toInstant(ZoneOffset.UTC), result.getObject("first_at", Instant.class));
        assertEquals(result.getLong("n"), result.getObject("n", Long.class));
        assertEquals(result.getInt("level"), (int) result.getObject("level", Integer.class));
      }
      assertEquals(3, rowCount);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void javaTimeParametersAndSemicolonsAreAccepted(Kind kind) throws Exception {
    final LocalDateTime cut = LocalDateTime.ofInstant(Instant.ofEpochMilli(BASE + 90_000), ZoneOffset.UTC);
    final long expected = EVENTS.stream().filter(e -> e.epochMillis() >= BASE + 90_000).count();
    try (Connection connection = connect(kind)) {
      for (Object parameter : new Object[] {cut, cut.atOffset(ZoneOffset.UTC).withOffsetSameInstant(
          ZoneOffset.ofHours(2)), cut.toInstant(ZoneOffset.UTC), java.sql.Timestamp.valueOf(cut)}) {
        if (kind == Kind.DUCKDB) {
          continue; // DuckDB's driver does not report parameter types (see MetabaseReplayTest and the README)
        }
        try (PreparedStatement statement = connection.prepareStatement("-- remark\nSELECT COUNT(*) FROM events "
            + "WHERE ts >= ? ;  ", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
          statement.setObject(1, parameter);
          try (ResultSet result = statement.executeQuery()) {
            assertTrue(result.next());
            assertEquals(expected, result.getLong(1), parameter.getClass().getSimpleName());
          }
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM events;\n")) {
        assertTrue(result.next());
        assertEquals(EVENTS.size(), result.getLong(1));
        assertSame(connection, statement.getConnection());
      }
    }
  }
}
