package dev.funnelsql.calcite.store;

import java.util.Map;

/**
 * How an event store's pooled connections are made read-only at the store, the second line of defence behind
 * FunnelSQL's own refusal of every write: driver connection properties, and whether to call
 * {@code Connection.setReadOnly(true)}, which some drivers enforce and some take as a mere hint.
 *
 * @param connectionProperties properties to pass to the driver when connecting
 * @param setReadOnly whether the pool calls {@code setReadOnly(true)} on each connection
 */
public record ReadOnlySetup(Map<String, String> connectionProperties, boolean setReadOnly) {
  /** Only {@code setReadOnly(true)}: the generic setup. */
  public static final ReadOnlySetup DRIVER_READ_ONLY = new ReadOnlySetup(Map.of(), true);

  /** Makes the properties an immutable copy. */
  public ReadOnlySetup {
    connectionProperties = Map.copyOf(connectionProperties);
  }
}
