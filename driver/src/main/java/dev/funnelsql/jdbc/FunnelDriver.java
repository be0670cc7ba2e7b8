package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.prepare.ErrorMessages;
import dev.funnelsql.calcite.prepare.FunnelPrepare;
import dev.funnelsql.calcite.catalog.ModelCatalog;
import dev.funnelsql.calcite.catalog.RecentValidations;
import dev.funnelsql.calcite.function.CalendarZone;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelLoader;
import dev.funnelsql.calcite.prepare.PlanSettings;
import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.resultcache.CacheSettings;
import dev.funnelsql.calcite.segment.MembershipCache;
import dev.funnelsql.calcite.source.EventStore;
import dev.funnelsql.calcite.stepscan.StepScanSettings;
import dev.funnelsql.functions.period.LocalCalendar;
import dev.funnelsql.jdbc.catalog.CatalogColumns;
import dev.funnelsql.jdbc.catalog.CatalogTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The FunnelSQL JDBC driver: URLs {@code jdbc:funnelsql:key=value;…} connect Calcite to one event store, whose
 * tables become queryable with pushdown, and add the behavioural functions ({@code FUNNEL_STEP}, …) to its SQL.
 */
public final class FunnelDriver extends Driver {
  /** The prefix of the URLs this driver accepts. */
  public static final String PREFIX = "jdbc:funnelsql:";

  /** How long SEGMENT_OF keeps a segmentation's memberships before computing them again. */
  private static final long SEGMENT_CACHE_MILLIS = 60_000L;

  static {
    // Statements of the same shape share their generated code across connections (Calcite's Bindable cache,
    // off by default); each connection also keeps its own prepared plans (PlanCache).
    defaultProperty("calcite.bindable.cache.maxSize", "1000");
    // Text is Unicode: without these, Calcite types string literals as ISO-8859-1 and refuses 'é–' or '漢字'.
    defaultProperty("calcite.default.charset", "UTF-8");
    defaultProperty("calcite.default.nationalcharset", "UTF-8");
    defaultProperty("calcite.default.collation.name", "UTF-8$en_US");
    new FunnelDriver().register();
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Creates a driver; {@link java.sql.DriverManager} finds one through {@code META-INF/services}. */
  public FunnelDriver() {
    super();
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    final String version = version();
    final String[] parts = version.split("[.-]");
    final int major = parts.length > 0 ? parseOrZero(parts[0]) : 0;
    final int minor = parts.length > 1 ? parseOrZero(parts[1]) : 0;
    return new DriverVersion("FunnelSQL JDBC Driver", version, "FunnelSQL", version, true, major, minor, major,
        minor);
  }

  private static int parseOrZero(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The driver's version, from the build. */
  public static String version() {
    try (InputStream in = FunnelDriver.class.getResourceAsStream("/dev/funnelsql/jdbc/funnelsql.properties")) {
      final Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  @Override public Meta createMeta(AvaticaConnection connection) {
    return CalciteMetaImpl.create((CalciteConnection) connection, CatalogTables.INSTANCE, CatalogColumns.INSTANCE);
  }

  @Override public CalcitePrepare createPrepare() {
    return new FunnelPrepare();
  }

  @Override public @Nullable Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    final Properties merged = parse(url, info);
    final Secrets secrets = Secrets.of(merged);
    try {
      return open(merged, secrets);
    } catch (SQLException e) {
      throw secrets.scrub(SqlStates.classify(e));
    } catch (RuntimeException e) {
      throw secrets.scrub(SqlStates.classify(new SQLException(ErrorMessages.mostSpecific(e), e)));
    }
  }

  private static Properties parse(String url, Properties info) throws SQLException {
    final Properties merged;
    try {
      merged = ConnectStringParser.parse(url.substring(PREFIX.length()), info == null ? new Properties() : info);
    } catch (SQLException e) {
      // Avatica's message repeats the whole connect string, which may hold a password: say what is wrong instead.
      throw new SQLException("malformed jdbc:funnelsql: URL (is a quoted value not terminated?): write key=value "
          + "pairs separated by ';' and wrap a value that contains ';' in single quotes, doubling any quote inside",
          "08001");
    }
    return merged;
  }

  private Connection open(Properties merged, Secrets secrets) throws SQLException {
    final ConnectionSettings settings = ConnectionSettings.from(merged);
    final StepScanSettings stepScan = settings.stepScan();
    final CacheSettings resultCache = settings.resultCache();
    final PlanSettings plan = settings.plan();
    final @Nullable LocalCalendar zone = settings.calendar();
    final @Nullable Model loaded = loadModel(settings);
    final @Nullable Model model = zone == null || loaded == null ? loaded : loaded.withCalendar(zone);
    final Source source = Source.of(settings, model);
    secrets.addUrl(source.url()).add(source.credentials().getProperty("password"));
    final EventStore store = openStore(source);
    try {
      final Connection calcite = super.connect(PREFIX, settings.calciteProperties());
      final CalciteConnection connection = calcite.unwrap(CalciteConnection.class);
      StepScanSettings.register(connection.getRootSchema().unwrap(CalciteSchema.class), stepScan);
      final CacheScope scope = CacheIdentity.scope(merged, source, settings.model(), resultCache);
      CacheScope.register(connection.getRootSchema().unwrap(CalciteSchema.class), scope);
      PlanSettings.register(connection.getRootSchema().unwrap(CalciteSchema.class), plan);
      if (zone != null) {
        // A model registers its own calendar, which the zone has replaced.
        CalendarZone.register(connection.getRootSchema().unwrap(CalciteSchema.class), zone);
      }
      // Calcite's own "metadata" schema (its catalog as tables) is not FunnelSQL's: BI tools would sync it.
      connection.getRootSchema().unwrap(CalciteSchema.class).removeSubSchema("metadata");
      store.addTo(connection.getRootSchema());
      connection.setSchema(store.schemaName());
      @Nullable ModelCatalog health = null;
      if (model != null) {
        health = installModel(model, connection, store, calcite, scope);
      }
      final String events = settings.events();
      if (events != null && !store.hasTable(events)) {
        calcite.close();
        throw new SQLException("the events table '" + events + "' does not exist in schema '" + store.schemaName()
            + "' of the event store", SqlStates.UNDEFINED_TABLE);
      }
      final CalciteSchema root = connection.getRootSchema().unwrap(CalciteSchema.class);
      final Connection guarded = JdbcGuard.connection(calcite, store, secrets,
          store.productName() + " " + store.productVersion(), () -> FunnelPrepare.connectionClosed(root));
      if (health != null && !settings.healthTime().isZero()) {
        // Through the guarded connection, whose statements time out.
        health.logSegmentationHealth(guarded, settings.healthTime());
      }
      return guarded;
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static @Nullable Model loadModel(ConnectionSettings settings) throws SQLException {
    final @Nullable String file = settings.model();
    if (file == null) {
      return null;
    }
    try {
      return ModelLoader.load(Path.of(file), System.getenv());
    } catch (ModelException e) {
      throw new SQLException(e.getMessage(), e.sqlState());
    }
  }

  /**
   * Installs the model's schemas on the connection and validates the model.
   *
   * @return the model's catalog if this is the first connection of its identity in this JVM, whose segmentations'
   *     health is then to be logged; else null
   */
  private static @Nullable ModelCatalog installModel(Model model, CalciteConnection connection, EventStore store,
      Connection calcite, CacheScope scope) throws SQLException {
    try {
      final ModelCatalog catalog = ModelCatalog.of(model, connection.getRootSchema(), store.schemaName());
      catalog.install(connection.getRootSchema(), new MembershipCache(SEGMENT_CACHE_MILLIS));
      return RecentValidations.JVM.validate(catalog, calcite, scope.planSharingKey()) ? catalog : null;
    } catch (ModelException e) {
      calcite.close();
      throw new SQLException(e.getMessage(), e.sqlState());
    }
  }

  private static EventStore openStore(Source source) throws SQLException {
    try {
      return EventStore.open(source.url(), source.credentials(), source.schema());
    } catch (SQLException e) {
      final SQLException root = rootCause(e);
      final String state = root.getSQLState() != null ? root.getSQLState() : "08001";
      throw new SQLException("cannot connect to the event store at " + ConnectionSettings.redact(source.url())
          + ": " + root.getMessage(), state, e);
    }
  }

  /** The innermost SQLException: the store's own words, not the connection pool's wrapper. */
  private static SQLException rootCause(SQLException e) {
    SQLException root = e;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException) {
        root = (SQLException) t;
      }
    }
    return root;
  }
}
