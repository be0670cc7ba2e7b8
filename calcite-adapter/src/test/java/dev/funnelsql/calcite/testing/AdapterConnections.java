package dev.funnelsql.calcite.testing;

import dev.funnelsql.calcite.catalog.ModelCatalog;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelLoader;
import dev.funnelsql.calcite.prepare.FunnelPrepare;
import dev.funnelsql.calcite.segment.MembershipCache;
import dev.funnelsql.calcite.source.EventStore;
import dev.funnelsql.calcite.stepscan.StepScanSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * Opens Calcite connections that prepare with FunnelSQL's {@link FunnelPrepare} over a real event store, optionally
 * with a model's {@code funnels}, {@code segments} and {@code cohorts} schemas: the minimum of the driver module's
 * connection set-up, so the adapter is tested through SQL without the driver.
 */
public final class AdapterConnections {
  private static final AdapterDriver DRIVER = new AdapterDriver();

  private AdapterConnections() {
  }

  /** A connection over the store's tables, with the default step-scan settings. */
  public static AdapterConnection open(Store store) throws SQLException {
    return open(store, null, new Properties());
  }

  /**
   * A connection over the store and a model.
   *
   * @param modelBody the model's YAML without its {@code source:} line (the fixture adds the store's), or null
   * @param stepScan {@code funnel.*} settings, e.g. {@code funnel.sort=source}
   */
  public static AdapterConnection open(Store store, String modelBody, Properties stepScan) throws SQLException {
    final StepScanSettings settings = StepScanSettings.from(stepScan);
    final EventStore events = EventStore.open(store.url(), store.credentials(), store.schema());
    try {
      final Properties properties = new Properties();
      properties.setProperty("caseSensitive", "false");
      properties.setProperty("unquotedCasing", "UNCHANGED");
      properties.setProperty("quotedCasing", "UNCHANGED");
      final Connection calcite = DRIVER.connect(AdapterDriver.PREFIX, properties);
      final CalciteConnection connection = calcite.unwrap(CalciteConnection.class);
      final CalciteSchema root = connection.getRootSchema().unwrap(CalciteSchema.class);
      StepScanSettings.register(root, settings);
      root.removeSubSchema("metadata");
      events.addTo(connection.getRootSchema());
      connection.setSchema(events.schemaName());
      final ModelCatalog catalog = modelBody == null ? null : install(store, modelBody, connection, events);
      return new AdapterConnection(calcite, events, catalog, () -> FunnelPrepare.connectionClosed(root));
    } catch (SQLException | RuntimeException e) {
      events.close();
      throw e;
    }
  }

  private static ModelCatalog install(Store store, String modelBody, CalciteConnection connection,
      EventStore events) throws SQLException {
    final String yaml = "source: { url: \"" + store.url() + "\" }\n" + modelBody;
    try {
      final Model model = ModelLoader.parse("test.yaml", yaml, Map.of());
      final ModelCatalog catalog = ModelCatalog.of(model, connection.getRootSchema(), events.schemaName());
      catalog.install(connection.getRootSchema(), new MembershipCache(60_000L));
      catalog.validate(connection);
      return catalog;
    } catch (ModelException e) {
      connection.close();
      throw new SQLException(e.getMessage(), e.sqlState(), e);
    }
  }
}
