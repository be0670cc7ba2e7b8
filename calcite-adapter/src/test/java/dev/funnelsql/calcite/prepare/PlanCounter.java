package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.runtime.Hook;

/**
 * Counts the statements Calcite prepares on this thread (each preparation parses its text once, and a reused plan
 * parses nothing in Calcite), and opens connections with literal sharing on or off ({@code plan.literals}).
 */
final class PlanCounter implements AutoCloseable {
  private final AtomicInteger preparations = new AtomicInteger();
  private final Hook.Closeable hook =
      Hook.PARSE_TREE.addThread((Consumer<Object>) args -> preparations.incrementAndGet());

  /** The statements prepared since this counter was made. */
  int preparations() {
    return preparations.get();
  }

  @Override public void close() {
    hook.close();
  }

  /** A connection over the store; {@code shared} false plans every literal text on its own. */
  static AdapterConnection open(Store store, boolean shared) throws SQLException {
    return open(store, null, shared);
  }

  /** A connection over the store and a model (its YAML without the source line, or null). */
  static AdapterConnection open(Store store, String modelBody, boolean shared) throws SQLException {
    final AdapterConnection connection = AdapterConnections.open(store, modelBody, new Properties());
    final Properties plan = new Properties();
    plan.setProperty(PlanSettings.LITERALS, shared ? "parameters" : "text");
    PlanSettings.register(connection.connection().unwrap(CalciteConnection.class).getRootSchema()
        .unwrap(CalciteSchema.class), PlanSettings.from(plan));
    return connection;
  }
}
