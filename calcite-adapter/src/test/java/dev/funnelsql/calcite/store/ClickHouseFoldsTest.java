package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.StoreKind;

/**
 * Funnels and retention computed whole in ClickHouse ({@link ClickHouseFolds}) give the client's answers
 * ({@link EngineFoldsParity}).
 */
class ClickHouseFoldsTest extends EngineFoldsParity {
  @Override StoreKind kind() {
    return StoreKind.CLICKHOUSE;
  }

  @Override boolean foldsByDefault() {
    return true;
  }
}
