package dev.funnelsql.examples.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The FunnelSQL demo: generates (or reuses) the shop event store, connects through the FunnelSQL driver and prints
 * a funnel, the funnel by acquisition source and weekly retention cohorts, each with its SQL; then writes the shipped
 * models ({@code shop.yaml}, {@code saas.yaml}) next to the store and prints their virtual tables ({@link ModelDemo}).
 *
 * <p>Run with {@code mvn -q -Pdemo -DskipTests package} from the repository root (store in
 * {@code examples/target/demo/}), or {@code java ... DemoMain [--users N] [--days D] [--seed S] [--db PATH]} (store
 * in {@code ./target/demo/} by default); progress goes to stderr, results to stdout.
 */
public final class DemoMain {

  private DemoMain() {
  }

  /**
   * Runs the demo.
   *
   * @param args {@link DemoOptions#USAGE}
   * @throws Exception when the store cannot be generated, or when a query fails (after all were tried)
   */
  public static void main(String[] args) throws Exception {
    DemoOptions options = DemoOptions.parse(args);
    new ShopDataGenerator(options).generateOrReuse();
    int failures = run(funnelSqlUrl(options), System.out);
    Path dir = options.dbBasePath().getParent();
    failures += ModelDemo.run(ModelDemo.writeModel(ModelDemo.SHOP_MODEL, dir, options.jdbcUrl()),
        ModelDemo.writeModel(ModelDemo.SAAS_MODEL, dir, options.jdbcUrl()), System.out);
    if (failures > 0) {
      throw new IllegalStateException(failures + " demo queries failed");
    }
  }

  /**
   * Returns the FunnelSQL URL over the store's database; the store's URL is quoted because URL values may hold
   * {@code ;} (H2's do), and a {@code '} inside it is doubled.
   *
   * @param options where the store is
   * @return {@code jdbc:funnelsql:url='<the store's JDBC URL>'}
   */
  public static String funnelSqlUrl(DemoOptions options) {
    return "jdbc:funnelsql:url='" + options.jdbcUrl().replace("'", "''") + "'";
  }

  /**
   * Connects to {@code url} and prints each demo query's title, SQL, result table and time; a failing query is
   * reported and the next one still runs.
   *
   * @param url a FunnelSQL URL (or any URL whose database has the shop tables and the FunnelSQL functions)
   * @param out where to print
   * @return the number of queries that failed
   * @throws SQLException when connecting fails
   */
  public static int run(String url, PrintStream out) throws SQLException {
    int failures = 0;
    out.println();
    out.println("Connecting to " + url);
    final long connecting = System.nanoTime();
    try (Connection connection = connect(url)) {
      warmUp(connection);
      out.printf(Locale.ROOT, "Connected in %.2f s (loading the driver and planning a first query, once per JVM)%n",
          (System.nanoTime() - connecting) / 1e9);
      for (DemoQueries.DemoQuery query : DemoQueries.all()) {
        out.println();
        out.println("== " + query.title());
        out.println();
        out.println(query.sql().indent(4).stripTrailing());
        out.println();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query.sql())) {
          TablePrinter.print(rs, out);
          out.printf(Locale.ROOT, "Time: %.2f s%n", (System.nanoTime() - start) / 1e9);
        } catch (SQLException | RuntimeException e) {
          failures++;
          out.flush();
          System.err.println("FAILED: " + describe(e));
        }
      }
    }
    return failures;
  }

  /**
   * Plans and runs {@code SELECT 1}, so that the one-time cost of a new JVM (loading the planner's classes, compiling
   * its first generated code) is shown as connecting rather than charged to the first card.
   */
  private static void warmUp(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
      rs.next();
    }
  }

  private static Connection connect(String url) throws SQLException {
    try {
      return DriverManager.getConnection(url);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
        throw new SQLException("Cannot connect to " + url + ": " + e.getMessage()
            + " (is the FunnelSQL driver module built and on the classpath?)", e.getSQLState(), e);
      }
      throw e;
    }
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      sb.append("\n  caused by ").append(cause);
    }
    return sb.toString();
  }
}
