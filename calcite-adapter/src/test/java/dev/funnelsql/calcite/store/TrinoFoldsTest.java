package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.StoreKind;

/**
 * Funnels and retention computed whole in Trino ({@link TrinoFolds}) give the client's answers
 * ({@link EngineFoldsParity}).
 */
class TrinoFoldsTest extends EngineFoldsParity {
  @Override StoreKind kind() {
    return StoreKind.TRINO;
  }

  @Override boolean foldsByDefault() {
    return true;
  }
}
