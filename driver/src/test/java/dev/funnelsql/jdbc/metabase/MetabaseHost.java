package dev.funnelsql.jdbc.metabase;

import clojure.lang.DynamicClassLoader;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A stand-in for a Metabase server's class loaders, run as its own JVM by {@link MetabaseClassLoadersIT}: what
 * Metabase's {@code metabase.plugins} and {@code metabase.plugins.classloader} namespaces do with the jars in
 * {@code plugins/}, as read in Metabase's source, written in Java.
 *
 * <ol>
 *   <li>All threads share one {@code clojure.lang.DynamicClassLoader} whose parent is the launch class loader (the
 *       one that holds {@code metabase.jar} and its bundled drivers; here the JVM's class path).</li>
 *   <li>{@code DriverManager} is used before any plugin is loaded (Metabase opens its application database first).</li>
 *   <li>A jar without a plugin manifest (the store's JDBC driver) is added to the shared loader; the plugin jar is
 *       added when the plugin loads.</li>
 *   <li>The {@code register-jdbc-driver} step loads the plugin's driver class through the shared loader, registers
 *       a proxy driver whose class the launch class loader defined (so {@code DriverManager} accepts it) and
 *       deregisters the original.</li>
 *   <li>Metabase's own code, loaded by the launch class loader, asks {@code DriverManager} for a connection.</li>
 * </ol>
 *
 * <p>Arguments: the plugin jar, the store driver's jar, the {@code jdbc:funnelsql:} URL and a query. It prints which
 * jar the launch class loader's {@code AvaticaConnection} comes from (or {@code none}), then the query's rows as
 * tab-separated lines.
 */
public final class MetabaseHost {
  private MetabaseHost() {
  }

  /** Runs the arrangement; a failure leaves by an exception and a non-zero exit. */
  public static void main(String[] args) throws Exception {
    final DynamicClassLoader shared = new DynamicClassLoader(Thread.currentThread().getContextClassLoader());
    Thread.currentThread().setContextClassLoader(shared);
    Collections.list(DriverManager.getDrivers());
    shared.addURL(url(args[1]));
    shared.addURL(url(args[0]));
    final Class<?> pluginDriver = Class.forName("dev.funnelsql.jdbc.FunnelDriver", true, shared);
    DriverManager.registerDriver(new ProxyDriver((Driver) pluginDriver.getDeclaredConstructor().newInstance()));
    for (Driver registered : Collections.list(DriverManager.getDrivers())) {
      if (pluginDriver.isInstance(registered)) {
        DriverManager.deregisterDriver(registered);
      }
    }
    System.out.println("host avatica: " + hostAvatica(shared));
    try (Connection connection = DriverManager.getConnection(args[2]);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(args[3])) {
      final ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        final StringBuilder line = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          line.append(i > 1 ? "\t" : "").append(rows.getString(i));
        }
        System.out.println(line);
      }
    }
  }

  private static URL url(String jar) throws Exception {
    return Path.of(jar).toUri().toURL();
  }

  /** Where the class a plugin gets for Avatica's {@code AvaticaConnection} comes from: the host's jar, or none. */
  private static String hostAvatica(ClassLoader shared) {
    try {
      final Class<?> avatica = Class.forName("org.apache.calcite.avatica.AvaticaConnection", false, shared);
      return Path.of(avatica.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      return "none";
    }
  }

  /** Metabase's {@code proxy-driver}: a driver class of the launch class loader that hands every call on. */
  private static final class ProxyDriver implements Driver {
    private final Driver driver;

    ProxyDriver(Driver driver) {
      this.driver = driver;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      return driver.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      return driver.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return driver.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return driver.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return driver.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return driver.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return driver.getParentLogger();
    }
  }
}
