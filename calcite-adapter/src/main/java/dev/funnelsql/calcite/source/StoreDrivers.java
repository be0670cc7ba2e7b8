package dev.funnelsql.calcite.source;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds the JDBC driver that accepts an event store's URL, also where {@link DriverManager} cannot: a host such as
 * Metabase adds the store's driver jar at run time to a class loader that {@code DriverManager} never searched, so its
 * driver is not registered. Then the driver is loaded here, through {@link ServiceLoader}, from the class loader that
 * loaded FunnelSQL and from the thread's context class loader, and used without {@code DriverManager}.
 */
public final class StoreDrivers {
  /** How many broken driver declarations are passed over before giving up (a bad services file may repeat). */
  private static final int MAX_BROKEN_PROVIDERS = 64;

  private StoreDrivers() {
  }

  /**
   * The driver for a store URL: the one {@code DriverManager} gives, or else the first one on FunnelSQL's class loaders
   * that accepts the URL.
   *
   * @param url the event store's JDBC URL
   * @return a driver that accepts the URL
   * @throws SQLException (08001) if no driver on any of those class loaders accepts it
   */
  public static Driver forUrl(String url) throws SQLException {
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException notRegistered) {
      for (ClassLoader loader : loaders()) {
        final Driver found = accepting(url, loader);
        if (found != null) {
          return found;
        }
      }
      throw new SQLException("no JDBC driver accepts the URL " + scheme(url) + "…: put the store's JDBC driver jar on "
          + "the class path (in Metabase, in the plugins folder beside funnelsql.jar)", "08001");
    }
  }

  private static List<ClassLoader> loaders() {
    final List<ClassLoader> loaders = new ArrayList<>();
    final ClassLoader own = StoreDrivers.class.getClassLoader();
    if (own != null) {
      loaders.add(own);
    }
    final ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != own) {
      loaders.add(context);
    }
    return loaders;
  }

  private static @Nullable Driver accepting(String url, ClassLoader loader) {
    final Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
    for (int failures = 0; failures < MAX_BROKEN_PROVIDERS; ) {
      try {
        if (!drivers.hasNext()) {
          return null;
        }
        final Driver driver = drivers.next();
        if (driver.acceptsURL(url)) {
          return driver;
        }
      } catch (ServiceConfigurationError | SQLException | LinkageError broken) {
        // A jar whose driver cannot be loaded or asked is not the store's driver; look at the next one.
        failures++;
      }
    }
    return null;
  }

  /** The URL up to its second colon ({@code jdbc:duckdb:}): never a host, a user or a password. */
  private static String scheme(String url) {
    final int first = url.indexOf(':');
    final int second = first < 0 ? -1 : url.indexOf(':', first + 1);
    return second < 0 ? "" : url.substring(0, second + 1);
  }
}
