package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.StoreKind;

/**
 * Funnels and retention computed whole in Spark ({@link SparkFolds}) give the client's answers
 * ({@link EngineFoldsParity}).
 */
class SparkFoldsTest extends EngineFoldsParity {
  @Override StoreKind kind() {
    return StoreKind.SPARK;
  }

  @Override boolean foldsByDefault() {
    return false;
  }
}
