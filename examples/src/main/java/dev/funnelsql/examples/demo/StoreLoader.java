package dev.funnelsql.examples.demo;

import java.sql.SQLException;

/** A {@link ShopSimulation.Sink} that writes the rows into a demo store, buffering them until {@link #flush}. */
interface StoreLoader extends ShopSimulation.Sink, AutoCloseable {

  /**
   * Writes what is still buffered and commits it.
   *
   * @throws SQLException when the store refuses the rows
   */
  void flush() throws SQLException;

  @Override
  void close() throws SQLException;
}
