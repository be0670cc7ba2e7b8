package dev.funnelsql.calcite.source;

import dev.funnelsql.calcite.store.StoreCapabilities;
import dev.funnelsql.calcite.store.StoreConvention;
import dev.funnelsql.calcite.store.StoreDialect;
import dev.funnelsql.calcite.store.StoreDialects;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlDialect;
import org.apache.commons.dbcp2.BasicDataSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One event store as one FunnelSQL connection reaches it through JDBC: the store's connection pool (shared with the
 * JVM's other FunnelSQL connections to the same store and credentials, {@link SharedPools}), the source connections
 * this FunnelSQL connection took from it (closed with it), its {@link StoreDialect}, and the Calcite schema that
 * exposes its tables with filter, projection and aggregate pushdown.
 */
public final class EventStore implements AutoCloseable {
  /**
   * How long what the store said about its tables is believed: its catalog answers, a connection's table lookups,
   * a model's checks and shared plans; a table created or altered in the store is seen after at most this time.
   */
  public static final long METADATA_KEPT_FOR_MILLIS = 60_000;

  private final BasicDataSource dataSource;
  private final String identity;
  private final SourceConnections connections;
  private final @Nullable String catalog;
  private final @Nullable String schema;
  private final String productName;
  private final String productVersion;
  private final StoreDialect dialect;
  private final SqlDialect sqlDialect;

  private EventStore(BasicDataSource dataSource, String identity, @Nullable String catalog, @Nullable String schema,
      String productName, String productVersion, StoreDialect dialect, SqlDialect sqlDialect) {
    this.dataSource = dataSource;
    this.identity = identity;
    this.connections = new SourceConnections(dataSource, identity);
    this.catalog = catalog;
    this.schema = schema;
    this.productName = productName;
    this.productVersion = productVersion;
    this.dialect = dialect;
    this.sqlDialect = sqlDialect;
  }

  /**
   * Opens an event store and checks that it answers.
   *
   * @param url the source's JDBC URL
   * @param credentials {@code user} and {@code password} for the source, or empty
   * @param schemaName the source schema whose tables to expose, or null for the connection's current schema
   */
  public static EventStore open(String url, Properties credentials, @Nullable String schemaName)
      throws SQLException {
    final StoreDialects dialects = StoreDialects.discover();
    final String identity = StoreMetadata.identity(url, credentials);
    final BasicDataSource dataSource = SharedPools.JVM.acquire(identity, url, credentials, dialects.forUrl(url));
    try (Connection connection = dataSource.getConnection()) {
      final DatabaseMetaData metaData = connection.getMetaData();
      final String catalog = connection.getCatalog();
      final String schema = schemaName != null ? resolveSchema(metaData, schemaName) : connection.getSchema();
      final String productName = metaData.getDatabaseProductName();
      final StoreDialect dialect = dialects.forStore(url, productName);
      return new EventStore(dataSource, identity, dialect.namesCatalog() ? emptyToNull(catalog) : null,
          emptyToNull(schema), productName, metaData.getDatabaseProductVersion(), dialect,
          dialect.sqlDialect(metaData));
    } catch (SQLException | RuntimeException e) {
      SharedPools.JVM.release(identity, dataSource);
      throw e;
    }
  }

  /** Finds the schema named {@code name}, ignoring case, so {@code public} finds H2's {@code PUBLIC}. */
  private static String resolveSchema(DatabaseMetaData metaData, String name) throws SQLException {
    try (ResultSet schemas = metaData.getSchemas()) {
      while (schemas.next()) {
        final String candidate = schemas.getString("TABLE_SCHEM");
        if (candidate != null && candidate.equalsIgnoreCase(name)) {
          return candidate;
        }
      }
    }
    throw new SQLException("the event store has no schema named '" + name + "'", "3F000");
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The name under which the store's schema appears in FunnelSQL's catalog: its own schema name. */
  public String schemaName() {
    return Objects.requireNonNullElse(schema, "source");
  }

  /** The store's product name, as its driver reports it. */
  public String productName() {
    return productName;
  }

  /** The store's product version, as its driver reports it. */
  public String productVersion() {
    return productVersion;
  }

  /** What FunnelSQL does differently for this store, chosen by its product name (or URL) when it was opened. */
  public StoreDialect dialect() {
    return dialect;
  }

  /** What the store computes itself, as its SQL dialect tells Calcite. */
  public StoreCapabilities capabilities() {
    return StoreCapabilities.of(sqlDialect);
  }

  /**
   * Adds the store's tables to a root schema under {@link #schemaName()} and returns that schema. Their queries run
   * in a {@link StoreConvention}, which hands the store's dialect to the planning steps that need it.
   */
  public SchemaPlus addTo(SchemaPlus root) {
    final String name = schemaName();
    final StoreConvention convention = new StoreConvention(dialect, sqlDialect,
        Schemas.subSchemaExpression(root, name, JdbcSchema.class), name);
    final JdbcSchema jdbcSchema =
        new JdbcSchema(TemporalParameters.wrap(StreamingResults.wrap(connections, dialect.streamingSetup())),
            sqlDialect, convention, catalog, schema) {
          private final RecentTables tables =
              new RecentTables(super.tables(), METADATA_KEPT_FOR_MILLIS, System::nanoTime);

          @Override public Lookup<Table> tables() {
            return tables;
          }
        };
    return root.add(name, jdbcSchema);
  }

  /** Returns whether the store has a table of that name, ignoring case. */
  public boolean hasTable(String table) throws SQLException {
    try (Connection connection = connections.getConnection();
        ResultSet tables = connection.getMetaData().getTables(catalog, schema, null, null)) {
      while (tables.next()) {
        if (table.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the store answers within {@code timeoutSeconds}: a pooled connection is taken and checked. */
  public boolean isValid(int timeoutSeconds) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(timeoutSeconds);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Runs {@code work} on this thread for {@code owner}, the thread of a FunnelSQL statement: what it runs at the
   * source is cancelled when that statement is ({@link #cancelRunning}), as a funnel table's membership loads are.
   */
  public static <T> T onBehalfOf(Thread owner, Callable<T> work) throws Exception {
    return SourceConnections.onBehalfOf(owner, work);
  }

  /** Cancels the statements that {@code thread} is running at the source (those of one FunnelSQL statement). */
  public void cancelRunning(Thread thread) {
    connections.cancel(thread);
  }

  /**
   * Closes every source connection a query left open (returning it to the pool), and the pool if no other FunnelSQL
   * connection uses it ({@link SharedPools}).
   */
  @Override public void close() throws SQLException {
    try {
      connections.closeAll();
    } finally {
      SharedPools.JVM.release(identity, dataSource);
    }
  }

  @Override public String toString() {
    return "EventStore{" + productName + ", schema=" + schema + "}";
  }
}
