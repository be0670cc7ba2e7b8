package dev.funnelsql.calcite.testing;

import dev.funnelsql.calcite.prepare.FunnelPrepare;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/**
 * A Calcite driver that prepares statements with FunnelSQL's {@link FunnelPrepare}: the adapter's own stand-in for
 * the driver module's {@code FunnelDriver}, which this module cannot depend on. Never registered with
 * {@link java.sql.DriverManager}; {@link AdapterConnections} calls it directly.
 */
final class AdapterDriver extends Driver {
  static final String PREFIX = "jdbc:funnelsql-adapter-test:";

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override public CalcitePrepare createPrepare() {
    return new FunnelPrepare();
  }
}
