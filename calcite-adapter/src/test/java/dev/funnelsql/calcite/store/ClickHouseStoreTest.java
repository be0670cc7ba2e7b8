package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.StoreKind;

/**
 * FunnelSQL over ClickHouse (26, embedded as chDB behind ClickHouse's HTTP interface, reached with ClickHouse's own
 * JDBC driver) gives DuckDB's answers ({@link EngineStoreParity}).
 */
class ClickHouseStoreTest extends EngineStoreParity {
  @Override StoreKind kind() {
    return StoreKind.CLICKHOUSE;
  }
}
