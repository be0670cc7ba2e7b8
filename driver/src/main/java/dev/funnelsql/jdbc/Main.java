package dev.funnelsql.jdbc;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Command line of the single FunnelSQL jar: {@code java -cp funnelsql.jar:<store's driver> dev.funnelsql.jdbc.Main
 * query <jdbc:funnelsql:…> <sql>} prints the result as tab-separated lines, for scripts and smoke tests. The
 * PostgreSQL wire protocol server is not in this jar: it is {@code pgwire/target/funnelsql-server.jar serve …}.
 */
public final class Main {
  private Main() {
  }

  /** Runs the command line; exits with 2 on bad usage and 1 on a SQL error. */
  public static void main(String[] args) {
    // A command line has no logging backend; don't let SLF4J announce that on every run.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("version"))) {
      out.println("FunnelSQL " + FunnelDriver.version());
      return;
    }
    if (args.length != 3 || !args[0].equals("query")) {
      System.err.println("usage: java -cp funnelsql.jar:<event store's JDBC driver jar> dev.funnelsql.jdbc.Main "
          + "query <jdbc:funnelsql:url=...> <sql>\n(the PostgreSQL wire protocol server is the other jar: "
          + "java -jar funnelsql-server.jar serve --help)");
      System.exit(2);
      return;
    }
    try (Connection connection = DriverManager.getConnection(args[1]);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(args[2])) {
      print(rows, out);
    } catch (SQLException e) {
      System.err.println("error [" + e.getSQLState() + "]: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void print(ResultSet rows, PrintStream out) throws SQLException {
    final ResultSetMetaData metaData = rows.getMetaData();
    final StringBuilder line = new StringBuilder();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      line.append(i > 1 ? "\t" : "").append(metaData.getColumnLabel(i));
    }
    out.println(line);
    while (rows.next()) {
      line.setLength(0);
      for (int i = 1; i <= metaData.getColumnCount(); i++) {
        line.append(i > 1 ? "\t" : "").append(rows.getString(i));
      }
      out.println(line);
    }
  }
}
